"""Responses every page gives the same way: a report's URL, a refusal that says why, a conflict's details.

- ``report_url(report, name)``: the URL of one of a report's pages.
- ``refusal(request, access, what)``: None when the user may change ``what`` in the report now,
  else a 403 page that says why in Swedish (locked, or not the user's to change).
- ``conflict_details(rows)``: for rows someone else saved first, their current values and who
  saved them last (for the 409 page that shows both).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from styrkort.accounts.access import ReportAccess
from styrkort.audit.trail import changes_for


def report_url(report, name: str = "web:overview") -> str:
    return reverse(name, args=[report.organisation.code, report.period.key])


def refusal(request: HttpRequest, access: ReportAccess, what: str) -> HttpResponse | None:
    """None when the user may change ``what`` now; else a 403 page that says why, in Swedish."""
    if access.can_manage and access.is_editable:
        return None
    report = access.report
    if not access.is_editable:
        message = (
            f"Rapporten är {report.get_state_display().lower()} och låst: {what} kan inte ändras. "
            "Bara en administratör kan öppna en beslutad rapport igen."
            if report.state == report.State.DECIDED
            else f"Rapporten är {report.get_state_display().lower()}: {what} kan inte ändras nu."
        )
    else:
        message = f"Du får inte ändra {what}: det gör nämndens controller."
    context = {"access": access, "report": report, "message": message}
    return render(request, "web/economy/refused.html", context, status=403)


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
