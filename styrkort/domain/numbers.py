"""Figures: strict parsing of Swedish input, Swedish output, the exchange notation, bounds.

Conventions, stated once:
- Every figure is a ``Decimal`` *with the precision it was given*; a missing figure is ``None``,
  never ``0``. "1,0" is ``Decimal("1.0")``, not ``Decimal("1")``: the scale is part of what was
  entered or imported and is kept through storage, exchange and the report. ``Decimal``
  equality ignores the scale (``Decimal("1.0") == 1``), so where a change of precision is a
  change, compare with ``same_figure``. Negative zero is not a figure of its own: it is read
  as zero (PostgreSQL's ``numeric`` has no negative zero either).
- Swedish formatting uses a decimal comma and a non-breaking thin space (U+202F) between
  thousands: ``2 471,8``, ``38,2 %``. ``format_number`` prints a figure as recorded; only a
  display that asks for fixed decimals (a table printed with one decimal, an axis) rounds, and
  then half up (``ROUND_HALF_UP``, kommersiell avrundning, as Excel does).
- What people type is read strictly (``parse_number``): an optional sign (``-``, ``+``, U+2212
  minus or an en dash), digits, thousands in groups of three separated by an ordinary,
  no-break or thin space, a decimal *comma*, and optionally the field's unit (``38,2 %``,
  ``2 471,8 mnkr``). Anything else (``2,471.8``, ``1.234``, ``10/12``, ``3.5.6``, ``5 abc``)
  is refused with a Swedish message that says what is wrong and shows the form, never read
  as something else. A figure larger or with more decimals than its column holds (``Bounds``)
  is refused, never rounded or truncated.
- ``split_number`` reads figure cells of imported report text with the same number grammar;
  the unit after the figure is free text there ("14,8 barn/avd.", "90%").

Bounds per kind of figure (what a real controller needs, and what Stockholm's reports print;
see ``styrkort.domain.document`` for which figure is of which kind):

================  ================  ========  ======================================================
kind              integer digits    decimals  why
================  ================  ========  ======================================================
``INDICATOR``     12                4         shares, counts, kronor, kWh: the example prints at most
                                              2 decimals (76,47 %) and 5 digits (14 762 st)
``MNKR``          6                 1         mnkr tables print one decimal; 999 999,9 mnkr is
                                              ten times Stockholm's whole budget
``TKR``           9                 1         result units print tkr with one decimal (79 774,0)
``KRONOR``        12                0         fund applications print whole kronor (330 480 kr)
``VOLUME``        9                 2         volumes are counts (772 barn) or key figures (3,25)
================  ================  ========  ======================================================
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation

THIN_NBSP = "\u202f"
MINUS_SIGNS = "-\u2212\u2013"
GROUP_SEPARATORS = " \u00a0\u202f\u2009"

# The number grammar, shared by typed input and imported text: sign, integer part (plain, or in
# groups of three), decimal comma with at least one digit. ASCII digits only: Python's \d and
# Decimal() would accept other scripts' digits too.
_NUMBER = re.compile(
    rf"(?P<sign>[{MINUS_SIGNS}+]?)"
    rf"(?P<int>[0-9]{{1,3}}(?:[{GROUP_SEPARATORS}][0-9]{{3}})+(?![0-9])|[0-9]+)"
    r"(?:,(?P<frac>[0-9]+))?"
)
_SPACES = re.compile(rf"[\s{GROUP_SEPARATORS}]+")


@dataclass(frozen=True)
class Bounds:
    """How large a figure of a column may be: integer digits and decimals at most, and its unit.

    ``unit`` is the unit a person may type after the figure ("mnkr"); "" admits none (an
    indicator's unit is given per row, see ``parse_number``).
    """

    digits: int
    decimals: int
    unit: str = ""


INDICATOR = Bounds(12, 4)
MNKR = Bounds(6, 1, "mnkr")
TKR = Bounds(9, 1, "tkr")
KRONOR = Bounds(12, 0, "kr")
VOLUME = Bounds(9, 2)


class FigureError(ValueError):
    """A figure that cannot be read or does not fit its column; the message is Swedish."""


def figure_problem(value: Decimal, bounds: Bounds) -> str | None:
    """Why the figure does not fit the bounds (Swedish, with the limit in words), or None."""
    if not value.is_finite():
        return "är inte ett tal"
    sign, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)
    decimals = max(-exponent, 0)
    whole = max(len(digits) + exponent, 0) if any(digits) else 0
    if whole > bounds.digits:
        return (
            f"är för stort: högst {_count(bounds.digits, 'siffra', 'siffror')} före decimalkommat "
            f"(största tal {format_number(largest(bounds))})"
        )
    if decimals > bounds.decimals:
        if bounds.decimals == 0:
            return "har decimaler; här skrivs hela tal"
        return f"har {decimals} decimaler; här får det vara högst {_count(bounds.decimals, 'decimal', 'decimaler')}"
    return None


def largest(bounds: Bounds) -> Decimal:
    """The largest figure a column holds: 999 999,9 for 6 digits and 1 decimal."""
    nines = "9" * bounds.digits + ("." + "9" * bounds.decimals if bounds.decimals else "")
    return Decimal(nines)


def _count(number: int, one: str, many: str) -> str:
    """A count in words, as the messages say it: "en decimal", "fyra decimaler", "tolv siffror"."""
    words = {1: "en", 2: "två", 3: "tre", 4: "fyra", 5: "fem", 6: "sex", 7: "sju", 8: "åtta", 9: "nio"}
    words.update({10: "tio", 11: "elva", 12: "tolv"})
    return f"{words.get(number, str(number))} {one if number == 1 else many}"


def _zero_unsigned(value: Decimal) -> Decimal:
    return value.copy_abs() if value.is_zero() else value


def normalise(value: Decimal) -> Decimal:
    """Strip trailing zeros without switching to exponent notation (100 stays 100).

    For *computed* figures only (a share times 100); a recorded figure keeps its scale.
    Exact for any number of digits: the digits are handled as they are, never through the
    decimal context (whose 28-digit precision made a 30-digit figure raise InvalidOperation).
    """
    if value == 0:
        return Decimal(0)
    sign, digits, exponent = value.as_tuple()
    if not isinstance(exponent, int):  # NaN or infinity: nothing to strip
        return value
    kept = len(digits)
    while exponent < 0 and kept > 1 and digits[kept - 1] == 0:
        kept -= 1
        exponent += 1
    return Decimal((sign, digits[:kept] + (0,) * max(exponent, 0), min(exponent, 0)))


def same_figure(a: Decimal | None, b: Decimal | None) -> bool:
    """Whether two figures are the same *as recorded*: value and precision (1,0 is not 1)."""
    if a is None or b is None:
        return a is b
    return plain(a) == plain(b)


def plain(value: Decimal) -> str:
    """The figure as plain digits with '.' and its recorded decimals, never an exponent."""
    sign, digits, exponent = value.as_tuple()
    if isinstance(exponent, int) and exponent > 0:
        value = value.quantize(Decimal(1))
    return format(_zero_unsigned(value), "f")


def to_exchange(value: Decimal | None) -> str | None:
    """Render a figure for the exchange format: '.' as decimal point, no exponent, scale kept."""
    if value is None:
        return None
    return plain(value)


def from_exchange(text: str | None) -> Decimal | None:
    """Read a figure from the exchange format ("2471.8", "1.0"); raises ValueError on anything else."""
    if text is None:
        return None
    if not re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", text):
        raise ValueError(f"not a figure: {text!r} (expected digits with '.' as decimal point)")
    return _zero_unsigned(Decimal(text))


def _read(match: re.Match[str]) -> Decimal:
    digits = _SPACES.sub("", match["int"])
    frac = match["frac"]
    value = Decimal(digits + ("." + frac if frac else ""))
    if match["sign"] and match["sign"] != "+":
        value = value.copy_negate()  # exact, whatever the context's precision
    return _zero_unsigned(value)


def split_number(text: str) -> tuple[Decimal, str] | None:
    """Split an imported cell such as "2 471,8", "38,2 %", "-8 192,0", "14,8 barn/avd." into (figure, unit).

    The figure keeps its printed precision ("1,0" → Decimal("1.0")). Returns None when the text
    does not start with a number, or when the number runs on into something that is no unit
    ("2,471.8", "10/12", "1 2345"): a unit follows a space, or is "%" right after the figure.
    """
    stripped = text.strip()
    match = _NUMBER.match(stripped)
    if not match:
        return None
    unit = _unit_after(stripped[match.end() :])
    if unit is None:
        return None
    try:
        return _read(match), unit
    except InvalidOperation:  # pragma: no cover - the pattern admits only ASCII digits
        return None


def _unit_after(rest: str) -> str | None:
    """What follows a figure as its unit ("" for none), or None where the figure runs on instead.

    A unit is "%" right after the figure or text after a space, not starting like a number
    ("10/12", "2,471.8", "1 2345" and "10 - 12" run on).
    """
    if rest and not (rest[0].isspace() or rest[0] in GROUP_SEPARATORS or rest[0] == "%"):
        return None
    unit = rest.strip(" \t\n\r\u00a0\u202f\u2009")
    if unit and (unit[0].isdigit() or unit[0] in MINUS_SIGNS + "+,./"):
        return None
    return unit


def _same_unit(typed: str, unit: str) -> bool:
    def key(text: str) -> str:
        return "".join(text.split()).casefold()

    return key(typed) == key(unit)


def parse_number(text: str | None, bounds: Bounds = INDICATOR, unit: str | None = None) -> Decimal | None:
    """Read a figure a person typed ("38,2", "38,2 %", "2 471,8", "−5"); empty gives None.

    ``unit`` is the unit that may follow the figure (default: the bounds' unit). Raises
    FigureError with a Swedish message saying what is wrong and how to write it.
    """
    if text is None or not text.strip():
        return None
    shown = " ".join(text.split())
    if len(shown) > 40:
        shown = shown[:37] + "…"
    unit = bounds.unit if unit is None else unit
    example = _example(bounds, unit)
    match = _NUMBER.match(text.strip())
    if match is None:
        raise FigureError(f"”{shown}” är inte ett tal; skriv t.ex. {example}")
    rest = text.strip()[match.end() :]
    if rest[:1] in (".", ","):
        raise FigureError(
            f"”{shown}” går inte att läsa säkert: decimaler skrivs med komma och tusental med "
            f"mellanslag; skriv t.ex. {example}"
        )
    if rest[:1].isdigit() or (rest[:1].isspace() and rest.strip()[:1].isdigit()):
        raise FigureError(
            f"”{shown}” går inte att läsa säkert: tusental skrivs i grupper om tre siffror; "
            f"skriv t.ex. {example}"
        )
    typed_unit = _unit_after(rest)
    if typed_unit is None:
        raise FigureError(f"”{shown}” är inte ett tal; skriv t.ex. {example}")
    if typed_unit and not (unit and _same_unit(typed_unit, unit)):
        wanted = f"enheten här är {unit}" if unit else "här skrivs talet utan enhet"
        raise FigureError(f"”{shown}” har enheten ”{typed_unit}”, men {wanted}; skriv t.ex. {example}")
    value = _read(match)
    problem = figure_problem(value, bounds)
    if problem is not None:
        raise FigureError(f"”{shown}” {problem}")
    return value


def _example(bounds: Bounds, unit: str) -> str:
    """A figure of the field's kind to show in a message, kept on one line (no-break spaces)."""
    figure = "38,2" if unit == "%" else "2\u00a0471" + (",8" if bounds.decimals >= 1 else "")
    return f"{figure}\u00a0{unit}" if unit else figure


def format_number(value: Decimal | None, decimals: int | None = None, unit: str = "") -> str:
    """Swedish display: thin-space thousands, decimal comma; None gives an empty string.

    Without ``decimals`` the figure prints as recorded ("1,0", "13", "99,6"). With ``decimals``
    it is rounded half up to exactly that many decimals (a table printed with one decimal).
    A minus sign is never printed before a zero.
    """
    if value is None:
        return ""
    if not value.is_finite():
        return str(value)
    if decimals is not None:
        _, digits, exponent = value.as_tuple()
        room = Context(prec=max(28, len(digits) + abs(int(exponent)) + decimals + 1))
        value = value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP, context=room)
    text = plain(value)
    negative = text.startswith("-")
    text = text.lstrip("-")
    whole, _, frac = text.partition(".")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    result = THIN_NBSP.join(groups) + ("," + frac if frac else "")
    if negative and result.strip("0,\u202f"):
        result = "-" + result
    if unit:
        result += "\u00a0" + unit
    return result
