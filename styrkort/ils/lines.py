"""Lines and cells of ILS report text, and the results every part of the parser shares.

Conventions, stated once:
- The input is the text extracted from an ILS PDF: one paragraph or table row per line,
  table cells separated by tabs. Line numbers are 1-based, as an editor shows them.
- A line holding only spaces (or only tabs and spaces) is a PDF artefact and counts as blank.
- Every non-blank line is either placed (it became data, or is derived output such as the
  table of contents or a repeated table header) or reported as an ``UnplacedLine`` with a
  short Swedish reason. Nothing is dropped silently.
- ``<i>…</i>`` is stripped in names and labels (``strip_tags``); prose keeps it as Markdown
  emphasis (see ``text``). ``**`` is a bold artefact of the extraction and always removed.
- Figures are read with ``styrkort.domain.numbers.split_number``; an empty cell is ``None``.
- Each line is cleaned with ``styrkort.domain.text.clean_text`` (control characters,
  noncharacters and lone surrogates removed) before anything reads it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from styrkort.domain.numbers import split_number
from styrkort.domain.text import clean_text

_TAGS = re.compile(r"</?i>")
_MARKER = re.compile(r"^\s*(?:[●•◦]|-(?=\s))?\s*")
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


@dataclass(frozen=True)
class Line:
    """One line of the input with its 1-based number."""

    number: int
    text: str

    @property
    def blank(self) -> bool:
        return not self.text.replace("\t", "").strip()

    @property
    def stripped(self) -> str:
        return self.text.replace("**", "").strip()

    @property
    def has_tab(self) -> bool:
        return "\t" in self.text and not self.blank


@dataclass(frozen=True)
class UnplacedLine:
    """A non-blank input line the parser could not place, with a short Swedish reason."""

    line_number: int
    text: str
    reason: str


def split_lines(text: str) -> tuple[Line, ...]:
    """The input as numbered lines (any line ending), each cleaned of what nobody types."""
    return tuple(Line(index + 1, clean_text(raw)) for index, raw in enumerate(text.splitlines()))


def unplaced(line: Line, reason: str) -> UnplacedLine:
    return UnplacedLine(line.number, line.text, reason)


def strip_tags(text: str) -> str:
    """A name or label without ``<i>`` tags and bold artefacts, whitespace collapsed."""
    return " ".join(_TAGS.sub("", text).replace("**", "").split())


def strip_marker(text: str) -> str:
    """A row's first cell without its status symbol ("●", "-") and surrounding spaces."""
    return _MARKER.sub("", text, count=1).strip()


def cells(line: Line) -> list[str]:
    """The tab-separated cells of a row, stripped, with blank cells at both ends removed."""
    found = [cell.strip() for cell in line.text.split("\t")]
    while found and not found[0]:
        found.pop(0)
    while found and not found[-1]:
        found.pop()
    return found


def read_figure(cell: str) -> tuple[Decimal | None, str, str | None]:
    """A figure cell as (value, unit, error): empty gives (None, "", None)."""
    text = strip_tags(cell)
    if not text:
        return None, "", None
    parts = split_number(text)
    if parts is None:
        return None, "", f"”{text}” är inte ett tal"
    return parts[0], parts[1], None


def read_plain_figure(cell: str) -> tuple[Decimal | None, str | None]:
    """A figure without unit (economy tables): (value, error)."""
    value, unit, error = read_figure(cell)
    if error is None and unit:
        return None, f"”{strip_tags(cell)}” är inte ett tal"
    return value, error


def printed_decimals(cell: str) -> int | None:
    """How many decimals a figure cell prints ("38,2 %" → 1, "94 %" → 0), None when not a figure."""
    text = strip_tags(cell)
    if split_number(text) is None:
        return None
    match = re.match(r"^[-\u2212\u2013]?\s*[\d \u00a0\u202f\u2009]*\d(?:[,.](\d+))?", text)
    return len(match.group(1)) if match and match.group(1) else 0


def read_date(text: str) -> tuple[date | None, str | None]:
    """A "YYYY-MM-DD" cell as (date or None, error)."""
    text = text.strip()
    if not text:
        return None, None
    match = _DATE.match(text)
    if match:
        try:
            return date(int(match[1]), int(match[2]), int(match[3])), None
        except ValueError:
            pass
    return None, f"”{text}” är inte ett datum"
