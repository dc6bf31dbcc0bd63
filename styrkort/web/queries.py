"""Read paths of the web pages: the report's rows, its domain document, statuses and progress.

The pages show what the rules say (``styrkort.domain.indicators``, ``goals``, ``checks``); this
module only gathers the inputs. The status scale is the municipality's configuration; until
that is stored, every municipality uses Stockholm's (``scale_for``). What the overview shows of
the goals is stored with the report's counts (``storage.overview``).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from styrkort.accounts.models import Assignment, Membership, Role
from styrkort.domain import document as d
from styrkort.domain.indicators import IndicatorStatus, assess_indicator
from styrkort.followup.models import ReadyMark, Report
from styrkort.goals.models import GoalAssessment, Measurement
from styrkort.ops.compiled import select
from styrkort.storage.load import (
    indicator_from_measurement,
    measurements_with_previous,
    previous_annual_outcomes,
)
from styrkort.storage.overview import PartsFilled, scale_for


def measurements_of(report: Report):
    """The report's measurements in printed order, with indicator and goal."""
    return (
        Measurement.objects.filter(
            organisation=report.organisation, period=report.period, indicator__goal__year=report.period.year
        )
        .select_related("indicator__goal")
        .order_by("position")
    )


@dataclass(frozen=True)
class Listed:
    """One of the report's measurements as a list of rows needs it: no figures, no texts."""

    pk: int
    indicator_id: int
    goal_id: int
    goal_number: str
    goal_title: str
    name: str  # the indicator's


def listing_of(report: Report) -> list[Listed]:
    """The report's measurements in printed order, each with its indicator's goal (one light query)."""
    rows = measurements_of(report).values_list(
        "pk",
        "indicator_id",
        "indicator__goal_id",
        "indicator__goal__number",
        "indicator__goal__title",
        "indicator__name",
    )
    return [Listed(*row) for row in rows]


def measurements_by_id(
    report: Report, ids: list[int] | None = None, listing: list[Listed] | None = None
) -> tuple[list[Measurement], dict[Any, Decimal | None]]:
    """These of the report's measurements (None: all) in printed order, and the previous annual
    outcomes of their indicators (``previous_annual_of``'s keys), in one query (``listing``:
    the report's rows as read already, which name the indicators)."""
    if ids is None or listing is None:
        return measurements_with_previous(report, ids)
    wanted = set(ids)
    return measurements_with_previous(report, ids, {row.name for row in listing if row.pk in wanted})


def previous_annual_of(report: Report) -> dict[Any, Decimal | None]:
    """Last year's annual outcomes, keyed as ``storage.load`` keys them."""
    return previous_annual_outcomes(report.organisation, report.period.municipality, report.period.year)


def domain_indicator(
    report: Report, measurement: Measurement, previous: dict[Any, Decimal | None], **figures: Decimal | None
) -> d.Indicator:
    """The measurement as the rules see it; ``figures`` replace stored ones (typed, not saved)."""
    return indicator_from_measurement(measurement, report.period.municipality_id, previous, **figures)


def status_of(report: Report, indicator: d.Indicator) -> IndicatorStatus:
    return assess_indicator(indicator, scale_for(report), period_kind=report.period.kind)


@dataclass
class ReporterProgress:
    """How far one reporter has come with their parts."""

    name: str
    parts: int
    filled: int
    ready_at: Any = None


@dataclass
class Progress:
    """The reporters' progress and who has marked their parts ready."""

    reporters: list[ReporterProgress]
    ready_users: set[int]

    @property
    def ready_count(self) -> int:
        return sum(1 for reporter in self.reporters if reporter.ready_at is not None)


def progress_of(report: Report, filled: PartsFilled) -> Progress:
    ready = dict(select(_ready_marks, (report.pk,), ("user_id", "at")))
    return Progress(reporter_progress(report, filled, ready), set(ready))


def _ready_marks(report_id: int) -> Any:
    return ReadyMark.objects.filter(report_id=report_id).order_by()


def _reporters_assignments(*organisation_ids: int) -> Any:
    """The assignments of reporters on these organisations (``ops.compiled``: a statement per
    number of organisations)."""
    reporters = Membership.objects.filter(role=Role.REPORTER).values("user_id")
    return Assignment.objects.filter(organisation_id__in=organisation_ids, user_id__in=reporters).order_by()


def reporter_progress(report: Report, content: PartsFilled, ready: dict[int, Any]) -> list[ReporterProgress]:
    """Per reporter of the committee: parts assigned, parts with content, and their "ready".

    Plain values in one query without the model's order (its joins cost more than the rows); the
    rows are put in that order here (organisation code, user name, id), which names the reporters
    of the same name in the order they always had."""
    codes = {}
    node: Any = report.organisation
    while node is not None:  # the organisation and those above it, read with the report
        codes[node.id] = node.code
        node = node.parent
    fields = ("organisation_id", "user__username", "id", "user_id", "user__first_name", "user__last_name")
    by_user: dict[int, list[list[Any]]] = {}
    names = {}
    for row in sorted(
        select(_reporters_assignments, tuple(codes), (*fields, "goal_id", "indicator_id", "activity_id")),
        key=lambda row: (codes[row[0]], row[1], row[2]),
    ):
        organisation_id, username, pk, user_id, first_name, last_name, *part = row
        by_user.setdefault(user_id, []).append(part)
        names[user_id] = f"{first_name} {last_name}".strip() or username  # User.get_full_name()
    if not by_user:
        return []
    with_figures, measurements = content.with_figures, content.measurements
    assessed, follow_ups = content.assessed, content.follow_ups
    progress = []
    for user_id, parts in by_user.items():
        filled = total = 0
        for goal_id, indicator_id, activity_id in parts:
            if indicator_id and indicator_id in measurements:
                total += 1
                filled += indicator_id in with_figures
            elif goal_id and goal_id in assessed:
                total += 1
                filled += assessed[goal_id] != GoalAssessment.Status.NOT_ASSESSED
            elif activity_id and activity_id in follow_ups:
                total += 1
                filled += follow_ups[activity_id]
        progress.append(ReporterProgress(names[user_id], total, filled, ready.get(user_id)))
    return sorted(progress, key=lambda p: p.name)
