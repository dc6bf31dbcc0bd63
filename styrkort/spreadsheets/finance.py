"""The finance system's outcome per activity area into a report's operating budget (``import-outcome``).

A finance system (Agresso/Unit4, Raindance, …) exports the outcome month by month per activity
area, as CSV or Excel. A small mapping file (TOML or JSON; ``docs/finance-mapping.md``, examples in
``docs/mappings/``) says which columns hold what:

- ``area_column``: the activity area (its name or code); ``[areas]`` maps the finance system's
  names to Styrkort's (``"410 Förskola" = "Förskoleverksamhet"``); without an entry the name
  must be the area's own name (a "varav" area too);
- the amounts, either long (``month_column`` and ``amount_column``: one row per area and month,
  the month written ``202603``, ``2026-03``, ``2026-03-31`` or ``3``) or wide (``month_columns``:
  twelve headers, January to December);
- ``unit``: ``kr``, ``tkr`` or ``mnkr`` of the amounts, ``negate``: whether to flip the signs
  (the operating budget counts costs positive and revenues negative), ``round``: ``"half_up"`` to
  round each area's sum to the column's one decimal of mnkr (without it, a sum with more decimals
  is refused, never rounded); for CSV ``delimiter`` (default ``;``), ``encoding`` (default
  ``utf-8``; ``cp1252`` for older exports); for Excel ``sheet``; ``header_row`` (default 1).

The outcome of a period is the sum of the months from January to the period's last month (rows of
later months are left out, rows of another year refused). Amounts are read strictly: text the
grid's way (``1 234,5``, ``−5`` with U+2212), number cells exactly (``cells.read_figure``). An
area the report does not have is refused with its row number; nothing is saved unless every row
reads. The rows are saved through ``storage.edits.save_edits`` (version raised, audited), and the
total row's outcome becomes the sum of the top-level areas.
"""

from __future__ import annotations

import csv
import json
import re
import tomllib
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from io import StringIO
from pathlib import Path
from typing import Any

from django.db import transaction
from openpyxl.cell.cell import Cell

from styrkort.domain.economy import add_figures
from styrkort.domain.numbers import (
    MNKR,
    Bounds,
    FigureError,
    figure_problem,
    format_number,
    parse_number,
    same_figure,
)
from styrkort.domain.periods import parse_period_key, period_bounds
from styrkort.economy import models as em
from styrkort.followup.models import Report
from styrkort.spreadsheets import cells
from styrkort.spreadsheets.importing import ImportRefused, open_workbook
from styrkort.storage.edits import Edit, save_edits
from styrkort.storage.totals import store_totals

AMOUNT = Bounds(15, 2)  # an amount as a finance system exports it: kronor with öre
UNITS = {"kr": Decimal("0.000001"), "tkr": Decimal("0.001"), "mnkr": Decimal(1)}
_MONTH = re.compile(r"^(?:(?P<year>\d{4})-?(?P<month>\d{2})(?:-\d{2})?|(?P<only>\d{1,2}))$")
MAX_ROWS = 100_000
TYPES: dict[str, type | tuple[type, ...]] = {
    "area_column": str,
    "amount_column": str,
    "month_column": str,
    "month_columns": list,
    "areas": dict,
    "unit": str,
    "negate": bool,
    "round": str,
    "delimiter": str,
    "encoding": str,
    "sheet": str,
    "header_row": int,
}


@dataclass(frozen=True)
class Mapping:
    """Which columns of the export hold what (see the module docstring)."""

    area_column: str
    amount_column: str = ""
    month_column: str = ""
    month_columns: tuple[str, ...] = ()
    areas: dict[str, str] = field(default_factory=dict)
    unit: str = "kr"
    negate: bool = False
    round: str = ""
    delimiter: str = ";"
    encoding: str = "utf-8"
    sheet: str = ""
    header_row: int = 1


def read_mapping(path: Path) -> Mapping:
    """The mapping file (TOML, or JSON when it ends in .json); ImportRefused says what is wrong."""
    try:
        text = path.read_text(encoding="utf-8")
        data = json.loads(text) if path.suffix.lower() == ".json" else tomllib.loads(text)
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise ImportRefused([f"{path}: mappningen kan inte läsas ({error})"]) from error
    if not isinstance(data, dict):
        raise ImportRefused([f"{path}: mappningen ska vara en tabell av nycklar och värden"])
    data = {key: value for key, value in data.items() if not key.startswith("_")}  # "_comment"
    known = set(Mapping.__dataclass_fields__)
    problems = [f"{path}: okänd nyckel ”{key}”" for key in data if key not in known]
    for key, kind in TYPES.items():
        if key in data and not isinstance(data[key], kind):
            problems.append(f"{path}: ”{key}” har fel typ")
            data.pop(key)
    if not isinstance(data.get("area_column"), str):
        problems.append(f"{path}: ”area_column” saknas (kolumnen med verksamhetsområdet)")
    long = bool(data.get("month_column")) and bool(data.get("amount_column"))
    wide = isinstance(data.get("month_columns"), list) and len(data["month_columns"]) == 12
    if long == wide:
        problems.append(
            f"{path}: ange antingen ”month_column” och ”amount_column” eller ”month_columns” (tolv rubriker)"
        )
    if not all(isinstance(header, str) for header in data.get("month_columns", ())):
        problems.append(f"{path}: ”month_columns” ska vara tolv rubriker (text)")
    if data.get("unit", "kr") not in UNITS:
        problems.append(f"{path}: ”unit” ska vara kr, tkr eller mnkr")
    if isinstance(data.get("delimiter", ";"), str) and len(data.get("delimiter", ";")) != 1:
        problems.append(f'{path}: ”delimiter” ska vara ett tecken, t.ex. ";"')
    header_row = data.get("header_row", 1)
    if not isinstance(header_row, int) or isinstance(header_row, bool) or not 1 <= header_row <= 100:
        problems.append(f"{path}: ”header_row” ska vara ett radnummer mellan 1 och 100")
    if data.get("round", "") not in ("", "half_up"):
        problems.append(f"{path}: ”round” ska vara ”half_up” eller utelämnas")
    if problems:
        raise ImportRefused(problems)
    data["month_columns"] = tuple(data.get("month_columns", ()))
    data["areas"] = {str(k): str(v) for k, v in data.get("areas", {}).items()}
    return Mapping(**data)


# --- reading the export ------------------------------------------------------------------------


def _rows(data: bytes, name: str, mapping: Mapping) -> list[tuple[int, dict[str, Any]]]:
    """(row number, {header: cell or text}) of every row after the header row."""
    if name.lower().endswith(".xlsx"):
        book = open_workbook(data, name)
        sheet = book[mapping.sheet] if mapping.sheet in book.sheetnames else None
        if mapping.sheet and sheet is None:
            raise ImportRefused([f"{name}: bladet ”{mapping.sheet}” finns inte"])
        sheet = sheet or book.worksheets[0]
        if sheet.max_row > MAX_ROWS:
            raise ImportRefused([f"{name}: {sheet.max_row} rader; högst {MAX_ROWS} kan importeras"])
        grid: list[Any] = list(sheet.iter_rows())
        headers = (
            [_header(c.value) for c in grid[mapping.header_row - 1]]
            if len(grid) >= mapping.header_row
            else []
        )
        body = grid[mapping.header_row :]
    else:
        try:
            text = data.decode(mapping.encoding).removeprefix("\ufeff")
        except (UnicodeDecodeError, LookupError) as error:
            raise ImportRefused(
                [f"{name}: texten är inte {mapping.encoding}; ange ”encoding” i mappningen"]
            ) from error
        try:
            lines = list(csv.reader(StringIO(text), delimiter=mapping.delimiter))
        except csv.Error as error:
            raise ImportRefused([f"{name}: ingen läsbar CSV-fil ({error})"]) from error
        if len(lines) > MAX_ROWS:
            raise ImportRefused([f"{name}: {len(lines)} rader; högst {MAX_ROWS} kan importeras"])
        headers = (
            [_header(h) for h in lines[mapping.header_row - 1]] if len(lines) >= mapping.header_row else []
        )
        body = list(lines[mapping.header_row :])
    wanted = [
        mapping.area_column,
        *filter(None, (mapping.month_column, mapping.amount_column)),
        *mapping.month_columns,
    ]
    missing = [h for h in wanted if h not in headers]
    if missing:
        raise ImportRefused(
            [
                f"{name}, rad {mapping.header_row}: kolumnen ”{h}” saknas (rubrikerna: {', '.join(filter(None, headers))})"
                for h in missing
            ]
        )
    index = {h: headers.index(h) for h in wanted}
    rows = []
    for number, row in enumerate(body, mapping.header_row + 1):
        values = {h: (row[i] if i < len(row) else None) for h, i in index.items()}
        if all(_blank(v) for v in values.values()):
            continue
        rows.append((number, values))
    return rows


def _header(value: Any) -> str:
    return str(value).strip() if value is not None else ""


def _blank(value: Any) -> bool:
    raw = value.value if isinstance(value, Cell) else value
    return raw is None or (isinstance(raw, str) and not raw.strip())


def _text(value: Any) -> str:
    raw = value.value if isinstance(value, Cell) else value
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    if isinstance(raw, datetime | date):
        return raw.strftime("%Y-%m")
    return "" if raw is None else str(raw).strip()


def _amount(value: Any) -> Decimal | None:
    if isinstance(value, Cell):
        return cells.read_figure(value, AMOUNT)
    return parse_number(value, AMOUNT, "")


def _month(value: Any, year: int) -> int:
    text = _text(value)
    match = _MONTH.match(text)
    month = int(match["month"] or match["only"]) if match else 0
    if not 1 <= month <= 12:
        raise FigureError(f"”{text}” är ingen månad; skriv t.ex. 202603, 2026-03 eller 3")
    if match and match["year"] and int(match["year"]) != year:
        raise FigureError(f"månaden ”{text}” hör till ett annat år än {year}")
    return month


@dataclass(frozen=True)
class Outcome:
    """The outcome per activity area (mnkr) the export gives for the period."""

    by_area: dict[str, Decimal]
    rows: int
    later: int  # rows of months after the period, left out


def read_outcome(data: bytes, name: str, mapping: Mapping, report: Report, areas: set[str]) -> Outcome:
    """Sum the export per area up to the period's last month; ImportRefused lists every bad row."""
    _, end = period_bounds(parse_period_key(report.period.key))
    year = report.period.year
    last = 12 if end.year > year else end.month - 1
    sums: dict[str, Decimal] = {}
    problems: list[str] = []
    later = 0
    rows = _rows(data, name, mapping)
    for number, values in rows:
        where = f"{name}, rad {number}"
        given = _text(values[mapping.area_column])
        area = mapping.areas.get(given, given)
        if area not in areas:
            problems.append(
                f"{where}: okänt verksamhetsområde ”{given}”; lägg till det under [areas] i mappningen"
            )
            continue
        try:
            if mapping.month_columns:
                amounts = [_amount(values[header]) for header in mapping.month_columns[:last]]
            else:
                if _month(values[mapping.month_column], year) > last:
                    later += 1
                    continue
                amounts = [_amount(values[mapping.amount_column])]
        except FigureError as error:
            problems.append(f"{where}: {error}")
            continue
        total = add_figures(amounts)
        if total is not None:
            sums[area] = sums.get(area, Decimal(0)) + total
    if not rows:
        problems.append(f"{name}: inga rader med utfall")
    converted = {}
    for area, total in sums.items():
        value = total * UNITS[mapping.unit]
        if mapping.negate:
            value = -value
        value = _fit(value, mapping)
        problem = figure_problem(value, MNKR)
        if problem is not None:
            problems.append(f"{name}: utfallet för ”{area}”, {format_number(value)} mnkr, {problem}")
        converted[area] = value.copy_abs() if value.is_zero() else value
    if problems:
        raise ImportRefused(problems)
    return Outcome(converted, len(rows), later)


def _fit(value: Decimal, mapping: Mapping) -> Decimal:
    """The sum in mnkr: zeros the conversion appended dropped (131 200 tkr is 131,2 mnkr, not
    131,200), rounded only where the mapping asks for it."""
    if UNITS[mapping.unit] != 1:
        value = value.normalize()
        if value.as_tuple().exponent > 0:  # type: ignore[operator]
            value = value.quantize(Decimal(1))
    if mapping.round == "half_up":
        return value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return value


# --- saving ------------------------------------------------------------------------------------


def save_outcome(report: Report, outcome: Outcome) -> list[Any]:
    """Write each area's outcome (rows the export does not name keep theirs) and the total's sum."""
    rows = list(em.OperatingBudgetRow.objects.filter(report=report).select_related("area"))
    edits = [
        Edit(row, {"outcome": row.outcome}, {"outcome": outcome.by_area[row.area.name]}, _same)
        for row in rows
        if not row.is_total and row.area is not None and row.area.name in outcome.by_area
    ]
    with transaction.atomic():
        saved = save_edits(edits, report=report)
        return saved + store_totals(report, saved)


def _same(name: str, a: Any, b: Any) -> bool:
    return same_figure(a, b)


def areas_of(report: Report) -> set[str]:
    return set(
        em.OperatingBudgetRow.objects.filter(report=report, is_total=False, area__isnull=False).values_list(
            "area__name", flat=True
        )
    )


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise ImportRefused([f"{path}: kan inte läsas ({error.strerror or error})"]) from error
