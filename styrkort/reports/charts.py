"""Charts of the report: what they show (``Chart`` values) and how they are drawn (SVG).

Two kinds: small multiples of indicators (outcome and forecast against the target, one
panel per indicator on its own scale, since units differ) and the operating budget's
deviation per activity area (bars either side of zero). Every chart carries a text
alternative that lists every figure it shows. The same SVG goes into the HTML page and,
as vector graphics, into the PDF; geometry is computed in Decimal like everything else.
Labels wrap onto as many lines as they need (a word longer than a line is split), so no
label is ever cut; a panel grows with its title.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from html import escape
from typing import Literal

from styrkort.domain import document as d
from styrkort.domain.numbers import format_number

FONT = "Carlito, sans-serif"
COLOURS = {
    "outcome": "#1f4e79",
    "forecast": "#6a9fd4",
    "target": "#8c8c8c",
    "surplus": "#2e7d4f",
    "deficit": "#b3261e",
}
PANEL_WIDTH = Decimal(160)
COLUMNS = 3
SIZE = 8  # font size of every label, in SVG units (1 unit = 1 pt in the PDF at full width)
LINE = Decimal(10)  # line height of a wrapped label
TITLE_CHARACTERS = 30  # what fits on a line of a panel title (bold, SIZE)
LABEL_CHARACTERS = 38  # what fits on a line of a deviation label


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

    @property
    def svg(self) -> str:
        """The chart as a standalone SVG document (what HTML inlines and the PDF embeds)."""
        return chart_svg(self)


BarValues = tuple[str, str, Decimal | None, str]


def indicator_chart(
    key: str, goal_number: str, indicators: Sequence[tuple[str, Sequence[BarValues]]]
) -> Chart | None:
    """Outcome and forecast against target per indicator; None when no indicator has both."""
    panels = []
    for name, bars in indicators:
        kept = tuple(Bar(label, role, value, text) for label, role, value, text in bars if value is not None)  # type: ignore[arg-type]
        panels.append(Panel(name, kept))
    if not panels:
        return None
    described = "; ".join(
        f"{panel.title}: " + ", ".join(f"{bar.label.lower()} {bar.text}" for bar in panel.bars)
        for panel in panels
    )
    return Chart(
        key,
        "indicator_panels",
        f"Utfall och prognos mot årsmål, mål {goal_number}",
        f"Diagram över indikatorerna under mål {goal_number}, utfall och prognos mot årsmål. {described}.",
        tuple(panels),
    )


def deviation_chart(key: str, rows: Sequence[d.BudgetRow]) -> Chart | None:
    """Deviation per activity area (positive is a surplus); None when no area has one."""
    bars = tuple(
        Bar(row.area, "deviation", row.deviation, format_number(row.deviation, 1))
        for row in rows
        if row.deviation is not None
    )
    if not bars:
        return None
    described = "; ".join(f"{bar.label} {bar.text} mnkr" for bar in bars)
    return Chart(
        key,
        "deviation_bars",
        "Prognostiserad avvikelse per verksamhetsområde, mnkr",
        "Diagram över prognostiserad avvikelse mot budget per verksamhetsområde i mnkr, "
        f"positivt är överskott och negativt underskott. {described}.",
        (Panel("Avvikelse, mnkr", bars),),
    )


def chart_svg(chart: Chart) -> str:
    """The chart as a standalone SVG document (no scripts, fonts by name)."""
    if chart.kind == "deviation_bars":
        return _deviation_svg(chart)
    return _panels_svg(chart)


def _n(value: Decimal) -> str:
    return format(value.quantize(Decimal("0.1")), "f")


def _text(
    x: Decimal, y: Decimal, text: str, size: int = 9, anchor: str = "start", weight: str = "normal"
) -> str:
    return (
        f'<text x="{_n(x)}" y="{_n(y)}" font-family="{FONT}" font-size="{size}" '
        f'text-anchor="{anchor}" font-weight="{weight}" fill="#1a1a1a">{escape(text)}</text>'
    )


def _wrap(text: str, width: int) -> list[str]:
    """The text in lines of at most ``width`` characters; a longer word is split, never cut."""
    found: list[str] = []
    line = ""
    for word in text.split():
        while len(word) > width:
            if line:
                found.append(line)
                line = ""
            found.append(word[:width])
            word = word[width:]
        if line and len(line) + 1 + len(word) > width:
            found.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    if line or not found:
        found.append(line)
    return found


def _svg(width: Decimal, height: Decimal, body: list[str]) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{_n(width)}" height="{_n(height)}" '
        f'viewBox="0 0 {_n(width)} {_n(height)}">' + "".join(body) + "</svg>"
    )


def _panels_svg(chart: Chart) -> str:
    body: list[str] = []
    titles = [_wrap(panel.title, TITLE_CHARACTERS) for panel in chart.panels]
    top = Decimal(4)
    for first in range(0, len(chart.panels), COLUMNS):
        row = range(first, min(first + COLUMNS, len(chart.panels)))
        title_height = LINE * max(len(titles[index]) for index in row)
        bars_height = max(len(chart.panels[index].bars) for index in row) * 16
        for index in row:
            panel, left = chart.panels[index], PANEL_WIDTH * (index - first) + 4
            for number, line in enumerate(titles[index]):
                body.append(_text(left, top + 8 + LINE * number, line, size=SIZE, weight="bold"))
            largest = max((abs(bar.value) for bar in panel.bars), default=Decimal(0)) or Decimal(1)
            span = PANEL_WIDTH - 92
            for number, bar in enumerate(panel.bars):
                y = top + title_height + 6 + 16 * number
                length = span * max(bar.value, Decimal(0)) / largest
                body.append(_text(left, y + 8, bar.label, size=SIZE))
                body.append(
                    f'<rect x="{_n(left + 38)}" y="{_n(y)}" width="{_n(length)}" height="11" fill="{COLOURS[bar.role]}"/>'
                )
                body.append(_text(left + 41 + length, y + 9, bar.text, size=SIZE))
        top += title_height + bars_height + 18
    return _svg(PANEL_WIDTH * COLUMNS, top, body)


def _deviation_svg(chart: Chart) -> str:
    bars = chart.panels[0].bars
    width, label_width = Decimal(480), Decimal(190)
    middle = label_width + (width - label_width) / 2
    half = (width - label_width) / 2 - 34
    largest = max((abs(bar.value) for bar in bars), default=Decimal(0)) or Decimal(1)
    body: list[str] = []
    top = Decimal(4)
    for bar in bars:
        lines = _wrap(bar.label, LABEL_CHARACTERS)
        height = max(Decimal(16), LINE * len(lines) + 6)
        length = half * abs(bar.value) / largest
        surplus = bar.value >= 0
        x = middle if surplus else middle - length
        colour = COLOURS["surplus" if surplus else "deficit"]
        for number, line in enumerate(lines):
            body.append(_text(Decimal(2), top + 9 + LINE * number, line, size=SIZE))
        body.append(f'<rect x="{_n(x)}" y="{_n(top)}" width="{_n(length)}" height="11" fill="{colour}"/>')
        if surplus:
            body.append(_text(middle + length + 3, top + 9, bar.text, size=SIZE))
        else:
            body.append(_text(middle - length - 3, top + 9, bar.text, size=SIZE, anchor="end"))
        top += height
    body.insert(
        0,
        f'<line x1="{_n(middle)}" y1="2" x2="{_n(middle)}" y2="{_n(top)}" stroke="#555" stroke-width="1"/>',
    )
    return _svg(width, top + 4, body)
