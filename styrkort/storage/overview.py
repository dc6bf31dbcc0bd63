"""What the period overview shows of a report's goals, kept with the report's counts.

The overview shows every goal with its assessment, its suggested assessment and its indicators
per status, what is missing, and which parts have content (the reporters' progress). Computing
that reads all of the report's goal rows and assesses every indicator: most of the overview's
cost the first time it is shown after a change. So it is computed where the counts are
(``storage.counts.compute_counts``, when a change commits, from the rows it reads anyway) and
stored beside them as plain JSON (``ReportCounts.overview``); the page reads that one column.

It is exactly as current as the counts: a change drops the counts row in its own transaction and
a new row is computed on commit, with its overview (``storage.counts``). Counts made without
reading the report back (``save_followup`` of a new report, as ``generate-demo`` does) have no
overview yet: the first page that needs it computes it and stores it into that same counts row
only while the row is unchanged (its ``computed`` stamp), so a change committed meanwhile is
never covered by an older overview.

``VERSION`` names the stored form: raise it when the form changes, and stored overviews of the
old form are computed again when next read. When the rules it is computed with change (the
statuses, the suggestion), ``styrkort recount`` computes every report's counts and overview again.
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, get_args

from django.db import DatabaseError, transaction
from django.db.models import QuerySet

from styrkort.domain import document as d
from styrkort.domain.goals import suggest_assessments
from styrkort.domain.indicators import IndicatorStatus, assess_indicator, is_missing
from styrkort.domain.scales import GRADE_ORDER, STOCKHOLM, StatusLevel, StatusScale
from styrkort.followup.models import Report, ReportCounts
from styrkort.ops.compiled import select
from styrkort.storage.load import GoalRows

VERSION = 1
logger = logging.getLogger(__name__)


def scale_for(report: Report) -> StatusScale:
    """The municipality's indicator status scale (until that is stored, Stockholm's for all)."""
    return STOCKHOLM


@dataclass
class TreeGoal:
    """A goal of the overview's tree as stored: what its line shows."""

    number: str
    title: str
    level: d.GoalLevel
    status: d.AssessmentStatus  # its assessment's
    assessment_id: int | None
    suggestion: d.AssessmentStatus | None  # the suggested assessment's status
    differs: bool  # the person's assessment differs from the suggestion
    levels: list[tuple[StatusLevel, int]]  # its indicators per status, best first
    children: list[TreeGoal] = field(default_factory=list)


@dataclass
class PartsFilled:
    """Which parts of the report have content (what a reporter's progress counts): plain ids."""

    measurements: set[int]
    with_figures: set[int]
    assessed: dict[int, str]
    follow_ups: dict[int, bool]


@dataclass
class Overview:
    """What the overview shows of the report's goals (the same for everyone who may see it)."""

    tree: list[TreeGoal]
    counts: list[tuple[StatusLevel, int]]  # the report's indicators per status
    missing: list[str]
    filled: PartsFilled


def overview_json(
    report: Report, rows: GoalRows | None = None, goals: tuple[d.Goal, ...] | None = None
) -> dict[str, Any]:
    """The overview of the report as stored (``rows``, ``goals``: its goal rows and trees, when
    read already)."""
    rows = rows if rows is not None else GoalRows(report, report.period.municipality)
    goals = goals if goals is not None else rows.goals()
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
    counter: Counter[StatusLevel] = Counter()
    missing: list[str] = []

    def node(goal: d.Goal) -> dict[str, Any]:
        levels: Counter[StatusLevel] = Counter()
        for indicator in goal.indicators:
            level = status_once(indicator).level
            levels[level] += 1
            counter[level] += 1
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
        suggestion = suggestions.get(goal.number)
        return {
            "number": goal.number,
            "title": goal.title,
            "level": goal.level,
            "status": goal.assessment.status,
            "assessment": assessment_ids.get(goal.number),
            "suggestion": suggestion.status if suggestion else None,
            "differs": bool(suggestion and suggestion.differs),
            "levels": [[level.key, n] for level, n in sorted(levels.items(), key=_best_first)],
            "children": [node(child) for child in goal.children],
        }

    tree = [node(goal) for goal in goals]
    shown = [*scale.levels, scale.unclear, scale.no_data]
    return {
        "version": VERSION,
        "tree": tree,
        "counts": [[level.key, counter[level]] for level in shown if counter[level] or level in scale.levels],
        "missing": missing,
        "filled": {
            "measurements": sorted({m.indicator_id for m in rows.measurements}),
            "with_figures": sorted(
                {m.indicator_id for m in rows.measurements if m.outcome is not None or m.forecast is not None}
            ),
            "assessed": [[a.goal_id, a.status] for a in rows.assessments],
            "follow_ups": [
                [f.activity_id, bool(f.analysis.strip() or f.deviation.strip())] for f in rows.follow_ups
            ],
        },
    }


_STATUSES = get_args(d.AssessmentStatus)


def _best_first(item: tuple[StatusLevel, int]) -> int:
    return GRADE_ORDER.index(item[0].grade)


def overview_from_json(data: Any, scale: StatusScale) -> Overview | None:
    """The stored overview; None where there is none of this form (or it names a level the
    scale does not have)."""
    if not isinstance(data, dict) or data.get("version") != VERSION:
        return None
    by_key = {level.key: level for level in (*scale.levels, scale.unclear, scale.no_data)}
    try:

        def node(item: dict[str, Any]) -> TreeGoal:
            known = item["level"] in d.GOAL_LEVELS and item["status"] in _STATUSES
            if not known or item["suggestion"] not in (None, *_STATUSES):
                raise ValueError(item["number"])
            return TreeGoal(
                item["number"],
                item["title"],
                item["level"],
                item["status"],
                item["assessment"],
                item["suggestion"],
                item["differs"],
                [(by_key[key], n) for key, n in item["levels"]],
                [node(child) for child in item["children"]],
            )

        filled = data["filled"]
        return Overview(
            tree=[node(item) for item in data["tree"]],
            counts=[(by_key[key], n) for key, n in data["counts"]],
            missing=list(data["missing"]),
            filled=PartsFilled(
                measurements=set(filled["measurements"]),
                with_figures=set(filled["with_figures"]),
                assessed=dict(filled["assessed"]),
                follow_ups=dict(filled["follow_ups"]),
            ),
        )
    except (KeyError, TypeError, ValueError):
        return None


def _stored(counts_id: int) -> QuerySet[ReportCounts]:
    return ReportCounts.objects.filter(pk=counts_id)


def stored_overview(report: Report, counts: ReportCounts) -> Overview:
    """The report's overview as stored with ``counts`` (its current counts); computed now and
    stored where there is none (see the module's docstring)."""
    scale = scale_for(report)
    if "overview" in counts.get_deferred_fields():  # read alone: ``web.report_row`` defers it
        stored = select(_stored, (counts.pk,), ("overview",))
        counts.overview = stored[0][0] if stored else {}  # a row dropped meanwhile: computed below
    found = overview_from_json(counts.overview, scale)
    if found is None:
        data = overview_json(report)
        unchanged = ReportCounts.objects.filter(report_id=report.pk, computed=counts.computed)
        try:
            with transaction.atomic():
                unchanged.update(overview=data)
        except DatabaseError:  # only a saving for the next view: the page shows what was computed
            logger.warning("the overview of report %s was computed but not stored", report.pk, exc_info=True)
        counts.overview = data
        found = overview_from_json(data, scale)
        assert found is not None
    return found
