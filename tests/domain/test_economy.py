"""Economy arithmetic: derived deviations, varav rows, totals, gross changes, volume tables."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from styrkort.domain.document import (
    BudgetRow,
    Economy,
    GrossChangeRow,
    InvestmentProject,
    InvestmentRow,
    OperatingSummaryRow,
    VolumeRow,
    VolumeTable,
)
from styrkort.domain.economy import (
    calculate_deviation,
    calculate_operating_deviation,
    check_gross_changes,
    check_investments,
    check_operating_budget,
    check_operating_summary,
    check_transfer_labels,
    check_volume_tables,
)

D = Decimal

# Figures in mnkr with one decimal, as printed.
tenths = st.integers(min_value=-50_000, max_value=50_000).map(lambda n: D(n) / 10)
positive_tenths = st.integers(min_value=0, max_value=50_000).map(lambda n: D(n) / 10)


def rules_of(findings):
    return [(finding.rule, finding.where) for finding in findings]


@pytest.mark.parametrize(
    ("budget", "forecast", "changes", "expected"),
    [
        (D("437.6"), D("408.4"), (None, D("-29.2")), D("0")),
        (D("801.3"), D("808.3"), (None, None), D("-7")),
        (D("3.0"), D("3.9"), (D("0.9"),), D("0")),
        (None, D("1"), (), None),
        (D("1"), None, (), None),
    ],
)
def test_it_calculates_the_deviation_as_budget_plus_changes_minus_forecast(
    budget, forecast, changes, expected
):
    assert calculate_deviation(budget, forecast, *changes) == expected


def area(name, budget, forecast, deviation, volume=None, before=None, children=()):
    return BudgetRow(
        name,
        budget=budget,
        volume_changes=volume,
        forecast_before_transfers=before if before is not None else forecast,
        forecast_after_transfers=forecast,
        deviation=deviation,
        children=children,
    )


def operating(rows, total):
    return Economy(operating_budget=tuple(rows), operating_total=total)


@pytest.mark.parametrize(
    ("rows", "total", "expected"),
    [
        # Consistent: no finding.
        (
            [area("A", D("437.6"), D("408.4"), D("0"), volume=D("-29.2"), before=D("409.4")), area("B", D("10"), D("12"), D("-2"))],
            area("Totalt", D("447.6"), D("420.4"), D("-2"), volume=D("-29.2"), before=D("421.4")),
            [],
        ),
        # A row's deviation that is not budget − forecast.
        (
            [area("A", D("10"), D("9"), D("2"))],
            area("Totalt", D("10"), D("9"), D("2")),
            [("operating_deviation", "Driftbudget per verksamhetsområde › A › Avvikelse"),
             ("operating_deviation", "Driftbudget per verksamhetsområde › Totalt › Avvikelse"),
             ],
        ),
        # A total that is not the sum of the rows.
        (
            [area("A", D("10"), D("10"), D("0")), area("B", D("5"), D("5"), D("0"))],
            area("Totalt", D("16"), D("15"), D("1")),
            [("operating_total", "Driftbudget per verksamhetsområde › Totalt › Budget"),
             ("operating_total", "Driftbudget per verksamhetsområde › Totalt › Avvikelse")],
        ),
        # Varav rows exceeding their parent.
        (
            [area("IFO", D("10"), D("10"), D("0"), children=(area("varav x", D("6"), D("6"), D("0")), area("varav y", D("5"), D("4"), D("1"))))],
            None,
            [
                ("operating_part_rows", "Driftbudget per verksamhetsområde › IFO › Budget"),
            ],
        ),
        # Varav rows with mixed signs are a net breakdown and not compared.
        (
            [area("IFO", D("365.7"), D("352.7"), D("13"), children=(area("varav a", D("365.7"), D("365.7"), D("0")), area("varav b", D("0"), D("-13"), D("13"))))],
            None,
            [],
        ),
    ],
)  # fmt: skip
def test_it_checks_the_operating_budget(rows, total, expected):
    assert rules_of(check_operating_budget(operating(rows, total))) == expected


@st.composite
def operating_tables(draw):
    """Rows with any figures; deviations and the total computed so that everything adds up."""
    count = draw(st.integers(min_value=1, max_value=8))
    rows = []
    for index in range(count):
        budget, forecast, volume = draw(positive_tenths), draw(positive_tenths), draw(tenths)
        rows.append(area(f"Område {index}", budget, forecast, budget + volume - forecast, volume=volume))
    total = area(
        "Totalt",
        sum((row.budget for row in rows), D(0)),
        sum((row.forecast_after_transfers for row in rows), D(0)),
        sum((row.deviation for row in rows), D(0)),
        volume=sum((row.volume_changes for row in rows), D(0)),
    )
    return rows, total


@given(operating_tables())
def test_a_table_that_adds_up_has_no_finding(table):
    rows, total = table
    assert check_operating_budget(operating(rows, total)) == []


@given(operating_tables(), st.data(), st.integers(min_value=1, max_value=999).map(lambda n: D(n) / 10))
def test_changing_one_budget_cell_gives_exactly_the_right_findings(table, data, delta):
    rows, total = table
    index = data.draw(st.integers(min_value=0, max_value=len(rows) - 1))
    changed = list(rows)
    row = rows[index]
    changed[index] = BudgetRow(
        row.area, budget=row.budget + delta, volume_changes=row.volume_changes,
        forecast_before_transfers=row.forecast_before_transfers,
        forecast_after_transfers=row.forecast_after_transfers, deviation=row.deviation,
    )  # fmt: skip
    findings = check_operating_budget(operating(changed, total))
    assert rules_of(findings) == [
        ("operating_deviation", f"Driftbudget per verksamhetsområde › {row.area} › Avvikelse"),
        ("operating_total", "Driftbudget per verksamhetsområde › Totalt › Budget"),
    ]
    assert findings[1].expected - findings[1].found == delta


@st.composite
def gross_change_tables(draw):
    amounts = draw(
        st.lists(st.integers(min_value=0, max_value=10_000).map(lambda n: D(n) / 10), min_size=1, max_size=10)
    )
    rows = tuple(
        GrossChangeRow(f"Område {i}", costs=amount, revenues=-amount) for i, amount in enumerate(amounts)
    )
    total = GrossChangeRow("Summa", costs=sum(amounts, D(0)), revenues=-sum(amounts, D(0)))
    return rows, total


@given(gross_change_tables())
def test_gross_changes_that_cancel_and_add_up_have_no_finding(table):
    rows, total = table
    assert check_gross_changes(Economy(gross_changes=rows, gross_changes_total=total)) == []


@given(gross_change_tables(), st.data(), st.integers(min_value=1, max_value=99).map(lambda n: D(n) / 10))
def test_changing_one_cost_gives_an_imbalance_and_a_wrong_total(table, data, delta):
    rows, total = table
    index = data.draw(st.integers(min_value=0, max_value=len(rows) - 1))
    changed = list(rows)
    changed[index] = GrossChangeRow(
        rows[index].area, costs=rows[index].costs + delta, revenues=rows[index].revenues
    )
    findings = check_gross_changes(Economy(gross_changes=tuple(changed), gross_changes_total=total))
    assert rules_of(findings) == [
        ("gross_change_balance", f"Omslutningsförändringar › {rows[index].area}"),
        ("gross_change_total", "Omslutningsförändringar › Totalt › Kostnader"),
    ]
    assert findings[1].expected == total.costs + delta


def test_varav_gross_changes_must_fit_in_their_parent():
    parent = GrossChangeRow(
        "IFO", costs=D("6.8"), revenues=D("-6.8"),
        children=(GrossChangeRow("varav BoU", D("4.6"), D("-4.6")), GrossChangeRow("varav Vuxen", D("2.5"), D("-2.5"))),
    )  # fmt: skip
    findings = check_gross_changes(Economy(gross_changes=(parent,)))
    assert [(f.rule, f.expected, f.found) for f in findings] == [
        ("gross_change_part_rows", D("6.8"), D("7.1")),
        ("gross_change_part_rows", D("-6.8"), D("-7.1")),
    ]


@pytest.mark.parametrize(
    ("row", "total", "expected"),
    [
        (InvestmentRow("Trygghet", D("3.0"), D("0.9"), D("3.9"), D("0")), InvestmentRow("Totalt", D("3"), D("0.9"), D("3.9"), D("0")), []),
        (InvestmentRow("Trygghet", D("3.0"), D("0.9"), D("3.0"), D("0")), None, ["investment_deviation"]),
        (InvestmentRow("Park", D("7.5"), None, D("7.5"), D("0")), InvestmentRow("Totalt", D("7.4"), None, D("7.5"), D("0")), ["investment_deviation", "investment_total"]),
        (InvestmentRow("Park", D("7.5"), None, D("7.5"), D("0"), projects=(InvestmentProject("a", D("4")), InvestmentProject("b", D("3.5")))), None, []),
        (InvestmentRow("Park", D("7.5"), None, D("7.5"), D("0"), projects=(InvestmentProject("a", D("4")), InvestmentProject("b", D("2.5")))), None, ["investment_projects"]),
        (InvestmentRow("Park", D("7.5"), None, D("7.5"), D("0"), projects=(InvestmentProject("a", D("4")), InvestmentProject("b"))), None, []),
    ],
)  # fmt: skip
def test_it_checks_investments(row, total, expected):
    findings = check_investments(Economy(investments=(row,), investments_total=total))
    assert [finding.rule for finding in findings] == expected


def summary(*rows):
    return Economy(
        operating_summary=tuple(OperatingSummaryRow(label, kind, *figures) for label, kind, figures in rows)
    )


@pytest.mark.parametrize(
    ("economy", "expected"),
    [
        (summary(("Netto", "net", (D("2471.8"), D("0"), D("-21.3"), D("2450.5"), D("0"))),
                 ("Kostnader", "costs", (D("2779"), None, D("3.6"), D("2782.6"), D("0"))),
                 ("Intäkter", "revenues", (D("-307.2"), None, D("-24.9"), D("-332.1"), D("0")))), []),
        (summary(("Netto", "net", (D("2471.8"), D("0"), D("-21.3"), D("2450.5"), D("0"))),
                 ("Kostnader", "costs", (D("2779"), None, D("3.4"), D("2782.6"), D("0"))),
                 ("Intäkter", "revenues", (D("-307.2"), None, D("-24.9"), D("-332.1"), D("0")))), ["operating_summary_net"]),
        (summary(("Före", "before_transfers", (None, None, None, None, D("0"))),
                 ("Från 2025", "transfers_in", (None, None, None, None, D("37"))),
                 ("Till 2027", "transfers_out", (None, None, None, None, D("-37"))),
                 ("Efter", "after_transfers", (None, None, None, None, D("0")))), []),
        (summary(("Före", "before_transfers", (None, None, None, None, D("0"))),
                 ("Från 2025", "transfers_in", (None, None, None, None, D("37"))),
                 ("Efter", "after_transfers", (None, None, None, None, D("0")))), ["operating_summary_transfers"]),
    ],
)  # fmt: skip
def test_it_checks_the_operating_summary(economy, expected):
    assert [finding.rule for finding in check_operating_summary(economy)] == expected


def test_the_summary_net_row_must_match_the_areas_total():
    economy = Economy(
        operating_summary=(OperatingSummaryRow("Netto", "net", budget=D("2471.8"), forecast=D("2450.5")),),
        operating_total=area("Totalt", D("2471.8"), D("2450.0"), D("0")),
    )
    findings = check_operating_summary(economy)
    assert [(f.rule, f.expected, f.found) for f in findings] == [
        ("operating_summary_total", D("2450.0"), D("2450.5"))
    ]


@pytest.mark.parametrize(
    ("label", "kind", "count"),
    [
        ("Resultatenheternas överskott från 2025 (+)", "transfers_in", 0),
        ("Resultatenheternas överskott från 20245(+)", "transfers_in", 1),
        ("Resultatenheternas överskott till 2027 (-)", "transfers_out", 0),
        ("Resultatenheternas överskott till 2026 (-)", "transfers_out", 1),
        ("Resultatenheternas överskott", "transfers_out", 0),
    ],
)
def test_transfer_lines_name_last_and_next_year(label, kind, count):
    economy = Economy(operating_summary=(OperatingSummaryRow(label, kind, deviation=D(1)),))
    assert len(check_transfer_labels(economy, 2026)) == count


@pytest.mark.parametrize(
    ("totals", "expected"),
    [
        ((D(2240), D(2138)), []),
        ((D(2240), D(2139)), [("warning", "Volymer: Förskola › Totalt › Utfall", D(2138), D(2139))]),
    ],
)
def test_a_volume_total_that_differs_from_its_rows_is_a_warning(totals, expected):
    table = VolumeTable(
        "Förskola",
        ("Planering", "Utfall"),
        (
            VolumeRow("1-3 år", (D(772), D(747))),
            VolumeRow("4-5 år", (D(1468), D(1391))),
            VolumeRow("Totalt", totals, total=True),
        ),
    )
    findings = check_volume_tables(Economy(volumes=(table,)))
    assert [(f.severity, f.where, f.expected, f.found) for f in findings] == expected


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        (D("-1"), D("0"), []),
        (D("0"), D("0"), [("Driftbudget, sammanställning › Före › Avvikelse", D("-1"), D("0"))]),
        (D("-1"), D("1"), [("Driftbudget, sammanställning › Efter › Avvikelse", D("0"), D("1"))]),
    ],
)
def test_the_summary_deviations_before_and_after_transfers_match_the_areas(before, after, expected):
    economy = Economy(
        operating_summary=(
            OperatingSummaryRow("Före", "before_transfers", deviation=before),
            OperatingSummaryRow("Efter", "after_transfers", deviation=after),
        ),
        operating_total=area("Totalt", D("437.6"), D("408.4"), D("0"), volume=D("-29.2"), before=D("409.4")),
    )
    findings = [f for f in check_operating_summary(economy) if f.rule == "operating_summary_total"]
    assert [(f.where, f.expected, f.found) for f in findings] == expected


@given(tenths, tenths, tenths, tenths, st.none() | tenths)
def test_an_operating_deviation_is_taken_after_transfers_else_before(budget, adjust, volume, before, after):
    expected = calculate_deviation(budget, after if after is not None else before, adjust, volume)
    assert calculate_operating_deviation(budget, adjust, volume, before, after) == expected


def test_economy_findings_name_their_table_as_a_part():
    rows = (BudgetRow("A", budget=D("10"), forecast_after_transfers=D("9"), deviation=D("5")),)
    economy = Economy(operating_budget=rows)
    assert {finding.part for finding in check_operating_budget(economy)} == {"operating_budget"}
