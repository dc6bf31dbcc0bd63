"""The indicator entry grid: outcomes, gender split, forecasts and analyses of many indicators.

Which rows a request shows, and each row's cells, are ``web/grid_rows.py``: unfiltered, a page
of whole goals (``sida=<n>``, ``sida=alla`` for every row); filtered, every matching row of the
report. Filters are GET parameters, kept through a save (the form posts to the page's own
address and the save redirects back to it): ``mina=1`` the rows the user may change,
``saknas=1`` the rows due in the period with neither outcome nor forecast
(``domain.indicators.is_missing``), ``mal=<goal id>`` one goal's indicators, ``status=<grade>``
one status (met, partly_met, not_met, no_data, unclear). A save returns to the row the user was
working on (``plats``, set by the grid's script, else the first row saved) as the address's
fragment ``#rad-<id>``.

A page that is only shown reads the report's rows once without figures (``queries.listing_of``:
the pages, the goal chooser, "mina") and the rows it shows with last year's outcomes in one more
query, and builds no form; its table (the inputs with the stored values, no CSRF token) and plain
values are cached per report revision, rights and filter (``web/fragments.py``), so a second view
reads neither; the CSRF token, messages and audit trail are added per request. A save binds one
``MeasurementForm`` (prefix ``m``) per row sent and writes only the fields the user changed
(``web/editing.py``); a refused save's page, with what the user typed, is never cached.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_http_methods

from styrkort.audit.trail import changes_of
from styrkort.domain.indicators import is_missing
from styrkort.domain.words import count_words, describe_saved
from styrkort.goals.models import Measurement
from styrkort.storage.load import stored_figure
from styrkort.web import fragments, queries
from styrkort.web.editing import Row, RowForms
from styrkort.web.forms import MeasurementForm
from styrkort.web.getters import get_report_access, require_edit
from styrkort.web.grid_rows import (
    GridFilter,
    Selection,
    editable_cells,
    form_cells,
    goal_choices,
    grid_row,
    select,
)
from styrkort.web.responses import report_url, save_forms

PREFIX = "m"


def _grade_words(scale) -> dict[str, str]:
    """Each grade of the filter in the scale's own words (its first level of that grade)."""
    words: dict[str, str] = {}
    for level in (*scale.levels, scale.no_data, scale.unclear):
        words.setdefault(level.grade, level.label)
    return words


def _describe(report, rows: list[Row], previous: dict) -> None:
    """Each row's indicator as the rules see it (typed figures where valid) and its status."""
    for row in rows:
        figures = row.typed(MeasurementForm.FIGURES, stored_figure)
        indicator = queries.domain_indicator(report, row.obj, previous, **figures)
        row.derived = {"indicator": indicator, "status": queries.status_of(report, indicator)}


def _passes(report, shown: GridFilter, row: Row) -> bool:
    """Whether a described row passes the filters that need its figures (missing, status)."""
    if shown.missing and not is_missing(row.derived["indicator"], report.period.kind):
        return False
    return not shown.grade or row.derived["status"].level.grade == shown.grade


def _ids_url(name: str, *args) -> Callable[[int], str]:
    """A URL of one row by its id, reversed once for the page (not once a row)."""
    head, _, tail = reverse(name, args=[*args, 987654321]).rpartition("987654321")
    return lambda pk: f"{head}{pk}{tail}"


@require_http_methods(["GET", "POST"])
def indicator_grid(request: HttpRequest, code: str, period: str) -> HttpResponse:
    """Outcomes, gender split, forecasts and analyses of many indicators at once."""
    access = get_report_access(request, code, period)
    report = access.report
    shown = GridFilter.from_query(request.GET)
    if request.method == "GET":
        part = fragments.cached("grid", access, lambda: _shown_part(access, shown), shown)
        return _grid_page(request, access, shown, part, None)
    require_edit(access.may_write)
    listing = queries.listing_of(report)
    selection = select(listing, shown, access.may_edit_indicator)
    measurements, previous = queries.measurements_by_id(report)  # every row: the forms sent pair by row id
    forms = RowForms(
        MeasurementForm,
        [Row(m, m.indicator.name) for m in measurements],
        request.POST,
        PREFIX,
        lambda row: access.may_edit_indicator(row.obj.indicator_id, row.obj.indicator.goal_id),
        setup=lambda row, form: form.set_unit(row.obj.indicator.unit),
    )  # a save is answered with the user's forms even if the report closed meanwhile
    saved, status = save_forms(access, forms)
    if status:
        wanted = set(selection.ids)
        stored = [Row(row.obj, row.label) for row in forms.rows if row.obj.pk in wanted]
        _describe(report, stored, previous)
        kept = {row.obj.pk for row in stored if _passes(report, shown, row)}
        forms.rows = [row for row in forms.rows if row.obj.pk in kept or row.form is not None]
        _describe(report, forms.rows, previous)
        part = _grid_part(access, shown, listing, selection, forms.rows, forms)
        return _grid_page(request, access, shown, part, forms, status=status)
    ids = {row.obj.pk for row in forms.rows}
    place = request.POST.get("plats", "")
    if not (place.isascii() and place.isdigit() and int(place) in ids):
        place = str(saved[0].pk) if saved and saved[0].pk in ids else ""
    messages.success(request, describe_saved(len(saved), "indikator", "indikatorer"))
    query = shown.query()
    url = report_url(report, "web:grid") + (f"?{query}" if query else "") + (f"#rad-{place}" if place else "")
    return redirect(url)


def _shown_part(access, shown: GridFilter) -> dict:
    """The page as shown, before any save: its inputs built from the stored rows."""
    report = access.report
    listing = queries.listing_of(report)
    selection = select(listing, shown, access.may_edit_indicator)
    measurements, previous = queries.measurements_by_id(report, selection.ids, listing)
    rows = [Row(m, m.indicator.name) for m in measurements]
    _describe(report, rows, previous)
    rows = [row for row in rows if _passes(report, shown, row)]
    return _grid_part(access, shown, listing, selection, rows, None)


def _grid_part(
    access,
    shown: GridFilter,
    listing: list[queries.Listed],
    selection: Selection,
    rows: list[Row],
    forms: RowForms | None,
) -> dict:
    """What the page shows besides its CSRF token, messages and audit trail: the table as HTML
    (rendered without a request) and plain values. A shown page's part is cached
    (``web/fragments.py``, keyed by the filter too); a refused save's, with the user's forms, never."""
    report = access.report
    goal_numbers = {listed.pk: listed.goal_number for listed in listing}
    can_save = forms.can_save if forms is not None else access.is_editable
    args = (report.organisation.code, report.period.key)
    status_url = _ids_url("web:indicator-status", *args)
    history_url = _ids_url("web:indicator-history", *args)
    comments_url = _ids_url("workspace:comments", *args, "indikator")
    editable = 0
    grid_rows = []
    for row in rows:
        m, indicator = row.obj, row.derived["indicator"]
        shown_row = grid_row(m, goal_numbers.get(m.pk, ""), indicator, row.derived["status"])
        shown_row.status_url = status_url(m.pk)
        shown_row.history_url = history_url(m.indicator_id)
        shown_row.comments_url = comments_url(m.indicator_id)
        if forms is not None:
            if row.form is not None:
                form_cells(shown_row, row.form, indicator.gender_split)
            shown_row.conflicts = row.conflicts
        elif can_save and access.may_edit_indicator(m.indicator_id, m.indicator.goal_id):
            editable_cells(shown_row, m, f"{PREFIX}-{editable}", indicator.gender_split)
            editable += 1
        grid_rows.append(shown_row)
    if forms is not None:
        total, initial = forms.formset.total_form_count(), forms.formset.initial_form_count()
    else:
        total = initial = editable
    before, after = selection.neighbours()
    values = {
        "selection": selection,
        "count": count_words(len(grid_rows), "indikator", "indikatorer"),
        "total": len(listing),
        "any_editable": can_save and any(row.prefix for row in grid_rows),
    }
    table = render_to_string(
        "web/_grid_table.html", {**values, "report": report, "rows": grid_rows, "shown": shown}
    )
    return {
        **values,
        "table_html": table.strip(),
        "management": {"prefix": PREFIX, "total": total, "initial": initial},
        "goals": goal_choices(listing),
        "grades": _grade_words(queries.scale_for(report)),
        "before": before,
        "after": after,
        "measurement_ids": [row.obj.pk for row in rows],
    }


def _grid_page(
    request, access, shown: GridFilter, part: dict, forms: RowForms | None, status: int = 200
) -> HttpResponse:
    """The page around its part: the CSRF token, the filter, messages and the audit trail."""
    ids = part["measurement_ids"]
    context = {
        **part,
        "part": {"table_html": mark_safe(part["table_html"])},  # noqa: S308 - rendered by a template
        "access": access,
        "report": access.report,
        "forms": forms,
        "shown": shown,
        "changes": changes_of(Measurement, ids, limit=50),
    }
    return render(request, "web/grid.html", context, status=status)


@require_GET
def indicator_status(request: HttpRequest, code: str, period: str, pk: int) -> HttpResponse:
    """The status of one grid row for the figures typed so far (htmx partial; nothing is saved)."""
    access = get_report_access(request, code, period)
    report = access.report
    found, previous = queries.measurements_by_id(report, [pk])
    if not found:
        raise Http404("indikatorn finns inte i rapporten")
    m = found[0]
    prefix = request.GET.get("form", "")
    form = MeasurementForm(request.GET, prefix=prefix if re.fullmatch(rf"{PREFIX}-\d+", prefix) else PREFIX)
    form.set_unit(m.indicator.unit)
    form.is_valid()
    figures = {name: form.cleaned_data[name] for name in MeasurementForm.FIGURES if name in form.cleaned_data}
    indicator = queries.domain_indicator(report, m, previous, **figures)
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
