"""The goal tables of a report read as plain rows (``values_list``), not model instances.

A large committee's overview reads some 900 rows (assessments with their goals, measurements
with indicator and goal, activity follow-ups with their activity); building a model instance for
each (and one per related row) was most of the page's read time. These rows carry the same
attribute names as the models' (``pk``, ``goal_id``, ``indicator.goal.year`` …) for the columns
the read path uses, with the fields' own conversions (figures, JSON) applied by the query.
They are read-only: anything that saves reads the models.

Each function takes the query as ``build`` and its ``values`` (``build(*values)`` is the
queryset), so that its SQL is built once per process (``ops.compiled``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet

from styrkort.ops.compiled import select


@dataclass(slots=True)
class GoalRow:
    id: int
    organisation_id: int
    year: int
    number: str
    level: str
    parent_id: int | None
    title: str
    description: str
    expected_results: Any


@dataclass(slots=True)
class AssessmentRow:
    id: int
    goal_id: int
    status: str
    analysis: str
    goal: GoalRow

    @property
    def pk(self) -> int:
        return self.id


@dataclass(slots=True)
class GoalYear:
    year: int


@dataclass(slots=True)
class IndicatorRow:
    id: int
    goal_id: int
    organisation_id: int
    name: str
    unit: str
    frequency: str
    direction: str
    gender_split: bool
    decimals: int | None
    kolada_id: str
    city_target: str
    goal: GoalYear


@dataclass(slots=True)
class MeasurementRow:
    id: int
    indicator_id: int
    period_id: int
    target: str
    analysis: str
    printed_units: Any
    assessment: str
    sources: Any
    outcome: Decimal | None
    outcome_men: Decimal | None
    outcome_women: Decimal | None
    forecast: Decimal | None
    indicator: IndicatorRow

    @property
    def pk(self) -> int:
        return self.id


@dataclass(slots=True)
class ActivityRow:
    id: int
    goal_id: int
    title: str
    start: date | None
    end: date | None
    city_assignment: bool


@dataclass(slots=True)
class FollowUpRow:
    id: int
    activity_id: int
    deviation: str
    analysis: str
    activity: ActivityRow

    @property
    def pk(self) -> int:
        return self.id


_GOAL: tuple[str, ...] = ("id", "organisation_id", "year", "number", "level", "parent_id", "title")
_GOAL += ("description", "expected_results")
_INDICATOR: tuple[str, ...] = ("id", "goal_id", "organisation_id", "name", "unit", "frequency")
_INDICATOR += ("direction", "gender_split", "decimals", "kolada_id", "city_target")
_MEASUREMENT: tuple[str, ...] = ("id", "indicator_id", "period_id", "target", "analysis", "printed_units")
_MEASUREMENT += ("assessment", "sources", "outcome", "outcome_men", "outcome_women", "forecast")
_ACTIVITY: tuple[str, ...] = ("id", "goal_id", "title", "start", "end", "city_assignment")


_Build = Callable[..., QuerySet[Any]]
_ASSESSMENT_NAMES = ("id", "goal_id", "status", "analysis", *(f"goal__{name}" for name in _GOAL))
_MEASUREMENT_NAMES = (*_MEASUREMENT, *(f"indicator__{name}" for name in _INDICATOR), "indicator__goal__year")
_FOLLOW_UP_NAMES = (
    "id",
    "activity_id",
    "deviation",
    "analysis",
    *(f"activity__{name}" for name in _ACTIVITY),
)


def assessment_rows(build: _Build, values: Sequence[Any]) -> list[AssessmentRow]:
    """Goal assessments (``build(*values)``, in its order) with their goals."""
    return [AssessmentRow(*(*v[:4], GoalRow(*v[4:]))) for v in select(build, values, _ASSESSMENT_NAMES)]


def measurement_rows(build: _Build, values: Sequence[Any]) -> list[MeasurementRow]:
    """Measurements (``build(*values)``, in its order) with their indicators and the indicators'
    goal year."""
    own, indicator = len(_MEASUREMENT), len(_MEASUREMENT) + len(_INDICATOR)
    return [
        MeasurementRow(*(*v[:own], IndicatorRow(*(*v[own:indicator], GoalYear(v[indicator])))))
        for v in select(build, values, _MEASUREMENT_NAMES)
    ]


def follow_up_rows(build: _Build, values: Sequence[Any]) -> list[FollowUpRow]:
    """Activity follow-ups (``build(*values)``, in its order) with their activities."""
    return [FollowUpRow(*(*v[:4], ActivityRow(*v[4:]))) for v in select(build, values, _FOLLOW_UP_NAMES)]
