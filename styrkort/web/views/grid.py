"""The indicator entry grid: outcomes, gender split, forecasts and analyses of many indicators.

One formset of ``MeasurementForm`` (prefix ``m``), one form per indicator the user may edit; a
save writes only the fields the user changed (``web/editing.py``).

Filters are GET parameters, kept through a save (the form posts to the filtered address and the
save redirects back to it; the form posts to the page's own address): ``mina=1`` the rows the user may change, ``saknas=1`` the rows due in
the period with neither outcome nor forecast (``domain.indicators.is_missing``), ``mal=<goal id>``
one goal's indicators, ``status=<grade>`` one status (met, partly_met, not_met, no_data,
unclear). A save returns to the row the user was working on (``plats``, set by the grid's script,
else the first row saved) as the address's fragment ``#rad-<id>``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from styrkort.audit.trail import changes_for
from styrkort.domain.indicators import is_missing
from styrkort.domain.words import count_words, describe_saved
from styrkort.storage.load import stored_figure
from styrkort.web import queries
from styrkort.web.editing import Row, RowForms, shown_as
from styrkort.web.forms import MeasurementForm
from styrkort.web.getters import get_report_access, require_edit
from styrkort.web.responses import report_url, save_forms

PREFIX = "m"
GRADES = ("met", "partly_met", "not_met", "no_data", "unclear")  # styrkort.domain.scales.Grade


@dataclass(frozen=True)
class GridFilter:
    """Which rows the grid shows (GET parameters; anything unknown is ignored, never an error)."""

    mine: bool = False
    missing: bool = False
    goal: int | None = None
    grade: str = ""

    @classmethod
    def from_query(cls, query) -> GridFilter:
        goal = query.get("mal", "")
        grade = query.get("status", "")
        return cls(
            mine=query.get("mina") == "1",
            missing=query.get("saknas") == "1",
            goal=int(goal) if goal.isascii() and goal.isdigit() and len(goal) < 12 else None,
            grade=grade if grade in GRADES else "",
        )

    @property
    def active(self) -> bool:
        return self.mine or self.missing or self.goal is not None or bool(self.grade)

    def query(self) -> str:
        """The filter as a query string ("" when none), to keep it through a save."""
        pairs = [("mina", "1")] * self.mine + [("saknas", "1")] * self.missing
        pairs += [("mal", str(self.goal))] * (self.goal is not None) + [("status", self.grade)] * bool(
            self.grade
        )
        return urlencode(pairs)


def _grade_words(scale) -> dict[str, str]:
    """Each grade of the filter in the scale's own words (its first level of that grade)."""
    words: dict[str, str] = {}
    for level in (*scale.levels, scale.no_data, scale.unclear):
        words.setdefault(level.grade, level.label)
    return words


def _measurements(access, shown: GridFilter, every: list) -> list:
    """Of the report's measurements (``every``), those that pass the filter (statuses as stored)."""
    report = access.report
    found = list(every)
    if shown.mine:
        found = [m for m in found if access.may_edit_indicator(m.indicator_id, m.indicator.goal_id)]
    if shown.goal is not None:
        found = [m for m in found if m.indicator.goal_id == shown.goal]
    if shown.missing or shown.grade:
        previous = queries.previous_annual_of(report)
        kept = []
        for m in found:
            indicator = queries.domain_indicator(report, m, previous)
            if shown.missing and not is_missing(indicator, report.period.kind):
                continue
            if shown.grade and queries.status_of(report, indicator).level.grade != shown.grade:
                continue
            kept.append(m)
        found = kept
    return found


def _grid_forms(request: HttpRequest, access, data=None, measurements=None) -> RowForms:
    if measurements is None:
        measurements = list(queries.measurements_of(access.report))
    rows = [Row(m, m.indicator.name) for m in measurements]
    writing = data is not None  # a save is answered with the user's forms even if the report closed

    def editable(row: Row) -> bool:
        m = row.obj
        allowed = access.may_edit_indicator(m.indicator_id, m.indicator.goal_id)
        return allowed and (writing or access.is_editable)

    return RowForms(
        MeasurementForm,
        rows,
        data,
        PREFIX,
        editable,
        setup=lambda row, form: form.set_unit(row.obj.indicator.unit),
    )


def _describe(report, rows: list[Row]) -> None:
    """Each row's indicator as the rules see it (typed figures where valid), its status and cells."""
    previous = queries.previous_annual_of(report)
    status_base = report_url(report, "web:grid")
    for row in rows:
        m, form = row.obj, row.form
        figures = row.typed(MeasurementForm.FIGURES, stored_figure)
        indicator = queries.domain_indicator(report, m, previous, **figures)
        shown = MeasurementForm.FIGURES if indicator.gender_split else ("outcome", None, None, "forecast")
        row.derived = {
            "indicator": indicator,
            "status": queries.status_of(report, indicator),
            "status_url": f"{status_base}{m.pk}/status/",
            "cells": [name and _cell(form, name, row.label) for name in shown] if form else [],
            "analysis": _cell(form, "analysis", row.label) if form else None,
        }


def _cell(form: MeasurementForm, name: str, indicator_name: str) -> dict:
    """What the grid template needs for one input (cheaper than rendering a bound field per cell)."""
    bound = form[name]
    return {
        "id": bound.auto_id,
        "name": bound.html_name,
        "value": bound.value(),
        "initial_name": bound.html_initial_name,
        "initial": shown_as(bound.field, bound.initial),
        "label": f"{bound.label}, {indicator_name}",
        "errors": " ".join(str(error) for error in form.errors.get(name, [])) if form.is_bound else "",
    }


@require_http_methods(["GET", "POST"])
def indicator_grid(request: HttpRequest, code: str, period: str) -> HttpResponse:
    """Outcomes, gender split, forecasts and analyses of many indicators at once."""
    access = get_report_access(request, code, period)
    shown = GridFilter.from_query(request.GET)
    every = list(queries.measurements_of(access.report))  # read once, filtered in Python
    if request.method == "GET":
        forms = _grid_forms(request, access, None, _measurements(access, shown, every))
        return _grid_page(request, access, forms, shown, every)
    require_edit(access.may_write)
    forms = _grid_forms(request, access, request.POST, every)  # every row: the forms sent pair by row id
    saved, status = save_forms(access, forms)
    if status:
        kept = {m.pk for m in _measurements(access, shown, every)}
        forms.rows = [row for row in forms.rows if row.obj.pk in kept or row.form is not None]
        return _grid_page(request, access, forms, shown, every, status=status)
    rows = {row.obj.pk for row in forms.rows}
    place = request.POST.get("plats", "")
    if not (place.isascii() and place.isdigit() and int(place) in rows):
        place = str(saved[0].pk) if saved and saved[0].pk in rows else ""
    messages.success(request, describe_saved(len(saved), "indikator", "indikatorer"))
    query = shown.query()
    url = (
        report_url(access.report, "web:grid")
        + (f"?{query}" if query else "")
        + (f"#rad-{place}" if place else "")
    )
    return redirect(url)


def _grid_page(
    request, access, forms: RowForms, shown: GridFilter, every: list, status: int = 200
) -> HttpResponse:
    report = access.report
    _describe(report, forms.rows)
    goals = {m.indicator.goal_id: m.indicator.goal for m in every}  # in the order of the rows
    context = {
        "access": access,
        "report": report,
        "forms": forms,
        "rows": forms.rows,
        "shown": shown,
        "goals": list(goals.values()),
        "grades": _grade_words(queries.scale_for(report)),
        "count": count_words(len(forms.rows), "indikator", "indikatorer"),
        "total": len(every),
        "any_editable": forms.can_save and any(row.form for row in forms.rows),
        "changes": changes_for(*(row.obj for row in forms.rows), limit=50) if forms.rows else [],
    }
    return render(request, "web/grid.html", context, status=status)


@require_GET
def indicator_status(request: HttpRequest, code: str, period: str, pk: int) -> HttpResponse:
    """The status of one grid row for the figures typed so far (htmx partial; nothing is saved)."""
    access = get_report_access(request, code, period)
    report = access.report
    m = queries.measurements_of(report).filter(pk=pk).first()
    if m is None:
        raise Http404("indikatorn finns inte i rapporten")
    prefix = request.GET.get("form", "")
    form = MeasurementForm(request.GET, prefix=prefix if re.fullmatch(rf"{PREFIX}-\d+", prefix) else PREFIX)
    form.set_unit(m.indicator.unit)
    form.is_valid()
    figures = {name: form.cleaned_data[name] for name in MeasurementForm.FIGURES if name in form.cleaned_data}
    indicator = queries.domain_indicator(report, m, queries.previous_annual_of(report), **figures)
    context = {
        "row": Row(m, m.indicator.name, form, derived={"status": queries.status_of(report, indicator)}),
        "typing_errors": [
            f"{form.fields[name].label}: {error}"
            for name, errors in form.errors.items()
            if name in MeasurementForm.FIGURES
            for error in errors
        ],
    }
    return render(request, "web/_status.html", context)
