"""A person's to-do list: their unfinished rows and the parts with deadlines, per report.

For every report not yet approved on which the person works (``rights``):
- a reporter's rows: the indicators, goals and activities assigned to them (a goal includes its
  indicators and activities) that are not finished: an indicator with neither outcome nor
  forecast, a goal not assessed or without analysis, an activity with neither deviation nor
  analysis (the same measure as the overview's reporter progress);
- a controller's parts: how many rows of each part are unfinished, and an empty summary;
- an approver's report waiting for approval;
- the report's deadlines, each row carrying the deadline of its part (overdue when passed).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.urls import reverse

from styrkort.accounts.access import ReportAccess, report_access, subtree_ids
from styrkort.accounts.models import Membership, Role
from styrkort.followup.models import Report
from styrkort.goals.models import ActivityFollowUp, GoalAssessment, Measurement
from styrkort.workspace.models import Deadline
from styrkort.workspace.rights import may_read_comments

Part = Deadline.Part
WORKING_ROLES = (Role.ADMINISTRATOR, Role.COMMITTEE_CONTROLLER, Role.REPORTER, Role.APPROVER)


@dataclass(frozen=True)
class Item:
    """One thing to do: what, why it is unfinished, where, and by when."""

    text: str
    missing: str
    path: str
    due: date | None
    overdue: bool


@dataclass
class ReportTodo:
    report: Report
    access: ReportAccess
    deadlines: list[Deadline]
    items: list[Item] = field(default_factory=list)
    today: date | None = None

    @property
    def overdue_deadlines(self) -> list[Deadline]:
        return [d for d in self.deadlines if self.today is not None and d.due < self.today]


def working_reports(user: Any) -> list[Report]:
    """The reports not yet approved of the committees on which the user holds a working role."""
    if not user.is_authenticated:
        return []
    reports = Report.objects.filter(state__in=(Report.State.OPEN, Report.State.IN_REVIEW)).select_related(
        "organisation__parent__parent__parent", "period"
    )
    if not user.is_superuser:
        roots = set(
            Membership.objects.filter(user=user, role__in=WORKING_ROLES).values_list(
                "organisation_id", flat=True
            )
        )
        reports = reports.filter(organisation_id__in=subtree_ids(roots))
    return list(reports.order_by("-period__year", "-period__ends", "organisation__name"))


def todo_for(user: Any, today: date) -> list[ReportTodo]:
    """The user's to-do list, report by report (only reports with something to do or a deadline)."""
    found = []
    for report in working_reports(user):
        access = report_access(user, report)
        if not may_read_comments(access):
            continue
        todo = ReportTodo(report, access, list(Deadline.objects.filter(report=report)), today=today)
        due = {d.part: d.due for d in todo.deadlines}

        def item(text: str, missing: str, path: str, part: str, due=due) -> Item:
            when = due.get(part)
            return Item(text, missing, path, when, when is not None and when < today)

        code, key = report.organisation.code, report.period.key
        if access.can_approve and report.state == Report.State.IN_REVIEW:
            todo.items.append(
                item("Rapporten", "väntar på ditt godkännande", reverse("web:overview", args=[code, key]), "")
            )
        mine = access.can_manage or access.is_reporter
        if mine:
            todo.items.extend(_rows(access, item, code, key))
        if access.can_manage and not report.summary.strip():
            todo.items.append(
                item(
                    "Sammanfattande analys", "saknas", reverse("web:overview", args=[code, key]), Part.SUMMARY
                )
            )
        if todo.items or todo.deadlines:
            found.append(todo)
    return found


def _rows(access: ReportAccess, item, code: str, key: str) -> list[Item]:
    """The unfinished rows the user answers for: every row for a controller, else their own."""
    report = access.report
    everything = access.can_manage
    rows: list[Item] = []
    assessments = GoalAssessment.objects.filter(report=report).select_related("goal")
    for a in assessments:
        if not (everything or a.goal_id in access.goals):
            continue
        missing = (
            "bedömning saknas"
            if a.status == GoalAssessment.Status.NOT_ASSESSED
            else ("analys saknas" if not a.analysis.strip() else "")
        )
        if missing:
            path = reverse("web:goal", args=[code, key, a.pk])
            rows.append(item(f"Mål {a.goal.number} {a.goal.title}", missing, path, Part.GOALS))
    grid = reverse("web:grid", args=[code, key])
    measurements = Measurement.objects.filter(
        organisation=report.organisation, period=report.period, outcome__isnull=True, forecast__isnull=True
    ).select_related("indicator")
    for m in measurements:
        if everything or access.may_edit_indicator(m.indicator_id, m.indicator.goal_id):
            rows.append(
                item(f"Indikator ”{m.indicator.name}”", "utfall och prognos saknas", grid, Part.INDICATORS)
            )
    page = reverse("web:activities", args=[code, key])
    follow_ups = ActivityFollowUp.objects.filter(report=report, analysis="", deviation="").select_related(
        "activity"
    )
    for f in follow_ups:
        if everything or access.may_edit_activity(f.activity_id, f.activity.goal_id):
            rows.append(
                item(
                    f"Aktivitet ”{f.activity.title}”",
                    "avvikelse och analys saknas",
                    f"{page}#aktivitet-{f.pk}",
                    Part.ACTIVITIES,
                )
            )
    return rows
