"""ReportData: the follow-up report laid out for printing, independent of any renderer.

The HTML, Typst (PDF) and DOCX renderers read only these frozen values. Everything a reader
sees as text is decided here, once: Swedish number formatting (``format_number``), the words
of an assessment, column headings, the order of sections. A renderer only places things.

Conventions, stated once:
- A table cell is a string, already formatted; an empty cell is ``""`` (never "0", never
  "None"). Figures used for chart geometry stay ``Decimal`` (``Bar.value``).
- Long texts are parsed into ``Block`` values (paragraphs, sub-headings, bullets, tables)
  by ``styrkort.reports.text``; a renderer never parses Markdown.
- ``Heading.level`` is 1 for parts, 2 for aims and economy sections, 3 for area goals and
  4 for committee goals and sub-headings inside texts, never more than one below the heading
  above it (a committee goal straight under an aim is 3); ``in_toc`` says whether the table of
  contents lists it. ``anchor`` is unique within the report (HTML ids, PDF labels).
- A status (``Row.status``, ``GoalSection.status``, ``OverviewRow.status``) is a level of the
  report's status scale (``styrkort.domain.scales``): its words, symbol, colour and text colour
  are read from the level, never restated by a renderer; renderers show the words always,
  never colour alone. Every indicator row has one, and ``Row.status_basis`` says what it rests
  on ("Beräknad: prognos mot årsmål", "Förvaltningens bedömning", "Ingen bedömning angiven").
- ``decided`` says whether the report is decided; a document of a report that is not decided
  says "UTKAST" on every page (``watermark``) and in its file name (``file_name``).
- Imported prose keeps ordinary spaces inside numbers ("1 315"); renderers print
  ``Span.printed``, where those spaces are no-break spaces, so a number never wraps.
- Renderers read these values as they are: what a template needs beyond the fields is a
  property here (``Table.header``, ``Table.body``, ``Chart.svg``), never a patched dict.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields, is_dataclass
from decimal import Decimal
from typing import Literal

from styrkort.domain.numbers import to_exchange
from styrkort.domain.scales import STOCKHOLM, StatusLevel, StatusScale
from styrkort.reports.charts import Bar, Chart, Panel

__all__ = [
    "Bar",
    "Block",
    "Cell",
    "Chart",
    "GoalSection",
    "Heading",
    "OverviewRow",
    "Panel",
    "ReportData",
    "Row",
    "Section",
    "Span",
    "Table",
    "as_jsonable",
]

BlockKind = Literal["paragraph", "heading", "bullets", "table", "chart"]
RowKind = Literal["body", "sub", "group", "total"]


NO_BREAK_SPACE = "\u00a0"
# A space between digit groups ("1 315", "2 471,8") or between a figure and its unit ("5 %").
_DIGIT_SPACE = re.compile(r"\d ")
_NUMBER_SPACE = re.compile(
    r"(?<=\d) (?=\d{3}(?!\d))|(?<=\d) (?=(?:%|kr\b|tkr\b|mnkr\b|mdkr\b|st\b|procent\b))"
)


def bind_numbers(text: str) -> str:
    """The text with no-break spaces inside numbers, so that a number never wraps."""
    # The plain search first: most texts have no digit before a space, and the lookbehinds
    # make the substitution scan every position (a third of ``pdf.typst_input`` before).
    return _NUMBER_SPACE.sub(NO_BREAK_SPACE, text) if _DIGIT_SPACE.search(text) else text


@dataclass(frozen=True)
class Span:
    """A run of text, optionally emphasised (Markdown ``*emphasis*``)."""

    text: str
    emphasis: bool = False

    @property
    def printed(self) -> str:
        """The text as renderers print it: a number in prose never wraps ("1 315")."""
        return bind_numbers(self.text)


@dataclass(frozen=True)
class Row:
    """A table row: formatted cells; ``note`` is the analysis printed in a full-width row below."""

    cells: tuple[str, ...]
    kind: RowKind = "body"
    note: tuple[Block, ...] = ()
    status: StatusLevel | None = None
    status_basis: str = ""


@dataclass(frozen=True)
class Cell:
    """A cell as placed: its text and whether it is a figure (right-aligned)."""

    text: str
    numeric: bool


@dataclass(frozen=True)
class Table:
    """A table with one header row; ``numeric`` columns are right-aligned, ``widths`` relative.

    ``source`` is printed under the table where some of its figures were fetched from an
    outside source ("Källa: Kolada (…)"); "" where every figure was entered.
    """

    key: str
    caption: str
    columns: tuple[str, ...]
    numeric: tuple[bool, ...]
    widths: tuple[int, ...]
    rows: tuple[Row, ...]
    source: str = ""

    @property
    def header(self) -> tuple[Cell, ...]:
        """The header row's cells."""
        return tuple(Cell(text, numeric) for text, numeric in zip(self.columns, self.numeric, strict=True))

    @property
    def body(self) -> tuple[tuple[Row, tuple[Cell, ...]], ...]:
        """Each row with the cells after its first (the first cell is the row's header)."""
        return tuple(
            (
                row,
                tuple(Cell(bind_numbers(t), n) for t, n in zip(row.cells[1:], self.numeric[1:], strict=True)),
            )
            for row in self.rows
        )

    @property
    def width(self) -> int:
        """The number of columns."""
        return len(self.columns)


@dataclass(frozen=True)
class Block:
    """A piece of running text: paragraph, sub-heading, bullet list, table or chart."""

    kind: BlockKind
    spans: tuple[Span, ...] = ()
    items: tuple[tuple[Span, ...], ...] = ()
    table: Table | None = None
    chart: Chart | None = None


@dataclass(frozen=True)
class Heading:
    """A heading of the document, as listed in the table of contents."""

    level: int
    text: str
    anchor: str
    in_toc: bool = True


@dataclass(frozen=True)
class GoalSection:
    """One goal of the tree as printed: heading, assessment, texts, tables and chart."""

    heading: Heading
    level: str
    number: str
    title: str
    status: StatusLevel
    analysis: tuple[Block, ...]
    description: tuple[Block, ...]
    expected_results: tuple[tuple[Span, ...], ...]
    indicators: Table | None
    activities: Table | None
    chart: Chart | None


@dataclass(frozen=True)
class Section:
    """A plain section: a heading and its blocks (summary, economy sections, attachments)."""

    heading: Heading
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class OverviewRow:
    """A line of the goal assessment overview."""

    level: str
    number: str
    title: str
    status: StatusLevel
    anchor: str


@dataclass(frozen=True)
class ReportData:
    """The whole report for one committee and period, ready for any renderer."""

    organisation_code: str
    committee: str
    period_key: str
    year: int
    report_title: str
    document_title: str
    report_date: str
    meeting_date: str
    officer: str
    officer_phone: str
    director: str
    director_title: str
    proposals: tuple[str, ...]
    summary: Section
    goals_heading: Heading
    overview_heading: Heading
    overview: tuple[OverviewRow, ...]
    goals: tuple[GoalSection, ...]
    economy_heading: Heading
    economy: tuple[Section, ...]
    attachments: Section
    recipient: str = ""  # the decision page's "Till"
    decision: str = ""  # "Beslutad … § 45": the meeting and paragraph that decided the report
    attachment_contents: tuple[str, ...] = ()  # listed under "Bilagor" in the table of contents
    decided: bool = False
    scale: StatusScale = STOCKHOLM

    @property
    def watermark(self) -> str:
        """What every page of a document says across it: "UTKAST" until the report is decided."""
        return "" if self.decided else "UTKAST"

    def file_name(self, kind: str) -> str:
        """The document's file name: "sdn-norra-2026-T1.pdf", "sdn-norra-2026-T1-UTKAST.pdf" for a draft."""
        draft = "" if self.decided else "-UTKAST"
        return f"{self.organisation_code}-{self.period_key}{draft}.{kind}"

    def headings(self) -> tuple[Heading, ...]:
        """Every heading in printed order (what a table of contents is made from)."""
        found = [self.summary.heading, self.goals_heading, self.overview_heading]
        found += [goal.heading for goal in self.goals]
        found.append(self.economy_heading)
        found += [section.heading for section in self.economy]
        found.append(self.attachments.heading)
        return tuple(found)

    def tables(self) -> tuple[Table, ...]:
        """Every table in printed order."""
        found: list[Table] = []
        for goal in self.goals:
            found += [table for table in (goal.indicators, goal.activities) if table is not None]
        for section in self.economy:
            found += [block.table for block in section.blocks if block.table is not None]
        return tuple(found)

    def charts(self) -> tuple[Chart, ...]:
        """Every chart in printed order."""
        found = [goal.chart for goal in self.goals if goal.chart is not None]
        for section in self.economy:
            found += [block.chart for block in section.blocks if block.chart is not None]
        return tuple(found)


def as_jsonable(value: object) -> object:
    """Dataclasses as dicts, tuples as lists, Decimal as exchange strings ("2471.8")."""
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: as_jsonable(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, tuple | list):
        return [as_jsonable(item) for item in value]
    if isinstance(value, Decimal):
        return to_exchange(value)
    return value
