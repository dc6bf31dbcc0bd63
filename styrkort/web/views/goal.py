"""A goal: assessment beside the suggestion, analysis, description, indicators, activities.

The assessment is the page's one form (a formset of one, prefix ``g``, like every editable
table); on a committee's own goal it also edits the goal's description and expected results,
which are the goal's (shared by the year's reports, with the goal's own version). A save writes
only the fields the user changed: a status the user never touched is never written back.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from styrkort.audit.trail import changes_for
from styrkort.domain.goals import suggest_assessments
from styrkort.goals.models import ActivityFollowUp
from styrkort.storage.load import followup_from_report
from styrkort.web import queries
from styrkort.web.editing import Row, RowForms
from styrkort.web.forms import AssessmentForm, OwnGoalAssessmentForm
from styrkort.web.getters import get_assessment_for_user, get_report_access, require_edit
from styrkort.web.responses import save_forms


@require_http_methods(["GET", "POST"])
def goal_page(request: HttpRequest, code: str, period: str, pk: int) -> HttpResponse:
    """A goal: assessment beside the suggestion, analysis, description, indicators, activities."""
    access = get_report_access(request, code, period)
    assessment, can_edit = get_assessment_for_user(access, pk)
    own_goal = assessment.goal.organisation_id == access.report.organisation_id
    form_class = OwnGoalAssessmentForm if own_goal else AssessmentForm
    row = Row(assessment, f"Mål {assessment.goal.number}")
    if request.method == "GET":
        forms = RowForms(form_class, [row], None, "g", lambda row: can_edit)
        return _goal_response(request, access, row, forms)
    require_edit(access.may_edit_goal(assessment.goal_id))
    forms = RowForms(form_class, [row], request.POST, "g")
    saved, status = save_forms(access, forms)
    if status:
        return _goal_response(request, access, row, forms, status=status)
    messages.success(request, "Bedömningen är sparad." if saved else "Inget var ändrat.")
    return redirect(request.path)


def _goal_response(request, access, row: Row, forms: RowForms, status: int = 200) -> HttpResponse:
    report, assessment = access.report, row.obj
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
        "forms": forms,
        "row": row,
        "form": row.form,
        "can_save": forms.can_save and row.form is not None,
        "suggestion": suggestion,
        "indicators": list(zip(goal.indicators, statuses, strict=True)) if goal else [],
        "changes": changes_for(assessment, assessment.goal, *measurements, *follow_ups, limit=100),
    }
    return render(request, "web/goal.html", context, status=status)
