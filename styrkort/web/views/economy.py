"""The economy page of a committee's report: operating budget, result units, investments and the rest.

Reads like the core's views (``styrkort.web.views``): authorise (``get_report_access``; changes
only for the committee controller or an administrator while the report is open, else 403 with a
Swedish message) → validate (one prefixed form per editable row) → change (``save_edits``: one
transaction, optimistic locking, audited by the trail's signals) → respond.

Derived columns are never typed: each row's deviation (budget + requested adjustments + volume
changes − forecast, ``domain.economy.calculate_deviation``) and the total rows (sums of the
top-level rows) are computed from the figures shown, stored on save, and recomputed as one types
through ``economy_derived`` (htmx, out-of-band swaps; nothing is saved there). Result units show
the fund rule (``domain.funds``): the capped fund and whether the unit is within 5 % and 10 %;
gross changes whether costs and revenues cancel out. A row's derived column is rewritten only
when the user changed one of its figures (stale stored deviations elsewhere are the check's to
report). Editable tables: operating budget, result units, investments, gross changes, budget
adjustments and fund applications; the operating summary, volumes and investment projects are
shown as stored. The economy findings of the check are shown beside the tables they concern.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from styrkort.audit.trail import changes_for
from styrkort.domain import document as d
from styrkort.domain.checks import run_checks
from styrkort.domain.economy import add_figures, calculate_deviation
from styrkort.domain.findings import Finding
from styrkort.domain.funds import (
    STOCKHOLM_FUND_RULES,
    calculate_cap,
    calculate_capped_fund,
    check_unit,
    show_tkr,
)
from styrkort.domain.numbers import FigureError, format_number, normalise, same_figure
from styrkort.economy import models as em
from styrkort.followup.lock import LockedReportError
from styrkort.storage.load import followup_from_report, stored_figure
from styrkort.web.editing import ConflictError, Edit, save_edits
from styrkort.web.forms import (
    BudgetAdjustmentForm,
    FundApplicationForm,
    GrossChangeForm,
    InvestmentForm,
    OperatingRowForm,
    ResultUnitForm,
)
from styrkort.web.getters import get_report_access
from styrkort.web.responses import conflict_details, refusal, report_url

SECTIONS = {
    "operating": "Driftbudget",
    "units": "Resultatenheter",
    "investments": "Investeringar",
    "volumes": "Volymer",
    "gross": "Omslutningsförändringar",
}
ECONOMY_RULE_PREFIXES = ("operating", "investment", "gross_change", "volume", "fund", "transfer")


# --- the sheet: rows, typed figures and what the domain derives from them --------------------


@dataclass
class SheetRow:
    """One row of an editable economy table, with the figures shown and those derived."""

    obj: Any
    label: str
    kind: str  # "row", "part" (a "varav" row) or "total"
    form: Any = None
    figures: dict[str, Decimal | None] = field(default_factory=dict)
    derived: dict[str, Any] = field(default_factory=dict)
    conflict: dict | None = None
    extra: Any = None
    key: str = ""

    @property
    def dom_id(self) -> str:
        return self.form.prefix if self.form is not None else self.key

    @property
    def total_cells(self) -> list[tuple[str, Decimal | None]]:
        """A total row's cells: (element id, figure), in column order."""
        return [(f"{self.key}-{column}", self.figures.get(column)) for column in self.extra or ()]


def _bind(obj, form_class, prefix: str, data, editable: bool):
    """The row's form (bound when the user typed in it) and the figures to compute with."""
    initial: dict[str, Any] = {name: stored_figure(getattr(obj, name)) for name in form_class.FIGURES}
    figures = dict(initial)
    initial.update({name: getattr(obj, name) for name in _texts(form_class)})
    initial["version"] = obj.version
    bound = data is not None and editable and f"{prefix}-version" in data
    form = form_class(data if bound else None, prefix=prefix, initial=initial)
    if bound:
        form.is_valid()
        for name in form_class.FIGURES:
            if name in form.cleaned_data:
                figures[name] = form.cleaned_data[name]
    return form, figures


def _texts(form_class) -> tuple[str, ...]:
    return getattr(form_class, "TEXTS", ())


def _total_row(obj, label: str, key: str, rows: list[SheetRow], columns: tuple[str, ...]) -> SheetRow:
    """The total of the top-level rows, column by column (an empty column stays empty)."""
    top = [row for row in rows if row.kind == "row"]
    values = [{**row.figures, **row.derived} for row in top]
    figures = {column: add_figures(value.get(column) for value in values) for column in columns}
    return SheetRow(obj, label, "total", figures=figures, extra=columns, key=key)


def _deviation(value: Decimal | None) -> dict[str, Any]:
    return {"deviation": value, "words": deviation_words(value)}


def deviation_words(value: Decimal | None) -> str:
    if value is None:
        return "kan inte beräknas: budget eller prognos saknas"
    if value > 0:
        return "överskott"
    if value < 0:
        return "underskott"
    return "i balans"


def _operating(report, data, editable: bool) -> list[SheetRow]:
    rows = []
    total = None
    for obj in (
        em.OperatingBudgetRow.objects.filter(report=report).select_related("area").order_by("position")
    ):
        if obj.is_total:
            total = obj
            continue
        form, figures = _bind(obj, OperatingRowForm, f"o{obj.pk}", data, editable)
        forecast = figures["forecast_after_transfers"]
        if forecast is None:
            forecast = figures["forecast_before_transfers"]
        deviation = calculate_deviation(
            figures["budget"], forecast, figures["requested_adjustments"], figures["volume_changes"]
        )
        area = obj.area
        assert area is not None  # a database constraint: only the total row has no area
        kind = "part" if area.parent_id else "row"
        rows.append(SheetRow(obj, area.name, kind, form, figures, _deviation(deviation)))
    columns = (*OperatingRowForm.FIGURES, "deviation")
    rows.append(_total_row(total, total.label if total else "Totalt", "o-totalt", rows, columns))
    return rows


def _fund_rule(figures: dict[str, Decimal | None], name: str) -> dict[str, Any]:
    """What the fund rules say about one unit's figures (see ``domain.funds``)."""
    unit = d.ResultUnit(name, "", **figures)
    rules = STOCKHOLM_FUND_RULES
    gross, result = figures["gross_budget"], figures["result"]
    carried = figures["carried_out"]
    derived: dict[str, Any] = {
        "capped": calculate_capped_fund(unit, rules),
        "findings": check_unit(unit, rules),
    }
    withdrawal_share = format_number(normalise(rules.max_withdrawal_share * 100))
    fund_share = format_number(normalise(rules.max_fund_share * 100))
    if gross is None or gross <= 0:
        derived["withdrawal"] = (None, f"{withdrawal_share} %-regeln kan inte prövas: bruttobudget saknas")
        derived["fund"] = (None, f"{fund_share} %-regeln kan inte prövas: bruttobudget saknas")
        return derived
    withdrawal_cap = show_tkr(calculate_cap(gross, rules.max_withdrawal_share, rules))
    fund_cap = show_tkr(calculate_cap(gross, rules.max_fund_share, rules))
    if result is None:
        derived["withdrawal"] = (None, f"{withdrawal_share} %-regeln kan inte prövas: resultat saknas")
    elif result <= calculate_cap(gross, rules.max_withdrawal_share, rules):
        derived["withdrawal"] = (True, f"Uttaget ryms inom {withdrawal_share} % (högst {withdrawal_cap} tkr)")
    else:
        derived["withdrawal"] = (
            False,
            f"Uttaget är mer än {withdrawal_share} % (högst {withdrawal_cap} tkr)",
        )
    if carried is None:
        derived["fund"] = (None, f"{fund_share} %-regeln kan inte prövas: överföring till nästa år saknas")
    elif carried <= calculate_cap(gross, rules.max_fund_share, rules):
        derived["fund"] = (True, f"Fonden ryms inom {fund_share} % (högst {fund_cap} tkr)")
    else:
        derived["fund"] = (False, f"Fonden är mer än {fund_share} % (högst {fund_cap} tkr)")
    return derived


def _units(report, data, editable: bool) -> list[SheetRow]:
    rows = []
    total = None
    for obj in em.ResultUnit.objects.filter(report=report).order_by("position"):
        if obj.is_total:
            total = obj
            continue
        form, figures = _bind(obj, ResultUnitForm, f"r{obj.pk}", data, editable)
        rows.append(SheetRow(obj, obj.name, "row", form, figures, _fund_rule(figures, obj.name)))
    rows.append(_total_row(total, total.name if total else "Summa", "r-totalt", rows, ResultUnitForm.FIGURES))
    return rows


def _investments(report, data, editable: bool) -> list[SheetRow]:
    rows = []
    total = None
    objects = em.InvestmentRow.objects.filter(report=report).prefetch_related("projects").order_by("position")
    for obj in objects:
        if obj.is_total:
            total = obj
            continue
        form, figures = _bind(obj, InvestmentForm, f"i{obj.pk}", data, editable)
        deviation = calculate_deviation(
            figures["budget"], figures["forecast"], figures["requested_adjustments"]
        )
        kind = "part" if obj.parent_id else "row"
        rows.append(
            SheetRow(obj, obj.category, kind, form, figures, _deviation(deviation), extra=obj.projects.all())
        )
    columns = (*InvestmentForm.FIGURES, "deviation")
    rows.append(_total_row(total, total.category if total else "Totalt", "i-totalt", rows, columns))
    return rows


def balance_words(costs: Decimal | None, revenues: Decimal | None) -> str:
    """Whether a gross change's extra costs and revenues cancel out, in words."""
    if costs is None or revenues is None:
        return "kan inte prövas: kostnad eller intäkt saknas"
    difference = costs + revenues
    if difference == 0:
        return "i balans: intäkterna täcker kostnaderna"
    return f"inte i balans: skillnad {format_number(difference, decimals=1)} mnkr"


def _gross_changes(report, data, editable: bool) -> list[SheetRow]:
    rows = []
    total = None
    for obj in em.GrossChangeRow.objects.filter(report=report).order_by("position"):
        if obj.is_total:
            total = obj
            continue
        form, figures = _bind(obj, GrossChangeForm, f"g{obj.pk}", data, editable)
        kind = "part" if obj.parent_id else "row"
        derived = {"words": balance_words(figures["costs"], figures["revenues"])}
        rows.append(SheetRow(obj, obj.area, kind, form, figures, derived))
    rows.append(
        _total_row(total, total.area if total else "Summa", "g-totalt", rows, GrossChangeForm.FIGURES)
    )
    return rows


def _applications(report, data, editable: bool) -> tuple[list[SheetRow], list[SheetRow]]:
    adjustments: list[SheetRow] = []
    for adjustment in em.BudgetAdjustment.objects.filter(report=report).order_by("position"):
        form, figures = _bind(adjustment, BudgetAdjustmentForm, f"b{adjustment.pk}", data, editable)
        label = f"Budgetjustering {len(adjustments) + 1}"
        adjustments.append(SheetRow(adjustment, label, "row", form, figures))
    applications: list[SheetRow] = []
    for obj in em.FundApplication.objects.filter(report=report).order_by("position"):
        form, figures = _bind(obj, FundApplicationForm, f"f{obj.pk}", data, editable)
        label = f"Ansökan {len(applications) + 1}"
        applications.append(SheetRow(obj, label, "row", form, figures))
    return adjustments, applications


@dataclass
class Sheet:
    """The editable tables of the economy page."""

    operating: list[SheetRow]
    units: list[SheetRow]
    investments: list[SheetRow]
    gross: list[SheetRow]
    adjustments: list[SheetRow]
    applications: list[SheetRow]

    def tables(self) -> tuple[list[SheetRow], ...]:
        return (self.operating, self.units, self.investments, self.gross, self.adjustments, self.applications)

    def editable_rows(self) -> list[SheetRow]:
        return [row for rows in self.tables() for row in rows if row.form]

    def bound_rows(self) -> list[SheetRow]:
        return [row for row in self.editable_rows() if row.form.is_bound]


def build_sheet(report, data=None, editable: bool = False) -> Sheet:
    return Sheet(
        _operating(report, data, editable),
        _units(report, data, editable),
        _investments(report, data, editable),
        _gross_changes(report, data, editable),
        *_applications(report, data, editable),
    )


def economy_findings(report) -> dict[str, list[Finding]]:
    """The check's economy findings, by the section they concern."""
    found: dict[str, list[Finding]] = {key: [] for key in SECTIONS}
    for finding in run_checks(followup_from_report(report)):
        if not finding.rule.startswith(ECONOMY_RULE_PREFIXES):
            continue
        section = next(
            (key for key, title in SECTIONS.items() if finding.where.startswith(title)), "operating"
        )
        found[section].append(finding)
    return found


# --- saving ----------------------------------------------------------------------------------


def _edit(row: SheetRow) -> Edit:
    data = row.form.cleaned_data
    values = {name: data[name] for name in (*type(row.form).FIGURES, *_texts(type(row.form)))}
    if "deviation" in row.derived:
        values["deviation"] = row.derived["deviation"]
    return Edit(row.obj, data["version"], values)


def _typed_changes(row: SheetRow) -> bool:
    """Whether the user changed a figure of the row (only then is its derived column rewritten)."""
    data = row.form.cleaned_data
    form_class = type(row.form)
    return any(
        not same_figure(data[name], stored_figure(getattr(row.obj, name))) for name in form_class.FIGURES
    ) or any(data[name] != getattr(row.obj, name) for name in _texts(form_class))


def _store_totals(report) -> None:
    """Set each printed total row to the sum of its table's top-level rows (audited, versioned)."""
    fresh = build_sheet(report)
    edits = []
    for rows, columns in (
        (fresh.operating, (*OperatingRowForm.FIGURES, "deviation")),
        (fresh.units, ResultUnitForm.FIGURES),
        (fresh.investments, (*InvestmentForm.FIGURES, "deviation")),
        (fresh.gross, GrossChangeForm.FIGURES),
    ):
        total = rows[-1]
        if total.obj is not None:
            edits.append(Edit(total.obj, total.obj.version, {c: total.figures[c] for c in columns}))
    save_edits(edits)


# --- views -----------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def economy(request: HttpRequest, code: str, period: str) -> HttpResponse:
    """The report's economy: tables with derived columns, the fund rule, and the check's findings."""
    access = get_report_access(request, code, period)
    report = access.report
    editable = access.can_manage and access.is_editable
    if request.method == "GET":
        return _economy_page(request, access, build_sheet(report, None, editable))
    if (refused := refusal(request, access, "ekonomin")) is not None:
        return refused
    sheet = build_sheet(report, request.POST, editable)
    bound = sheet.bound_rows()
    if any(not row.form.is_valid() for row in bound):
        return _economy_page(request, access, sheet, status=400)
    try:
        with transaction.atomic():
            saved = save_edits([_edit(row) for row in bound if _typed_changes(row)])
            if saved:
                _store_totals(report)
    except ConflictError as conflict:
        details = conflict_details(conflict.rows)
        fresh = request.POST.copy()
        for row in bound:
            if row.obj.pk in details and type(details[row.obj.pk]["current"]) is type(row.obj):
                fresh[f"{row.form.prefix}-version"] = str(details[row.obj.pk]["current"].version)
        sheet = build_sheet(report, fresh, editable)
        for row in sheet.editable_rows():
            detail = details.get(row.obj.pk)
            if detail is not None and type(detail["current"]) is type(row.obj):
                fields = row.form.visible_fields()
                values = [(f.label, getattr(detail["current"], f.name)) for f in fields]
                row.conflict = {**detail, "values": values}
        return _economy_page(request, access, sheet, status=409, conflict=True)
    except LockedReportError as error:
        messages.error(request, f"Inget sparades: {error}.")
        return redirect(report_url(report, "web:economy"))
    except FigureError as error:  # a derived deviation or total too large for its column
        messages.error(request, f"Inget sparades: {error}.")
        return _economy_page(request, access, sheet, status=400)
    messages.success(request, f"Sparat: {len(saved)} rader ändrade." if saved else "Inget var ändrat.")
    return redirect(report_url(report, "web:economy"))


def _economy_page(request, access, sheet: Sheet, status: int = 200, conflict: bool = False) -> HttpResponse:
    report = access.report
    errors = [(row, name, error) for row in sheet.bound_rows() for name, error in row.form.errors.items()]
    editable = access.can_manage and access.is_editable
    context = {
        "access": access,
        "report": report,
        "sheet": sheet,
        "editable": editable,
        "errors": errors,
        "conflict": conflict,
        "findings": economy_findings(report),
        "summary": em.OperatingSummaryRow.objects.filter(report=report).order_by("position"),
        "volumes": em.VolumeTable.objects.filter(report=report)
        .prefetch_related("rows__values")
        .order_by("position"),
        "derived_url": report_url(report, "web:economy-derived"),
        "changes": changes_for(*[row.obj for row in sheet.editable_rows()], limit=50)
        if sheet.editable_rows()
        else [],
    }
    return render(request, "web/economy/economy.html", context, status=status)


@require_GET
def economy_derived(request: HttpRequest, code: str, period: str) -> HttpResponse:
    """The derived cells for the figures typed so far (htmx out-of-band swaps; nothing is saved)."""
    access = get_report_access(request, code, period)
    sheet = build_sheet(access.report, request.GET, access.can_manage and access.is_editable)
    return render(request, "web/economy/_derived_oob.html", {"sheet": sheet})
