"""The indicator entry grid: outcomes, gender split, forecasts and analyses of many indicators."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from styrkort.audit.trail import changes_for
from styrkort.followup.lock import LockedReportError
from styrkort.web import queries
from styrkort.web.editing import ConflictError, Edit, save_edits
from styrkort.web.forms import MeasurementForm
from styrkort.web.getters import get_report_access, require_edit
from styrkort.web.responses import conflict_details, report_url


def _grid_rows(access, report, data: QueryDict | None = None, conflicts: dict | None = None):
    previous = queries.previous_annual_of(report)
    status_base = report_url(report, "web:grid")
    rows = []
    for m in queries.measurements_of(report):
        editable = access.can_edit_indicator(m.indicator_id, m.indicator.goal_id)
        prefix = f"m{m.pk}"
        initial = {name: getattr(m, name) for name in MeasurementForm.FIGURES}
        initial.update(analysis=m.analysis, version=m.version)
        bound = data is not None and editable and f"{prefix}-version" in data
        form = MeasurementForm(data if bound else None, prefix=prefix, initial=initial, unit=m.indicator.unit)
        figures = {}
        if bound and form.is_valid():
            figures = {name: form.cleaned_data[name] for name in MeasurementForm.FIGURES}
        indicator = queries.domain_indicator(report, m, previous, **figures)
        shown = MeasurementForm.FIGURES if indicator.gender_split else ("outcome", None, None, "forecast")
        cells = [name and _cell(form, name, m.indicator.name) for name in shown] if editable else []
        rows.append(
            {
                "m": m,
                "label": m.indicator.name,
                "form": form,
                "cell_list": cells,
                "editable": editable,
                "indicator": indicator,
                "status": queries.status_of(report, indicator),
                "conflict": (conflicts or {}).get(m.pk),
                "status_url": f"{status_base}{m.pk}/status/",
            }
        )
    return rows


def _cell(form: MeasurementForm, name: str, indicator_name: str) -> dict:
    """What the grid template needs for one figure input (cheaper than a bound field per cell)."""
    field = form[name]
    return {
        "id": f"id_{form.prefix}-{name}",
        "name": f"{form.prefix}-{name}",
        "value": field.value(),
        "label": f"{field.label}, {indicator_name}",
        "errors": " ".join(str(error) for error in form.errors.get(name, [])) if form.is_bound else "",
    }


@require_http_methods(["GET", "POST"])
def indicator_grid(request: HttpRequest, code: str, period: str) -> HttpResponse:
    """Outcomes, gender split, forecasts and analyses of many indicators at once."""
    access = get_report_access(request, code, period)
    report = access.report
    if request.method == "GET":
        rows = _grid_rows(access, report)
        return _grid_page(request, access, rows)
    require_edit(access.can_edit)
    rows = _grid_rows(access, report, request.POST)
    bound = [row for row in rows if row["form"].is_bound]
    if any(not row["form"].is_valid() for row in bound):
        return _grid_page(request, access, rows, status=400)
    edits = [
        Edit(
            row["m"],
            row["form"].cleaned_data["version"],
            {name: row["form"].cleaned_data[name] for name in (*MeasurementForm.FIGURES, "analysis")},
        )
        for row in bound
    ]
    try:
        saved = save_edits(edits)
    except ConflictError as conflict:
        return _grid_conflict(request, access, conflict)
    except LockedReportError as error:
        messages.error(request, f"Inget sparades: {error}.")
        return redirect(report_url(report, "web:grid"))
    messages.success(request, f"Sparat: {len(saved)} indikatorer ändrade." if saved else "Inget var ändrat.")
    return redirect(report_url(report, "web:grid"))


def _grid_conflict(request, access, conflict: ConflictError) -> HttpResponse:
    details = conflict_details(conflict.rows)
    data = request.POST.copy()
    for pk, detail in details.items():
        data[f"m{pk}-version"] = str(detail["current"].version)  # the next save means "mine wins"
    rows = _grid_rows(access, access.report, data, details)
    return _grid_page(request, access, rows, status=409, conflict=True)


def _grid_page(request, access, rows, status: int = 200, conflict: bool = False) -> HttpResponse:
    errors = [
        (row, name, error)
        for row in rows
        if row["form"].is_bound
        for name, error in row["form"].errors.items()
    ]
    context = {
        "access": access,
        "report": access.report,
        "rows": rows,
        "errors": errors,
        "conflict": conflict,
        "any_editable": any(row["editable"] for row in rows),
        "changes": changes_for(*(row["m"] for row in rows), limit=50) if rows else [],
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
    form = MeasurementForm(request.GET, prefix=f"m{pk}", unit=m.indicator.unit)
    form.is_valid()
    figures = {name: form.cleaned_data[name] for name in MeasurementForm.FIGURES if name in form.cleaned_data}
    indicator = queries.domain_indicator(report, m, queries.previous_annual_of(report), **figures)
    context = {
        "row": {"m": m, "status": queries.status_of(report, indicator), "form": form},
        "typing_errors": [
            f"{form.fields[name].label}: {error}"
            for name, errors in form.errors.items()
            if name in MeasurementForm.FIGURES
            for error in errors
        ],
    }
    return render(request, "web/_status.html", context)
