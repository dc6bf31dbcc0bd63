"""The start page per role, and the list of reports.

- A city controller lands on the city's view of the latest period with reports (the list and
  the city's set-up are linked from there).
- Everyone else gets the list of reports they may see: anonymous visitors the published
  (decided) ones, each linked to its reading view; staff their committees' reports, linked to
  the working pages where they work on them and to the reading view otherwise.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from styrkort.accounts.access import accesses, visible_reports
from styrkort.accounts.models import Membership, Role
from styrkort.followup.models import Period
from styrkort.organisations.models import Organisation


def city_controlled(user) -> list[Organisation]:
    """The municipalities on which the user is the city's controller (or its administrator)."""
    if not user.is_authenticated:
        return []
    return list(
        Organisation.objects.filter(
            kind=Organisation.Kind.MUNICIPALITY,
            memberships__user=user,
            memberships__role__in=[Role.CITY_CONTROLLER, Role.ADMINISTRATOR],
        ).distinct()
    )


@require_GET
def start(request: HttpRequest) -> HttpResponse:
    """The start page: the city view for a city controller, else the list of reports."""
    user = request.user
    if user.is_authenticated and Membership.objects.filter(user=user, role=Role.CITY_CONTROLLER).exists():
        for municipality in city_controlled(user):
            latest = (
                Period.objects.filter(municipality=municipality, reports__isnull=False)
                .order_by("-year", "-ends")
                .first()
            )
            if latest is not None:
                return redirect(reverse("web:city", args=[municipality.code, latest.key]))
    return reports(request)


@require_GET
def reports(request: HttpRequest) -> HttpResponse:
    """The reports the user may see, newest period first."""
    listed = list(visible_reports(request.user)[:500])
    rights = accesses(request.user, listed)
    context = {
        "reports": listed,
        "working": {pk for pk, access in rights.items() if access.works_on},
        "can_open_period": bool(city_controlled(request.user)) or request.user.is_superuser,
        "cities": city_controlled(request.user),
    }
    return render(request, "web/start.html", context)
