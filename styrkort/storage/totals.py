"""The total rows of the economy tables, kept as the sums of their top-level rows.

A save that changes rows of a table (the economy page, an Excel import, the finance system's
outcome) sets the table's printed total row to the sum of its top-level rows ("varav" rows are
parts of their parent, never added twice), as stored at that moment: the rows are read under a
row lock, so another save cannot slip in between. A column none of whose rows has a figure sums
to missing, never 0.
"""

from __future__ import annotations

from typing import Any

from styrkort.domain.economy import add_figures
from styrkort.economy import models as em
from styrkort.followup.models import Report
from styrkort.storage.edits import Edit, save_edits
from styrkort.storage.load import stored_figure

TOTALS: dict[type, tuple[str, ...]] = {
    em.OperatingBudgetRow: (
        "budget",
        "requested_adjustments",
        "volume_changes",
        "forecast_before_transfers",
        "forecast_after_transfers",
        "deviation",
        "outcome",
    ),
    em.ResultUnit: ("gross_budget", "carried_in", "result", "carried_out"),
    em.InvestmentRow: ("budget", "requested_adjustments", "forecast", "deviation"),
    em.GrossChangeRow: ("costs", "revenues"),
}


def is_top(row: Any) -> bool:
    """Whether a row counts towards its table's total (not a "varav" row)."""
    if isinstance(row, em.OperatingBudgetRow):
        return row.area is not None and row.area.parent_id is None
    return getattr(row, "parent_id", None) is None


def store_totals(report: Report, saved: list[Any]) -> list[Any]:
    """Set the total row of each table ``saved`` touched to the sum of its top-level rows; the
    total rows written."""
    edits = []
    for model in {type(row) for row in saved} & set(TOTALS):
        columns = TOTALS[model]
        rows = model._default_manager.select_for_update(of=("self",)).filter(report=report)
        if model is em.OperatingBudgetRow:
            rows = rows.select_related("area")
        rows = list(rows)
        total = next((row for row in rows if row.is_total), None)
        if total is None:
            continue
        top = [row for row in rows if not row.is_total and is_top(row)]
        sums = {column: add_figures(stored_figure(getattr(row, column)) for row in top) for column in columns}
        edits.append(Edit(total, {column: getattr(total, column) for column in columns}, sums))
    return save_edits(edits)
