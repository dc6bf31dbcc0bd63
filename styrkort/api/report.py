"""One report: its exchange document, goals, activities, economy, the check's findings and its
rendered documents. Access is the web application's (``get_report_access``): 404 for a report
the caller may not see; a decided report is read from its decided snapshot, as on the pages."""

from typing import Any, Literal

from django.http import Http404, HttpRequest, HttpResponse
from ninja import Router

from styrkort.api.edits import form_for, require_writable, save_versioned
from styrkort.api.schemas import ActivityOut, ActivityPatch, Code, FindingOut, GoalOut, GoalPatch, PeriodKey
from styrkort.domain.checks import run_checks
from styrkort.domain.numbers import to_exchange
from styrkort.exchange.document import from_json, to_dict
from styrkort.goals.models import ActivityFollowUp, GoalAssessment
from styrkort.web import rendering
from styrkort.web.forms import ActivityForm, AssessmentForm
from styrkort.web.getters import get_report_access
from styrkort.web.views.documents import DOCUMENT_TYPES

router = Router(tags=["Rapporter"])
REPORT = "/reports/{code}/{period}"


def _followup(request: HttpRequest, code: Code, period: PeriodKey):
    """The report as the domain sees it: the decided snapshot's, or the live draft's."""
    access = get_report_access(request, code, period)
    document = rendering.document(access.report, "json")
    return from_json(document if isinstance(document, str) else document.decode("utf-8"))


@router.get(
    REPORT,
    response={200: dict[str, Any]},
    summary="Rapportens utbytesdokument",
    description="The exchange document (styrkort/exchange/followup.schema.json) of one committee and "
    "period: the decided snapshot once decided, else the draft. `period` is written YEAR-KIND (2026-T1).",
)
def report(request: HttpRequest, code: Code, period: PeriodKey):
    access = get_report_access(request, code, period)
    body = rendering.document(access.report, "json")
    return HttpResponse(body, content_type="application/json; charset=utf-8")


@router.get(REPORT + "/goals", response=list[GoalOut], summary="Målen och deras bedömningar")
def goals(request: HttpRequest, code: Code, period: PeriodKey):
    access = get_report_access(request, code, period)
    rows = GoalAssessment.objects.filter(report=access.report).select_related("goal__parent")
    return [_goal(row) for row in rows.order_by("position", "pk")]


@router.patch(
    REPORT + "/goals/{pk}",
    response=GoalOut,
    summary="Ändra ett måls bedömning och analys",
    description="Only the fields sent change; `version` is the one the client read (409 if the "
    "assessment changed since, nothing written).",
)
def patch_goal(request: HttpRequest, code: Code, period: PeriodKey, pk: int, payload: GoalPatch):
    access = get_report_access(request, code, period)
    row = _in_report(GoalAssessment.objects.select_related("goal__parent"), access, pk)
    require_writable(access.may_edit_goal(row.goal_id), access.report, "det här målets bedömning")
    changes = payload.model_dump(exclude_unset=True)
    version = changes.pop("version")
    save_versioned(request.user, access.report, row, version, form_for(AssessmentForm, row, changes))
    row.refresh_from_db()
    return _goal(row)


def _goal(row: GoalAssessment) -> dict[str, Any]:
    return {
        "id": row.pk,
        "number": row.goal.number,
        "level": row.goal.level,
        "title": row.goal.title,
        "parent": row.goal.parent.number if row.goal.parent else None,
        "status": row.status,
        "status_label": row.get_status_display(),
        "analysis": row.analysis,
        "version": row.version,
    }


@router.get(REPORT + "/activities", response=list[ActivityOut], summary="Aktiviteter")
def activities(request: HttpRequest, code: Code, period: PeriodKey):
    access = get_report_access(request, code, period)
    rows = ActivityFollowUp.objects.filter(report=access.report).select_related("activity__goal")
    return [_activity(row) for row in rows.order_by("position", "pk")]


@router.patch(
    REPORT + "/activities/{pk}",
    response=ActivityOut,
    summary="Ändra en aktivitets uppföljning",
    description="Deviation and analysis are this report's; the dates are the activity's, shared by "
    "the year's reports. `version` is the follow-up's the client read (409 if it changed since).",
)
def patch_activity(request: HttpRequest, code: Code, period: PeriodKey, pk: int, payload: ActivityPatch):
    access = get_report_access(request, code, period)
    row = _in_report(ActivityFollowUp.objects.select_related("activity__goal"), access, pk)
    allowed = access.may_edit_activity(row.activity_id, row.activity.goal_id)
    require_writable(allowed, access.report, "den här aktiviteten")
    changes = payload.model_dump(exclude_unset=True)
    version = changes.pop("version")
    save_versioned(request.user, access.report, row, version, form_for(ActivityForm, row, changes))
    row.refresh_from_db()
    row.activity.refresh_from_db()
    return _activity(row)


def _activity(row: ActivityFollowUp) -> dict[str, Any]:
    return {
        "id": row.pk,
        "title": row.activity.title,
        "goal": row.activity.goal.number,
        "city_assignment": row.activity.city_assignment,
        "start": row.activity.start,
        "end": row.activity.end,
        "deviation": row.deviation,
        "analysis": row.analysis,
        "version": row.version,
    }


def _in_report(rows: Any, access: Any, pk: int) -> Any:
    row = rows.filter(report=access.report, pk=pk).first()
    if row is None:
        raise Http404("finns inte i rapporten")
    return row


@router.get(
    REPORT + "/economy",
    response=dict[str, Any],
    summary="Ekonomins tabeller",
    description="The `economy` part of the exchange document: operating budget, result units, "
    "investments, gross changes, budget adjustments and fund applications.",
)
def economy(request: HttpRequest, code: Code, period: PeriodKey):
    return to_dict(_followup(request, code, period))["economy"]


@router.get(REPORT + "/findings", response=list[FindingOut], summary="Kontrollens fynd")
def findings(request: HttpRequest, code: Code, period: PeriodKey):
    """Every inconsistency the checks find (as `styrkort check-report`)."""
    return [
        {
            "severity": str(finding.severity),
            "rule": finding.rule,
            "where": finding.where,
            "message": finding.message,
            "expected": to_exchange(finding.expected),
            "found": to_exchange(finding.found),
            "part": finding.part,
        }
        for finding in run_checks(_followup(request, code, period))
    ]


@router.get(
    REPORT + "/documents/{kind}",
    response={200: bytes},
    summary="Rapporten som PDF eller Word",
    description="The rendered report (PDF/A-2b and PDF/UA-1, or DOCX): the decided one once decided, "
    "else the draft, with ”UTKAST” on every page. 503 with Retry-After when every render slot is busy.",
    openapi_extra={
        "responses": {
            200: {
                "description": "the document",
                "content": {
                    DOCUMENT_TYPES[kind]: {"schema": {"type": "string", "format": "binary"}}
                    for kind in ("pdf", "docx")
                },
            }
        }
    },
)
def document(request: HttpRequest, code: Code, period: PeriodKey, kind: Literal["pdf", "docx"]):
    access = get_report_access(request, code, period)
    report = access.report
    body = rendering.document(report, kind)
    response = HttpResponse(body, content_type=DOCUMENT_TYPES[kind])
    response["Content-Disposition"] = (
        f'attachment; filename="{report.organisation.code}-{report.period.key}.{kind}"'
    )
    return response
