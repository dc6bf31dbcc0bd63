"""The economy part of an ILS report ("Uppföljning av ekonomi" onwards).

Conventions, stated once:
- Sections are found by their headings ("Uppföljning av driftbudget", "Resultatenheter",
  "Investeringar", …; see ``SECTION_HEADINGS``). Prose before the first heading belongs to
  the operating budget. A heading repeated inside its own section is a sub-heading.
- Tables are runs of tab-separated lines (blank lines inside a run are page breaks); a
  repeated header continues the same table, so a table split by a page break is one table.
  Tables are told apart by their header: "Mnkr …" (operating summary, or the activity-area
  table when it speaks of "resultatöverföringar", or investments), "Resultatenhetens namn …",
  "Ökade kostnader/intäkter …"; any other header of text cells opens a volume table, whose
  area is the last sub-heading above it in its section.
- Figures are in the table's unit as printed (mnkr, tkr for result units); signs as printed.
  Rows "varav …" are children of the row above; "Totalt"/"Summa" rows are totals. A result
  unit row has a numeric code ("301 Område 1") or a gross budget other than zero; other rows
  are group headings ("Förskolor", "Äldreomsorg").
- ``texts`` holds the prose of each section as Markdown, as written and in the source's order,
  with ``{{table:NAME}}`` where a table stood. Lists are read into data *and* kept in the text:
  the project lists under the investments table ("Klimatinvesteringsmedel 4,4 mnkr" +
  "- 3,0 mnkr för …") become the projects of the investment category whose name shares the
  longest common prefix with the list's heading; budget adjustment bullets ("- 0,9 mnkr för …")
  become budget adjustments, of kind "investment" when the line above the list says so. The
  report prints the text; the data serve the checks and the decision proposals.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any, Literal

from styrkort.domain.document import (
    ECONOMY_SECTIONS,
    Attachment,
    BudgetAdjustment,
    BudgetRow,
    Economy,
    GrossChangeRow,
    InvestmentProject,
    InvestmentRow,
    OperatingSummaryRow,
    ResultUnit,
    ResultUnitGroup,
    VolumeRow,
    VolumeTable,
)
from styrkort.domain.numbers import split_number
from styrkort.ils.front import read_attachment
from styrkort.ils.lines import Line, UnplacedLine, cells, read_plain_figure, strip_tags, unplaced
from styrkort.ils.text import Block, build_blocks, bullet_text, render

SECTION_HEADINGS = {
    "Uppföljning av driftbudget": "operating_budget",
    "Resultatenheter": "result_units",
    "Investeringar": "investments",
    "Försäljningar av anläggningstillgångar": "sales_of_fixed_assets",
    "Försäljning av anläggningstillgångar": "sales_of_fixed_assets",
    "Verksamhetsprojekt (driftprojekt)": "operating_projects",
    "Verksamhetsprojekt": "operating_projects",
    "Omslutningsförändringar": "gross_changes",
    "Budgetjusteringar": "budget_adjustments",
    "Medel för lokaländamål": "premises",
    "Övrigt": "other",
}
SummaryKind = Literal[
    "net", "costs", "revenues", "before_transfers", "transfers_in", "transfers_out", "after_transfers"
]
_SUMMARY_KINDS: tuple[tuple[re.Pattern[str], SummaryKind], ...] = (
    (re.compile(r"netto|^anslag", re.I), "net"),
    (re.compile(r"^kostnader", re.I), "costs"),
    (re.compile(r"^intäkter", re.I), "revenues"),
    (re.compile(r"före resultat", re.I), "before_transfers"),
    (re.compile(r"(överskott|överföring|underskott)\s+från", re.I), "transfers_in"),
    (re.compile(r"(överskott|överföring|underskott)\s+till", re.I), "transfers_out"),
    (re.compile(r"efter resultat", re.I), "after_transfers"),
)
_AMOUNT = re.compile(r"^(?P<amount>-?\d[\d \u00a0\u202f]*(?:,\d+)?)\s*mnkr\b\s*(?P<rest>.*)$")
_LIST_AMOUNT = re.compile(r"\s*\d[\d \u00a0\u202f]*(?:,\d+)?\s*mnkr\s*$")
_WIDTHS = {
    "operating_summary": 5,
    "operating_budget": 6,
    "result_units": 4,
    "investments": 4,
    "gross_changes": 2,
}


@dataclass
class _Table:
    kind: str
    header: list[str]
    rows: list[Line] = field(default_factory=list)


@dataclass
class _Draft:
    """The economy being read; rows with children are kept as [row, [children]]."""

    summary: list[OperatingSummaryRow] = field(default_factory=list)
    budget: list[list[Any]] = field(default_factory=list)
    budget_total: BudgetRow | None = None
    volumes: list[VolumeTable] = field(default_factory=list)
    groups: list[ResultUnitGroup] = field(default_factory=list)
    units: list[ResultUnit] = field(default_factory=list)
    units_total: ResultUnit | None = None
    investments: list[list[Any]] = field(default_factory=list)
    investments_total: InvestmentRow | None = None
    gross: list[list[Any]] = field(default_factory=list)
    gross_total: GrossChangeRow | None = None
    adjustments: list[BudgetAdjustment] = field(default_factory=list)
    project_lists: list[tuple[Block, list[InvestmentProject]]] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    texts: dict[str, list[Block]] = field(default_factory=dict)
    marked: set[str] = field(default_factory=set)
    problems: list[UnplacedLine] = field(default_factory=list)


@dataclass(frozen=True)
class EconomyPart:
    """The economy as read, attachments listed at its end, and the lines not placed."""

    economy: Economy
    attachments: tuple[Attachment, ...]
    unplaced: tuple[UnplacedLine, ...]


def _sections(lines: Sequence[Line]) -> list[tuple[str, list[Line]]]:
    sections: list[tuple[str, list[Line]]] = [("operating_budget", [])]
    for line in lines:
        if line.stripped == "Uppföljning av ekonomi" and not line.has_tab:
            continue
        section = SECTION_HEADINGS.get(line.stripped)
        if section and not line.has_tab:
            current, current_lines = sections[-1]
            if section != current:
                sections.append((section, []))
                continue
            if len(sections) == 1 and all(earlier.blank for earlier in current_lines):
                continue  # the heading of the section the part starts with
        sections[-1][1].append(line)
    return sections


def _segments(lines: Sequence[Line]) -> list[tuple[bool, list[Line]]]:
    """Runs of prose (False) and of table lines (True); blank lines stay with the run they are in."""
    segments: list[tuple[bool, list[Line]]] = []
    for line in lines:
        is_table = line.has_tab or (line.blank and bool(segments) and segments[-1][0])
        if not segments or segments[-1][0] != is_table:
            segments.append((is_table, []))
        segments[-1][1].append(line)
    return segments


def _header_kind(found: list[str], section: str) -> str | None:
    if len(found) < 2:
        return None
    first = found[0]
    if first == "Mnkr":
        if any("resultatöverföring" in cell for cell in found):
            return "operating_budget"
        if section == "investments" or any(re.match(r"Budget \d{4}", cell) for cell in found):
            return "investments"
        return "operating_summary"
    if first.startswith("Resultatenhetens namn"):
        return "result_units"
    if first.startswith("Ökade kostnader"):
        return "gross_changes"
    if all(cell and split_number(strip_tags(cell)) is None for cell in found):
        return "volumes"
    return None


def read_economy(lines: Sequence[Line]) -> EconomyPart:
    """The economy part (see module docstring)."""
    draft = _Draft()
    for section, section_lines in _sections(lines):
        blocks = draft.texts.setdefault(section, [])
        area = ""
        for is_table, segment in _segments(section_lines):
            if not is_table:
                prose = _prose(draft, section, segment)
                blocks.extend(prose)
                area = next((block.text for block in reversed(prose) if block.kind == "heading"), area)
                continue
            for table in _tables(draft, section, segment):
                name = _read_table(draft, table, area)
                if name and name not in draft.marked:
                    if not name.startswith("volumes:"):
                        draft.marked.add(name)
                    line = table.rows[0].number if table.rows else 0
                    blocks.append(Block(line, line, "{{table:" + name + "}}"))
    return EconomyPart(_freeze(draft), tuple(draft.attachments), tuple(sorted(draft.problems, key=_by_line)))


def _by_line(item: UnplacedLine) -> int:
    return item.line_number


def _prose(draft: _Draft, section: str, lines: list[Line]) -> list[Block]:
    kept: list[Line] = []
    for line in lines:
        attachment = read_attachment(line)
        if attachment is not None:
            draft.attachments.append(attachment)
        elif line.stripped != "Bilagor":
            kept.append(line)
    blocks = build_blocks(kept)
    if section == "investments":
        return _project_lists(draft, blocks)
    if section == "budget_adjustments":
        return _adjustments(draft, blocks)
    return blocks


def _bullet_runs(blocks: list[Block]) -> list[tuple[int, int]]:
    """(heading index, end index) of each bullet run preceded by a non-bullet block."""
    runs = []
    index = 1
    while index < len(blocks):
        if blocks[index].kind == "bullet" and blocks[index - 1].kind != "bullet":
            end = index
            while end < len(blocks) and blocks[end].kind == "bullet":
                end += 1
            runs.append((index - 1, end))
            index = end
        else:
            index += 1
    return runs


def _read_bullet(block: Block) -> tuple[str, Decimal | None]:
    text = bullet_text(block)
    match = _AMOUNT.match(text)
    if not match:
        return text.rstrip(" ."), None
    parts = split_number(match["amount"])
    name = re.sub(r"^för\s+", "", match["rest"]).rstrip(" .")
    return name, parts[0] if parts else None


def _project_lists(draft: _Draft, blocks: list[Block]) -> list[Block]:
    """Read each bullet list with the line above it into projects; the text keeps them as written."""
    for start, end in _bullet_runs(blocks):
        projects = [InvestmentProject(*_read_bullet(block)) for block in blocks[start + 1 : end]]
        draft.project_lists.append((blocks[start], projects))
    return blocks


def _adjustments(draft: _Draft, blocks: list[Block]) -> list[Block]:
    """Read the bullet lists into budget adjustments; the text keeps them as written."""
    for start, end in _bullet_runs(blocks):
        kind: Literal["operating", "investment"] = (
            "investment" if "investering" in blocks[start].text.lower() else "operating"
        )
        for index in range(start + 1, end):
            draft.adjustments.append(BudgetAdjustment(kind, *_read_bullet(blocks[index])))
    return blocks


def _tables(draft: _Draft, section: str, lines: list[Line]) -> list[_Table]:
    tables: list[_Table] = []
    for line in lines:
        if line.blank:
            continue
        found = cells(line)
        kind = _header_kind(found, section)
        if kind is not None and not (tables and tables[-1].kind == kind and kind != "volumes"):
            tables.append(_Table(kind, [strip_tags(cell) for cell in found]))
        elif kind is not None:
            continue  # the header repeated after a page break
        elif tables:
            tables[-1].rows.append(line)
        else:
            draft.problems.append(unplaced(line, "tabellrad utan rubrik"))
    return tables


def _figures(draft: _Draft, line: Line, width: int) -> tuple[str, list[Decimal | None]] | None:
    found = cells(line)
    label = strip_tags(found[0]) if found else ""
    raw = found[1:]
    if len(raw) > width:
        draft.problems.append(unplaced(line, "för många kolumner"))
        return None
    raw += [""] * (width - len(raw))
    values: list[Decimal | None] = []
    errors = []
    for cell in raw:
        value, error = read_plain_figure(cell)
        values.append(value)
        if error:
            errors.append(error)
    if errors:
        draft.problems.append(unplaced(line, "; ".join(errors)))
    return label, values


def _read_table(draft: _Draft, table: _Table, area: str) -> str | None:
    if table.kind == "volumes":
        rows = []
        for line in table.rows:
            read = _figures(draft, line, len(table.header) - 1)
            if read:
                rows.append(VolumeRow(read[0], tuple(read[1]), total=read[0].startswith("Totalt")))
        draft.volumes.append(VolumeTable(table.header[0], tuple(table.header[1:]), tuple(rows), area))
        return f"volumes:{len(draft.volumes) - 1}"
    group = draft.groups[-1].name if draft.groups else ""
    for line in table.rows:
        read = _figures(draft, line, _WIDTHS[table.kind])
        if read is None:
            continue
        label, values = read
        child = label.lower().startswith("varav")
        if table.kind == "operating_summary":
            kind = next((kind for pattern, kind in _SUMMARY_KINDS if pattern.search(label)), None)
            if kind is None:
                draft.problems.append(unplaced(line, "okänd rad i driftbudgeten"))
            else:
                budget, requested, changes, forecast, deviation = values
                draft.summary.append(
                    OperatingSummaryRow(label, kind, budget, requested, changes, forecast, deviation)
                )
        elif table.kind == "operating_budget":
            budget, requested, volume, before, after, deviation = values
            budget_row = BudgetRow(label, budget, requested, volume, before, after, deviation)
            if label.startswith("Totalt"):
                draft.budget_total = budget_row
            else:
                _add(draft, draft.budget, budget_row, child, line)
        elif table.kind == "investments":
            budget, requested, forecast, deviation = values
            investment = InvestmentRow(label, budget, requested, forecast, deviation)
            if label.startswith("Totalt"):
                draft.investments_total = investment
            else:
                _add(draft, draft.investments, investment, child, line)
        elif table.kind == "gross_changes":
            gross = GrossChangeRow(label, values[0], values[1])
            if label.startswith(("Summa", "Totalt")):
                draft.gross_total = gross
            else:
                _add(draft, draft.gross, gross, child, line)
        else:
            gross_budget, carried_in, result, carried_out = values
            if label.startswith(("Summa", "Totalt")):
                draft.units_total = ResultUnit(label, "", gross_budget, carried_in, result, carried_out)
            elif re.match(r"^\d+\s", label) or (gross_budget is not None and gross_budget != 0):
                draft.units.append(ResultUnit(label, group, gross_budget, carried_in, result, carried_out))
            else:
                draft.groups.append(ResultUnitGroup(label, gross_budget, carried_in, result, carried_out))
                group = label
    return table.kind


def _add(draft: _Draft, rows: list[list[Any]], row: object, child: bool, line: Line) -> None:
    if not child:
        rows.append([row, []])
    elif rows:
        rows[-1][1].append(row)
    else:
        draft.problems.append(unplaced(line, "varav-rad utan rad ovanför"))


def _list_key(text: str) -> str:
    text = _LIST_AMOUNT.sub("", strip_tags(text).rstrip(" ,:.")).strip().lower()
    return re.sub(r"^planerade\s+", "", text)


def _common_prefix(first: str, second: str) -> int:
    length = 0
    for left, right in zip(first, second, strict=False):
        if left != right:
            break
        length += 1
    return length


def _freeze(draft: _Draft) -> Economy:
    projects: dict[int, list[InvestmentProject]] = {}
    for heading, found in draft.project_lists:
        key = _list_key(heading.text)
        scores = [_common_prefix(key, row[0].category.lower()) for row in draft.investments]
        best = max(scores, default=0)
        if best >= 5 and scores.count(best) == 1:  # else no category to attach to: prose only
            projects.setdefault(scores.index(best), []).extend(found)
    investments = tuple(
        replace(row, children=tuple(children), projects=tuple(projects.get(index, ())))
        for index, (row, children) in enumerate(draft.investments)
    )
    return Economy(
        operating_summary=tuple(draft.summary),
        operating_budget=tuple(replace(row, children=tuple(children)) for row, children in draft.budget),
        operating_total=draft.budget_total,
        volumes=tuple(draft.volumes),
        result_unit_groups=tuple(draft.groups),
        result_units=tuple(draft.units),
        result_units_total=draft.units_total,
        investments=investments,
        investments_total=draft.investments_total,
        gross_changes=tuple(replace(row, children=tuple(children)) for row, children in draft.gross),
        gross_changes_total=draft.gross_total,
        budget_adjustments=tuple(draft.adjustments),
        texts=tuple(
            (section, render(draft.texts[section]))
            for section in ECONOMY_SECTIONS
            if draft.texts.get(section)
        ),
    )
