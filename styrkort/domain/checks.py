"""Consistency checks of a whole follow-up report: every rule, run in order, findings as values.

Conventions, stated once:
- A rule is a function ``(CheckContext) -> list[Finding]``; ``RULES`` is the list run, in the
  order findings are reported. Nothing here raises for a problem in the data.
- ``today`` is an argument: by default the report date, else the first day after the period
  (periods are half-open, so an activity ending on the period's last day is due in it).
- Configuration (status scale, per-indicator settings, assessment rule, fund rules) is a value,
  ``CheckConfiguration``; ``CheckConfiguration()`` is Stockholm's.
- Gender split: a count must equal men + women; a share (or any other non-count figure) must lie
  between the two groups' figures, unless the indicator is configured as additive, in which case
  men + women must equal the total. Printed figures are rounded, so every comparison allows half
  a unit of the last printed decimal of each figure. A total that coincides with one group while
  the other is far away would mean the other group is (nearly) empty: that is reported too.
- Indicators due in the period: tertial indicators at T1/T2 and every indicator in the annual
  report must have an outcome or a forecast. An annual indicator at T1 owes nothing.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from styrkort.domain.document import FollowUp, Goal, Indicator, PeriodRef
from styrkort.domain.economy import ECONOMY_RULES, check_transfer_labels
from styrkort.domain.findings import SEVERITIES, Finding, in_part, join_where
from styrkort.domain.funds import (
    STOCKHOLM_FUND_RULES,
    FundRules,
    check_result_units,
    check_transfers_against_units,
)
from styrkort.domain.goals import STATUS_WORDS, AssessmentRule, show_goal_number, suggest_assessments
from styrkort.domain.indicators import is_missing
from styrkort.domain.numbers import format_number
from styrkort.domain.proposals import check_proposals
from styrkort.domain.scales import STOCKHOLM, IndicatorSettings, StatusScale, find_settings

COUNT_UNITS = {"st", "st.", "personer", "pers", "pers.", "antal", "barn", "hushåll", "ungdomar"}
PERIOD_LAST_MONTH = {"T1": 4, "T2": 8, "AR": 12}


@dataclass(frozen=True)
class CheckConfiguration:
    """What the checks take from the municipality: scale, indicator settings and rules."""

    scale: StatusScale = STOCKHOLM
    indicators: tuple[IndicatorSettings, ...] = ()
    assessment: AssessmentRule = field(default_factory=AssessmentRule)
    funds: FundRules = STOCKHOLM_FUND_RULES
    min_group_share: Decimal = Decimal("0.05")


@dataclass(frozen=True)
class CheckContext:
    """Everything a rule may look at."""

    followup: FollowUp
    today: date
    previous: FollowUp | None = None
    configuration: CheckConfiguration = field(default_factory=CheckConfiguration)


def find_period_end(period: PeriodRef) -> date:
    """The first day after the period (the exclusive end of the half-open period)."""
    kind = period.kind
    month = PERIOD_LAST_MONTH.get(kind) or int(kind[1:])
    last = date(period.year, month, calendar.monthrange(period.year, month)[1])
    return last + timedelta(days=1)


def locate_indicator(goal: Goal, indicator: Indicator) -> str:
    return join_where(f"Mål {show_goal_number(goal.number)}", indicator.name)


def calculate_half_unit(value: Decimal) -> Decimal:
    """Half a unit of the last recorded decimal of a figure (0,05 for 2,6 and for 13,0; 0,5 for 100)."""
    exponent = value.as_tuple().exponent
    return Decimal(5).scaleb(min(int(exponent), 0) - 1)


def show(value: Decimal, unit: str) -> str:
    return format_number(value, unit=unit)


def check_gender_split_of(
    indicator: Indicator, where: str, configuration: CheckConfiguration
) -> list[Finding]:
    """One indicator's gender-split outcome against its total (see the module docstring)."""
    total, men, women = indicator.outcome, indicator.outcome_men, indicator.outcome_women
    if total is None or men is None or women is None:
        return []
    unit = indicator.unit
    added = men + women
    groups = f"män/pojkar {show(men, unit)} och kvinnor/flickor {show(women, unit)}"
    settings = find_settings(configuration.indicators, indicator.name)
    if unit.strip().lower() in COUNT_UNITS:
        if added != total:
            message = f"Utfallet är {show(total, unit)} men {groups} summerar till {show(added, unit)}"
            return [Finding("error", "gender_split_count", where, message, added, total)]
        return []
    tolerance = calculate_half_unit(total) + max(calculate_half_unit(men), calculate_half_unit(women))
    if settings is not None and settings.additive:
        if abs(added - total) > tolerance:
            message = f"Indikatorn är additiv men {groups} summerar till {show(added, unit)}, inte {show(total, unit)}"
            return [Finding("error", "gender_split_share", where, message, added, total)]
        return []
    low, high = min(men, women), max(men, women)
    if low - tolerance <= total <= high + tolerance:
        spread = high - low
        if spread <= tolerance:
            return []
        near_men = abs(total - men) <= abs(total - women)
        weight = (min(abs(total - men), abs(total - women)) + tolerance) / spread
        if weight >= configuration.min_group_share:
            return []
        other, other_value = ("kvinnor/flickor", women) if near_men else ("män/pojkar", men)
        message = (
            f"Utfallet {show(total, unit)} sammanfaller med ena gruppens andel; det är bara möjligt om gruppen "
            f"{other} (med {show(other_value, unit)}) är nästan tom, och då ska den inte redovisas som en andel"
        )
        return [Finding("warning", "gender_split_share", where, message, None, other_value)]
    if abs(added - total) <= tolerance:
        message = (
            f"Andelarna för {groups} summerar till utfallet {show(total, unit)}: de är andelar av alla, inte "
            "andelar inom varje grupp. Redovisa varje grupps egen andel eller ange indikatorn som additiv"
        )
        return [Finding("warning", "gender_split_share", where, message, None, total)]
    message = (
        f"Utfallet {show(total, unit)} ligger utanför {groups}; en total andel måste ligga mellan gruppernas"
    )
    return [Finding("error", "gender_split_share", where, message, None, total)]


def check_gender_splits(context: CheckContext) -> list[Finding]:
    """Gender-split outcomes against the total, and a missing split where the indicator requires it."""
    findings: list[Finding] = []
    for goal, indicator in context.followup.all_indicators():
        where = locate_indicator(goal, indicator)
        findings += check_gender_split_of(indicator, where, context.configuration)
        missing = indicator.outcome_men is None or indicator.outcome_women is None
        if indicator.gender_split and indicator.outcome is not None and missing:
            message = "Indikatorn ska redovisas könsuppdelad men utfallet för män/pojkar eller kvinnor/flickor saknas"
            findings.append(Finding("warning", "gender_split_missing", where, message))
    return in_part("indicators", findings)


def check_due_indicators(context: CheckContext) -> list[Finding]:
    """Indicators measured in this period must have an outcome or a forecast."""
    kind = context.followup.period.kind
    findings: list[Finding] = []
    for goal, indicator in context.followup.all_indicators():
        if is_missing(indicator, kind):
            message = f"Indikatorn mäts för perioden ({indicator.period_label(context.followup.period)}) men saknar utfall och prognos"
            findings.append(
                Finding("warning", "indicator_missing_value", locate_indicator(goal, indicator), message)
            )
    return in_part("indicators", findings)


def check_assessments(context: CheckContext) -> list[Finding]:
    """A person's assessment against the suggestion from indicators and sub-goals."""
    configuration = context.configuration
    suggestions = suggest_assessments(
        context.followup.goals, configuration.scale, configuration.indicators, configuration.assessment
    )
    findings: list[Finding] = []
    for suggestion in suggestions:
        where = f"Mål {show_goal_number(suggestion.goal_number)}"
        suggested = STATUS_WORDS[suggestion.status]
        if suggestion.contradicts:
            message = (
                f"Bedömningen ”{STATUS_WORDS[suggestion.assessed]}” motsägs av underlaget, som talar för att målet "
                f"{suggested}: {suggestion.reason}"
            )
            findings.append(Finding("warning", "assessment_contradiction", where, message))
        elif suggestion.differs:
            message = (
                f"Bedömningen ”{STATUS_WORDS[suggestion.assessed]}” avviker från förslaget att målet {suggested}: "
                f"{suggestion.reason}"
            )
            findings.append(Finding("info", "assessment_differs", where, message))
        elif suggestion.assessed == "not_assessed" and suggestion.status != "not_assessed":
            message = (
                f"Målet saknar bedömning; underlaget talar för att målet {suggested}: {suggestion.reason}"
            )
            findings.append(Finding("warning", "assessment_missing", where, message))
    return in_part("goals", findings)


def check_activities(context: CheckContext) -> list[Finding]:
    """Activities whose end date has passed must say how they went: a deviation or an analysis."""
    findings: list[Finding] = []
    for goal, activity in context.followup.all_activities():
        if activity.end is None or activity.end >= context.today:
            continue
        if activity.deviation.strip() or activity.analysis.strip():
            continue
        message = (
            f"Aktiviteten slutade {activity.end.isoformat()} men har varken avvikelse eller analys: "
            "redovisa om den genomförts"
        )
        where = join_where(f"Mål {show_goal_number(goal.number)}", f"Aktivitet ”{activity.title}”")
        findings.append(Finding("warning", "activity_overdue", where, message))
    return in_part("activities", findings)


def check_economy(context: CheckContext) -> list[Finding]:
    """Every economy table's arithmetic (see ``economy``)."""
    economy = context.followup.economy
    findings: list[Finding] = []
    for rule in ECONOMY_RULES:
        findings += rule(economy)
    findings += check_transfer_labels(economy, context.followup.period.year)
    return findings


def check_funds(context: CheckContext) -> list[Finding]:
    """Result units' fund rules and the transfer lines against them (see ``funds``)."""
    economy = context.followup.economy
    return check_result_units(economy, context.configuration.funds) + check_transfers_against_units(economy)


def check_decision_proposals(context: CheckContext) -> list[Finding]:
    """Decision proposals against the tables (see ``proposals``)."""
    return check_proposals(context.followup, context.previous)


Rule = Callable[[CheckContext], list[Finding]]
RULES: list[Rule] = [
    check_decision_proposals,
    check_assessments,
    check_due_indicators,
    check_gender_splits,
    check_activities,
    check_economy,
    check_funds,
]


def run_checks(
    followup: FollowUp,
    today: date | None = None,
    previous: FollowUp | None = None,
    configuration: CheckConfiguration | None = None,
) -> tuple[Finding, ...]:
    """Every finding of every rule, in rule order."""
    if today is None:
        today = followup.report.report_date or find_period_end(followup.period)
    context = CheckContext(followup, today, previous, configuration or CheckConfiguration())
    findings: list[Finding] = []
    for rule in RULES:
        findings += rule(context)
    return tuple(findings)


def count_by_severity(findings: tuple[Finding, ...]) -> dict[str, int]:
    """How many findings of each severity, in the order error, warning, info."""
    return {
        severity: sum(1 for finding in findings if finding.severity == severity) for severity in SEVERITIES
    }
