"""The goal part of an ILS report ("Uppföljning av Kommunfullmäktiges inriktningsmål").

Conventions, stated once:
- Goal headings: "KF:s inriktningsmål: 1. …" (aim, owner city), "KF:s mål för
  verksamhetsområdet: 1.1 …" (area goal, owner city), "Nämndmål: 1.1.1 …" or "1.1.1. …"
  (committee goal, owner committee). Numbers are kept without a trailing dot; the tree is
  built from them (1.1.1 under 1.1 under 1; a goal whose parent is missing goes to the
  nearest ancestor present, or to the top).
- Under a heading, in any order: an assessment line ("● Uppfylls helt", "-  Uppfylls
  delvis", " Uppfylls inte"; none → not assessed), "Analys" (Markdown analysis),
  "Beskrivning" (Markdown description), "Förväntat resultat" (one item per bullet), and
  indicator and activity tables (see ``tables``). Activities under a city goal are city
  assignments; indicators there are the city's.
- Text under a goal before any of these sub-headings cannot be placed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from styrkort.domain.document import Assessment, AssessmentStatus, Goal, GoalLevel
from styrkort.ils.lines import Line, UnplacedLine, unplaced
from styrkort.ils.tables import read_tables, table_kind
from styrkort.ils.text import build_blocks, bullet_text, markdown

_HEADINGS: tuple[tuple[GoalLevel, re.Pattern[str]], ...] = (
    ("aim", re.compile(r"^KF:s inriktningsmål:\s*(?P<number>\d+)\.?\s+(?P<title>.+)$")),
    (
        "area_goal",
        re.compile(r"^KF:s mål för verksamhetsområdet:\s*(?P<number>\d+\.\d+)\.?\s+(?P<title>.+)$"),
    ),
    ("committee_goal", re.compile(r"^Nämndmål:\s*(?P<number>\d+\.\d+\.\d+)\.?\s+(?P<title>.+)$")),
)
_STATUS = re.compile(r"^\s*(?:[●•◦]|-)?\s*Uppfylls\s+(?P<degree>helt|delvis|inte)\s*$")
_STATUSES: dict[str, AssessmentStatus] = {"helt": "met", "delvis": "partly_met", "inte": "not_met"}
_SECTIONS = {"Analys": "analysis", "Beskrivning": "description", "Förväntat resultat": "expected"}


@dataclass
class _Draft:
    """A goal being read."""

    number: str
    level: GoalLevel
    title: str
    status: AssessmentStatus = "not_assessed"
    texts: dict[str, list[Line]] = field(default_factory=lambda: {key: [] for key in _SECTIONS.values()})
    table: list[Line] = field(default_factory=list)
    children: list[_Draft] = field(default_factory=list)


@dataclass(frozen=True)
class Goals:
    """The goal tree as read, with the lines that could not be placed."""

    goals: tuple[Goal, ...]
    unplaced: tuple[UnplacedLine, ...]


def read_heading(line: Line) -> tuple[GoalLevel, str, str] | None:
    """(level, number, title) when the line is a goal heading."""
    text = " ".join(line.stripped.split())
    for level, pattern in _HEADINGS:
        match = pattern.match(text)
        if match:
            return level, match["number"], match["title"].strip()
    return None


def read_status(line: Line) -> AssessmentStatus | None:
    match = _STATUS.match(line.text.replace("**", ""))
    return _STATUSES[match["degree"]] if match else None


def _opens_section(line: Line, *, in_table: bool) -> bool:
    """ "Analys" alone opens the goal's analysis, except inside a table, where it is a row's."""
    if line.stripped in ("Beskrivning", "Förväntat resultat"):
        return True
    return line.stripped == "Analys" and "\t" not in line.text and not in_table


def read_goals(lines: Sequence[Line]) -> Goals:
    """The goal tree of the goal part (see module docstring)."""
    drafts: list[_Draft] = []
    problems: list[UnplacedLine] = []
    mode: str | None = None
    for line in lines:
        heading = read_heading(line)
        if heading is not None:
            drafts.append(_Draft(heading[1], heading[0], heading[2]))
            mode = "title"
            continue
        if line.blank:
            if drafts and mode is not None and mode in _SECTIONS.values():
                drafts[-1].texts[mode].append(line)
            elif drafts and mode == "table":
                drafts[-1].table.append(line)
            continue
        if not drafts:
            if line.stripped != "Uppföljning av Kommunfullmäktiges inriktningsmål":
                problems.append(unplaced(line, "text före första målet"))
            continue
        draft = drafts[-1]
        if mode == "title" and line.stripped[:1].islower() and read_status(line) is None:
            draft.title = f"{draft.title} {line.stripped}"
            continue
        status = read_status(line)
        if status is not None:
            if draft.status != "not_assessed":
                problems.append(unplaced(line, "målet har redan en bedömning"))
            draft.status = status
            mode = None if mode == "title" else mode
            continue
        if table_kind(line) is not None:
            mode = "table"
        elif _opens_section(line, in_table=mode == "table"):
            mode = _SECTIONS[line.stripped]
            continue
        if mode == "table":
            draft.table.append(line)
        elif mode is not None and mode in _SECTIONS.values():
            draft.texts[mode].append(line)
        else:
            problems.append(unplaced(line, "text utan rubrik under målet"))
    return Goals(_tree(drafts, problems), tuple(sorted(problems, key=lambda item: item.line_number)))


def _build(draft: _Draft, problems: list[UnplacedLine]) -> Goal:
    city = draft.level != "committee_goal"
    tables = read_tables(draft.table, owner="city" if city else "committee", city_assignment=city)
    problems.extend(tables.unplaced)
    blocks = build_blocks(draft.texts["expected"])
    bulleted = any(block.kind == "bullet" for block in blocks)
    expected = []
    for block in blocks:
        if bulleted and block.kind != "bullet":
            line = next(line for line in draft.texts["expected"] if line.number == block.first)
            problems.append(unplaced(line, "text utan punkt i förväntat resultat"))
        else:
            expected.append(bullet_text(block))
    return Goal(
        number=draft.number,
        level=draft.level,
        title=draft.title,
        owner="city" if city else "committee",
        assessment=Assessment(draft.status, markdown(draft.texts["analysis"])),
        description=markdown(draft.texts["description"]),
        expected_results=tuple(expected),
        indicators=tables.indicators,
        activities=tables.activities,
        children=tuple(_build(child, problems) for child in draft.children),
    )


def _tree(drafts: list[_Draft], problems: list[UnplacedLine]) -> tuple[Goal, ...]:
    by_number: dict[str, _Draft] = {}
    top: list[_Draft] = []
    for draft in drafts:
        parts = draft.number.split(".")
        parent = None
        for length in range(len(parts) - 1, 0, -1):
            parent = by_number.get(".".join(parts[:length]))
            if parent is not None:
                break
        (parent.children if parent is not None else top).append(draft)
        by_number[draft.number] = draft
    return tuple(_build(draft, problems) for draft in top)
