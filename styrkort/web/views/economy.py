"""The economy page of a committee's report: operating budget, result units, investments and the rest.

Reads like every editing page: authorise (``get_report_access``; changes only for the committee
controller or an administrator, else 403 with a Swedish message) → validate (one formset per
editable table) → change (``save_edits``: only the fields the user changed, one transaction,
audited by the trail's signals) → respond. A save into a report approved or decided meanwhile,
or one that meets someone else's change of the same field, comes back with everything typed.

Derived columns are never typed: each row's deviation (``domain.economy``) and the total rows
(sums of the top-level rows) are computed from the figures shown, stored on save from the merged
row, and recomputed as one types through ``economy_derived`` (htmx, out-of-band swaps; nothing is
saved there). Result units show the fund rule (``domain.funds``): the fund that may be carried
and whether the unit keeps the 5 % and 10 % caps; gross changes whether costs and revenues
cancel out. A row's derived column is rewritten only when the row is written. The operating
summary is derived from the per-area table (``domain.economy_summary``): its derived rows are
stored with every save of the operating budget and shown as stored (what the report prints); only the revenues and
the result transfers are its own figures. The volumes are shown as stored. The check's findings are placed beside the tables
by the part of the report their rule names (``Finding.part``).

A page that is only shown builds no form: each editable row's inputs are written from the stored
row (``web.economy_inputs``, the markup its form printed); forms are bound only for a POST (a save,
the derived cells). The tables are read once per request (``storage.load.EconomyRows``), and only those the page
shows; the check's findings are the report's stored ones (``storage.counts``, computed again
whenever the report changes), so the page never loads the report's goals.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, cast

from django.apps import apps
from django.contrib import messages
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_http_methods

from styrkort.audit.trail import changes_in
from styrkort.domain import document as d
from styrkort.domain.economy import add_figures, calculate_deviation, calculate_operating_deviation
from styrkort.domain.economy_summary import COLUMNS as SUMMARY_COLUMNS
from styrkort.domain.economy_summary import DERIVED_KINDS, derive_operating_summary
from styrkort.domain.findings import Finding
from styrkort.domain.funds import (
    STOCKHOLM_FUND_RULES,
    CapTest,
    calculate_capped_fund,
    cap_on_fund,
    cap_on_withdrawal,
    show_tkr,
)
from styrkort.domain.numbers import format_number, normalise
from styrkort.domain.words import describe_saved
from styrkort.economy import models as em
from styrkort.storage.counts import stored_findings
from styrkort.storage.load import EconomyRows, economy_from_rows, stored_figure, summary_from_rows
from styrkort.storage.totals import store_totals
from styrkort.web import fragments
from styrkort.web.economy_inputs import Management, SheetRow, bound_inputs, stored_inputs
from styrkort.web.editing import ConflictError, Edit, Row, RowForm, RowForms
from styrkort.web.forms import (
    BudgetAdjustmentForm,
    FundApplicationForm,
    GrossChangeForm,
    InvestmentForm,
    InvestmentProjectForm,
    OperatingRowForm,
    ResultUnitForm,
    VolumeValueForm,
)
from styrkort.web.getters import get_report_access
from styrkort.web.responses import refusal, report_url, save_forms

SECTIONS = ("operating", "units", "investments", "volumes", "gross")
PLACES = {  # where on the page a finding goes, by the part of the report its rule names
    "operating_summary": "operating",
    "operating_budget": "operating",
    "result_units": "units",
    "investments": "investments",
    "volumes": "volumes",
    "gross_changes": "gross",
}
OPERATING_COLUMNS = (*OperatingRowForm.FIGURES, "deviation")
INVESTMENT_COLUMNS = (*InvestmentForm.FIGURES, "deviation")


# --- the sheet: one formset per table, typed figures and what the domain derives from them ----


@dataclass
class VolumeLine:
    """A row of a volume table: the stored row and one cell (``Row``, a form each) per value."""

    obj: em.VolumeRow
    cells: list[SheetRow]

    @property
    def conflicts(self) -> bool:
        return any(cell.conflicts for cell in self.cells)


@dataclass
class VolumeGrid:
    """A volume table as the page lays it out; its cells are the rows of the sheet's ``volumes``."""

    obj: em.VolumeTable
    lines: list[VolumeLine]


@dataclass
class Sheet:
    """The editable tables of the economy page, each a formset of its rows; to the page's notices
    (``_error_summary.html``, ``refuse_save``) the sheet answers like one ``RowForms``."""

    operating: RowForms
    units: RowForms
    investments: RowForms
    gross: RowForms
    adjustments: RowForms
    applications: RowForms
    volumes: RowForms  # one form per cell (``VolumeValue``)
    projects: RowForms  # the investment projects, shown under their category
    volume_grids: list[VolumeGrid] = field(default_factory=list)
    notice_title: str = ""
    notice: str = ""

    def tables(self) -> tuple[RowForms, ...]:
        return (
            self.operating,
            self.units,
            self.investments,
            self.gross,
            self.adjustments,
            self.applications,
            self.volumes,
            self.projects,
        )

    def is_valid(self) -> bool:
        return all([table.is_valid() for table in self.tables()])

    def edits(self) -> list[Edit]:
        return [edit for table in self.tables() for edit in table.edits()]

    def rows(self) -> list[SheetRow]:
        return [cast(SheetRow, row) for table in self.tables() for row in table.rows]

    def objects(self) -> list[Any]:
        return [row.obj for table in self.tables() for row in table.rows if row.obj is not None]

    @property
    def errors(self) -> list[tuple[Row, str, list[str]]]:
        return [error for table in self.tables() for error in table.errors]

    @property
    def lost_texts(self) -> list[tuple[str, str]]:
        return [text for table in self.tables() for text in table.lost_texts]

    @property
    def can_save(self) -> bool:
        return all(table.can_save for table in self.tables())

    @can_save.setter
    def can_save(self, value: bool) -> None:
        for table in self.tables():
            table.can_save = value

    def show_conflicts(self, error: ConflictError) -> None:
        for table in self.tables():
            table.show_conflicts(error)

    def management(self) -> SafeString:
        """The formsets' management forms (a page that is only shown has no forms: written from
        its rows' inputs)."""
        return mark_safe(  # noqa: S308 - Django's rendering, or Management's (escaped)
            "".join(
                str(table.formset.management_form)
                if table.formset.is_bound
                else str(
                    Management(
                        table.prefix, sum(cast(SheetRow, row).inputs is not None for row in table.rows)
                    )
                )
                for table in self.tables()
            )
        )

    def show_inputs(self) -> None:
        """Each row with a form gets its inputs from the form (after a refused save)."""
        for row in self.rows():
            if row.form is not None:
                row.inputs = bound_inputs(row.form, row.label)


def _rows_forms(
    form_class: type[RowForm],
    rows: list[SheetRow],
    data,
    prefix: str,
    editable: Callable[[SheetRow], bool],
    setup: Callable[[SheetRow, Any], None] | None = None,
    labels: Callable[[SheetRow], dict[str, str]] | None = None,
) -> RowForms:
    """A table's formset bound to ``data``; without data (a page that is only shown) no form is
    built: each row the user may edit gets its inputs from the stored row (``stored_inputs``)."""
    if data is not None:
        return RowForms(form_class, rows, data, prefix, editable, setup)  # type: ignore[arg-type]
    shown = RowForms(form_class, rows, None, prefix, lambda row: False)  # type: ignore[arg-type]
    for n, row in enumerate(row for row in rows if editable(row)):
        row.inputs = stored_inputs(
            form_class, f"{prefix}-{n}", row.obj, row.label, labels(row) if labels else None
        )
    return shown


def build_sheet(tables: EconomyRows, data=None, editable: bool = False) -> Sheet:
    """The tables' rows and forms; ``editable``: whether the user gets inputs."""

    def forms(form_class, prefix: str, rows: list[SheetRow], total: Any = None, label: str = "", columns=()):
        if columns:
            rows.append(SheetRow(total, label, kind="total", extra=columns, key=f"{prefix}-totalt"))
        return _rows_forms(form_class, rows, data, prefix, lambda row: editable and row.kind != "total")

    def total_of(objects: list[Any]) -> Any:
        return next((obj for obj in objects if obj.is_total), None)

    operating = [
        SheetRow(obj, obj.area.name, kind="part" if obj.area.parent_id else "row")
        for obj in tables.operating
        if not obj.is_total and obj.area is not None
    ]
    total = total_of(tables.operating)
    units = [SheetRow(obj, obj.name) for obj in tables.units if not obj.is_total]
    unit_total = total_of(tables.units)
    projects = _project_rows(tables)
    investments = [
        SheetRow(obj, obj.category, kind="part" if obj.parent_id else "row", extra=projects.get(obj.pk, []))
        for obj in tables.investments
        if not obj.is_total
    ]
    investment_total = total_of(tables.investments)
    gross = [
        SheetRow(obj, obj.area, kind="part" if obj.parent_id else "row")
        for obj in tables.gross
        if not obj.is_total
    ]
    gross_total = total_of(tables.gross)
    volumes, grids = _volume_forms(tables, data, editable)
    return Sheet(
        forms(OperatingRowForm, "o", operating, total, total.label if total else "Totalt", OPERATING_COLUMNS),
        forms(
            ResultUnitForm,
            "r",
            units,
            unit_total,
            unit_total.name if unit_total else "Summa",
            ResultUnitForm.FIGURES,
        ),
        forms(
            InvestmentForm,
            "i",
            investments,
            investment_total,
            investment_total.category if investment_total else "Totalt",
            INVESTMENT_COLUMNS,
        ),
        forms(
            GrossChangeForm,
            "g",
            gross,
            gross_total,
            gross_total.area if gross_total else "Summa",
            GrossChangeForm.FIGURES,
        ),
        forms(
            BudgetAdjustmentForm,
            "b",
            [SheetRow(obj, f"Budgetjustering {n}") for n, obj in enumerate(tables.adjustments, 1)],
        ),
        forms(
            FundApplicationForm,
            "f",
            [SheetRow(obj, f"Ansökan {n}") for n, obj in enumerate(tables.applications, 1)],
        ),
        volumes,
        _rows_forms(
            InvestmentProjectForm,
            [row for rows in projects.values() for row in rows],
            data,
            "p",
            lambda row: editable,
        ),
        grids,
    )


def _project_rows(tables: EconomyRows) -> dict[int, list[SheetRow]]:
    """Each investment category's projects as rows of the page, by the category's id (read with
    the categories: no query of their own)."""
    categories = {obj.pk: obj.category for obj in tables.investments if not obj.is_total}
    rows: dict[int, list[SheetRow]] = {}
    for project in tables.projects:
        if project.investment_id in categories:
            siblings = rows.setdefault(project.investment_id, [])
            label = f"{categories[project.investment_id]}, projekt {len(siblings) + 1}"
            siblings.append(SheetRow(project, label))
    return rows


def _volume_forms(tables: EconomyRows, data, editable: bool) -> tuple[RowForms, list[VolumeGrid]]:
    """The volume tables' cells as one formset (a form per stored value, its field named by the
    column's heading), and the tables laid out for the page. Every cell is typed, total rows too:
    a volume table's totals are often averages, which the check compares but never derives."""
    values: dict[int, list[em.VolumeValue]] = {}
    for value in tables.volume_values:
        values.setdefault(value.row_id, []).append(value)
    lines: dict[int, list[VolumeLine]] = {}
    for volume_row in tables.volume_rows:
        lines.setdefault(volume_row.table_id, []).append(VolumeLine(volume_row, []))
    grids = [VolumeGrid(table, lines.get(table.pk, [])) for table in tables.volume_tables]
    cells = []
    for grid in grids:
        columns = list(grid.obj.columns or [])
        for line in grid.lines:
            for value in values.get(line.obj.pk, []):
                heading = (
                    columns[value.column] if value.column < len(columns) else f"kolumn {value.column + 1}"
                )
                line.cells.append(SheetRow(value, f"{grid.obj.title}: {line.obj.label}", extra=str(heading)))
            cells += line.cells
    forms = _rows_forms(
        VolumeValueForm,
        cells,
        data,
        "v",
        lambda row: editable,
        lambda row, form: form.label_column(row.extra),
        lambda row: {"value": row.extra},
    )
    return forms, grids


def describe(sheet: Sheet) -> None:
    """Each row's figures (typed where valid, else stored), what the rules derive, and the totals."""
    for table, form_class, derive in (
        (sheet.operating, OperatingRowForm, _operating_derived),
        (sheet.units, ResultUnitForm, _fund_rule),
        (sheet.investments, InvestmentForm, _investment_derived),
        (sheet.gross, GrossChangeForm, _balance),
        (sheet.adjustments, BudgetAdjustmentForm, None),
        (sheet.applications, FundApplicationForm, None),
        (sheet.volumes, VolumeValueForm, None),
        (sheet.projects, InvestmentProjectForm, None),
    ):
        for row in table.rows:
            if row.kind == "total":
                top = [{**other.figures, **other.derived} for other in table.rows if other.kind == "row"]
                row.figures = {
                    column: add_figures(values.get(column) for values in top) for column in row.extra
                }
                continue
            row.figures = row.typed(form_class.FIGURES, stored_figure)
            row.derived = derive(row) if derive else {}


def _operating_derived(row: Row) -> dict[str, Any]:
    return _deviation(calculate_operating_deviation(*row.figures.values()))


def _investment_derived(row: Row) -> dict[str, Any]:
    figures = row.figures
    return _deviation(
        calculate_deviation(figures["budget"], figures["forecast"], figures["requested_adjustments"])
    )


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


def _fund_rule(row: Row) -> dict[str, Any]:
    """What the fund rules say about one unit's figures, in words (the rules are ``domain.funds``)."""
    unit = d.ResultUnit(row.label, "", **row.figures)
    withdrawal = cap_on_withdrawal(unit, STOCKHOLM_FUND_RULES)
    fund = cap_on_fund(unit, STOCKHOLM_FUND_RULES)
    return {
        "capped": calculate_capped_fund(unit, STOCKHOLM_FUND_RULES),
        "withdrawal": _cap_words(withdrawal, "Uttaget", "resultat saknas"),
        "fund": _cap_words(fund, "Fonden", "överföring till nästa år saknas"),
    }


def _cap_words(test: CapTest, what: str, missing: str) -> tuple[bool | None, str]:
    share = format_number(normalise(test.share * 100))
    if test.cap is None:
        return None, f"{share} %-regeln kan inte prövas: bruttobudget saknas"
    if test.kept is None:
        return None, f"{share} %-regeln kan inte prövas: {missing}"
    within = "ryms inom" if test.kept else "är mer än"
    return test.kept, f"{what} {within} {share} % (högst {show_tkr(test.cap)} tkr)"


def _balance(row: Row) -> dict[str, Any]:
    return {"words": balance_words(row.figures["costs"], row.figures["revenues"])}


def balance_words(costs: Decimal | None, revenues: Decimal | None) -> str:
    """Whether a gross change's extra costs and revenues cancel out, in words."""
    if costs is None or revenues is None:
        return "kan inte prövas: kostnad eller intäkt saknas"
    difference = costs + revenues
    if difference == 0:
        return "i balans: intäkterna täcker kostnaderna"
    return f"inte i balans: skillnad {format_number(difference, decimals=1)} mnkr"


def economy_findings(findings: Iterable[Finding]) -> dict[str, list[Finding]]:
    """The check's economy findings, by the section of the page their part belongs to."""
    placed: dict[str, list[Finding]] = {key: [] for key in SECTIONS}
    for finding in findings:
        if finding.part in PLACES:
            placed[PLACES[finding.part]].append(finding)
    return placed


# --- saving ----------------------------------------------------------------------------------


def _store_totals(report, saved: list[Any]) -> None:
    store_totals(report, saved)


def store_summary(report) -> list[Any]:
    """Write the operating summary's derived rows from the per-area table as stored now
    (``domain.economy_summary``); the typed rows (revenues, transfers) stay as typed. Returns the
    rows it changed; a row already right is not written."""
    rows = list(em.OperatingSummaryRow.objects.select_for_update().filter(report=report).order_by("position"))
    if not rows:
        return []
    fresh = EconomyRows(report)
    fresh.summary = rows  # type: ignore[misc]
    economy = economy_from_rows(fresh)
    derived = derive_operating_summary(economy.operating_summary, economy.operating_total)
    written = []
    for row, computed in zip(rows, derived, strict=True):
        if row.kind not in DERIVED_KINDS:
            continue
        changed = [column for column in SUMMARY_COLUMNS if getattr(row, column) != getattr(computed, column)]
        for column in changed:
            setattr(row, column, getattr(computed, column))
        if changed:
            row.save(update_fields=changed)
            written.append(row)
    return written


def _after_save(report, saved: list[Any]) -> None:
    _store_totals(report, saved)
    if any(isinstance(row, em.OperatingBudgetRow) for row in saved):
        store_summary(report)


# --- views -----------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def economy(request: HttpRequest, code: str, period: str) -> HttpResponse:
    """The report's economy: tables with derived columns, the fund rule, and the check's findings."""
    access = get_report_access(request, code, period)
    report = access.report
    if request.method == "GET":  # the tables as stored: rendered once per report revision
        part = fragments.cached("economy", access, lambda: _tables_part(access))
        ids: dict[type[Model], list[Any]] = {}
        for label, pk in part["objects"]:
            ids.setdefault(apps.get_model(label), []).append(pk)
        return _economy_page(request, access, None, part["editable"], mark_safe(part["tables_html"]), ids)
    if not access.can_manage and (refused := refusal(request, access, "ekonomin")) is not None:
        return refused
    tables = EconomyRows(report)
    sheet = build_sheet(tables, request.POST, editable=True)
    saved, status = save_forms(access, sheet, after=lambda saved: _after_save(report, saved))
    if status:
        editable, html = _tables(access, tables, sheet)
        ids = {}
        for obj in sheet.objects():
            ids.setdefault(type(obj), []).append(obj.pk)
        return _economy_page(request, access, sheet, editable, html, ids, status=status)
    messages.success(request, describe_saved(len(saved), "rad", "rader"))
    return redirect(report_url(report, "web:economy"))


def _tables(access, tables: EconomyRows, sheet: Sheet) -> tuple[bool, str]:
    """Whether the page has inputs, and its tables rendered (no request: no CSRF token)."""
    report = access.report
    describe(sheet)
    sheet.show_inputs()
    editable = sheet.can_save and any(row.inputs for row in sheet.rows())
    context = {
        "access": access,
        "report": report,
        "sheet": sheet,
        "editable": editable,
        "findings": economy_findings(stored_findings(report)),
        "summary": summary_from_rows(tables),
    }
    return editable, render_to_string("web/economy/_tables.html", context)


def _tables_part(access) -> dict[str, Any]:
    tables = EconomyRows(access.report)
    sheet = build_sheet(tables, None, access.can_manage and access.is_editable)
    editable, html = _tables(access, tables, sheet)
    objects = [(obj._meta.label, obj.pk) for obj in sheet.objects()]
    return {"editable": editable, "tables_html": html, "objects": objects}


def _economy_page(
    request,
    access,
    sheet: Sheet | None,
    editable: bool,
    tables_html: str,
    ids: dict[type[Model], list[Any]],
    status: int = 200,
) -> HttpResponse:
    report = access.report
    context = {
        "access": access,
        "report": report,
        "forms": sheet,
        "editable": editable,
        "tables_html": tables_html,
        "derived_url": report_url(report, "web:economy-derived"),
        "changes": changes_in(ids, limit=50),  # the tables' rows
    }
    return render(request, "web/economy/economy.html", context, status=status)


@require_http_methods(["GET", "POST"])
def economy_derived(request: HttpRequest, code: str, period: str) -> HttpResponse:
    """The derived cells for the figures typed so far (htmx out-of-band swaps; nothing is saved).

    The page sends its whole form by POST: a large committee's economy is over 14 KB of fields,
    more than a request line may carry behind gunicorn (4 094 bytes) or most proxies."""
    access = get_report_access(request, code, period)
    data = request.POST if request.method == "POST" else request.GET
    sheet = build_sheet(EconomyRows(access.report), data, access.can_manage and access.is_editable)
    describe(sheet)
    return render(request, "web/economy/_derived_oob.html", {"sheet": sheet})
