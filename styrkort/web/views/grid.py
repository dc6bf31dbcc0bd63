"""The indicator entry grid: outcomes, gender split, forecasts and analyses of many indicators.

One formset of ``MeasurementForm`` (prefix ``m``), one form per indicator the user may edit; a
save writes only the fields the user changed (``web/editing.py``).
"""

from __future__ import annotations

import re

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from styrkort.audit.trail import changes_for
from styrkort.storage.load import stored_figure
from styrkort.web import queries
from styrkort.web.editing import Row, RowForms, shown_as
from styrkort.web.forms import MeasurementForm
from styrkort.web.getters import get_report_access, require_edit
from styrkort.web.responses import report_url, save_forms

PREFIX = "m"


def _grid_forms(request: HttpRequest, access, data=None) -> RowForms:
    rows = [Row(m, m.indicator.name) for m in queries.measurements_of(access.report)]
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
    if request.method == "GET":
        return _grid_page(request, access, _grid_forms(request, access))
    require_edit(access.may_write)
    forms = _grid_forms(request, access, request.POST)
    saved, status = save_forms(access, forms)
    if status:
        return _grid_page(request, access, forms, status=status)
    messages.success(request, f"Sparat: {len(saved)} indikatorer ändrade." if saved else "Inget var ändrat.")
    return redirect(report_url(access.report, "web:grid"))


def _grid_page(request, access, forms: RowForms, status: int = 200) -> HttpResponse:
    report = access.report
    _describe(report, forms.rows)
    context = {
        "access": access,
        "report": report,
        "forms": forms,
        "rows": forms.rows,
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
