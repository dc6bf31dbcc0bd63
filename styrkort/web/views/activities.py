"""Activities and city assignments: dates, deviation and analysis."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from styrkort.audit.trail import changes_for
from styrkort.followup.lock import LockedReportError
from styrkort.goals.models import ActivityFollowUp
from styrkort.web.editing import ConflictError, Edit, save_edits
from styrkort.web.forms import ActivityForm
from styrkort.web.getters import get_report_access, require_edit
from styrkort.web.responses import conflict_details


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
