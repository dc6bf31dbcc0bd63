"""Targets: every wording the reports use, and unknown text kept verbatim."""

from decimal import Decimal

import pytest

from styrkort.domain.targets import parse_target


@pytest.mark.parametrize(
    ("text", "kind", "value", "unit", "comparable", "direction"),
    [
        ("39.5", "value", Decimal("39.5"), "", True, None),
        ("1 315 st", "value", Decimal(1315), "st", True, None),
        ("90 %", "value", Decimal(90), "%", True, None),
        ("1,5 kg CO2 per kg livsmedel", "value", Decimal("1.5"), "kg CO2 per kg livsmedel", True, None),
        ("Ökning", "increase", None, "", True, "higher"),
        ("Minskning", "decrease", None, "", True, "lower"),
        ("Max 10 personer", "max", Decimal(10), "personer", True, "lower"),
        ("Minst 80 %", "min", Decimal(80), "%", True, "higher"),
        ("+/- 1 %", "interval", Decimal(1), "%", True, "interval"),
        ("± 2", "interval", Decimal(2), "", True, "interval"),
        ("Tas fram av nämnd", "committee", None, "", False, None),
        ("Tas fram av nämnd/styrelse", "committee", None, "", False, None),
        ("Bättre än rikssnittet", "unknown", None, "", False, None),
        ("Max många", "unknown", None, "", False, None),
        ("10-12", "unknown", None, "", False, None),
    ],
)
def test_it_interprets_target_wordings(text, kind, value, unit, comparable, direction):
    target = parse_target(text)
    assert target is not None
    assert (target.kind, target.value, target.unit) == (kind, value, unit)
    assert target.comparable is comparable
    assert target.implied_direction == direction
    assert target.text == text


@pytest.mark.parametrize("text", [None, "", "   "])
def test_it_returns_none_when_there_is_no_target(text):
    assert parse_target(text) is None


def test_it_keeps_unknown_text_verbatim_apart_from_spacing():
    assert parse_target("  Nå  fler  invånare ").text == "Nå fler invånare"
