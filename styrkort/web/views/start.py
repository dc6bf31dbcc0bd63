"""The start page: the reports the user may see."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from styrkort.accounts.access import visible_reports
from styrkort.accounts.models import Membership, Role


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
