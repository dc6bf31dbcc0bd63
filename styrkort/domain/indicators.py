"""Indicator status for a period: the figure that counts, compared with the target that applies.

Conventions, stated once:
- The figure that counts is the forecast for the year; lacking one, the period's outcome (an
  indicator with an outcome in the period was measured in it). Neither gives "no data".
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
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

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


def assess_indicator(
    indicator: Indicator,
    scale: StatusScale = STOCKHOLM,
    settings: IndicatorSettings | None = None,
) -> IndicatorStatus:
    """The indicator's status for the period its figures belong to."""
    if settings is not None and settings.scale is not None:
        scale = settings.scale
    unit = indicator.unit
    if indicator.forecast is not None:
        value, basis = indicator.forecast, "prognos"
    elif indicator.outcome is not None:
        value, basis = indicator.outcome, "utfall"
    else:
        return IndicatorStatus(scale.no_data, "prognos och utfall saknas")
    target, target_label = choose_applicable_target(indicator)
    shown = f"{basis} {format_number(value, unit=unit)}"
    if target is None:
        return IndicatorStatus(scale.no_data, f"{shown}; mål saknas", value)
    if not target.comparable:
        return IndicatorStatus(
            scale.unclear, f"{shown}; målet «{target.text}» kan inte jämföras maskinellt", value, target
        )
    choice = infer_direction(indicator, settings)
    direction = choice.direction
    if target.kind in ("increase", "decrease"):
        direction = "higher" if target.kind == "increase" else "lower"
        previous = indicator.previous_annual
        if previous is None:
            return IndicatorStatus(
                scale.no_data, f"{shown}; «{target.text}» kräver fjolårets utfall, som saknas", value, target
            )
        shortfall = calculate_shortfall(value, previous, direction)
        if shortfall == 0 and value == previous:
            shortfall = _TINY  # unchanged is not an increase (or decrease), but close to it
        reason = f"{shown} mot fjolårets utfall {format_number(previous, unit=unit)}; {target_label} «{target.text}»"
        return IndicatorStatus(scale.level_for(shortfall), reason, value, target, direction)
    assert target.value is not None
    target_unit = unit or target.unit
    if target.kind == "interval":
        direction = "interval"
        words = f"inom ±{format_number(target.value, unit=target_unit)}"
        reason = f"{shown} mot {target_label} «{target.text}»; {words}"
    else:
        words = DIRECTION_WORDS[direction]
        if choice.source == "assumed" and target.kind == "value":
            words += " (antaget, riktning saknas)"
        reason = f"{shown} mot {target_label} {format_number(target.value, unit=target_unit)}; {words}"
    shortfall = calculate_shortfall(value, target.value, direction)
    return IndicatorStatus(scale.level_for(shortfall), reason, value, target, direction)
