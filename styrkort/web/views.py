"""The pages of a committee's follow-up work.

Every view reads top to bottom: authorise (a getter from ``getters``) → validate (a form) →
change (``editing.save_edits`` or a ``workflow`` function, one transaction) → respond (a
redirect after success, the page again with what the user typed after an error, or a partial
for htmx requests). Pages work without JavaScript; htmx only recomputes statuses as one types.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from styrkort.accounts.access import visible_reports
from styrkort.accounts.models import Membership, Role
from styrkort.audit.trail import audit_context, changes_for
from styrkort.domain.goals import suggest_assessments
from styrkort.followup.lock import LockedReportError
from styrkort.followup.models import ReadyMark
from styrkort.goals.models import ActivityFollowUp
from styrkort.reports.build import build_report_data
from styrkort.reports.docx import render_docx
from styrkort.reports.html import render_html_fragment
from styrkort.reports.pdf import render_pdf_in_subprocess
from styrkort.storage.load import followup_from_report
from styrkort.web import queries
from styrkort.web.editing import ConflictError, Edit, save_edits
from styrkort.web.forms import ActivityForm, AssessmentForm, MeasurementForm
from styrkort.web.getters import get_assessment_for_user, get_report_access, require_edit
from styrkort.workflow import transitions as workflow


@require_GET
def start(request: HttpRequest) -> HttpResponse:
    """The start page: the reports the user may see, newest period first."""
    reports = list(visible_reports(request.user)[:500])
    can_open_period = request.user.is_authenticated and (
        request.user.is_superuser
        or Membership.objects.filter(
            user=request.user, role__in=[Role.CITY_CONTROLLER, Role.ADMINISTRATOR]
        ).exists()
    )
    return render(request, "web/start.html", {"reports": reports, "can_open_period": can_open_period})


def _report_url(report, name: str = "web:overview") -> str:
    return reverse(name, args=[report.organisation.code, report.period.key])


# --- overview and workflow -------------------------------------------------------------------


@require_GET
def overview(request: HttpRequest, code: str, period: str) -> HttpResponse:
    """The committee's period overview: goal tree, statuses, what is missing, progress, findings."""
    access = get_report_access(request, code, period)
    report = access.report
    context = {
        "access": access,
        "report": report,
        "overview": queries.overview_of(report),
        "snapshots": report.snapshots.defer("pdf", "docx").all(),
        "reopenings": report.reopenings.all(),
        "ready": ReadyMark.objects.filter(report=report, user_id=request.user.pk or 0).exists(),
        "changes": changes_for(report, limit=30),
    }
    return render(request, "web/overview.html", context)


@require_POST
def workflow_action(request: HttpRequest, code: str, period: str, action: str) -> HttpResponse:
    """One step of the workflow; each step names who may take it."""
    access = get_report_access(request, code, period)
    report = access.report
    allowed = {
        "submit": access.can_manage,
        "send_back": access.can_manage,
        "approve": access.can_approve,
        "decide": access.can_manage,
        "reopen": access.is_admin,
        "ready": access.is_reporter and access.is_editable,
        "not_ready": access.is_reporter and access.is_editable,
    }
    require_edit(allowed.get(action, False))
    reason = request.POST.get("reason", "")
    by = request.user.get_username()
    try:
        with audit_context(reason=reason.strip() or None):
            if action == "submit":
                workflow.submit_for_review(report)
                messages.success(request, "Rapporten är skickad till granskning.")
            elif action == "send_back":
                workflow.send_back(report, reason)
                messages.success(request, "Rapporten är tillbakaskickad och öppen igen.")
            elif action == "approve":
                workflow.approve(report)
                messages.success(request, "Rapporten är godkänd.")
            elif action == "decide":
                workflow.decide(report, by)
                messages.success(request, "Beslutet är registrerat; rapporten är låst.")
            elif action == "reopen":
                workflow.reopen(report, by, reason)
                messages.success(request, "Rapporten är öppnad igen; skälet är sparat.")
            elif action == "ready":
                workflow.mark_ready(report, request.user)
                messages.success(request, "Dina delar är markerade som klara.")
            else:
                workflow.unmark_ready(report, request.user)
                messages.success(request, "Dina delar är inte längre markerade som klara.")
    except (workflow.WorkflowError, LockedReportError) as error:
        messages.error(request, f"Det gick inte: {error}.")
    return redirect(_report_url(report))


# --- indicator grid --------------------------------------------------------------------------


def _grid_rows(access, report, data: QueryDict | None = None, conflicts: dict | None = None):
    previous = queries.previous_annual_of(report)
    status_base = _report_url(report, "web:grid")
    rows = []
    for m in queries.measurements_of(report):
        editable = access.can_edit_indicator(m.indicator_id, m.indicator.goal_id)
        prefix = f"m{m.pk}"
        initial = {name: getattr(m, name) for name in MeasurementForm.FIGURES}
        initial.update(analysis=m.analysis, version=m.version)
        bound = data is not None and editable and f"{prefix}-version" in data
        form = MeasurementForm(data if bound else None, prefix=prefix, initial=initial)
        figures = {}
        if bound and form.is_valid():
            figures = {name: form.cleaned_data[name] for name in MeasurementForm.FIGURES}
        indicator = queries.domain_indicator(report, m, previous, **figures)
        shown = MeasurementForm.FIGURES if indicator.gender_split else ("outcome", None, None, "forecast")
        cells = [name and _cell(form, name, m.indicator.name) for name in shown] if editable else []
        rows.append(
            {
                "m": m,
                "label": m.indicator.name,
                "form": form,
                "cell_list": cells,
                "editable": editable,
                "indicator": indicator,
                "status": queries.status_of(report, indicator),
                "conflict": (conflicts or {}).get(m.pk),
                "status_url": f"{status_base}{m.pk}/status/",
            }
        )
    return rows


def _cell(form: MeasurementForm, name: str, indicator_name: str) -> dict:
    """What the grid template needs for one figure input (cheaper than a bound field per cell)."""
    field = form[name]
    return {
        "id": f"id_{form.prefix}-{name}",
        "name": f"{form.prefix}-{name}",
        "value": field.value(),
        "label": f"{field.label}, {indicator_name}",
        "errors": " ".join(str(error) for error in form.errors.get(name, [])) if form.is_bound else "",
    }


@require_http_methods(["GET", "POST"])
def indicator_grid(request: HttpRequest, code: str, period: str) -> HttpResponse:
    """Outcomes, gender split, forecasts and analyses of many indicators at once."""
    access = get_report_access(request, code, period)
    report = access.report
    if request.method == "GET":
        rows = _grid_rows(access, report)
        return _grid_page(request, access, rows)
    require_edit(access.can_edit)
    rows = _grid_rows(access, report, request.POST)
    bound = [row for row in rows if row["form"].is_bound]
    if any(not row["form"].is_valid() for row in bound):
        return _grid_page(request, access, rows, status=400)
    edits = [
        Edit(
            row["m"],
            row["form"].cleaned_data["version"],
            {name: row["form"].cleaned_data[name] for name in (*MeasurementForm.FIGURES, "analysis")},
        )
        for row in bound
    ]
    try:
        saved = save_edits(edits)
    except ConflictError as conflict:
        return _grid_conflict(request, access, conflict)
    except LockedReportError as error:
        messages.error(request, f"Inget sparades: {error}.")
        return redirect(_report_url(report, "web:grid"))
    messages.success(request, f"Sparat: {len(saved)} indikatorer ändrade." if saved else "Inget var ändrat.")
    return redirect(_report_url(report, "web:grid"))


def conflict_details(rows) -> dict:
    """For each stale row: its current stored values and who changed it last."""
    fresh: dict[Any, dict] = {type(row): {} for row in rows}
    for model in fresh:
        fresh[model] = model.objects.in_bulk([row.pk for row in rows if type(row) is model])
    details = {}
    for row in rows:
        current = fresh[type(row)][row.pk]
        last = changes_for(current, limit=1)
        details[row.pk] = {"current": current, "last": last[0] if last else None}
    return details


def _grid_conflict(request, access, conflict: ConflictError) -> HttpResponse:
    details = conflict_details(conflict.rows)
    data = request.POST.copy()
    for pk, detail in details.items():
        data[f"m{pk}-version"] = str(detail["current"].version)  # the next save means "mine wins"
    rows = _grid_rows(access, access.report, data, details)
    return _grid_page(request, access, rows, status=409, conflict=True)


def _grid_page(request, access, rows, status: int = 200, conflict: bool = False) -> HttpResponse:
    errors = [
        (row, name, error)
        for row in rows
        if row["form"].is_bound
        for name, error in row["form"].errors.items()
    ]
    context = {
        "access": access,
        "report": access.report,
        "rows": rows,
        "errors": errors,
        "conflict": conflict,
        "any_editable": any(row["editable"] for row in rows),
        "changes": changes_for(*(row["m"] for row in rows), limit=50) if rows else [],
    }
    return render(request, "web/grid.html", context, status=status)


@require_GET
def indicator_status(request: HttpRequest, code: str, period: str, pk: int) -> HttpResponse:
    """The status of one grid row for the figures typed so far (htmx partial; nothing is saved)."""
    access = get_report_access(request, code, period)
    report = access.report
    m = queries.measurements_of(report).filter(pk=pk).first()
    if m is None:
        raise Http404("indikatorn finns inte i rapporten")
    form = MeasurementForm(request.GET, prefix=f"m{pk}")
    form.is_valid()
    figures = {name: form.cleaned_data[name] for name in MeasurementForm.FIGURES if name in form.cleaned_data}
    indicator = queries.domain_indicator(report, m, queries.previous_annual_of(report), **figures)
    context = {
        "row": {"m": m, "status": queries.status_of(report, indicator), "form": form},
        "typing_errors": [
            f"{form.fields[name].label}: {error}"
            for name, errors in form.errors.items()
            if name in MeasurementForm.FIGURES
            for error in errors
        ],
    }
    return render(request, "web/_status.html", context)


# --- goal page -------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def goal_page(request: HttpRequest, code: str, period: str, pk: int) -> HttpResponse:
    """A goal: assessment beside the suggestion, analysis, description, indicators, activities."""
    access = get_report_access(request, code, period)
    assessment, can_edit = get_assessment_for_user(access, pk)
    goal = assessment.goal
    own_goal = goal.organisation_id == access.report.organisation_id
    initial = {
        "status": assessment.status,
        "analysis": assessment.analysis,
        "description": goal.description,
        "expected_results": "\n".join(goal.expected_results),
        "version": assessment.version,
    }
    conflict = None
    if request.method == "GET":
        form = AssessmentForm(initial=initial)
        return _goal_response(request, access, assessment, can_edit, form)
    require_edit(can_edit)
    form = AssessmentForm(request.POST, initial=initial)
    if not form.is_valid():
        return _goal_response(request, access, assessment, can_edit, form, status=400)
    data = form.cleaned_data
    edit = Edit(assessment, data["version"], {"status": data["status"], "analysis": data["analysis"]})
    if own_goal:  # the goal's own texts, where the form sent them, guarded by the assessment's version
        edit.guarded = goal
        if "description" in request.POST:
            edit.guarded_values["description"] = data["description"]
        if "expected_results" in request.POST:
            edit.guarded_values["expected_results"] = form.cleaned_expected_results()
    try:
        save_edits([edit])
    except ConflictError as error:
        conflict = conflict_details(error.rows)[assessment.pk]
        fresh = request.POST.copy()
        fresh["version"] = str(conflict["current"].version)
        form = AssessmentForm(fresh, initial=initial)
        form.is_valid()
        return _goal_response(request, access, assessment, can_edit, form, status=409, conflict=conflict)
    except LockedReportError as error:
        messages.error(request, f"Inget sparades: {error}.")
        return redirect(request.path)
    messages.success(request, "Bedömningen är sparad.")
    return redirect(request.path)


def _goal_response(request, access, assessment, can_edit, form, status=200, conflict=None) -> HttpResponse:
    report = access.report
    followup = followup_from_report(report)
    goal = next((g for g in followup.all_goals() if g.number == assessment.goal.number), None)
    suggestion = next(
        (
            s
            for s in suggest_assessments(followup.goals, queries.scale_for(report))
            if s.goal_number == assessment.goal.number
        ),
        None,
    )
    statuses = [queries.status_of(report, indicator) for indicator in goal.indicators] if goal else []
    measurements = list(queries.measurements_of(report).filter(indicator__goal=assessment.goal))
    follow_ups = list(ActivityFollowUp.objects.filter(report=report, activity__goal=assessment.goal))
    context = {
        "access": access,
        "report": report,
        "assessment": assessment,
        "goal": goal,
        "model_goal": assessment.goal,
        "own_goal": assessment.goal.organisation_id == report.organisation_id,
        "can_edit": can_edit,
        "form": form,
        "suggestion": suggestion,
        "indicators": list(zip(goal.indicators, statuses, strict=True)) if goal else [],
        "conflict": conflict,
        "changes": changes_for(assessment, *measurements, *follow_ups, limit=100),
    }
    return render(request, "web/goal.html", context, status=status)


# --- activities ------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def activities(request: HttpRequest, code: str, period: str) -> HttpResponse:
    """Activities and city assignments: dates, deviation and analysis."""
    access = get_report_access(request, code, period)
    report = access.report
    follow_ups = list(
        ActivityFollowUp.objects.filter(report=report).select_related("activity__goal").order_by("position")
    )
    if request.method == "POST":
        require_edit(access.can_edit)
    data = request.POST if request.method == "POST" else None
    rows: list[dict[str, Any]] = []
    for f in follow_ups:
        a = f.activity
        editable = access.can_edit_activity(a.pk, a.goal_id)
        prefix = f"a{f.pk}"
        initial = {
            "start": a.start,
            "end": a.end,
            "deviation": f.deviation,
            "analysis": f.analysis,
            "version": f.version,
        }
        is_bound = data is not None and editable and f"{prefix}-version" in data
        form = ActivityForm(data if is_bound else None, prefix=prefix, initial=initial)
        rows.append({"f": f, "label": a.title, "editable": editable, "form": form})
    status, conflicts = 200, {}
    if data is not None:
        bound = [row for row in rows if row["form"].is_bound]
        if all(row["form"].is_valid() for row in bound):
            edits = [
                Edit(
                    row["f"],
                    row["form"].cleaned_data["version"],
                    {k: row["form"].cleaned_data[k] for k in ("deviation", "analysis")},
                    guarded=row["f"].activity,
                    guarded_values={k: row["form"].cleaned_data[k] for k in ("start", "end")},
                )
                for row in bound
            ]
            try:
                saved = save_edits(edits)
            except ConflictError as error:
                status, conflicts = 409, conflict_details(error.rows)
                fresh = request.POST.copy()
                for pk, detail in conflicts.items():
                    fresh[f"a{pk}-version"] = str(detail["current"].version)
                for row in rows:
                    if row["form"].is_bound:
                        row["form"] = ActivityForm(
                            fresh, prefix=f"a{row['f'].pk}", initial=row["form"].initial
                        )
                        row["form"].is_valid()
                    row["conflict"] = conflicts.get(row["f"].pk)
            except LockedReportError as error:
                messages.error(request, f"Inget sparades: {error}.")
                return redirect(request.path)
            else:
                messages.success(
                    request, f"Sparat: {len(saved)} aktiviteter ändrade." if saved else "Inget var ändrat."
                )
                return redirect(request.path)
        else:
            status = 400
    errors = [
        (row, name, error)
        for row in rows
        if row["form"].is_bound
        for name, error in row["form"].errors.items()
    ]
    context = {
        "access": access,
        "report": report,
        "rows": rows,
        "errors": errors,
        "conflict": bool(conflicts),
        "any_editable": any(row["editable"] for row in rows),
        "changes": changes_for(*follow_ups, *[f.activity for f in follow_ups], limit=50)
        if follow_ups
        else [],
    }
    return render(request, "web/activities.html", context, status=status)


# --- documents -------------------------------------------------------------------------------


@require_GET
def preview(request: HttpRequest, code: str, period: str) -> HttpResponse:
    """The report as it will be printed, inside the application's layout."""
    access = get_report_access(request, code, period)
    body = render_html_fragment(build_report_data(code, period))
    return render(request, "web/preview.html", {"access": access, "report": access.report, "body": body})


# --- downloads -------------------------------------------------------------------------------


DOCUMENT_TYPES = {
    "json": "application/json; charset=utf-8",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


@require_GET
def download(request: HttpRequest, code: str, period: str, kind: str) -> HttpResponse:
    """The report as exchange JSON, PDF or DOCX: the decided snapshot when decided, else made now."""
    access = get_report_access(request, code, period)
    report = access.report
    if kind not in DOCUMENT_TYPES:
        raise Http404("okänt format")
    snapshot = report.snapshots.first() if report.state == report.State.DECIDED else None
    stored = {"json": "exchange_json", "pdf": "pdf", "docx": "docx"}[kind]
    body: str | bytes | None = getattr(snapshot, stored) if snapshot else None
    if body is None:
        body = _render_document(report, kind)
    response = HttpResponse(body if isinstance(body, str) else bytes(body), content_type=DOCUMENT_TYPES[kind])
    response["Content-Disposition"] = (
        f'attachment; filename="{report.organisation.code}-{report.period.key}.{kind}"'
    )
    return response


def _render_document(report, kind: str) -> str | bytes:
    """The report as it stands now."""
    if kind == "json":
        return workflow.exchange_json(report)
    data = build_report_data(report.organisation.code, report.period.key)
    return render_pdf_in_subprocess(data) if kind == "pdf" else render_docx(data)
