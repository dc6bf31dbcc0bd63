"""Activities and city assignments: dates, deviation and analysis.

One formset of ``ActivityForm`` (prefix ``a``). The dates are the activity's, shared by the
year's reports (with the activity's own version); deviation and analysis are this report's.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from styrkort.audit.trail import changes_for
from styrkort.domain.words import describe_saved
from styrkort.goals.models import ActivityFollowUp
from styrkort.web.editing import Row, RowForms
from styrkort.web.forms import ActivityForm
from styrkort.web.getters import get_report_access, require_edit
from styrkort.web.responses import save_forms


@require_http_methods(["GET", "POST"])
def activities(request: HttpRequest, code: str, period: str) -> HttpResponse:
    """Activities and city assignments: dates, deviation and analysis."""
    access = get_report_access(request, code, period)
    data = request.POST if request.method == "POST" else None
    if data is not None:
        require_edit(access.may_write)
    follow_ups = ActivityFollowUp.objects.filter(report=access.report).select_related("activity__goal")
    rows = [Row(f, f.activity.title) for f in follow_ups.order_by("position")]

    def editable(row: Row) -> bool:
        activity = row.obj.activity
        allowed = access.may_edit_activity(activity.pk, activity.goal_id)
        return allowed and (data is not None or access.is_editable)

    forms = RowForms(ActivityForm, rows, data, "a", editable)
    if data is None:
        return _activities_page(request, access, forms)
    saved, status = save_forms(access, forms)
    if status:
        return _activities_page(request, access, forms, status=status)
    changed = len({row.obj.pk for row in forms.bound if any(s in saved for s in (row.obj, row.obj.activity))})
    messages.success(request, describe_saved(changed if saved else 0, "aktivitet", "aktiviteter"))
    return redirect(request.path)


def _activities_page(request, access, forms: RowForms, status: int = 200) -> HttpResponse:
    objects = [row.obj for row in forms.rows] + [row.obj.activity for row in forms.rows]
    context = {
        "access": access,
        "report": access.report,
        "forms": forms,
        "rows": forms.rows,
        "any_editable": forms.can_save and any(row.form for row in forms.rows),
        "changes": changes_for(*objects, limit=50),
    }
    return render(request, "web/activities.html", context, status=status)
