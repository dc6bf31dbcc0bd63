"""Decimal helpers: parsing Swedish input, formatting Swedish output, exchange strings.

Conventions, stated once:
- Every figure is a ``Decimal``; a missing figure is ``None``, never ``0``.
- Figures are kept *normalised*: without trailing zeros (``Decimal("1.0")`` is kept as
  ``Decimal("1")``), so a figure read from a report, stored in a database and read back
  compares and serialises identically. How many decimals to show is a display decision
  (``format_number(..., decimals=1)``), never a property of the stored value.
- Swedish formatting uses a decimal comma and a non-breaking thin space (U+202F) between
  thousands: ``2 471,8``, ``38,2 %``. Parsing accepts what people and PDF extraction
  produce: ordinary, non-breaking and thin spaces, a leading minus or en dash, "%"/units after.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

THIN_NBSP = "\u202f"
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")
_NUMBER = re.compile(
    r"^(?P<sign>[-\u2212\u2013]?)\s*(?P<int>\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+|\d+)(?:[,.](?P<frac>\d+))?"
)


def normalise(value: Decimal) -> Decimal:
    """Strip trailing zeros without switching to exponent notation (100 stays 100).

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


def to_exchange(value: Decimal | None) -> str | None:
    """Render a figure for the exchange format: '.' as decimal point, no exponent."""
    if value is None:
        return None
    return format(normalise(value), "f")


def from_exchange(text: str | None) -> Decimal | None:
    """Read a figure from the exchange format ("2471.8"); raises ValueError on anything else."""
    if text is None:
        return None
    if not re.fullmatch(r"-?\d+(\.\d+)?", text):
        raise ValueError(f"not a figure: {text!r} (expected digits with '.' as decimal point)")
    return normalise(Decimal(text))


def split_number(text: str) -> tuple[Decimal, str] | None:
    """Split Swedish text such as "2 471,8", "38,2 %", "-8 192,0", "14,8 barn/avd." into (figure, unit).

    Returns None when the text does not start with a number.
    """
    stripped = text.strip()
    match = _NUMBER.match(stripped)
    if not match:
        return None
    digits = _SPACES.sub("", match.group("int"))
    frac = match.group("frac")
    try:
        value = Decimal(digits + ("." + frac if frac else ""))
    except InvalidOperation:  # pragma: no cover - the regex admits only digits
        return None
    if match.group("sign"):
        value = -value
    unit = stripped[match.end() :].strip()
    return normalise(value), unit


def parse_number(text: str | None) -> Decimal | None:
    """Parse a Swedish figure typed by a person ("38,2", "38,2 %", "2 471,8"); empty gives None.

    Raises ValueError with a Swedish message when the text is not a number.
    """
    if text is None or not text.strip():
        return None
    parts = split_number(text)
    if parts is None:
        raise ValueError(f"«{text.strip()}» är inte ett tal")
    value, rest = parts
    if rest not in ("", "%") and not rest.isalpha() and "/" not in rest and "." not in rest:
        raise ValueError(f"«{text.strip()}» är inte ett tal")
    return value


def format_number(value: Decimal | None, decimals: int | None = None, unit: str = "") -> str:
    """Swedish display: thin-space thousands, decimal comma; None gives an empty string."""
    if value is None:
        return ""
    if decimals is not None:
        value = value.quantize(Decimal(1).scaleb(-decimals))
    text = format(value if decimals is not None else normalise(value), "f")
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
