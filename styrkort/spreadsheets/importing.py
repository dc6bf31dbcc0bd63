"""Reading an exported workbook back: the grid's rules, all or nothing, every refusal named by cell.

``open_workbook`` checks the file before parsing it: the size limit of uploads, a zip whose
parts pass ``ops.archives.check_office_archive`` (entries, unpacked size, zip bombs, macros,
unsafe names), then openpyxl. ``plan_import`` reads sheet ``Indikatorer`` row by row through its
hidden key (``sheets.Key``) and gives the changes it would make, or ``ImportRefused`` with every
problem in Swedish, each named by sheet, row and column (”Indikatorer, rad 7, kolumn Periodens
utfall: …”):

- figures are read strictly (``cells.read_figure``: the grid's parser for text cells, the
  column's bounds and the indicator's unit), text as the pages keep it;
- a cell counts as changed by the user when it differs from what was exported (its digest in the
  key), and is written only then; a cell the user may not change (another reporter's indicator,
  a gender split the indicator does not keep) may stay as exported, but not be changed;
- a cell the user changed that Styrkort changed too since the export, to something else, is a
  conflict (both values named); a row gone from the report is refused;
- the report must be open and the rights those of the grid (``accounts.access``).

``apply_plan`` saves through ``storage.edits.save_edits`` (the grid's save: rows read again
under lock, versions raised, the audit trail written) in one transaction; a conflict that arose
after the plan was made refuses everything, again per cell.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
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
from styrkort.spreadsheets.sheets import (
    EDITABLE,
    INDICATORS,
    KEY_HEADER,
    META_SHEET,
    Column,
    cell_editable,
    digest,
    measurements_of,
    parse_key,
)
from styrkort.storage.edits import UNKNOWN, ConflictError, Edit, save_edits

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
    where: dict[tuple[str, str], tuple[int, str]] = field(default_factory=dict)  # (key, field) → cell


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
    if INDICATORS not in book.sheetnames:
        raise ImportRefused(
            [f"filen har inget blad ”{INDICATORS}”; importera en fil som Styrkort exporterat"]
        )
    origin = exported_from(book)
    if origin is not None and origin != (report.organisation.code, report.period.key):
        raise ImportRefused(
            [
                f"filen är exporterad från {origin[0]} {origin[1]}, inte från {report.organisation.code} {report.period.key}"
            ]
        )
    sheet = book[INDICATORS]
    if sheet.max_row > MAX_ROWS:
        raise ImportRefused(
            [f"{INDICATORS}: bladet har {sheet.max_row} rader; högst {MAX_ROWS} kan importeras"]
        )
    columns, problems = _columns(sheet)
    if problems:
        raise ImportRefused(problems)
    plan, problems = Plan(), []
    stored = {m.pk: m for m in measurements_of(report)}
    seen: dict[int, int] = {}
    for r, row in enumerate(sheet.iter_rows(min_row=2, max_col=sheet.max_column), 2):
        problems += _plan_row(r, row, columns, stored, seen, access, plan)
    if not access.is_editable and plan.edits:
        problems.insert(0, f"rapporten är {report.get_state_display().lower()} och kan inte ändras")
    if problems:
        raise ImportRefused(problems)
    return plan


def _columns(sheet: Worksheet) -> tuple[dict[str, int], list[str]]:
    """The index of each header in row 1 (the key and the editable columns are required)."""
    found: dict[str, int] = {}
    for index, cell in enumerate(next(sheet.iter_rows(max_row=1), ())):
        if isinstance(cell.value, str) and cell.value.strip():
            found.setdefault(cell.value.strip(), index)
    missing = [header for header in (*(c.header for c in EDITABLE), KEY_HEADER) if header not in found]
    return found, [f"{INDICATORS}, rad 1: kolumnen ”{header}” saknas i rubrikraden" for header in missing]


def _where(r: int, column: Column | None = None) -> str:
    return f"{INDICATORS}, rad {r}" + (f", kolumn {column.header}" if column else "")


def _plan_row(r, row, columns, stored, seen, access: ReportAccess, plan: Plan) -> list[str]:
    key_cell = row[columns[KEY_HEADER]] if columns[KEY_HEADER] < len(row) else None
    key = parse_key(key_cell.value if key_cell is not None else None)
    values = {c.header: row[columns[c.header]] for c in EDITABLE if columns[c.header] < len(row)}
    if key is None:
        if key_cell is not None and key_cell.value not in (None, ""):
            return [f"{_where(r)}: kolumnen {KEY_HEADER} är ändrad; exportera filen igen"]
        if any(cell.value not in (None, "") for cell in values.values()):
            return [f"{_where(r)}: raden har ingen nyckel; nya rader kan inte läggas till i Excel"]
        return []
    if key.pk in seen:
        return [f"{_where(r)}: samma indikator som på rad {seen[key.pk]}"]
    seen[key.pk] = r
    m = stored.get(key.pk)
    if m is None:
        return [f"{_where(r)}: indikatorn finns inte längre i rapporten"]
    problems: list[str] = []
    mine: dict[str, Any] = {}
    for column in EDITABLE:
        cell = values.get(column.header)
        if cell is None:
            continue
        try:
            value = _read(cell, column, m)
        except FigureError as error:
            problems.append(f"{_where(r, column)}: {error}")
            continue
        if digest(value) == key.digests[column.field]:
            continue  # as exported: not the user's change
        if not (
            cell_editable(m, column.field) and access.may_edit_indicator(m.indicator_id, m.indicator.goal_id)
        ):
            reason = (
                "indikatorn redovisas inte per kön"
                if not cell_editable(m, column.field)
                else f"du får inte ändra indikatorn ”{m.indicator.name}”"
            )
            problems.append(f"{_where(r, column)}: {reason}")
            continue
        now = column.of(m)
        if _same(column.field, value, now):
            continue
        if digest(now) != key.digests[column.field]:
            problems.append(f"{_where(r, column)}: {_conflict(column, value, now)}")
            continue
        mine[column.field] = value
        plan.changes.append(
            CellChange(
                INDICATORS, r, column.header, m.indicator.name, _shown(column, now), _shown(column, value)
            )
        )
        plan.where[(f"m-{m.pk}", column.field)] = (r, column.header)
    if mine and not problems:
        shown = {
            name: column.of(m) if digest(column.of(m)) == key.digests[name] else UNKNOWN
            for column in EDITABLE
            if (name := column.field) in mine
        }
        plan.edits.append(Edit(m, shown, mine, _same, key=f"m-{m.pk}"))
    return problems


def _read(cell: Any, column: Column, m: Any) -> Any:
    if column.kind == "figure":
        assert column.bounds is not None
        return cells.read_figure(cell, column.bounds, m.indicator.unit)
    return cells.read_text(cell)


def _same(name: str, a: Any, b: Any) -> bool:
    """Values compare as recorded: a figure with its precision (1,0 is not 1), text exactly."""
    if a is UNKNOWN or b is UNKNOWN:
        return False
    if name in {c.field for c in EDITABLE if c.kind == "figure"}:
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
    by_field = {c.field: c for c in EDITABLE}
    try:
        with transaction.atomic():
            return save_edits(plan.edits, report=access.report)
    except ConflictError as error:
        problems = []
        for conflict in error.conflicts:
            r, header = plan.where.get((conflict.key, conflict.field), (0, ""))
            column = by_field[conflict.field]
            problems.append(
                f"{_where(r, column)}: {_conflict(column, conflict.mine, conflict.theirs, conflict.by)}"
            )
        raise ImportRefused(problems) from error
    except LockedReportError as error:
        access.report.refresh_from_db(fields=["state"])
        raise ImportRefused(
            [f"rapporten är {access.report.get_state_display().lower()} och kan inte ändras"]
        ) from error
