"""A report as an Excel workbook (``styrkort export-xlsx`` and the grid's and economy page's download).

Sheets ``Indikatorer`` and ``Driftbudget`` (see ``sheets``): Swedish headers, the header row frozen and filtered,
column widths, each figure as a number showing its recorded decimals (``cells``), a hidden key
column, editable cells white and the rest grey, and data validation on the figure columns (a
warning, not a refusal, for a figure out of its column's bounds: text such as ``2 471,8`` stays
allowed and is read strictly on import). The other economy tables follow, one sheet each, and a very
hidden sheet names the report (organisation code and period) for the import.
"""

from __future__ import annotations

from io import BytesIO
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from styrkort.domain.numbers import format_number, largest, plain
from styrkort.followup.models import Report
from styrkort.spreadsheets import cells
from styrkort.spreadsheets.sheets import (
    ECONOMY_SHEETS,
    EVERYTHING_ALLOWED,
    KEY_HEADER,
    META_SHEET,
    TABLES,
    Column,
    Table,
)
from styrkort.storage.load import EconomyRows

HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")
LOCKED_FILL = PatternFill("solid", fgColor="F2F2F2")
WRAP = Alignment(wrap_text=True, vertical="top")
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def file_name(report: Report) -> str:
    return f"{report.organisation.code}-{report.period.key}.xlsx"


def export_workbook(report: Report) -> bytes:
    """The report's workbook as the bytes of an .xlsx file."""
    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    for table in TABLES:
        _table(book.create_sheet(table.sheet), table, report)
    tables = EconomyRows(report)
    for spec in ECONOMY_SHEETS:
        _economy(book.create_sheet(spec.title), spec, tables)
    meta = book.create_sheet(META_SHEET)
    for row in (("organisation", report.organisation.code), ("period", report.period.key), ("format", "1")):
        meta.append(row)
    meta.sheet_state = "veryHidden"
    book.properties.title = f"{report.organisation.name} {report.period.key}"
    book.properties.creator = "Styrkort"
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def _header(sheet: Worksheet, headers: list[str], widths: list[int]) -> None:
    sheet.append(headers)
    for index, width in enumerate(widths, 1):
        cell = sheet.cell(row=1, column=index)
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"


def _table(sheet: Worksheet, table: Table, report: Report) -> None:
    """An importable sheet: its columns, editable cells white and the rest grey, the hidden key."""
    columns = table.columns
    _header(sheet, [c.header for c in columns] + [KEY_HEADER], [c.width for c in columns] + [30])
    rows = table.rows(report)
    for r, obj in enumerate(rows, 2):
        for index, column in enumerate(columns, 1):
            cell = sheet.cell(row=r, column=index)
            _write(cell, column, column.of(obj))
            if not column.editable or _locked(table, obj, column):
                cell.fill = LOCKED_FILL
        cells.write_text(sheet.cell(row=r, column=len(columns) + 1), table.key_of(obj))
    sheet.column_dimensions[get_column_letter(len(columns) + 1)].hidden = True
    last = max(len(rows) + 1, 2)
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{last}"
    for index, column in enumerate(columns, 1):
        if column.kind == "figure" and column.editable and column.bounds is not None:
            _validate(sheet, column, f"{get_column_letter(index)}2:{get_column_letter(index)}{last + 500}")


def _locked(table: Table, obj: Any, column: Column) -> bool:
    """Cells nobody may change whatever their rights (a total row, a gender split not kept)."""
    return table.refusal(EVERYTHING_ALLOWED, obj, column.field) is not None


def _validate(sheet: Worksheet, column: Column, ref: str) -> None:
    assert column.bounds is not None
    most = largest(column.bounds)
    check = DataValidation(
        type="decimal",
        operator="between",
        formula1=plain(-most),
        formula2=plain(most),
        allow_blank=True,
        showErrorMessage=True,
        errorStyle="warning",
        errorTitle=column.header,
        error=f"Skriv ett tal med högst {column.bounds.decimals} decimaler, t.ex. {format_number(most)}.",
    )
    check.add(ref)
    sheet.add_data_validation(check)


def _write(cell: Any, column: Column, value: Any) -> None:
    if column.kind == "figure":
        cells.write_figure(cell, value)
    else:
        cells.write_text(cell, "" if value is None else str(value))
        if column.width >= 40:
            cell.alignment = WRAP


def _economy(sheet: Worksheet, spec: Any, tables: EconomyRows) -> None:
    columns = spec.columns
    _header(sheet, [spec.label] + [c.header for c in columns], [40] + [c.width for c in columns])
    for r, row in enumerate(spec.rows(tables), 2):
        label = sheet.cell(row=r, column=1)
        cells.write_text(label, spec.label_of(row))
        if getattr(row, "is_total", False):
            label.font = HEADER_FONT
        for index, column in enumerate(columns, 2):
            _write(sheet.cell(row=r, column=index), column, column.of(row))
