"""Assessment suggestions for goals: what the indicators and the goals beneath suggest.

Conventions, stated once:
- A suggestion rests on *bases*: each of the goal's indicators with a graded status (met,
  partly met, not met) and each goal directly beneath it, counted by the person's assessment
  where there is one and by its own suggestion otherwise. Indicators without data or with a
  target a machine cannot compare are counted in the reason but are not bases.
- The default rule (``AssessmentRule()``), in the spirit of Stockholm's "right direction with a
  strong trend": *met* when every basis is met; *not met* when more than half of the bases are
  not met; otherwise *partly met*. No bases gives no suggestion ("not_assessed"). The shares are
  configuration.
- A person's assessment always wins; a suggestion that differs is reported, never applied.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from styrkort.domain.document import AssessmentStatus, Goal, Indicator
from styrkort.domain.indicators import IndicatorStatus, assess_indicator
from styrkort.domain.scales import STOCKHOLM, IndicatorSettings, StatusScale, find_settings

STATUS_WORDS: dict[str, str] = {
    "met": "uppfylls helt",
    "partly_met": "uppfylls delvis",
    "not_met": "uppfylls inte",
    "not_assessed": "är inte bedömt",
}
LEVEL_WORDS = {
    "aim": "inriktningsmål",
    "area_goal": "mål för verksamhetsområdet",
    "committee_goal": "nämndmål",
}
_ORDER = {"met": 0, "partly_met": 1, "not_met": 2}


@dataclass(frozen=True)
class AssessmentRule:
    """How bases combine into a suggestion: the share of met bases needed for "met", and the
    share of not-met bases above which the suggestion is "not met"."""

    met_share: Decimal = Decimal(1)
    not_met_share: Decimal = Decimal("0.5")


@dataclass(frozen=True)
class Suggestion:
    """A suggested assessment for a goal, what it rests on, and the person's own assessment."""

    goal_number: str
    status: AssessmentStatus
    reason: str
    assessed: AssessmentStatus = "not_assessed"

    @property
    def differs(self) -> bool:
        """Whether a person assessed the goal differently from the suggestion."""
        return (
            self.assessed != "not_assessed" and self.status != "not_assessed" and self.assessed != self.status
        )

    @property
    def contradicts(self) -> bool:
        """Whether the person's assessment is at the opposite end of the scale from the suggestion."""
        return self.differs and abs(_ORDER[self.assessed] - _ORDER[self.status]) == 2


def show_goal_number(number: str) -> str:
    """A goal number as printed in prose: without the trailing full stop ("1.2.1." -> "1.2.1")."""
    return number.strip().rstrip(".")


def combine_bases(grades: Sequence[str], rule: AssessmentRule) -> AssessmentStatus:
    """Combine graded bases (met / partly_met / not_met) into a suggested status."""
    if not grades:
        return "not_assessed"
    total = Decimal(len(grades))
    met = Decimal(sum(1 for grade in grades if grade == "met"))
    not_met = Decimal(sum(1 for grade in grades if grade == "not_met"))
    if met / total >= rule.met_share:
        return "met"
    if not_met / total > rule.not_met_share:
        return "not_met"
    return "partly_met"


def describe_indicators(statuses: Sequence[IndicatorStatus]) -> str:
    """'4 av 5 indikatorer uppfylls, 1 saknar prognos och utfall' for a goal's indicators."""
    if not statuses:
        return ""
    counts = {grade: sum(1 for status in statuses if status.grade == grade) for grade in _GRADE_PHRASES}
    parts = [f"{counts['met']} av {len(statuses)} indikatorer uppfylls"]
    for grade, phrase in _GRADE_PHRASES.items():
        if grade != "met" and counts[grade]:
            parts.append(f"{counts[grade]} {phrase}")
    return ", ".join(parts)


_GRADE_PHRASES = {
    "met": "uppfylls",
    "partly_met": "uppfylls delvis",
    "not_met": "uppfylls inte",
    "no_data": "saknar prognos och utfall",
    "unclear": "har ett mål som inte kan jämföras maskinellt",
}


def suggest_assessment(
    goal: Goal,
    indicator_statuses: Sequence[IndicatorStatus],
    children: Sequence[tuple[Goal, AssessmentStatus, bool]],
    rule: AssessmentRule = AssessmentRule(),
) -> Suggestion:
    """Suggest a goal's assessment from its indicators' statuses and the goals beneath it.

    ``children`` holds (goal, status, is_suggestion) for each goal directly beneath.
    """
    grades: list[str] = [status.grade for status in indicator_statuses if status.grade in _ORDER]
    grades += [status for _, status, _ in children if status in _ORDER]
    parts = [describe_indicators(indicator_statuses)] if indicator_statuses else []
    for child, status, is_suggestion in children:
        words = STATUS_WORDS[status] + (" (förslag)" if is_suggestion and status != "not_assessed" else "")
        parts.append(f"{LEVEL_WORDS[child.level]} {show_goal_number(child.number)} {words}")
    status = combine_bases(grades, rule)
    reason = "; ".join(parts) if parts else "underlag saknas: inga indikatorer med värden och inga mål under"
    return Suggestion(goal.number, status, reason, goal.assessment.status)


def suggest_assessments(
    goals: Sequence[Goal],
    scale: StatusScale = STOCKHOLM,
    settings: tuple[IndicatorSettings, ...] = (),
    rule: AssessmentRule = AssessmentRule(),
    assessed: Callable[[Indicator], IndicatorStatus] | None = None,
) -> tuple[Suggestion, ...]:
    """Suggestions for every goal of the trees, depth first in printed order; ``assessed``: the
    indicators' statuses where the caller has them already, as ``assess_indicator`` gives them with
    this scale and these settings (and no period kind)."""
    found: list[Suggestion] = []

    def visit(goal: Goal) -> Suggestion:
        position = len(found)
        found.append(Suggestion(goal.number, "not_assessed", ""))  # placeholder keeps printed order
        children: list[tuple[Goal, AssessmentStatus, bool]] = []
        for child in goal.children:
            child_suggestion = visit(child)
            if child.assessment.status != "not_assessed":
                children.append((child, child.assessment.status, False))
            else:
                children.append((child, child_suggestion.status, True))
        statuses = [
            assessed(indicator)
            if assessed is not None
            else assess_indicator(indicator, scale, find_settings(settings, indicator.name))
            for indicator in goal.indicators
        ]
        suggestion = suggest_assessment(goal, statuses, children, rule)
        found[position] = suggestion
        return suggestion

    for goal in goals:
        visit(goal)
    return tuple(found)
