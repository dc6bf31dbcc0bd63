"""Setting up a period's work: who reports which part, and opening a new period.

- ``assignments``: the committee controller assigns goals and indicators to the committee's
  reporters (a goal covers its assessment, indicators and activities). Everyone who sees the
  report sees the assignments; only a controller or administrator changes them (403).
- ``open_period``: the city controller (or an administrator) opens a period for every
  committee of the municipality (``workflow.open_period``).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from styrkort.accounts.access import roles_on, subtree_ids
from styrkort.accounts.models import Assignment, Membership, Role
from styrkort.domain import document as d
from styrkort.followup.lock import LockedReportError
from styrkort.followup.models import Period
from styrkort.goals.models import GoalAssessment
from styrkort.organisations.models import Organisation
from styrkort.web import queries
from styrkort.web.getters import get_report_access, require_edit
from styrkort.workflow import transitions as workflow


@require_http_methods(["GET", "POST"])
def assignments(request: HttpRequest, code: str, period: str) -> HttpResponse:
    """Who reports which goal and indicator of the committee."""
    access = get_report_access(request, code, period)
    report = access.report
    committee = report.organisation
    reporter_ids = Membership.objects.filter(
        role=Role.REPORTER, organisation_id__in=subtree_ids([committee.id])
    ).values_list("user_id", flat=True)
    reporters = list(get_user_model().objects.filter(pk__in=reporter_ids).order_by("first_name", "username"))
    goals = list(GoalAssessment.objects.filter(report=report).select_related("goal").order_by("position"))
    measurements = list(queries.measurements_of(report))
    current = Assignment.objects.filter(organisation=committee)
    by_goal: dict[int, int] = {}
    by_indicator: dict[int, int] = {}
    for assignment in current:
        if assignment.goal_id:
            by_goal.setdefault(assignment.goal_id, assignment.user_id)
        if assignment.indicator_id:
            by_indicator.setdefault(assignment.indicator_id, assignment.user_id)
    errors: list[str] = []
    if request.method == "POST":
        require_edit(access.can_manage)
        allowed = {str(user.pk): user.pk for user in reporters}
        wanted_goals = _choices(request.POST, "goal", [a.goal_id for a in goals], allowed, errors)
        wanted_indicators = _choices(
            request.POST, "indicator", [m.indicator_id for m in measurements], allowed, errors
        )
        if not errors:
            with transaction.atomic():
                _replace(committee, "goal", wanted_goals, by_goal)
                _replace(committee, "indicator", wanted_indicators, by_indicator)
            messages.success(request, "Tilldelningarna är sparade.")
            return redirect(request.path)
        by_goal.update({k: v for k, v in wanted_goals.items() if v})
        by_indicator.update({k: v for k, v in wanted_indicators.items() if v})
    context = {
        "access": access,
        "report": report,
        "reporters": reporters,
        "goals": [(a, by_goal.get(a.goal_id)) for a in goals],
        "indicators": [(m, by_indicator.get(m.indicator_id)) for m in measurements],
        "errors": errors,
    }
    return render(request, "web/assignments.html", context, status=400 if errors else 200)


def _choices(data, kind: str, ids: list[int], allowed: dict[str, int], errors: list[str]) -> dict[int, Any]:
    """The chosen reporter (user id or None) per goal or indicator id present in the form."""
    wanted: dict[int, Any] = {}
    for part_id in ids:
        name = f"{kind}-{part_id}"
        if name not in data:
            continue
        value = data[name]
        if value and value not in allowed:
            errors.append(f"{'Mål' if kind == 'goal' else 'Indikator'} {part_id}: okänd rapportör ”{value}”")
            continue
        wanted[part_id] = allowed.get(value)
    return wanted


def _replace(committee: Organisation, kind: str, wanted: dict[int, Any], current: dict[int, int]) -> None:
    for part_id, user_id in wanted.items():
        if current.get(part_id) == user_id:
            continue
        for old in Assignment.objects.filter(organisation=committee, **{f"{kind}_id": part_id}):
            old.delete()
        if user_id:
            Assignment.objects.create(organisation=committee, user_id=user_id, **{f"{kind}_id": part_id})


@require_http_methods(["GET", "POST"])
def open_period(request: HttpRequest) -> HttpResponse:
    """The city controller opens a period for every committee of a municipality."""
    if not request.user.is_authenticated:
        raise PermissionDenied("Logga in som stadens controller: bara stadens controller kan öppna perioder.")
    municipalities = [
        m
        for m in Organisation.objects.filter(kind=Organisation.Kind.MUNICIPALITY).order_by("name")
        if roles_on(request.user, m) & {Role.CITY_CONTROLLER, Role.ADMINISTRATOR}
    ]
    if not municipalities:
        raise PermissionDenied("Bara stadens controller kan öppna perioder, och du har inte den rollen.")
    data = {"municipality": "", "year": "", "kind": "", **request.POST.dict()}
    errors: dict[str, str] = {}
    if request.method == "POST":
        chosen = next((m for m in municipalities if m.code == data["municipality"]), None)
        if chosen is None:
            errors["municipality"] = "välj en kommun"
        if not data["year"].isdigit() or not 2000 <= int(data["year"]) <= 2100:
            errors["year"] = f"”{data['year']}” är inte ett år mellan 2000 och 2100"
        if data["kind"] not in Period.Kind.values:
            errors["kind"] = "välj en period"
        if not errors and chosen is not None:
            try:
                created = workflow.open_period(chosen, d.PeriodRef(int(data["year"]), data["kind"]))
            except LockedReportError as error:
                messages.error(request, f"Inget öppnades: {error}.")
            else:
                names = ", ".join(report.organisation.name for report in created) or "inga nya"
                messages.success(request, f"Perioden är öppnad för {len(created)} nämnder: {names}.")
                return redirect("web:start")
    context = {"municipalities": municipalities, "kinds": Period.Kind.choices, "data": data, "errors": errors}
    return render(request, "web/open_period.html", context, status=400 if errors else 200)
