"""The operating summary derived from the per-area table: sums hold, a missing figure stays None."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from styrkort.domain.document import BudgetRow, Economy, OperatingSummaryRow
from styrkort.domain.economy import check_operating_summary
from styrkort.domain.economy_summary import derive_operating_summary

figures = st.one_of(
    st.none(),
    st.decimals(min_value=-99999, max_value=99999, places=1, allow_nan=False, allow_infinity=False),
)


def summary_rows(revenues=(None,) * 5, transfers_in=None, transfers_out=None):
    kinds = (
        "net",
        "costs",
        "revenues",
        "before_transfers",
        "transfers_in",
        "transfers_out",
        "after_transfers",
    )
    rows = []
    for kind in kinds:
        row = OperatingSummaryRow(kind.replace("_", " "), kind)
        if kind == "revenues":
            row = OperatingSummaryRow("Intäkter (-)", kind, *revenues)
        elif kind == "transfers_in":
            row = OperatingSummaryRow("In", kind, deviation=transfers_in)
        elif kind == "transfers_out":
            row = OperatingSummaryRow("Ut", kind, deviation=transfers_out)
        rows.append(row)
    return tuple(rows)


@given(
    budget=figures,
    requested=figures,
    volume=figures,
    before=figures,
    revenues=st.tuples(figures, figures, figures, figures, figures),
    transfers_in=figures,
    transfers_out=figures,
)
def test_the_derived_summary_adds_up_and_keeps_missing_figures_missing(
    budget, requested, volume, before, revenues, transfers_in, transfers_out
):
    total = BudgetRow("Totalt", budget, requested, volume, before, None, None)
    derived = {
        row.kind: row
        for row in derive_operating_summary(summary_rows(revenues, transfers_in, transfers_out), total)
    }
    net, costs = derived["net"], derived["costs"]
    assert (net.budget, net.requested_adjustments, net.changes, net.forecast) == (
        budget,
        requested,
        volume,
        before,
    )
    if budget is None or before is None:
        assert net.deviation is None
        assert derived["after_transfers"].deviation is None
    else:
        expected = budget + (requested or 0) + (volume or 0) - before
        assert net.deviation == expected
        assert isinstance(net.deviation, Decimal)
        assert derived["before_transfers"].deviation == expected
        assert derived["after_transfers"].deviation == expected + (transfers_in or 0) + (transfers_out or 0)
    for column, revenue in zip(
        ("budget", "requested_adjustments", "changes", "forecast"), revenues, strict=False
    ):
        whole = getattr(net, column)
        if whole is None:
            assert getattr(costs, column) is None
        else:
            assert getattr(costs, column) + (revenue or 0) == whole
    assert derived["revenues"].budget == revenues[0]  # typed rows are kept as typed
    economy = Economy(
        operating_summary=tuple(derived.values()),
        operating_total=BudgetRow("Totalt", budget, requested, volume, before, before),
    )
    rules = {finding.rule for finding in check_operating_summary(economy)}
    assert "operating_summary_total" not in rules
    assert "operating_summary_transfers" not in rules


def test_without_a_total_the_rows_are_left_as_they_are():
    rows = summary_rows()
    assert derive_operating_summary(rows, None) == rows


def test_the_example_reports_summary_is_what_the_table_gives():
    total = BudgetRow(
        "Totalt", Decimal("2471.8"), None, Decimal("-21.3"), Decimal("2450.5"), Decimal("2450.5")
    )
    rows = summary_rows(
        (Decimal("-307.2"), None, Decimal("-24.9"), Decimal("-332.1"), Decimal("0.0")),
        Decimal("37.0"),
        Decimal("-37.0"),
    )
    derived = {row.kind: row for row in derive_operating_summary(rows, total)}
    costs = derived["costs"]
    assert (costs.budget, costs.changes, costs.forecast) == (
        Decimal("2779.0"),
        Decimal("3.6"),
        Decimal("2782.6"),
    )
    assert derived["after_transfers"].deviation == Decimal("0.0")
