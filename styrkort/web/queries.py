"""Read paths of the web pages: the report's rows, its domain document, statuses and progress.

The pages show what the rules say (``styrkort.domain.indicators``, ``goals``, ``checks``); this
module only gathers the inputs. The status scale is the municipality's configuration; until
that is stored, every municipality uses Stockholm's (``scale_for``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from styrkort.accounts.models import Assignment, Membership, Role
from styrkort.domain import document as d
from styrkort.domain.findings import Finding
from styrkort.domain.goals import Suggestion, suggest_assessments
from styrkort.domain.indicators import IndicatorStatus, assess_indicator, is_missing
from styrkort.domain.scales import STOCKHOLM, StatusScale
from styrkort.followup.models import ReadyMark, Report
from styrkort.goals.models import GoalAssessment, Measurement
from styrkort.storage.compiled import select
from styrkort.storage.counts import stored_findings
from styrkort.storage.load import (
    GoalRows,
    indicator_from_measurement,
    measurements_with_previous,
    previous_annual_outcomes,
)


def scale_for(report: Report) -> StatusScale:
    """The municipality's indicator status scale."""
    return STOCKHOLM


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
class GoalNode:
    """A goal of the overview's tree."""

    goal: d.Goal
    assessment_id: int | None
    suggestion: Suggestion | None
    statuses: list[IndicatorStatus]
    children: list[GoalNode] = field(default_factory=list)


@dataclass
class ReporterProgress:
    """How far one reporter has come with their parts."""

    name: str
    parts: int
    filled: int
    ready_at: Any = None


@dataclass
class PartsFilled:
    """Which parts of the report have content (what a reporter's progress counts): plain ids, so
    that it is kept with the cached overview (``web.fragments``)."""

    measurements: set[int]
    with_figures: set[int]
    assessed: dict[int, str]
    follow_ups: dict[int, bool]


@dataclass
class Overview:
    """What the period overview shows of the report's data (the same for everyone who may see
    it: the page's per-user parts, the reporters' progress and "ready", are read per request)."""

    tree: list[GoalNode]
    counts: list[tuple[Any, int]]
    missing: list[str]
    findings: list[Finding]
    filled: PartsFilled


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


def parts_filled(rows: GoalRows) -> PartsFilled:
    return PartsFilled(
        measurements={m.indicator_id for m in rows.measurements},
        with_figures={
            m.indicator_id for m in rows.measurements if m.outcome is not None or m.forecast is not None
        },
        assessed={a.goal_id: a.status for a in rows.assessments},
        follow_ups={f.activity_id: bool(f.analysis.strip() or f.deviation.strip()) for f in rows.follow_ups},
    )


def overview_of(report: Report) -> Overview:
    """The overview reads the report's goal rows and its stored findings, not the whole report."""
    rows = GoalRows(report, report.period.municipality)
    goals = rows.goals()
    kind = report.period.kind
    scale = scale_for(report)
    statuses_of: dict[int, IndicatorStatus] = {}

    def status_once(indicator: d.Indicator) -> IndicatorStatus:
        found = statuses_of.get(id(indicator))
        if found is None:
            found = statuses_of[id(indicator)] = assess_indicator(indicator, scale, period_kind=kind)
        return found

    # The suggestion assesses without the period's kind, which only an annual report's changes
    # (``choose_figure``): elsewhere it takes the statuses the tree shows, each assessed once.
    suggested = suggest_assessments(goals, scale, assessed=status_once if kind != "AR" else None)
    suggestions = {s.goal_number: s for s in suggested}
    assessment_ids = {assessment.goal.number: assessment.pk for assessment in rows.assessments}
    counter: Counter = Counter()
    missing: list[str] = []

    def node(goal: d.Goal) -> GoalNode:
        statuses = [status_once(indicator) for indicator in goal.indicators]
        for indicator, status in zip(goal.indicators, statuses, strict=True):
            counter[status.level] += 1
            if is_missing(indicator, kind):
                missing.append(f"{goal.number} › {indicator.name}: utfall och prognos saknas")
            elif (
                indicator.gender_split
                and indicator.outcome is not None
                and (indicator.outcome_men is None or indicator.outcome_women is None)
            ):
                missing.append(f"{goal.number} › {indicator.name}: könsuppdelat utfall saknas")
        if goal.assessment.status == "not_assessed":
            missing.append(f"{goal.number} {goal.title}: bedömning saknas")
        elif not goal.assessment.analysis.strip():
            missing.append(f"{goal.number} {goal.title}: analys saknas")
        built = GoalNode(goal, assessment_ids.get(goal.number), suggestions.get(goal.number), statuses)
        built.children = [node(child) for child in goal.children]
        return built

    tree = [node(goal) for goal in goals]
    levels = [*scale.levels, scale.unclear, scale.no_data]
    counts = [(level, counter[level]) for level in levels if counter[level] or level in scale.levels]
    return Overview(tree, counts, missing, stored_findings(report), parts_filled(rows))


def _ready_marks(report_id: int) -> Any:
    return ReadyMark.objects.filter(report_id=report_id).order_by()


def _reporters_assignments(*organisation_ids: int) -> Any:
    """The assignments of reporters on these organisations (``storage.compiled``: a statement per
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
