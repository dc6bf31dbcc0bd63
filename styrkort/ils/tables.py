"""Indicator and activity tables under a goal in ILS report text.

Conventions, stated once:
- A table starts at its header: "Indikator\tPeriodens utfall\t…\tPeriod" (the extraction may
  write "Arsmål" and add a trailing tab) or "Aktivitet\tStartdatum\tSlutdatum\tAvvikelse".
  The header repeats after a page break; all tables of one kind under a goal form one list.
- A row starts with its name, possibly after "●", "-", spaces or an empty cell. Indicator
  columns: name, outcome, men, women, previous year's annual outcome (Utfall VB), forecast,
  target (Årsmål), city target (KF:s årsmål), period ("Tertial 1 2026" → tertial, "2026" →
  annual). Outcome and the last five columns are anchored; when the extraction drops an empty
  cell, the missing one is taken to be a gender cell (only if the remaining one is empty).
- An "Analys …" row, or "Analys" alone followed by text lines, is the analysis of the row
  before it, also across a repeated header. Analysis text runs on line by line (a blank
  line ends it, unless a repeated header follows).
- A line with only a name cell and no figures is part of a row's name: the head of the next
  row when that row's name starts in lower case, otherwise the tail of the row before it
  (a page break may put the tail right after the repeated header).
- Figures keep their printed precision ("1,0 %" → Decimal("1.0")). A figure printed with
  another unit than the indicator's (or none: "88" under "%") keeps that unit in
  ``printed_units``, so the report prints it as the source did.
- Targets are text: a figure becomes exchange notation without unit ("39,5 %" → "39.5",
  "1,0 %" → "1.0"), a figure in another unit ("14,5 st" under "barn/avd.") and anything else
  are kept verbatim ("Ökning", "+/- 1 %"). ``unit`` is the first unit printed
  among outcome, previous, forecast and target; ``decimals`` those of the outcome (else
  forecast, else previous) as printed.
- A row's status symbol ("●") is extracted without its colour or words, so the reporter's own
  indicator assessment cannot be read from the text: imported indicators are "not_assessed",
  and the report shows the computed status where the figures decide it, else "Ej bedömd".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from styrkort.domain.document import Activity, Indicator, Owner
from styrkort.domain.numbers import split_number, to_exchange
from styrkort.ils.lines import (
    Line,
    UnplacedLine,
    cells,
    printed_decimals,
    read_date,
    read_figure,
    strip_marker,
    strip_tags,
    unplaced,
)
from styrkort.ils.text import markdown

TableKind = Literal["indicators", "activities"]
_PERIOD = re.compile(r"^(?:Tertial\s+(?P<tertial>[123])\s+)?(?P<year>\d{4})$")
_ANALYSIS = re.compile(r"^Analys(?:\s+(?P<text>.*))?$", re.DOTALL)


def table_kind(line: Line) -> TableKind | None:
    """Which table a header line opens, or None when the line is no header."""
    found = cells(line)
    if len(found) < 2:
        return None
    if found[0] == "Indikator" and found[1].startswith("Periodens utfall"):
        return "indicators"
    if found[0] == "Aktivitet" and found[1] == "Startdatum":
        return "activities"
    return None


@dataclass
class _Row:
    """A row being read: its name may still grow, its analysis lines still come."""

    kind: TableKind
    line: Line
    name: str
    values: list[str]
    analysis: list[Line] = field(default_factory=list)


@dataclass(frozen=True)
class Tables:
    """What the tables under one goal hold."""

    indicators: tuple[Indicator, ...]
    activities: tuple[Activity, ...]
    unplaced: tuple[UnplacedLine, ...]


def _is_row(found: list[str]) -> bool:
    return len(found) >= 2 and any(found[1:])


def _row_name(found: list[str]) -> str:
    return strip_tags(strip_marker(found[0]))


def read_tables(lines: Sequence[Line], *, owner: Owner, city_assignment: bool) -> Tables:
    """The indicators and activities of the table lines under one goal (see module docstring)."""
    rows: list[_Row] = []
    problems: list[UnplacedLine] = []
    kind: TableKind | None = None
    last: _Row | None = None
    in_analysis = False
    tail_open = False  # the line before was the last row, its tail, or a header repeated after it
    heads: list[Line] = []
    content = [line for line in lines if not line.blank]

    def next_row(index: int) -> list[str] | None:
        """The cells of the next row, skipping a repeated header; None when text comes first."""
        for following in content[index + 1 :]:
            if table_kind(following) == kind:
                continue
            found = cells(following)
            return found if _is_row(found) else None
        return None

    for index, line in enumerate(content):
        header = table_kind(line)
        if header is not None:
            if header != kind:
                last, in_analysis, tail_open = None, False, False
                problems.extend(unplaced(head, "namn utan tabellrad") for head in heads)
                heads = []
            kind = header
            continue
        adjacent = index > 0 and content[index - 1].number == line.number - 1
        found = cells(line)
        first = strip_marker(found[0]) if found else ""
        analysis = _ANALYSIS.match(first)
        if analysis and not any(found[1:]):
            tail_open = False
            if last is None:
                problems.append(unplaced(line, "analys utan tabellrad"))
                continue
            in_analysis = True
            if analysis["text"] and analysis["text"].strip():
                last.analysis.append(Line(line.number, analysis["text"].strip()))
            continue
        if kind is None:
            problems.append(unplaced(line, "rad utan tabellrubrik"))
            continue
        if _is_row(found):
            name = _row_name(found)
            if heads:
                name = " ".join([strip_tags(strip_marker(head.text)) for head in heads] + [name])
                heads = []
            last = _Row(kind, line, name, found[1:])
            rows.append(last)
            in_analysis, tail_open = False, True
            continue
        text = " ".join(part for part in found if part)
        following = next_row(index)
        after_header = index > 0 and table_kind(content[index - 1]) == kind
        if following is not None and _row_name(following)[:1].islower():
            heads.append(line)
        elif in_analysis and last is not None and (adjacent or after_header):
            last.analysis.append(Line(line.number, text))
        elif last is not None and tail_open and (adjacent or after_header):
            last.name = f"{last.name} {strip_tags(strip_marker(text))}"
        elif (
            following is not None
            and index + 1 < len(content)
            and content[index + 1].number == line.number + 1
        ):
            heads.append(line)
        else:
            problems.append(unplaced(line, "text i tabell som inte hör till någon rad"))
            tail_open = False
    problems.extend(unplaced(head, "namn utan tabellrad") for head in heads)

    indicators: list[Indicator] = []
    activities: list[Activity] = []
    for row in rows:
        if row.kind == "indicators":
            indicator, errors = _indicator(row, owner)
            if indicator is not None:
                indicators.append(indicator)
        else:
            activity, errors = _activity(row, city_assignment)
            activities.append(activity)
        if errors:
            problems.append(unplaced(row.line, "; ".join(errors)))
    return Tables(
        tuple(indicators), tuple(activities), tuple(sorted(problems, key=lambda item: item.line_number))
    )


def read_target(cell: str, unit: str = "") -> str | None:
    """A target cell as the document keeps it: a figure in exchange notation, or the text.

    A figure printed with another unit than the indicator's ("14,5 st" under "barn/avd.") is
    kept as printed, so the unit stays with it.
    """
    text = strip_tags(cell)
    if not text:
        return None
    parts = split_number(text)
    if parts is None or (parts[1] and parts[1] != unit):
        return text
    return to_exchange(parts[0])


def _indicator(row: _Row, owner: Owner) -> tuple[Indicator | None, list[str]]:
    values = row.values
    period = _PERIOD.match(strip_tags(values[-1])) if values else None
    if period is None or len(values) < 6:
        return None, ["ofullständig tabellrad"]
    if len(values) > 8:
        return None, ["för många kolumner"]
    errors: list[str] = []
    outcome_cell = values[0]
    previous_cell, forecast_cell, target_cell, city_cell = values[-5:-1]
    middle = values[1:-5]
    if len(middle) == 2:
        men_cell, women_cell = middle
    else:
        men_cell = women_cell = ""
        if any(middle):
            errors.append("oklart vilken kolumn som saknas")
    figures: dict[str, Decimal | None] = {}
    units: dict[str, str] = {}
    for key, cell in (
        ("outcome", outcome_cell),
        ("outcome_men", men_cell),
        ("outcome_women", women_cell),
        ("previous_annual", previous_cell),
        ("forecast", forecast_cell),
    ):
        value, printed, error = read_figure(cell)
        figures[key] = value
        if value is not None:
            units[key] = printed
        if error:
            errors.append(error)
    unit = ""
    for cell in (outcome_cell, previous_cell, forecast_cell, target_cell):
        parts = split_number(strip_tags(cell))
        if parts and parts[1]:
            unit = parts[1]
            break
    decimals = None
    for cell in (outcome_cell, forecast_cell, previous_cell):
        decimals = printed_decimals(cell)
        if decimals is not None:
            break
    indicator = Indicator(
        name=row.name,
        unit=unit,
        owner=owner,
        frequency="tertial" if period["tertial"] else "annual",
        gender_split=bool(men_cell or women_cell),
        decimals=decimals,
        target=read_target(target_cell, unit),
        city_target=read_target(city_cell, unit),
        printed_units=tuple((key, printed) for key, printed in units.items() if printed != unit),
        analysis=markdown(row.analysis),
        outcome=figures["outcome"],
        outcome_men=figures["outcome_men"],
        outcome_women=figures["outcome_women"],
        previous_annual=figures["previous_annual"],
        forecast=figures["forecast"],
    )
    return indicator, errors


def _activity(row: _Row, city_assignment: bool) -> tuple[Activity, list[str]]:
    values = row.values
    errors: list[str] = []
    if len(values) > 3:
        errors.append("för många kolumner")
    start, error = read_date(values[0] if values else "")
    if error:
        errors.append(error)
    end, error = read_date(values[1] if len(values) > 1 else "")
    if error:
        errors.append(error)
    deviation = " ".join(strip_tags(value) for value in values[2:] if value)
    activity = Activity(
        title=row.name,
        start=start,
        end=end,
        deviation=deviation,
        analysis=markdown(row.analysis),
        city_assignment=city_assignment,
    )
    return activity, errors
