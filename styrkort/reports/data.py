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
  4 for committee goals and sub-headings inside texts; ``in_toc`` says whether the table of
  contents lists it. ``anchor`` is unique within the report (HTML ids, PDF labels).
- ``Row.status`` is an optional computed status (e.g. an indicator's, once the rules exist):
  renderers show it as a symbol *and* ``status_label`` words, never colour alone.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, is_dataclass
from decimal import Decimal
from typing import Literal

from styrkort.domain.numbers import to_exchange

BlockKind = Literal["paragraph", "heading", "bullets", "table", "chart"]
RowKind = Literal["body", "sub", "group", "total"]


@dataclass(frozen=True)
class Span:
    """A run of text, optionally emphasised (Markdown ``*emphasis*``)."""

    text: str
    emphasis: bool = False


@dataclass(frozen=True)
class Row:
    """A table row: formatted cells; ``note`` is the analysis printed in a full-width row below."""

    cells: tuple[str, ...]
    kind: RowKind = "body"
    note: tuple[Block, ...] = ()
    status: str | None = None
    status_label: str = ""


@dataclass(frozen=True)
class Table:
    """A table with one header row; ``numeric`` columns are right-aligned, ``widths`` relative."""

    key: str
    caption: str
    columns: tuple[str, ...]
    numeric: tuple[bool, ...]
    widths: tuple[int, ...]
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class Bar:
    """One bar of a chart: what it shows, its figure (for geometry) and its printed value."""

    label: str
    role: Literal["outcome", "forecast", "target", "deviation"]
    value: Decimal
    text: str


@dataclass(frozen=True)
class Panel:
    """One small multiple: a title and its bars, drawn on the panel's own scale."""

    title: str
    bars: tuple[Bar, ...]


@dataclass(frozen=True)
class Chart:
    """A chart with a text alternative that says everything the picture shows."""

    key: str
    kind: Literal["indicator_panels", "deviation_bars"]
    title: str
    alt: str
    panels: tuple[Panel, ...]


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
    status: str
    status_label: str
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
    status: str
    status_label: str
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
    decided: bool = False  # a report not (yet) decided prints as a draft ("UTKAST")

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
