"""Indicator status for a period: the figure that counts, compared with the target that applies.

Conventions, stated once:
- The figure that counts is the year's outcome where the outcome is final for the year (an
  annual indicator, measured once a year, or any indicator in the annual report "AR");
  otherwise the forecast for the year, and lacking one the period's outcome (an indicator with
  an outcome in the period was measured in it). Neither gives "no data". A forecast never
  overrides a final outcome: the status would contradict the figure the row reports.
- The target that applies is the committee's own ("Årsmål"); where it is missing or cannot be
  compared, the city's ("KF:s årsmål"), unless that one defers to the committee.
- The direction comes, in this order, from the per-indicator settings, the data, the target's
  wording ("Max …"/"Minskning" lower, "Minst …"/"Ökning" higher, "+/- …" interval), a small
  keyword rule on the name (``LOWER_IS_BETTER``, for data such as ILS text that does not carry a
  direction), and finally higher-is-better, which the reason then says was assumed.
- "Ökning"/"Minskning" compare the figure with last year's annual outcome.
- Interval targets ("+/- 1 %") are centred on zero: the figure is a deviation.
- The grade comes from the scale (see ``scales``); the reason is Swedish and names the figures.
- Due in a period: a tertial indicator at T1 and T2, every indicator in the annual report; an
  annual indicator at T1/T2, and any indicator in a monthly report, owes nothing. One rule for
  the overview and ``check-report`` (``is_due``, ``is_missing``).
- What a report prints on an indicator's row (``report_status``): the computed status where the
  figures decide it (a grade of the scale); otherwise the reporter's own assessment
  (``Indicator.assessment``, on the goal assessment's scale); otherwise the scale's "no data"
  level ("Ej bedömd"). It says what it rests on in Swedish.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from styrkort.domain.document import Direction, Indicator
from styrkort.domain.numbers import format_number
from styrkort.domain.scales import STOCKHOLM, Grade, IndicatorSettings, StatusLevel, StatusScale
from styrkort.domain.targets import Target, parse_target

# Name fragments (lower case) for indicators where lower is better, used only when neither the
# data nor the target's wording gives a direction. Fragments in HIGHER_IS_BETTER win over them
# ("Andel avhysningar som kunnat avvärjas" is about evictions prevented).
HIGHER_IS_BETTER: tuple[str, ...] = ("avvärj", "avväj", "förhindra")
LOWER_IS_BETTER: tuple[str, ...] = (
    "sjukfrånvaro",
    "barn per ",
    "åter blir föremål",
    "återaktualiser",
    "vräkning",
    "avhysning",
    "ekonomiskt bistånd",
    "timavlönad",
    "tillfälligt boende",
    "personal en hemtjänsttagare",
    "förbrukningsartiklar i plast",
    "klimatpåverkan",
    "köpt energi",
)

DIRECTION_WORDS = {"higher": "högre är bättre", "lower": "lägre är bättre", "interval": "inom intervallet"}
_TINY = Decimal("0.000001")


@dataclass(frozen=True)
class DirectionChoice:
    """A direction and where it came from: settings, data, target, name or assumed."""

    direction: Direction
    source: str


@dataclass(frozen=True)
class IndicatorStatus:
    """An indicator's status for the period, in the scale's words, with the reason in Swedish."""

    level: StatusLevel
    reason: str
    value: Decimal | None = None
    target: Target | None = None
    direction: Direction | None = None
    figure: str = ""  # "prognos" or "utfall": the figure compared
    against: str = ""  # "årsmål", "KF:s årsmål" or "fjolårets utfall"

    @property
    def grade(self) -> Grade:
        return self.level.grade


StatusBasis = Literal["computed", "reporter", "none"]
GRADED: tuple[Grade, ...] = ("met", "partly_met", "not_met")
_ASSESSED_GRADES: dict[str, Grade] = {grade: grade for grade in GRADED}


@dataclass(frozen=True)
class ReportStatus:
    """The status a report prints on an indicator's row, and in Swedish what it rests on."""

    level: StatusLevel
    basis: StatusBasis
    basis_words: str
    computed: IndicatorStatus

    @property
    def grade(self) -> Grade:
        return self.level.grade


def choose_applicable_target(indicator: Indicator) -> tuple[Target | None, str]:
    """The target that applies and its Swedish label ("årsmål" or "KF:s årsmål")."""
    own = parse_target(indicator.target)
    city = parse_target(indicator.city_target)
    if own is not None and own.comparable:
        return own, "årsmål"
    if city is not None and city.comparable:
        return city, "KF:s årsmål"
    if own is not None:
        return own, "årsmål"
    return city, "KF:s årsmål"


def infer_direction(indicator: Indicator, settings: IndicatorSettings | None = None) -> DirectionChoice:
    """Decide the indicator's direction (see the module docstring for the order)."""
    if settings is not None and settings.direction is not None:
        return DirectionChoice(settings.direction, "settings")
    if indicator.direction is not None:
        return DirectionChoice(indicator.direction, "data")
    for text in (indicator.target, indicator.city_target):
        target = parse_target(text)
        if target is not None and target.implied_direction is not None:
            return DirectionChoice(target.implied_direction, "target")
    name = indicator.name.lower()
    if not any(fragment in name for fragment in HIGHER_IS_BETTER) and any(
        fragment in name for fragment in LOWER_IS_BETTER
    ):
        return DirectionChoice("lower", "name")
    return DirectionChoice("higher", "assumed")


def is_due(indicator: Indicator, period_kind: str) -> bool:
    """Whether the indicator must have an outcome or a forecast in a period of this kind."""
    return period_kind == "AR" or (indicator.frequency == "tertial" and period_kind in ("T1", "T2"))


def is_missing(indicator: Indicator, period_kind: str) -> bool:
    """Due in the period, with neither outcome nor forecast."""
    return is_due(indicator, period_kind) and indicator.outcome is None and indicator.forecast is None


def calculate_shortfall(value: Decimal, target: Decimal, direction: Direction) -> Decimal | None:
    """Relative shortfall of a figure against a target: 0 when reached, None when a zero target is missed."""
    if direction == "interval":
        width = abs(target)
        distance = abs(value)
        if distance <= width:
            return Decimal(0)
        return (distance - width) / width if width else None
    missing = target - value if direction == "higher" else value - target
    if missing <= 0:
        return Decimal(0)
    return missing / abs(target) if target else None


def choose_figure(indicator: Indicator, period_kind: str | None = None) -> tuple[Decimal | None, str]:
    """The figure that counts and its Swedish name (see the module docstring)."""
    final = indicator.frequency == "annual" or period_kind == "AR"
    if indicator.outcome is not None and (final or indicator.forecast is None):
        return indicator.outcome, "utfall"
    if indicator.forecast is not None:
        return indicator.forecast, "prognos"
    return None, ""


def assess_indicator(
    indicator: Indicator,
    scale: StatusScale = STOCKHOLM,
    settings: IndicatorSettings | None = None,
    period_kind: str | None = None,
) -> IndicatorStatus:
    """The indicator's status for the period its figures belong to (``period_kind``: "T1", "AR" …)."""
    if settings is not None and settings.scale is not None:
        scale = settings.scale
    unit = indicator.unit
    value, basis = choose_figure(indicator, period_kind)
    if value is None:
        return IndicatorStatus(scale.no_data, "prognos och utfall saknas")
    target, target_label = choose_applicable_target(indicator)
    shown = f"{basis} {format_number(value, unit=unit)}"
    if basis == "prognos" and indicator.outcome is not None and indicator.outcome != value:
        shown_outcome = f"; periodens utfall {format_number(indicator.outcome, unit=unit)}"
    else:
        shown_outcome = ""
    if target is None:
        return IndicatorStatus(scale.no_data, f"{shown}; mål saknas", value)
    if not target.comparable:
        return IndicatorStatus(
            scale.unclear, f"{shown}; målet ”{target.text}” kan inte jämföras maskinellt", value, target
        )
    choice = infer_direction(indicator, settings)
    direction = choice.direction
    if target.kind in ("increase", "decrease"):
        direction = "higher" if target.kind == "increase" else "lower"
        previous = indicator.previous_annual
        if previous is None:
            return IndicatorStatus(
                scale.no_data, f"{shown}; ”{target.text}” kräver fjolårets utfall, som saknas", value, target
            )
        shortfall = calculate_shortfall(value, previous, direction)
        if shortfall == 0 and value == previous:
            shortfall = _TINY  # unchanged is not an increase (or decrease), but close to it
        reason = f"{shown} mot fjolårets utfall {format_number(previous, unit=unit)}; {target_label} ”{target.text}”"
        return IndicatorStatus(
            scale.level_for(shortfall),
            reason + shown_outcome,
            value,
            target,
            direction,
            basis,
            "fjolårets utfall",
        )
    assert target.value is not None
    target_unit = unit or target.unit
    if target.kind == "interval":
        direction = "interval"
        words = f"inom ±{format_number(target.value, unit=target_unit)}"
        reason = f"{shown} mot {target_label} ”{target.text}”; {words}"
    else:
        words = DIRECTION_WORDS[direction]
        if choice.source == "assumed" and target.kind == "value":
            words += " (antaget, riktning saknas)"
        reason = f"{shown} mot {target_label} {format_number(target.value, unit=target_unit)}; {words}"
    shortfall = calculate_shortfall(value, target.value, direction)
    return IndicatorStatus(
        scale.level_for(shortfall), reason + shown_outcome, value, target, direction, basis, target_label
    )


def report_status(
    indicator: Indicator,
    scale: StatusScale = STOCKHOLM,
    settings: IndicatorSettings | None = None,
    period_kind: str | None = None,
) -> ReportStatus:
    """The status an indicator's row prints: computed, else the reporter's, else "no data"."""
    computed = assess_indicator(indicator, scale, settings, period_kind)
    scale = settings.scale if settings is not None and settings.scale is not None else scale
    if computed.grade in GRADED:
        return ReportStatus(
            computed.level, "computed", f"Beräknad: {computed.figure} mot {computed.against}", computed
        )
    reporters: Grade | None = _ASSESSED_GRADES.get(indicator.assessment)
    if reporters is not None:
        return ReportStatus(
            scale.level_for_grade(reporters), "reporter", "Förvaltningens bedömning", computed
        )
    return ReportStatus(scale.no_data, "none", "Ingen bedömning angiven", computed)
