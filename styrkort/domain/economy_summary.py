"""The operating summary ("Sammanställning"), derived from the table per activity area.

Only the rows the per-area table does not hold are typed: the revenues (the costs are the net
less the revenues) and the result units' transfers in and out. Everything else follows:

- net: the areas' total before result transfers (budget, requested adjustments, volume changes
  as "Prestations- och omslutningsförändringar" — gross changes cancel out in the net — the
  forecast before transfers, and the deviation computed from them);
- costs = net − revenues, column by column (a revenue cell that is empty takes nothing away);
- before transfers: the net's deviation; after transfers: before + transfers in + transfers out.

Figures are Decimals as typed; a column the table has no figure for stays None, never 0.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal
from typing import Any

from styrkort.domain.document import BudgetRow, OperatingSummaryRow
from styrkort.domain.economy import add_figures, calculate_deviation

COLUMNS = ("budget", "requested_adjustments", "changes", "forecast", "deviation")
TYPED_KINDS = ("revenues", "transfers_in", "transfers_out")
DERIVED_KINDS = ("net", "costs", "before_transfers", "after_transfers")


def _less(whole: Decimal | None, part: Decimal | None) -> Decimal | None:
    if whole is None:
        return None
    return whole - part if part is not None else whole


def derive_operating_summary(
    rows: Sequence[OperatingSummaryRow], total: BudgetRow | None
) -> tuple[OperatingSummaryRow, ...]:
    """The summary's rows, in their order, with the derived rows computed from ``total`` (the per-area
    table's total) and the typed rows as they are. Without a total the rows are returned unchanged."""
    if total is None:
        return tuple(rows)
    net = {
        "budget": total.budget,
        "requested_adjustments": total.requested_adjustments,
        "changes": total.volume_changes,
        "forecast": total.forecast_before_transfers,
        "deviation": calculate_deviation(
            total.budget, total.forecast_before_transfers, total.requested_adjustments, total.volume_changes
        ),
    }
    by_kind: dict[str, Any] = {row.kind: row for row in rows}
    revenues = by_kind.get("revenues")
    costs = {
        column: _less(net[column], getattr(revenues, column) if revenues else None) for column in COLUMNS
    }
    transfers = [getattr(by_kind.get(kind), "deviation", None) for kind in ("transfers_in", "transfers_out")]
    before = net["deviation"]
    after = None if before is None else add_figures([before, *transfers])
    derived: dict[str, dict[str, Decimal | None]] = {
        "net": net,
        "costs": costs,
        "before_transfers": _blank() | {"deviation": before},
        "after_transfers": _blank() | {"deviation": after},
    }
    return tuple(
        replace(row, **derived[row.kind]) if row.kind in derived else row  # type: ignore[arg-type]
        for row in rows
    )


def _blank() -> dict[str, Decimal | None]:
    return dict.fromkeys(COLUMNS)
