"""Status scales: how a municipality grades an indicator against its target, as configuration.

Conventions, stated once:
- The machine compares a figure with a target and expresses how far it falls short as a
  *relative shortfall*: 0 when the target is reached (or passed in the right direction),
  otherwise the distance on the wrong side divided by the size of the target (0,1 = 10 % short).
- A scale lists its graded levels best first; each admits shortfalls up to ``max_shortfall``
  (inclusive), the last admits everything (``None``). Two extra levels say "no data" (nothing to
  compare) and "unclear" (a target a machine cannot compare).
- Every level carries a ``grade`` understood by the rest of Styrkort: ``met``, ``partly_met``,
  ``not_met``, ``no_data`` or ``unclear``; labels, symbols and colours are the municipality's.
- How a level looks is stated here and nowhere else (the web pages, PDF, HTML and DOCX all read
  it): ``label`` (the words, always printed), ``symbol``, ``colour`` (the level's own colour, the
  background of its badge) and ``text_colour`` (the words on that background). A level refuses
  a text colour with less than 4.5:1 contrast against its colour (WCAG 2.1 AA).
- Stockholm's three levels are the default (``STOCKHOLM``); Helsingborg's per cent of target,
  Göteborg's five colours and a scale of smileys are shipped as examples.
- Per-indicator settings (direction, scale, additive gender split) override the defaults.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from styrkort.domain.document import AssessmentStatus, Direction

Grade = Literal["met", "partly_met", "not_met", "no_data", "unclear"]
GRADE_ORDER: tuple[Grade, ...] = ("met", "partly_met", "not_met", "no_data", "unclear")  # best first


@dataclass(frozen=True)
class StatusLevel:
    """One level of a scale: what it is called, how it is drawn and what it means."""

    key: str
    label: str
    symbol: str
    colour: str
    grade: Grade
    max_shortfall: Decimal | None = None
    text_colour: str = "#000000"

    def __post_init__(self) -> None:
        if contrast(self.text_colour, self.colour) < MIN_CONTRAST:
            raise ValueError(
                f"{self.label}: text {self.text_colour} on {self.colour} has contrast "
                f"{contrast(self.text_colour, self.colour):.2f}, below {MIN_CONTRAST}"
            )


MIN_CONTRAST = Decimal("4.5")


def contrast(first: str, second: str) -> Decimal:
    """WCAG 2.1 contrast ratio of two "#RRGGBB" colours (1 to 21)."""
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + Decimal("0.05")) / (darker + Decimal("0.05"))


def _luminance(colour: str) -> Decimal:
    channels = [Decimal(int(colour[i : i + 2], 16)) / 255 for i in (1, 3, 5)]
    linear = [
        c / Decimal("12.92")
        if c <= Decimal("0.04045")
        else ((c + Decimal("0.055")) / Decimal("1.055")) ** Decimal("2.4")
        for c in channels
    ]
    return Decimal("0.2126") * linear[0] + Decimal("0.7152") * linear[1] + Decimal("0.0722") * linear[2]


@dataclass(frozen=True)
class StatusScale:
    """A municipality's indicator status scale."""

    name: str
    levels: tuple[StatusLevel, ...]
    no_data: StatusLevel
    unclear: StatusLevel

    def level_for(self, shortfall: Decimal | None) -> StatusLevel:
        """The level for a relative shortfall; None means "infinitely short" (a zero target missed)."""
        if shortfall is not None:
            for level in self.levels:
                if level.max_shortfall is None or shortfall <= level.max_shortfall:
                    return level
        return self.levels[-1]

    def level_for_grade(self, grade: Grade) -> StatusLevel:
        """The first level with that grade (for suggestions expressed in the scale's own words)."""
        for level in (*self.levels, self.no_data, self.unclear):
            if level.grade == grade:
                return level
        raise ValueError(f"scale {self.name!r} has no level with grade {grade!r}")

    def level_for_status(self, status: AssessmentStatus) -> StatusLevel:
        """The level that shows a goal assessment ("not_assessed" is the scale's "no data")."""
        return self.level_for_grade("no_data" if status == "not_assessed" else status)


STOCKHOLM = StatusScale(
    name="Stockholm",
    levels=(
        StatusLevel("met", "Uppfylls helt", "●", "#00866F", "met", Decimal(0), text_colour="#FFFFFF"),
        StatusLevel("partly_met", "Uppfylls delvis", "●", "#F5B800", "partly_met", Decimal("0.10")),
        StatusLevel("not_met", "Uppfylls inte", "●", "#C30039", "not_met", text_colour="#FFFFFF"),
    ),
    no_data=StatusLevel("no_data", "Ej bedömd", "○", "#8C8C8C", "no_data"),
    unclear=StatusLevel("unclear", "Kan inte bedömas automatiskt", "○", "#8C8C8C", "unclear"),
)

HELSINGBORG = StatusScale(
    name="Helsingborg",
    levels=(
        StatusLevel(
            "reached", "100 % av målvärdet", "●", "#3C8A2E", "met", Decimal(0), text_colour="#000000"
        ),
        StatusLevel("almost", "91–99 % av målvärdet", "●", "#F2C200", "partly_met", Decimal("0.09")),
        StatusLevel("far", "≤ 90 % av målvärdet", "●", "#D7261E", "not_met", text_colour="#FFFFFF"),
    ),
    no_data=StatusLevel("no_data", "Saknar värde", "○", "#A0A0A0", "no_data"),
    unclear=StatusLevel("unclear", "Ej mätbart mål", "○", "#A0A0A0", "unclear"),
)

GOTEBORG = StatusScale(
    name="Göteborg",
    levels=(
        StatusLevel("green", "Uppfylls", "■", "#2E7D32", "met", Decimal(0), text_colour="#FFFFFF"),
        StatusLevel("yellow", "Uppfylls delvis", "■", "#FBC02D", "partly_met", Decimal("0.05")),
        StatusLevel("orange", "Uppfylls i låg grad", "■", "#EF6C00", "partly_met", Decimal("0.15")),
        StatusLevel("red", "Uppfylls inte", "■", "#C62828", "not_met", text_colour="#FFFFFF"),
    ),
    no_data=StatusLevel("not_assessed", "Ej bedömd", "□", "#FFFFFF", "no_data"),
    unclear=StatusLevel("hard_to_assess", "Svårbedömt", "■", "#9E9E9E", "unclear"),
)

SMILEYS = StatusScale(
    name="Smileys",
    levels=(
        StatusLevel("happy", "Målet nås", "🙂", "#2E7D32", "met", Decimal(0), text_colour="#FFFFFF"),
        StatusLevel("neutral", "Målet nås nästan", "😐", "#FBC02D", "partly_met", Decimal("0.05")),
        StatusLevel("sad", "Målet nås inte", "🙁", "#C62828", "not_met", text_colour="#FFFFFF"),
    ),
    no_data=StatusLevel("no_data", "Inget värde", "–", "#9E9E9E", "no_data"),
    unclear=StatusLevel("unclear", "Kan inte bedömas", "?", "#9E9E9E", "unclear"),
)


@dataclass(frozen=True)
class IndicatorSettings:
    """Settings for one indicator, matched by name (case-insensitive), that override the defaults.

    ``additive`` says the gender-split outcomes are shares of the whole and add up to the total
    (instead of each group's own share).
    """

    name: str
    direction: Direction | None = None
    scale: StatusScale | None = None
    additive: bool = False


def find_settings(settings: tuple[IndicatorSettings, ...], name: str) -> IndicatorSettings | None:
    """The settings for an indicator name, if any."""
    wanted = " ".join(name.lower().split())
    for item in settings:
        if " ".join(item.name.lower().split()) == wanted:
            return item
    return None
