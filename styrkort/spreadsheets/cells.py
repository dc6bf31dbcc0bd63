"""Figures and text in Excel cells, without losing or inventing precision.

A figure is written as a number cell whose number format shows exactly its recorded decimals
(``Decimal("1.0")`` → ``1`` with ``#,##0.0``, shown by a Swedish Excel as ``1,0``). Excel keeps 15
significant digits, so a figure with more is written as a text cell in Swedish notation
(``"999 999 999 999,9999"``) instead; it reads back through the same strict parser as the grid.

Reading a cell (``read_figure``):
- a number cell gives the shortest decimal that is the stored binary value (``repr``: what Excel
  wrote for a typed 2471.8 is ``2471.8``), extended with zeros to the decimals of its number
  format (a cell formatted ``0.0`` holding 3 reads as 3,0: what the user sees); never rounded, so
  a figure with more decimals than its column allows is refused, not cut;
- a text cell is read exactly as the grid reads typed input (``domain.numbers.parse_number``):
  ``"2 471,8"`` and ``"−5"`` are figures, ``"2,471.8"`` and ``"1.234"`` are refused;
- an empty cell is missing (None), never 0; a formula, a date or a truth value is refused.

Text cells are always written as text (never a formula, whatever the text begins with) and read
with ``domain.text.clean_text``, as the pages read typed text.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment

from styrkort.domain.numbers import (
    INDICATOR,
    Bounds,
    FigureError,
    figure_problem,
    format_number,
    parse_number,
    plain,
)
from styrkort.domain.text import clean_text

EXCEL_DIGITS = 15  # significant digits Excel keeps of a number
_FORMAT_DECIMALS = re.compile(r"\.(0+)")


def number_format(decimals: int) -> str:
    """The number format that shows a figure's recorded decimals, with thousands grouped."""
    return "#,##0" + ("." + "0" * decimals if decimals > 0 else "")


def decimals_of(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return max(0, -int(exponent)) if isinstance(exponent, int) else 0


def write_figure(cell: Cell, value: Decimal | None) -> None:
    """Put a figure into a cell: a number showing its recorded decimals, or (more digits than Excel
    keeps) Swedish text; missing stays an empty cell."""
    if value is None:
        cell.value = None
        return
    digits = len(value.as_tuple().digits)
    if digits > EXCEL_DIGITS:
        write_text(cell, format_number(value).replace("\u202f", " "))
        cell.alignment = Alignment(horizontal="right")
        return
    cell.value = Decimal(plain(value))  # never an exponent ("1E+2") in the file
    cell.number_format = number_format(decimals_of(value))


def write_text(cell: Cell, text: str) -> None:
    """Put text into a cell as text, never as a formula (``=…`` stays the characters typed);
    control characters, which no cell may hold (and no page lets anyone type), are left out."""
    cell.value = ILLEGAL_CHARACTERS_RE.sub("", text)
    cell.data_type = "s"


def read_figure(cell: Cell, bounds: Bounds = INDICATOR, unit: str = "") -> Decimal | None:
    """The figure in a cell (see the module docstring); FigureError (Swedish) when it is none."""
    value = cell.value
    if value is None:
        return None
    if cell.data_type == "f" or (isinstance(value, str) and value.startswith("=") and cell.data_type != "s"):
        raise FigureError("cellen innehåller en formel; skriv talet i stället")
    if isinstance(value, bool):
        raise FigureError(f"”{'SANT' if value else 'FALSKT'}” är inte ett tal")
    if isinstance(value, datetime | date | time | timedelta):
        raise FigureError("cellen innehåller ett datum eller en tid, inte ett tal")
    if isinstance(value, str):
        return parse_number(value, bounds, unit)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise FigureError("cellen innehåller inget tal")
        figure = Decimal(repr(value))
    elif isinstance(value, int | Decimal):
        figure = Decimal(value)
    else:
        raise FigureError("cellen innehåller inget tal")
    figure = _with_format_decimals(figure, cell.number_format or "")
    problem = figure_problem(figure, bounds)
    if problem is not None:
        raise FigureError(f"talet {format_number(figure)} {problem}")
    return figure.copy_abs() if figure.is_zero() else figure


def _with_format_decimals(figure: Decimal, number_format: str) -> Decimal:
    """The figure with at least the decimals its cell's number format shows (zeros added, never cut)."""
    if "E" in str(figure) or "e" in str(figure):  # repr of a tiny or huge float: plain digits
        figure = Decimal(format(figure, "f"))
    found = _FORMAT_DECIMALS.search(number_format.split(";")[0])
    shown = len(found.group(1)) if found else 0
    if shown > decimals_of(figure):
        return figure.quantize(Decimal(1).scaleb(-shown))
    return figure


def read_text(cell: Cell) -> str:
    """A text cell's text as the pages keep typed text; a number cell as Swedish digits."""
    value = cell.value
    if value is None:
        return ""
    if cell.data_type == "f":
        raise FigureError("cellen innehåller en formel; skriv texten i stället")
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, bool | datetime | date | time | timedelta):
        raise FigureError("cellen ska innehålla text")
    if isinstance(value, float):
        return format_number(Decimal(repr(value)))
    return format_number(Decimal(value))
