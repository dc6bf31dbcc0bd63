"""Targets: what a target text means, and whether a machine can compare against it.

Conventions, stated once:
- In a ``FollowUp`` a target is text exactly as a person set it: a figure in exchange notation
  ("39.5", read in the indicator's unit) or words. People and PDF extraction also produce Swedish
  figures with a unit ("1 315 st", "90 %"); those are read too.
- Kinds: ``value`` (a plain figure, the direction comes from the indicator), ``max`` ("Max 10
  personer": lower is better, at most the value), ``min`` ("Minst 80 %": higher is better),
  ``interval`` ("+/- 1 %": within ``value`` of zero), ``increase`` / ``decrease`` ("Ökning",
  "Minskning": compared with last year's outcome), ``committee`` ("Tas fram av nämnd": the
  committee's own target applies) and ``unknown``.
- Unknown text is kept verbatim and marked as not comparable. Nothing is guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from styrkort.domain.numbers import format_number, from_exchange, split_number

TargetKind = Literal["value", "max", "min", "interval", "increase", "decrease", "committee", "unknown"]

_MAX = re.compile(r"^(max(imalt|imum)?|högst|som mest|under)\s+(?P<rest>.+)$", re.IGNORECASE)
_MIN = re.compile(r"^(minst|lägst|minimum|som minst|över)\s+(?P<rest>.+)$", re.IGNORECASE)
_INTERVAL = re.compile(r"^(\+/-|±|\+-|\+/−)\s*(?P<rest>.+)$")
_INCREASE = {"ökning", "öka", "ökar", "ska öka"}
_DECREASE = {"minskning", "minska", "minskar", "ska minska"}
_COMMITTEE = re.compile(r"^tas fram av (nämnd|nämnden|styrelse)(\s*/\s*(nämnd|styrelse))?\.?$", re.IGNORECASE)


@dataclass(frozen=True)
class Target:
    """An interpreted target: its kind, figure and unit, and the text it came from."""

    kind: TargetKind
    text: str
    value: Decimal | None = None
    unit: str = ""

    @property
    def comparable(self) -> bool:
        """Whether a forecast or outcome can be compared with this target by a machine."""
        if self.kind in ("value", "max", "min", "interval"):
            return self.value is not None
        return self.kind in ("increase", "decrease")

    @property
    def implied_direction(self) -> Literal["higher", "lower", "interval"] | None:
        """The direction the wording itself implies, or None for a plain figure or unknown text."""
        return {
            "max": "lower",
            "decrease": "lower",
            "min": "higher",
            "increase": "higher",
            "interval": "interval",
        }.get(self.kind)  # type: ignore[return-value]


def read_figure(text: str) -> tuple[Decimal, str] | None:
    """Read "39.5" (exchange notation) or "1 315 st" / "90 %" (Swedish) into (figure, unit)."""
    stripped = text.strip()
    try:
        return from_exchange(stripped), ""  # type: ignore[return-value]
    except ValueError:
        pass
    parts = split_number(stripped)
    if parts is None:
        return None
    value, unit = parts
    # "1,5 kg CO2 per kg" is a figure with a unit; "10-12" is not one figure.
    if any(character.isdigit() for character in unit) and not re.fullmatch(r"[^\d]*CO2[^\d]*", unit):
        return None
    return value, unit


def parse_target(text: str | None) -> Target | None:
    """Interpret a target text; None when there is no target at all."""
    if text is None or not text.strip():
        return None
    stripped = " ".join(text.split())
    lowered = stripped.lower().rstrip(".")
    if lowered in _INCREASE:
        return Target("increase", stripped)
    if lowered in _DECREASE:
        return Target("decrease", stripped)
    if _COMMITTEE.match(stripped):
        return Target("committee", stripped)
    for pattern, kind in ((_MAX, "max"), (_MIN, "min"), (_INTERVAL, "interval")):
        match = pattern.match(stripped)
        if match:
            figure = read_figure(match.group("rest"))
            if figure is None:
                return Target("unknown", stripped)
            value, unit = figure
            return Target(kind, stripped, abs(value) if kind == "interval" else value, unit)  # type: ignore[arg-type]
    figure = read_figure(stripped)
    if figure is not None:
        return Target("value", stripped, figure[0], figure[1])
    return Target("unknown", stripped)


def show_target(text: str | None) -> str:
    """A target as people read it: a figure the Swedish way ("39,5"), words as written."""
    if text is None:
        return ""
    try:
        value = from_exchange(text)
    except (ValueError, ArithmeticError):
        return text
    return format_number(value) if value is not None else text
