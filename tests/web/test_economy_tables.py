"""The economy page's tables are the markup their templates wrote, character for character, for
every report of the demo and for the odd ones: hostile and long texts, missing figures, long
decimals, conflicts, a refused save's typed values and errors, empty tables.

``tests/web/old_templates/web/economy/`` holds the templates as they were before the tables' rows
were written in Python (``web.economy_tables``): the whole of ``_tables.html`` (and the derived
cells' ``_derived_oob.html``) is rendered by both with the same context and compared.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from io import StringIO
from pathlib import Path
from unittest import mock

import pytest
from django.core.management import call_command
from django.template import Context, Engine
from django.template.loader import render_to_string

from styrkort.accounts.access import ReportAccess
from styrkort.accounts.models import Role
from styrkort.domain.findings import Finding
from styrkort.economy import models as em
from styrkort.followup.models import Report
from styrkort.storage.load import EconomyRows
from styrkort.web.editing import ShownConflict
from styrkort.web.views import economy
from styrkort.web.views.economy import build_sheet

pytestmark = pytest.mark.django_db
OLD = Engine(
    dirs=[str(Path(__file__).parent / "old_templates")],
    app_dirs=True,  # web/_conflicts.html, which the economy shares with other pages, as it is
    libraries={"styrkort": "styrkort.web.templatetags.styrkort"},
)
HOSTILE = "<script>alert(1)</script> \"citat\" 'apostrof' & R&D"
LONG = "Ålderdomshemmens översyn av äldreomsorgens lokaler i Vällingby och Hässelby " * 12
CONTROLLER = frozenset({Role.COMMITTEE_CONTROLLER})
READER = frozenset({Role.READER})


def rendered(access: ReportAccess, tables: EconomyRows, sheet) -> tuple[str, str]:
    """The tables as the view renders them now, and as the old templates did with its context."""
    seen: dict = {}

    def capture(name: str, context: dict) -> str:
        seen.update(context)
        return render_to_string(name, context)

    with mock.patch.object(economy, "render_to_string", capture):
        _, html = economy._tables(access, tables, sheet)
    return html, OLD.get_template("web/economy/_tables.html").render(Context(seen))


def derived(sheet) -> tuple[str, str]:
    """The derived cells swapped in as one types, now and with the old templates."""
    new = render_to_string("web/economy/_derived_oob.html", {"sheet": sheet})
    return new, OLD.get_template("web/economy/_derived_oob.html").render(Context({"sheet": sheet}))


def compare(report: Report, roles: frozenset, tables: EconomyRows | None = None) -> str:
    """Both renderings of a page only shown (a GET) are equal; the new one returned."""
    access = ReportAccess(report, roles)
    tables = tables or EconomyRows(report)
    sheet = build_sheet(tables, None, access.can_manage and access.is_editable)
    new, old = rendered(access, tables, sheet)
    assert new == old
    new_oob, old_oob = derived(sheet)
    assert new_oob == old_oob
    return new


@pytest.fixture
def demo(db):
    """Every report of the demo municipality, as ``generate-demo`` saves them."""
    call_command("generate-demo", stdout=StringIO())
    return list(Report.objects.select_related("organisation", "period").order_by("pk"))


def test_every_report_of_the_demo_is_written_as_the_templates_wrote_it(demo):
    assert len({report.organisation.code for report in demo}) >= 13
    assert len({report.period_id for report in demo}) >= 4
    for report in demo:
        editable = compare(report, CONTROLLER)
        assert ('name="o-0-budget"' in editable) is (report.state in ("open", "in_review"))
        shown = compare(report, READER)
        assert 'name="o-0-budget"' not in shown and "Driftbudget per verksamhetsområde" in shown
        report.state = Report.State.DECIDED  # not saved: only the access reads it
        assert 'name="o-0-budget"' not in compare(report, CONTROLLER)


def largest(demo) -> Report:
    """The demo's report with the most rows in the tables that have many, among those with budget
    adjustments and fund applications."""
    return max(
        demo,
        key=lambda r: (
            em.BudgetAdjustment.objects.filter(report=r).exists(),
            em.FundApplication.objects.filter(report=r).exists(),
            em.InvestmentProject.objects.filter(investment__report=r).count()
            + em.VolumeValue.objects.filter(row__table__report=r).count(),
        ),
    )


def odd(tables: EconomyRows) -> EconomyRows:
    """The report's rows with hostile and long texts, missing figures and long decimals (in memory:
    the page shows what is stored, whatever it is)."""
    texts = (HOSTILE, LONG, "", "&amp; redan kodad", "åäö ÅÄÖ")
    for n, row in enumerate(tables.operating):
        if row.area is not None:
            row.area.name = texts[n % len(texts)] or "Tomt?"
        else:
            row.label = HOSTILE
        row.budget = None if n % 3 == 0 else Decimal("12.3456789")
        row.outcome = [None, Decimal("12.3456789"), Decimal("-0.00"), Decimal("1234567.5")][n % 4]
        row.forecast_after_transfers = None if n % 2 else row.forecast_after_transfers
    for n, unit in enumerate(tables.units):
        unit.name, unit.group = texts[n % len(texts)] + f" {n}", texts[(n + 1) % len(texts)]
        unit.result = None if n % 2 else Decimal("-1234.56789")
        unit.gross_budget = None if n % 3 == 1 else unit.gross_budget
    for n, investment in enumerate(tables.investments):
        investment.category = texts[n % len(texts)] + " kategori"
        investment.forecast = None if n % 2 else Decimal("0.123456789")
    for n, project in enumerate(tables.projects):
        project.name = texts[n % len(texts)]
        project.amount = None if n % 2 else Decimal("12.3456789")
    for n, gross in enumerate(tables.gross):
        gross.area = texts[n % len(texts)]
        gross.costs = None if n % 2 else Decimal("5.55555")
    for n, adjustment in enumerate(tables.adjustments):
        adjustment.purpose, adjustment.kind = texts[n % len(texts)], HOSTILE if n % 2 else adjustment.kind
        adjustment.amount = None if n % 2 else Decimal("-7.77777")
    for n, application in enumerate(tables.applications):
        application.fund, application.purpose = HOSTILE, texts[n % len(texts)]
        application.amount = None if n % 2 else Decimal("330480.123")
    for n, table in enumerate(tables.volume_tables):
        table.title, table.area = texts[n % len(texts)] or "Titel", texts[(n + 1) % len(texts)]
        table.columns = [HOSTILE, "2025", 2026, 1.5, Decimal("2.25")][: len(table.columns or [])]
    for n, line in enumerate(tables.volume_rows):
        line.label = texts[n % len(texts)]
    for n, value in enumerate(tables.volume_values):
        value.value = [None, Decimal("12.3456789"), Decimal("772"), Decimal("3.25")][n % 4]
    return tables


HOSTILE_FINDINGS = [
    Finding(severity, "rule", f"{HOSTILE} › {part}", f"{LONG} {severity}", part=part)  # type: ignore[arg-type]
    for severity in ("error", "warning", "info", "<b>")
    for part in (
        "operating_budget",
        "operating_summary",
        "result_units",
        "investments",
        "volumes",
        "gross_changes",
    )
]


def conflicts(sheet) -> None:
    """A conflict on some rows of every table (as a refused save shows them)."""
    shown = [
        ShownConflict("o-0-budget", HOSTILE, HOSTILE, "", "", None, False, False),
        ShownConflict(
            "o-0-forecast",
            "Prognos",
            "12,5",
            LONG,
            "<b>bo</b>",
            datetime(2026, 3, 1, 23, 30, tzinfo=UTC),
            True,
            False,
        ),
        ShownConflict("o-0-purpose", "Syfte", "", "", "", None, False, True),
    ]
    for table in sheet.tables():
        for n, row in enumerate(table.rows):
            if row.kind != "total" and n % 3 == 1:
                row.conflicts = shown[: 1 + n % 3]


@pytest.mark.parametrize("roles", [CONTROLLER, READER], ids=["controller", "reader"])
def test_odd_texts_figures_findings_and_conflicts_are_written_as_the_templates_wrote_them(demo, roles):
    report = largest(demo)
    tables = odd(EconomyRows(report))
    assert tables.projects and tables.volume_values and tables.adjustments and tables.applications
    with mock.patch.object(economy, "stored_findings", lambda report: HOSTILE_FINDINGS):
        written = compare(report, roles, tables)
    assert "<script>" not in written and "&lt;script&gt;alert(1)&lt;/script&gt;" in written
    assert "&amp;amp; redan kodad" in written and "12,3456789" in written and "åäö ÅÄÖ" in written
    access = ReportAccess(report, roles)
    sheet = build_sheet(tables, None, access.can_manage)
    conflicts(sheet)
    new, old = rendered(access, tables, sheet)
    assert new == old
    assert new.count('class="conflict-row"') > 10 and "2026-03-02 00:30" in new


def posted(sheet) -> dict[str, str]:
    """What the page sends back when saved unchanged (every input with its shown value)."""
    data: dict[str, str] = {}
    for table in sheet.tables():
        rows = [row for row in table.rows if row.inputs is not None]
        data.update(
            {f"{table.prefix}-TOTAL_FORMS": str(len(rows)), f"{table.prefix}-INITIAL_FORMS": str(len(rows))}
        )
        for row in rows:
            data[f"{row.inputs.prefix}-row"] = str(row.obj.pk)
            for cell in row.inputs.cells.values():
                data[cell.name] = data[f"initial-{cell.name}"] = cell.value
    return data


def test_a_refused_save_shows_what_was_typed_and_the_errors_as_the_templates_did(demo):
    report = largest(demo)
    tables = EconomyRows(report)
    data = posted(build_sheet(tables, None, True))
    typed = {}
    for name in data:
        if name.startswith("initial-"):
            continue
        if name.endswith(("-budget", "-gross_budget", "-amount", "-value", "-costs")):
            typed[name] = ["tretton", HOSTILE, "1,23456", "", "12,5"][len(typed) % 5]
        elif name.endswith(("-name", "-purpose", "-fund")):
            typed[name] = [HOSTILE, "", LONG][len(typed) % 3]
    sheet = build_sheet(tables, {**data, **typed}, editable=True)
    assert not sheet.is_valid()
    conflicts(sheet)
    access = ReportAccess(report, CONTROLLER)
    new, old = rendered(access, tables, sheet)
    assert new == old
    assert "Rätta talen i raden först" in new and 'aria-invalid="true"' in new
    assert 'value="&lt;script&gt;alert(1)&lt;/script&gt;' in new and "<script>" not in new
    new_oob, old_oob = derived(sheet)
    assert new_oob == old_oob and "Rätta talen i raden först" in new_oob


def emptied(tables: EconomyRows, keep_total: bool) -> EconomyRows:
    """The tables with no rows but the operating budget's total (or none at all)."""
    tables.summary = []  # type: ignore[misc]
    tables.operating = [row for row in tables.operating if row.is_total and keep_total]  # type: ignore[misc]
    tables._volumes = ([], [], [])  # type: ignore[misc]
    tables.units = [row for row in tables.units if row.is_total]  # type: ignore[misc]
    tables._investments = ([], [])  # type: ignore[misc]
    tables.gross = []  # type: ignore[misc]
    tables.adjustments = []  # type: ignore[misc]
    tables.applications = []  # type: ignore[misc]
    return tables


@pytest.mark.parametrize("roles", [CONTROLLER, READER], ids=["controller", "reader"])
def test_empty_tables_are_written_as_the_templates_wrote_them(demo, roles):
    report = largest(demo)
    written = compare(report, roles, emptied(EconomyRows(report), keep_total=True))
    for words in (
        "inga volymtabeller",
        "inga resultatenheter",
        "inga investeringar",
        "Inga budgetjusteringar",
    ):
        assert words in written
    # An operating budget without its stored total row (the old template failed on it): no outcome.
    tables = emptied(EconomyRows(report), keep_total=False)
    access = ReportAccess(report, roles)
    _, html = economy._tables(access, tables, build_sheet(tables, None, access.can_manage))
    assert "summa av verksamhetsområdena" in html and '<span id="o-totalt-budget"></span></td>' in html
    assert '\n<td class="num"></td></tr>' in html
    tables = EconomyRows(report)  # a volume table without rows or columns, a category without projects
    tables.volume_tables[0].columns = None
    tables._volumes = (tables.volume_tables[:1], [], [])  # type: ignore[misc]
    tables._investments = ([row for row in tables.investments], [])  # type: ignore[misc]
    compare(report, roles, tables)
