"""Reading an exported workbook back: the grid's rules, all or nothing, every refusal named by cell.

``open_workbook`` checks the file before parsing it: the size limit of uploads, a zip whose
parts pass ``ops.archives.check_office_archive`` (entries, unpacked size, zip bombs, macros,
unsafe names), then openpyxl. ``plan_import`` reads the sheets ``Indikatorer`` and ``Driftbudget``
(``sheets.TABLES``; either may be left out of the file) row by row through their hidden keys
(``sheets.Key``) and gives the changes it would make, or ``ImportRefused`` with every problem in
Swedish, each named by sheet, row and column (”Indikatorer, rad 7, kolumn Periodens utfall: …”):

- figures are read strictly (``cells.read_figure``: the grid's parser for text cells, the
  column's bounds and the indicator's unit), text as the pages keep it;
- a cell counts as changed by the user when it differs from what was exported (its digest in the
  key), and is written only then; a cell the user may not change (another reporter's indicator,
  a gender split the indicator does not keep, the economy for anyone but the committee's
  controller, the operating budget's total row) may stay as exported, but not be changed;
- a cell the user changed that Styrkort changed too since the export, to something else, is a
  conflict (both values named); a row gone from the report is refused;
- the report must be open and the rights those of the grid (``accounts.access``).

``apply_plan`` saves through ``storage.edits.save_edits`` (the grid's save: rows read again
under lock, versions raised, the audit trail written; an operating row's deviation derived) and
sets the total row (``storage.totals``), in one transaction; a conflict that arose after the plan
was made refuses everything, again per cell.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from decimal import Decimal
from io import BytesIO
from typing import Any

from django import forms
from django.conf import settings
from django.db import transaction
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from styrkort.accounts.access import ReportAccess
from styrkort.domain.numbers import FigureError, format_number, same_figure
from styrkort.followup.lock import LockedReportError
from styrkort.ops.archives import check_office_archive, megabytes
from styrkort.spreadsheets import cells
from styrkort.spreadsheets.sheets import KEY_HEADER, META_SHEET, TABLES, Column, Table, digest
from styrkort.storage.edits import UNKNOWN, ConflictError, Edit, save_edits
from styrkort.storage.totals import store_totals

ZIP_MAGIC = b"PK\x03\x04"
MAX_ROWS = 5000


class ImportRefused(Exception):
    """Nothing was imported; ``problems`` says why, each in Swedish with where."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class CellChange:
    """One cell the import changes: where, and the value before and after (as Swedish text)."""

    sheet: str
    row: int
    column: str
    label: str  # the indicator
    before: str
    after: str


@dataclass
class Plan:
    """What an import would change, and the edits that change it."""

    changes: list[CellChange] = field(default_factory=list)
    edits: list[Edit] = field(default_factory=list)
    where: dict[tuple[str, str], tuple[Table, int, Column]] = field(
        default_factory=dict
    )  # (key, field) → cell


def open_workbook(data: bytes, name: str) -> Workbook:
    """The workbook in the bytes of an .xlsx file, checked first (see the module docstring)."""
    limit = int(settings.STYRKORT_MAX_ATTACHMENT_BYTES)
    if len(data) > limit:
        raise ImportRefused(
            [
                f"”{name}” är {format_number(megabytes(len(data)))} MB; en Excel-fil får vara högst "
                f"{format_number(megabytes(limit))} MB"
            ]
        )
    if not data.startswith(ZIP_MAGIC):
        raise ImportRefused([f"”{name}” är ingen Excel-fil (.xlsx)"])
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            names = check_office_archive(name, archive)
    except forms.ValidationError as error:
        raise ImportRefused(list(error.messages)) from error
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, OSError) as error:
        raise ImportRefused([f"”{name}” är en skadad Excel-fil och kan inte läsas"]) from error
    if "xl/workbook.xml" not in names:
        raise ImportRefused(
            [f"”{name}” är ingen Excel-fil (.xlsx); kanske ett Word-dokument med fel ändelse"]
        )
    try:
        return load_workbook(BytesIO(data), data_only=False)
    except Exception as error:  # noqa: BLE001 - openpyxl raises many kinds on a damaged file
        raise ImportRefused([f"”{name}” är en skadad Excel-fil och kan inte läsas"]) from error


def exported_from(book: Workbook) -> tuple[str, str] | None:
    """The organisation code and period the workbook was exported from, or None."""
    if META_SHEET not in book.sheetnames:
        return None
    values = {row[0]: row[1] for row in book[META_SHEET].iter_rows(max_col=2, values_only=True) if row[0]}
    code, period = values.get("organisation"), values.get("period")
    return (code, period) if isinstance(code, str) and isinstance(period, str) else None


def plan_import(book: Workbook, access: ReportAccess) -> Plan:
    """The changes the workbook makes to the report, or ImportRefused with every problem."""
    report = access.report
    tables = [table for table in TABLES if table.sheet in book.sheetnames]
    if not tables:
        names = " eller ".join(f"”{table.sheet}”" for table in TABLES)
        raise ImportRefused([f"filen har inget blad {names}; importera en fil som Styrkort exporterat"])
    origin = exported_from(book)
    if origin is not None and origin != (report.organisation.code, report.period.key):
        raise ImportRefused(
            [
                f"filen är exporterad från {origin[0]} {origin[1]}, "
                f"inte från {report.organisation.code} {report.period.key}"
            ]
        )
    plan, problems = Plan(), []
    for table in tables:
        problems += _plan_sheet(book[table.sheet], table, access, plan)
    if not access.is_editable and plan.edits:
        problems.insert(0, f"rapporten är {report.get_state_display().lower()} och kan inte ändras")
    if problems:
        raise ImportRefused(problems)
    return plan


def _plan_sheet(sheet: Worksheet, table: Table, access: ReportAccess, plan: Plan) -> list[str]:
    if sheet.max_row > MAX_ROWS:
        return [f"{table.sheet}: bladet har {sheet.max_row} rader; högst {MAX_ROWS} kan importeras"]
    columns, problems = _columns(sheet, table)
    if problems:
        return problems
    stored = {obj.pk: obj for obj in table.rows(access.report)}
    seen: dict[int, int] = {}
    for r, row in enumerate(sheet.iter_rows(min_row=2, max_col=sheet.max_column), 2):
        problems += _plan_row(table, r, row, columns, stored, seen, access, plan)
    return problems


def _columns(sheet: Worksheet, table: Table) -> tuple[dict[str, int], list[str]]:
    """The index of each header in row 1 (the key and the editable columns are required)."""
    found: dict[str, int] = {}
    for index, cell in enumerate(next(sheet.iter_rows(max_row=1), ())):
        if isinstance(cell.value, str) and cell.value.strip():
            found.setdefault(cell.value.strip(), index)
    required = (*(c.header for c in table.editable), KEY_HEADER)
    missing = [header for header in required if header not in found]
    return found, [f"{table.sheet}, rad 1: kolumnen ”{header}” saknas i rubrikraden" for header in missing]


def _where(table: Table, r: int, column: Column | None = None) -> str:
    return f"{table.sheet}, rad {r}" + (f", kolumn {column.header}" if column else "")


def _plan_row(table, r, row, columns, stored, seen, access: ReportAccess, plan: Plan) -> list[str]:
    key_cell = row[columns[KEY_HEADER]] if columns[KEY_HEADER] < len(row) else None
    key = table.parse_key(key_cell.value if key_cell is not None else None)
    values = {c.header: row[columns[c.header]] for c in table.editable if columns[c.header] < len(row)}
    if key is None:
        if key_cell is not None and key_cell.value not in (None, ""):
            return [f"{_where(table, r)}: kolumnen {KEY_HEADER} är ändrad; exportera filen igen"]
        if any(cell.value not in (None, "") for cell in values.values()):
            return [f"{_where(table, r)}: raden har ingen nyckel; nya rader kan inte läggas till i Excel"]
        return []
    if key.pk in seen:
        return [f"{_where(table, r)}: samma rad som rad {seen[key.pk]}"]
    seen[key.pk] = r
    obj = stored.get(key.pk)
    if obj is None:
        return [f"{_where(table, r)}: raden finns inte längre i rapporten"]
    problems: list[str] = []
    mine: dict[str, Any] = {}
    for column in table.editable:
        cell = values.get(column.header)
        if cell is None:
            continue
        try:
            value = _read(cell, column, table.unit(obj))
        except FigureError as error:
            problems.append(f"{_where(table, r, column)}: {error}")
            continue
        if digest(value) == key.digests[column.field]:
            continue  # as exported: not the user's change
        refusal = table.refusal(access, obj, column.field)
        if refusal is not None:
            problems.append(f"{_where(table, r, column)}: {refusal}")
            continue
        now = column.of(obj)
        if _same(column.field, value, now):
            continue
        if digest(now) != key.digests[column.field]:
            problems.append(f"{_where(table, r, column)}: {_conflict(column, value, now)}")
            continue
        mine[column.field] = value
        plan.changes.append(
            CellChange(
                table.sheet, r, column.header, table.label(obj), _shown(column, now), _shown(column, value)
            )
        )
        plan.where[(f"{table.prefix}-{obj.pk}", column.field)] = (table, r, column)
    if mine and not problems:
        shown = {name: column.of(obj) for column in table.editable if (name := column.field) in mine}
        plan.edits.append(Edit(obj, shown, mine, _same, key=f"{table.prefix}-{obj.pk}", derive=table.derive))
    return problems


def _read(cell: Any, column: Column, unit: str) -> Any:
    if column.kind == "figure":
        assert column.bounds is not None
        return cells.read_figure(cell, column.bounds, unit)
    return cells.read_text(cell)


def _same(name: str, a: Any, b: Any) -> bool:
    """Values compare as recorded: a figure with its precision (1,0 is not 1), text exactly."""
    if a is UNKNOWN or b is UNKNOWN:
        return False
    if isinstance(a, Decimal) or isinstance(b, Decimal):
        return same_figure(a, b)
    return a == b


def _shown(column: Column, value: Any) -> str:
    if column.kind == "figure":
        return format_number(value) if value is not None else "(saknas)"
    return value or "(tom)"


def _conflict(column: Column, mine: Any, theirs: Any, by: str = "") -> str:
    who = f" av {by}" if by else ""
    return (
        f"ändrad i Styrkort{who} efter exporten; i Styrkort nu ”{_shown(column, theirs)}”, "
        f"i filen ”{_shown(column, mine)}”; exportera igen eller ändra tillbaka cellen"
    )


def apply_plan(plan: Plan, access: ReportAccess) -> list[Any]:
    """Save the plan's edits in one transaction (the grid's save); ImportRefused, and nothing
    saved, when the report closed or someone changed the same cells since the plan."""
    if not plan.edits:
        return []
    if not access.is_editable:
        raise ImportRefused([f"rapporten är {access.report.get_state_display().lower()} och kan inte ändras"])
    try:
        with transaction.atomic():
            saved = save_edits(plan.edits, report=access.report)
            store_totals(access.report, saved)
            return saved
    except ConflictError as error:
        problems = []
        for conflict in error.conflicts:
            table, r, column = plan.where[(conflict.key, conflict.field)]
            problems.append(
                f"{_where(table, r, column)}: {_conflict(column, conflict.mine, conflict.theirs, conflict.by)}"
            )
        raise ImportRefused(problems) from error
    except LockedReportError as error:
        access.report.refresh_from_db(fields=["state"])
        raise ImportRefused(
            [f"rapporten är {access.report.get_state_display().lower()} och kan inte ändras"]
        ) from error
