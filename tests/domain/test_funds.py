"""Result units' fund rules: arithmetic with printed signs, the 5 % and 10 % caps, sums."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from styrkort.domain.document import Economy, OperatingSummaryRow, ResultUnit, ResultUnitGroup
from styrkort.domain.funds import (
    FundRules,
    calculate_cap,
    calculate_capped_fund,
    calculate_carried_out,
    cap_on_fund,
    cap_on_withdrawal,
    check_result_units,
    check_transfers_against_units,
)

D = Decimal


def test_the_capped_amount_is_rounded_down_to_whole_tkr():
    assert calculate_cap(D("79774.0"), D("0.10")) == D("7977")
    unit = ResultUnit("301 Område 1", gross_budget=D("79774"), carried_in=D("-8192"), result=D("0"))
    assert calculate_capped_fund(unit) == D("7977")


@pytest.mark.parametrize(
    ("carried_in", "result", "carried_out"),
    [(D("-8192"), D("215"), D("7977")), (D("-8165"), D("-100"), D("8265")), (D("0"), D("-1040"), D("1040"))],
)
def test_carried_out_is_the_fund_minus_the_withdrawal_in_printed_signs(carried_in, result, carried_out):
    assert calculate_carried_out(carried_in, result) == carried_out


@pytest.mark.parametrize(
    ("unit", "rules"),
    [
        (ResultUnit("ok", gross_budget=D("79774"), carried_in=D("-8192"), result=D("215"), carried_out=D("7977")), []),
        (ResultUnit("sum", gross_budget=D("79774"), carried_in=D("-8192"), result=D("215"), carried_out=D("7900")), ["fund_carried_out"]),
        (ResultUnit("5 %", gross_budget=D("10000"), carried_in=D("-900"), result=D("501"), carried_out=D("399")), ["fund_withdrawal_cap"]),
        (ResultUnit("10 %", gross_budget=D("10000"), carried_in=D("-900"), result=D("-200"), carried_out=D("1100")), ["fund_size_cap"]),
        (ResultUnit("deficit", gross_budget=D("10000"), carried_in=D("100"), result=D("50"), carried_out=D("-150")), []),
        (ResultUnit("empty", gross_budget=D("85684"), carried_in=D("0"), result=D("0"), carried_out=D("0")), []),
        (ResultUnit("no budget", carried_in=D("-900"), result=D("-200"), carried_out=D("1100")), []),
    ],
)  # fmt: skip
def test_it_checks_each_unit(unit, rules):
    assert [finding.rule for finding in check_result_units(Economy(result_units=(unit,)))] == rules


def test_the_percentages_are_configuration():
    unit = ResultUnit(
        "u", gross_budget=D("10000"), carried_in=D("-900"), result=D("-200"), carried_out=D("1100")
    )
    generous = FundRules(max_withdrawal_share=D("0.10"), max_fund_share=D("0.15"))
    assert check_result_units(Economy(result_units=(unit,)), generous) == []


def test_the_capped_finding_names_the_amount_allowed():
    unit = ResultUnit(
        "u", gross_budget=D("79774"), carried_in=D("-8192"), result=D("0"), carried_out=D("8192")
    )
    (finding,) = check_result_units(Economy(result_units=(unit,)))
    assert (finding.expected, finding.found) == (D("7977"), D("8192"))
    assert "7\u202f977,0" in finding.message


units = st.lists(
    st.tuples(st.integers(10_000, 200_000), st.integers(-900, 0), st.integers(-99, 400)),
    min_size=1,
    max_size=8,
)


def build_units(figures):
    return tuple(
        ResultUnit(f"{index}", "Förskolor", D(budget), D(carried_in), D(result), calculate_carried_out(D(carried_in), D(result)))
        for index, (budget, carried_in, result) in enumerate(figures)
    )  # fmt: skip


def total_of(items, name="Summa"):
    return ResultUnit(
        name, "", None,
        sum((unit.carried_in for unit in items), D(0)),
        sum((unit.result for unit in items), D(0)),
        sum((unit.carried_out for unit in items), D(0)),
    )  # fmt: skip


@given(units)
def test_units_within_the_rules_that_add_up_have_no_finding(figures):
    items = build_units(figures)
    assert check_result_units(Economy(result_units=items, result_units_total=total_of(items))) == []


@given(units, st.data(), st.integers(1, 1000))
def test_changing_one_result_breaks_that_unit_and_the_total(figures, data, delta):
    items = build_units(figures)
    total = total_of(items)
    index = data.draw(st.integers(0, len(items) - 1))
    changed = list(items)
    unit = items[index]
    changed[index] = ResultUnit(
        unit.name, unit.group, unit.gross_budget, unit.carried_in, unit.result + delta, unit.carried_out
    )
    findings = check_result_units(Economy(result_units=tuple(changed), result_units_total=total))
    rules = [finding.rule for finding in findings]
    assert rules.count("fund_carried_out") == 1
    assert [(f.rule, f.where) for f in findings if f.rule == "fund_total"] == [
        ("fund_total", "Resultatenheter › Summa › Resultat")
    ]
    assert set(rules) <= {"fund_carried_out", "fund_total", "fund_withdrawal_cap"}


def test_a_group_row_printing_figures_must_equal_its_units():
    items = build_units([(79774, -8192, 215), (67097, -6881, 195)])
    groups = (ResultUnitGroup("Förskolor", D(0), D(0), D(0), D(0)),)
    findings = check_result_units(Economy(result_unit_groups=groups, result_units=items))
    assert [(f.rule, f.expected) for f in findings] == [
        ("fund_group_sum", D(146871)),
        ("fund_group_sum", D(-15073)),
        ("fund_group_sum", D(410)),
        ("fund_group_sum", D(14663)),
    ]
    silent = (ResultUnitGroup("Förskolor"),)
    assert check_result_units(Economy(result_unit_groups=silent, result_units=items)) == []


@pytest.mark.parametrize(
    ("transfer_in", "transfer_out", "count"),
    [
        (D("37.0"), D("-37.0"), 0),
        (D("36.9"), D("-37.0"), 0),
        (D("36.8"), D("-37.0"), 1),
        (D("37.0"), D("-35.0"), 1),
    ],
)
def test_transfer_lines_match_the_result_unit_table(transfer_in, transfer_out, count):
    economy = Economy(
        operating_summary=(
            OperatingSummaryRow("från 2025", "transfers_in", deviation=transfer_in),
            OperatingSummaryRow("till 2027", "transfers_out", deviation=transfer_out),
        ),
        result_units_total=ResultUnit("Summa", carried_in=D("-36950"), result=D(0), carried_out=D("36950")),
    )
    assert len(check_transfers_against_units(economy)) == count


@pytest.mark.parametrize(
    ("unit", "withdrawal", "fund"),
    [
        (ResultUnit("ok", gross_budget=D("10000"), result=D("500"), carried_out=D("1000")), True, True),
        (ResultUnit("over", gross_budget=D("10000"), result=D("501"), carried_out=D("1001")), False, False),
        (ResultUnit("deposit", gross_budget=D("10000"), result=D("-200")), True, None),
        (ResultUnit("no budget", result=D("501"), carried_out=D("1001")), None, None),
        (ResultUnit("zero budget", gross_budget=D("0"), result=D("1")), None, None),
    ],
)
def test_the_caps_say_kept_broken_or_untestable_and_the_findings_follow_them(unit, withdrawal, fund):
    assert (cap_on_withdrawal(unit).kept, cap_on_fund(unit).kept) == (withdrawal, fund)
    rules = {finding.rule for finding in check_result_units(Economy(result_units=(unit,)))}
    assert ("fund_withdrawal_cap" in rules) == (withdrawal is False)
    assert ("fund_size_cap" in rules) == (fund is False)
    assert all(
        finding.part == "result_units" for finding in check_result_units(Economy(result_units=(unit,)))
    )
