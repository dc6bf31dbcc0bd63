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
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods

from styrkort.audit.trail import changes_in
from styrkort.domain.goals import suggest_assessments
from styrkort.goals.models import ActivityFollowUp, Measurement
from styrkort.storage.load import GoalRows
from styrkort.web import fragments, queries
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
    """The page reads only its goal: its assessment, and the rows of the goal and the goals beneath
    it (the suggestion rests on them), never the rest of the report; the suggestion, indicators and
    activities are rendered once per report revision (``web.fragments``)."""
    report, assessment = access.report, row.obj
    part = fragments.cached("goal", access, lambda: _goal_part(report, assessment), assessment.goal_id)
    context = {
        "access": access,
        "report": report,
        "assessment": assessment,
        "model_goal": assessment.goal,
        "own_goal": assessment.goal.organisation_id == report.organisation_id,
        "forms": forms,
        "row": row,
        "form": row.form,
        "can_save": forms.can_save and row.form is not None,
        "part": {name: mark_safe(part[name]) for name in ("suggestion_html", "body_html")},
        "changes": changes_in(
            {
                type(assessment): [assessment.pk],
                type(assessment.goal): [assessment.goal.pk],
                Measurement: part["measurements"],
                ActivityFollowUp: part["follow_ups"],
            },
            limit=100,
        ),
    }
    return render(request, "web/goal.html", context, status=status)


def _goal_part(report, assessment) -> dict:
    """The goal's suggestion, indicators and activities, rendered (no request, nothing per user),
    and the ids of its measurements and follow-ups (whose changes the page lists)."""
    rows = GoalRows(report, report.period.municipality, root=assessment.goal_id)
    trees = rows.goals()
    goal = trees[0] if trees else None
    suggestion = (
        next(
            (
                s
                for s in suggest_assessments(trees, queries.scale_for(report))
                if s.goal_number == goal.number
            ),
            None,
        )
        if goal
        else None
    )
    measurements = [m for m in rows.measurements if m.indicator.goal_id == assessment.goal_id]
    follow_ups = [f for f in rows.follow_ups if f.activity.goal_id == assessment.goal_id]
    indicators = []
    if goal is not None:  # the goal's own indicators, in the order of its measurements
        for indicator, measurement in zip(goal.indicators, measurements, strict=True):
            indicators.append((indicator, queries.status_of(report, indicator), measurement.indicator_id))
    context = {"report": report, "goal": goal, "suggestion": suggestion, "indicators": indicators}
    return {
        "suggestion_html": render_to_string("web/_goal_suggestion.html", context),
        "body_html": render_to_string("web/_goal_body.html", context),
        "measurements": [m.pk for m in measurements],
        "follow_ups": [f.pk for f in follow_ups],
    }
