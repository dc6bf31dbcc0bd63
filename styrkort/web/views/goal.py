"""A goal: assessment beside the suggestion, analysis, description, indicators, activities."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from styrkort.audit.trail import changes_for
from styrkort.domain.goals import suggest_assessments
from styrkort.followup.lock import LockedReportError
from styrkort.goals.models import ActivityFollowUp
from styrkort.storage.load import followup_from_report
from styrkort.web import queries
from styrkort.web.editing import ConflictError, Edit, save_edits
from styrkort.web.forms import AssessmentForm
from styrkort.web.getters import get_assessment_for_user, get_report_access, require_edit
from styrkort.web.responses import conflict_details


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
