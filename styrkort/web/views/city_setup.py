"""The city's own set-up, for its controllers: goals, indicators with their targets, and periods.

Only a city controller or an administrator of the municipality gets these pages (404 for
everyone else, as for a report). Every change is recorded in the audit trail (the model apps'
signals) and is saved per field: only the fields the user changed are written, and a field
someone else changed meanwhile is a conflict (409, nothing saved, the typed values kept, the
stored value shown; saving again then writes the user's value). A period whose reports are
approved or decided is locked (``styrkort.followup.lock``). A decided report does not change
when its goals do: it is read from its snapshot.

Pages (under ``stad/<code>/``): ``installningar/`` (the index: periods and years),
``perioder/ny/`` and ``perioder/<pk>/``, ``mal/<year>/`` (the year's goals and indicators),
``mal/<year>/ny/`` and ``mal/<year>/<pk>/``, ``mal/<year>/<goal>/ny-indikator/`` and
``indikatorer/<pk>/``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.db import transaction
from django.db.models import Count
from django.forms.models import model_to_dict
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from styrkort.accounts.access import roles_on
from styrkort.accounts.models import Role
from styrkort.followup.lock import LockedReportError, is_locked
from styrkort.followup.models import Period
from styrkort.goals.models import Goal, Indicator
from styrkort.organisations.models import Organisation
from styrkort.web.setup_forms import GoalForm, IndicatorForm, PeriodForm, field_conflicts

SETUP_ROLES = frozenset({Role.CITY_CONTROLLER, Role.ADMINISTRATOR})


def get_municipality_for_setup(request: HttpRequest, code: str) -> Organisation:
    """The municipality, if the user is its city controller or administrator; else 404."""
    municipality = Organisation.objects.filter(code=code, kind=Organisation.Kind.MUNICIPALITY).first()
    if municipality is None or not roles_on(request.user, municipality) & SETUP_ROLES:
        raise Http404("staden finns inte")
    return municipality


@require_GET
def setup(request: HttpRequest, code: str) -> HttpResponse:
    """The set-up's index: the municipality's periods and the years of its goals."""
    municipality = get_municipality_for_setup(request, code)
    periods = list(Period.objects.filter(municipality=municipality).order_by("-year", "-ends"))
    counts = dict(
        Goal.objects.filter(organisation=municipality).values_list("year").annotate(n=Count("id")).order_by()
    )
    this_year = date.today().year
    years = sorted(set(counts) | {this_year, this_year + 1}, reverse=True)
    context = {
        "municipality": municipality,
        "periods": [(period, is_locked(period)) for period in periods],
        "years": [(year, counts.get(year, 0)) for year in years],
        "latest": periods[0] if periods else None,
        "can_setup": True,
    }
    return render(request, "web/city/setup.html", context)


@require_GET
def goals(request: HttpRequest, code: str, year: int) -> HttpResponse:
    """The year's city goals with their indicators and targets."""
    municipality = get_municipality_for_setup(request, code)
    listed = Goal.objects.filter(organisation=municipality, year=year).prefetch_related("indicators")
    context = {
        "municipality": municipality,
        "year": year,
        "goals": sorted(listed, key=_goal_order),
        "can_setup": True,
    }
    return render(request, "web/city/goals.html", context)


@require_http_methods(["GET", "POST"])
def goal(request: HttpRequest, code: str, year: int, pk: int | None = None) -> HttpResponse:
    """A city goal: new, or changed field by field."""
    municipality = get_municipality_for_setup(request, code)
    instance = _own(Goal.objects.filter(organisation=municipality, year=year), pk) or Goal(
        organisation=municipality, year=year
    )
    back = reverse("web:city-goals", args=[code, year])
    extra = {"municipality": municipality, "year": year}
    heading = f"Mål {instance.number}" if instance.pk else f"Nytt mål för {year}"
    context = {"indicators": instance.indicators.all() if instance.pk else [], "goal": instance}
    return _edit(request, GoalForm, instance, extra, heading, back, municipality, context)


@require_http_methods(["GET", "POST"])
def indicator(
    request: HttpRequest, code: str, pk: int | None = None, year: int = 0, goal: int = 0
) -> HttpResponse:
    """A city indicator with its target: new under a goal, or changed field by field."""
    municipality = get_municipality_for_setup(request, code)
    instance = _own(Indicator.objects.filter(organisation=municipality).select_related("goal"), pk)
    if instance is None:
        owner = _own(Goal.objects.filter(organisation=municipality, year=year), goal)
        if owner is None:
            raise Http404("målet finns inte")
        instance = Indicator(organisation=municipality, goal=owner)
    back = reverse("web:city-goals", args=[code, instance.goal.year])
    heading = instance.name if instance.pk else f"Ny indikator för mål {instance.goal.number}"
    return _edit(request, IndicatorForm, instance, {"goal": instance.goal}, heading, back, municipality)


@require_http_methods(["GET", "POST"])
def period(request: HttpRequest, code: str, pk: int | None = None) -> HttpResponse:
    """A period of the municipality: new, or its dates changed (not once a report of it is locked)."""
    municipality = get_municipality_for_setup(request, code)
    instance = _own(Period.objects.filter(municipality=municipality), pk) or Period(municipality=municipality)
    back = reverse("web:city-setup", args=[code])
    heading = f"Perioden {instance.key}" if instance.pk else "Ny period"
    context = {"locked": bool(instance.pk) and is_locked(instance)}
    return _edit(
        request, PeriodForm, instance, {"municipality": municipality}, heading, back, municipality, context
    )


# --- one way to edit --------------------------------------------------------------------------


def _own(queryset, pk: int | None) -> Any:
    if pk is None:
        return None
    found = queryset.filter(pk=pk).first()
    if found is None:
        raise Http404("finns inte hos staden")
    return found


def _edit(request, form_class, instance, extra: dict, heading: str, back: str, municipality, context=None):
    """Show the form; on POST validate → refuse conflicts → save the changed fields → back."""
    stored = model_to_dict(instance) if instance.pk else {}
    status, conflicts = 200, {}
    if request.method == "GET":
        form = form_class(instance=instance, **extra)
    else:
        form = form_class(request.POST, instance=instance, **extra)
        if not form.is_valid():
            status = 400
        elif instance.pk and (conflicts := field_conflicts(form, stored)):
            status = 409
            form = form_class(_showing(form, conflicts), instance=instance, **extra)
            form.is_valid()
        else:
            try:
                saved = _save(form, instance)
            except LockedReportError as error:
                messages.error(request, f"Inget sparades: {error}.")
                return redirect(request.path)
            messages.success(request, saved)
            return redirect(back)
    described = [
        (form.fields[name].label, _shown(form.fields[name], value)) for name, value in conflicts.items()
    ]
    page = {
        "municipality": municipality,
        "form": form,
        "heading": heading,
        "back": back,
        "conflicts": described,
        "can_setup": True,
        "latest": _latest(municipality),
        **(context or {}),
    }
    return render(request, "web/city/form.html", page, status=status)


def _save(form, instance) -> str:
    """Write only the fields the user changed (a new object: all of them); the Swedish message."""
    if not instance.pk:
        with transaction.atomic():
            form.save()
        return "Det är sparat."
    changed = [name for name in form.changed_data if not form.fields[name].disabled]
    if not changed:
        return "Inget ändrades."
    fresh = type(instance).objects.get(pk=instance.pk)
    for name in changed:
        setattr(fresh, name, form.cleaned_data[name])
    with transaction.atomic():
        fresh.full_clean(exclude=[f.name for f in fresh._meta.fields if f.name not in changed])
        fresh.save(update_fields=changed)
    labels = ", ".join(str(form.fields[name].label).lower() for name in changed)
    return f"Det är sparat ({labels})."


def _showing(form, conflicts: dict[str, Any]):
    """The posted data with the stored values as what the page "showed" for the conflicting fields,
    so that saving again (after reading the conflict) writes the user's values."""
    data = form.data.copy()
    for name, value in conflicts.items():
        field = form.fields[name]
        prepared = field.prepare_value(value)
        data[form.add_initial_prefix(name)] = "" if prepared is None else str(prepared)
    return data


def _shown(field, value) -> str:
    if value in (None, "", []):
        return "(tomt)"
    if hasattr(field, "queryset"):
        return str(field.queryset.model.objects.filter(pk=value).first() or value)
    choices = dict(getattr(field, "choices", []) or [])
    if value in choices:
        return str(choices[value])
    if isinstance(value, bool):
        return "ja" if value else "nej"
    return str(field.prepare_value(value))


def _goal_order(goal: Goal) -> tuple:
    return tuple((0, int(part)) if part.isdigit() else (1, part) for part in goal.number.split("."))


def _latest(municipality: Organisation) -> Period | None:
    """The latest period with reports (for the link to the committees' assessments)."""
    return (
        Period.objects.filter(municipality=municipality, reports__isnull=False)
        .order_by("-year", "-ends")
        .first()
    )
