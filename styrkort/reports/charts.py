"""Charts of the report: what they show (``Chart`` values) and how they are drawn (SVG).

Two kinds: small multiples of indicators (outcome and forecast against the target, one
panel per indicator on its own scale, since units differ) and the operating budget's
deviation per activity area (bars either side of zero). Every chart carries a text
alternative that lists every figure it shows. The same SVG goes into the HTML page and,
as vector graphics, into the PDF; geometry is computed in Decimal like everything else.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from html import escape

from styrkort.domain import document as d
from styrkort.domain.numbers import format_number
from styrkort.reports.data import Bar, Chart, Panel

FONT = "Carlito, sans-serif"
COLOURS = {
    "outcome": "#1f4e79",
    "forecast": "#6a9fd4",
    "target": "#8c8c8c",
    "surplus": "#2e7d4f",
    "deficit": "#b3261e",
}
PANEL_WIDTH = Decimal(160)
PANEL_HEIGHT = Decimal(96)
COLUMNS = 3

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


def _wrap(text: str, width: int, lines: int) -> list[str]:
    words, found, line = text.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            found.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    found.append(line)
    if len(found) > lines:
        found = found[:lines]
        found[-1] = found[-1][: width - 1].rstrip() + "…"
    return found


def _svg(width: Decimal, height: Decimal, body: list[str]) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{_n(width)}" height="{_n(height)}" '
        f'viewBox="0 0 {_n(width)} {_n(height)}">' + "".join(body) + "</svg>"
    )


def _panels_svg(chart: Chart) -> str:
    body: list[str] = []
    rows = (len(chart.panels) + COLUMNS - 1) // COLUMNS
    for index, panel in enumerate(chart.panels):
        left = PANEL_WIDTH * (index % COLUMNS) + 4
        top = PANEL_HEIGHT * (index // COLUMNS) + 4
        for number, line in enumerate(_wrap(panel.title, 34, 3)):
            body.append(_text(left, top + 8 + 9 * number, line, size=7, weight="bold"))
        largest = max((abs(bar.value) for bar in panel.bars), default=Decimal(0)) or Decimal(1)
        span = PANEL_WIDTH - 88
        for number, bar in enumerate(panel.bars):
            y = top + 36 + 15 * number
            length = span * max(bar.value, Decimal(0)) / largest
            body.append(_text(left, y + 8, bar.label, size=7))
            body.append(
                f'<rect x="{_n(left + 36)}" y="{_n(y)}" width="{_n(length)}" height="10" fill="{COLOURS[bar.role]}"/>'
            )
            body.append(_text(left + 39 + length, y + 8, bar.text, size=7))
    return _svg(PANEL_WIDTH * COLUMNS, PANEL_HEIGHT * rows + 4, body)


def _deviation_svg(chart: Chart) -> str:
    bars = chart.panels[0].bars
    width, label_width, row = Decimal(480), Decimal(170), Decimal(15)
    middle = label_width + (width - label_width) / 2
    half = (width - label_width) / 2 - 30
    largest = max((abs(bar.value) for bar in bars), default=Decimal(0)) or Decimal(1)
    body = [
        f'<line x1="{_n(middle)}" y1="2" x2="{_n(middle)}" y2="{_n(row * len(bars) + 6)}" stroke="#555" stroke-width="1"/>'
    ]
    for number, bar in enumerate(bars):
        y = row * number + 4
        length = half * abs(bar.value) / largest
        surplus = bar.value >= 0
        x = middle if surplus else middle - length
        colour = COLOURS["surplus" if surplus else "deficit"]
        body.append(_text(Decimal(2), y + 8, _wrap(bar.label, 44, 1)[0], size=7))
        body.append(f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(length)}" height="10" fill="{colour}"/>')
        if surplus:
            body.append(_text(middle + length + 3, y + 8, bar.text, size=7))
        else:
            body.append(_text(middle - length - 3, y + 8, bar.text, size=7, anchor="end"))
    return _svg(width, row * len(bars) + 10, body)
