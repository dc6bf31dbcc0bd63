"""The check run: gender splits, due indicators, activities, assessments, and the rule list."""

from datetime import date
from decimal import Decimal

import pytest

from styrkort.domain.checks import (
    RULES,
    CheckConfiguration,
    calculate_half_unit,
    check_gender_split_of,
    find_period_end,
    run_checks,
)
from styrkort.domain.document import (
    Activity,
    Assessment,
    FollowUp,
    Goal,
    Indicator,
    Organisation,
    PeriodRef,
    ReportInfo,
)
from styrkort.domain.scales import HELSINGBORG, IndicatorSettings

D = Decimal


def followup(*goals, kind="T1", report_date=None) -> FollowUp:
    return FollowUp(
        Organisation("x", "X stadsdelsnämnd"),
        PeriodRef(2026, kind),
        ReportInfo(report_date=report_date),
        goals=goals,
    )


@pytest.mark.parametrize(
    ("unit", "total", "men", "women", "expected"),
    [
        ("st", D(104), D(53), D(51), None),
        ("st", D(104), D(53), D(50), ("error", D(103), D(104))),
        ("%", D("25.4"), D("27.3"), D("23.3"), None),
        ("%", D("75"), D("76.47"), D("73.33"), None),
        ("%", D("66.7"), D("100"), D("50"), None),
        ("%", D("100"), D("100"), D("100"), None),
        # Rounding: a total equal to the larger group is possible when that group dominates.
        ("%", D("2.6"), D("2.3"), D("2.6"), None),
        # Outside both groups, and not their sum: impossible.
        ("%", D("30"), D("40"), D("50"), ("error", None, D("30"))),
        # Shares of the whole, adding up to the total: shown, with a way out.
        ("%", D("38.2"), D("1.3"), D("36.9"), ("warning", None, D("38.2"))),
        # A total equal to one group while the other is far away: the other group is (nearly) empty.
        ("%", D("0"), D("0"), D("100"), ("warning", None, D("100"))),
    ],
)
def test_it_checks_a_gender_split_against_the_total(unit, total, men, women, expected):
    item = Indicator("Andel x", unit=unit, outcome=total, outcome_men=men, outcome_women=women)
    findings = check_gender_split_of(item, "Mål 1.2 › Andel x", CheckConfiguration())
    assert [(f.severity, f.expected, f.found) for f in findings] == ([expected] if expected else [])


def test_an_additive_indicator_must_add_up_and_need_not_lie_between():
    configuration = CheckConfiguration(indicators=(IndicatorSettings("Andel x", additive=True),))
    good = Indicator("Andel x", unit="%", outcome=D("38.2"), outcome_men=D("1.3"), outcome_women=D("36.9"))
    bad = Indicator("Andel x", unit="%", outcome=D("38.2"), outcome_men=D("1.3"), outcome_women=D("30"))
    assert check_gender_split_of(good, "", configuration) == []
    assert [f.rule for f in check_gender_split_of(bad, "", configuration)] == ["gender_split_share"]


@pytest.mark.parametrize(
    ("value", "half"), [(D("2.6"), D("0.05")), (D("100"), D("0.5")), (D("76.47"), D("0.005"))]
)
def test_half_a_unit_of_the_last_printed_decimal(value, half):
    assert calculate_half_unit(value) == half


@pytest.mark.parametrize(
    ("indicator", "kind", "rules"),
    [
        (Indicator("Sjukfrånvaro", frequency="tertial"), "T1", ["indicator_missing_value"]),
        (Indicator("Sjukfrånvaro", frequency="tertial", forecast=D(7)), "T1", []),
        # An annual indicator owes nothing at T1, everything in the annual report.
        (Indicator("Andel nöjda", frequency="annual"), "T1", []),
        (Indicator("Andel nöjda", frequency="annual"), "AR", ["indicator_missing_value"]),
        # A monthly report owes no tertial figure (the overview says the same: one rule, is_missing).
        (Indicator("Sjukfrånvaro", frequency="tertial"), "M3", []),
        (Indicator("Andel nöjda", gender_split=True, outcome=D(50)), "T1", ["gender_split_missing"]),
        (
            Indicator(
                "Andel nöjda", gender_split=True, outcome=D(50), outcome_men=D(40), outcome_women=D(60)
            ),
            "T1",
            [],
        ),
    ],
)
def test_it_checks_indicators_due_and_required_splits(indicator, kind, rules):
    goal = Goal("1.1", "area_goal", "Mål", indicators=(indicator,))
    findings = run_checks(followup(goal, kind=kind))
    assert [f.rule for f in findings if f.rule.startswith(("indicator", "gender"))] == rules


@pytest.mark.parametrize(
    ("activity", "today", "count"),
    [
        (Activity("Kartlägga", end=date(2026, 4, 30)), date(2026, 5, 12), 1),
        (Activity("Kartlägga", end=date(2026, 4, 30)), date(2026, 4, 30), 0),
        (Activity("Kartlägga", end=date(2026, 4, 30), deviation="Försenad"), date(2026, 5, 12), 0),
        (Activity("Kartlägga", end=date(2026, 4, 30), analysis="Genomförd."), date(2026, 5, 12), 0),
        (Activity("Ramtid", end=date(2026, 12, 31)), date(2026, 5, 12), 0),
        (Activity("Utan slut"), date(2026, 5, 12), 0),
    ],
)
def test_activities_past_their_end_must_say_how_they_went(activity, today, count):
    goal = Goal("1.2", "area_goal", "Mål", activities=(activity,))
    findings = run_checks(followup(goal), today=today)
    assert len([f for f in findings if f.rule == "activity_overdue"]) == count


def test_today_defaults_to_the_report_date_else_the_day_after_the_period():
    goal = Goal("1.2", "area_goal", "Mål", activities=(Activity("A", end=date(2026, 4, 30)),))
    assert [f.rule for f in run_checks(followup(goal))] == ["activity_overdue"]
    assert run_checks(followup(goal, report_date=date(2026, 4, 30))) == ()
    assert find_period_end(PeriodRef(2026, "T2")) == date(2026, 9, 1)
    assert find_period_end(PeriodRef(2026, "M02")) == date(2026, 3, 1)
    assert find_period_end(PeriodRef(2026, "AR")) == date(2027, 1, 1)


def goal_with(assessment, *forecasts):
    indicators = tuple(
        Indicator(f"I{index}", unit="%", forecast=D(value), target="100", direction="higher")
        for index, value in enumerate(forecasts)
    )
    return Goal("3.4", "area_goal", "Mål", assessment=Assessment(assessment), indicators=indicators)


@pytest.mark.parametrize(
    ("goal", "expected"),
    [
        (goal_with("met", 100, 100), []),
        (goal_with("met", 100, 95), [("info", "assessment_differs")]),
        (goal_with("met", 50, 50), [("warning", "assessment_contradiction")]),
        (goal_with("not_met", 100, 100), [("warning", "assessment_contradiction")]),
        (goal_with("not_assessed", 100, 100), [("warning", "assessment_missing")]),
        (goal_with("met"), []),
    ],
)
def test_an_assessment_is_compared_with_its_suggestion(goal, expected):
    findings = run_checks(followup(goal))
    assert [(f.severity, f.rule) for f in findings] == expected
    for finding in findings:
        assert finding.where == "Mål 3.4"


def test_the_scale_of_the_configuration_decides_the_suggestion():
    # 95 % of target: partly met in Stockholm (within 10 %), also in Helsingborg (91–99 %);
    # 90,5 % of target: partly met in Stockholm, far in Helsingborg.
    goal = goal_with("partly_met", D("90.5"))
    assert run_checks(followup(goal)) == ()
    findings = run_checks(followup(goal), configuration=CheckConfiguration(scale=HELSINGBORG))
    assert [(f.severity, f.rule) for f in findings] == [("info", "assessment_differs")]


def test_the_rule_list_is_data_and_every_rule_runs_on_an_empty_report():
    assert len(RULES) == len(set(RULES)) >= 7
    for rule in RULES:
        assert rule.__doc__
    assert run_checks(followup()) == ()


def test_every_finding_of_the_example_rules_names_the_part_of_the_report_it_belongs_to():
    goal = Goal(
        "1.1",
        "area_goal",
        "Mål",
        indicators=(Indicator("Sjukfrånvaro", frequency="tertial"),),
        activities=(Activity("Kartlägga", end=date(2026, 2, 1)),),
    )
    findings = run_checks(followup(goal, kind="T1"))
    parts = {finding.rule: finding.part for finding in findings}
    assert parts["indicator_missing_value"] == "indicators"
    assert parts["activity_overdue"] == "activities"
    assert all(finding.part for finding in findings)
