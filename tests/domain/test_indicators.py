"""Indicator status: direction, target choice, scales and reasons."""

from decimal import Decimal

import pytest

from styrkort.domain.document import Indicator
from styrkort.domain.indicators import assess_indicator, calculate_shortfall, infer_direction
from styrkort.domain.scales import GOTEBORG, HELSINGBORG, SMILEYS, STOCKHOLM, IndicatorSettings

D = Decimal
NBSP = "\u00a0"


def indicator(**values) -> Indicator:
    return Indicator(name=values.pop("name", "Andel nöjda"), unit=values.pop("unit", "%"), **values)


@pytest.mark.parametrize(
    ("values", "grade"),
    [
        ({"forecast": D("4.8"), "target": "4.4", "direction": "lower"}, "partly_met"),
        ({"forecast": D("4.4"), "target": "4.4", "direction": "lower"}, "met"),
        ({"forecast": D("5.5"), "target": "4.4", "direction": "lower"}, "not_met"),
        ({"forecast": D("39.5"), "target": "39.5", "direction": "higher"}, "met"),
        ({"forecast": D("36"), "target": "39.5", "direction": "higher"}, "partly_met"),
        ({"forecast": D("30"), "target": "39.5", "direction": "higher"}, "not_met"),
        # Lacking a forecast, the outcome counts.
        ({"outcome": D("100"), "target": "100"}, "met"),
        ({"outcome": D("81"), "forecast": D("75"), "target": "80"}, "partly_met"),
        ({}, "no_data"),
        ({"forecast": D("5")}, "no_data"),
        ({"forecast": D("5"), "target": "Bättre än rikssnittet"}, "unclear"),
        ({"forecast": D("5"), "target": None, "city_target": "Tas fram av nämnd"}, "unclear"),
        # The city's target applies when the committee has none.
        ({"forecast": D("70"), "city_target": "70"}, "met"),
        # Zero targets: any miss is a full miss.
        ({"forecast": D("1"), "target": "0", "direction": "lower"}, "not_met"),
        ({"forecast": D("0"), "target": "0", "direction": "lower"}, "met"),
        # Wordings.
        ({"forecast": D("12.8"), "target": "Max 10 personer"}, "not_met"),
        ({"forecast": D("10"), "city_target": "Max 10 personer", "target": "10"}, "met"),
        ({"forecast": D("82"), "target": "Minst 80 %"}, "met"),
        ({"forecast": D("0.4"), "target": "+/- 1 %"}, "met"),
        ({"forecast": D("-1.05"), "target": "+/- 1 %"}, "partly_met"),
        ({"forecast": D("2"), "target": "+/- 1 %"}, "not_met"),
        ({"forecast": D("40"), "previous_annual": D("39"), "target": "Ökning"}, "met"),
        ({"forecast": D("39"), "previous_annual": D("39"), "target": "Ökning"}, "partly_met"),
        ({"forecast": D("30"), "previous_annual": D("39"), "target": "Ökning"}, "not_met"),
        ({"forecast": D("13"), "previous_annual": D("13.4"), "target": "Minskning"}, "met"),
        ({"forecast": D("13"), "target": "Minskning"}, "no_data"),
    ],
)
def test_it_grades_an_indicator_on_the_stockholm_scale(values, grade):
    assert assess_indicator(indicator(**values)).grade == grade


def test_it_explains_the_status_in_swedish_with_figures_and_direction():
    status = assess_indicator(
        indicator(name="Andelen arbetade timmar av timavlönad personal", forecast=D("4.8"), target="4.4")
    )
    assert status.reason == f"prognos 4,8{NBSP}% mot årsmål 4,4{NBSP}%; lägre är bättre"
    assert status.level.label == "Uppfylls delvis"


def test_it_says_when_the_direction_was_assumed():
    status = assess_indicator(indicator(name="Antal besök", unit="st", forecast=D("5"), target="4"))
    assert "antaget" in status.reason
    assert status.grade == "met"


@pytest.mark.parametrize(
    ("values", "direction", "source"),
    [
        ({"direction": "interval"}, "interval", "data"),
        ({"city_target": "Minskning"}, "lower", "target"),
        ({"target": "Max 10 personer"}, "lower", "target"),
        ({"city_target": "Ökning"}, "higher", "target"),
        ({"target": "+/- 1 %"}, "interval", "target"),
        ({"name": "Sjukfrånvaro dag 1-14"}, "lower", "name"),
        ({"name": "Antal barn per grupp"}, "lower", "name"),
        ({"name": "Antal vräkningar som berör barn"}, "lower", "name"),
        ({"name": "Andel barn och unga som åter blir föremål för anmälan"}, "lower", "name"),
        (
            {"name": "Andel personer som har ekonomiskt bistånd i förhållande till befolkningen"},
            "lower",
            "name",
        ),
        ({"name": "Andel avhysningar som kunnat avväjas efter inkommet meddelande"}, "higher", "assumed"),
        ({"name": "Andel nöjda omsorgstagare"}, "higher", "assumed"),
    ],
)
def test_it_infers_a_missing_direction(values, direction, source):
    choice = infer_direction(indicator(**values))
    assert (choice.direction, choice.source) == (direction, source)


def test_settings_override_the_direction_and_the_scale():
    settings = IndicatorSettings("Andel nöjda", direction="lower", scale=SMILEYS)
    status = assess_indicator(indicator(forecast=D("80"), target="90"), settings=settings)
    assert status.level.symbol == "🙂"


@pytest.mark.parametrize(
    ("forecast", "stockholm", "helsingborg"),
    [
        (D("100"), "met", "reached"),
        (D("95"), "partly_met", "almost"),
        (D("91"), "partly_met", "almost"),
        (D("90.5"), "partly_met", "far"),
        (D("90"), "partly_met", "far"),
        (D("85"), "not_met", "far"),
    ],
)
def test_stockholm_and_helsingborg_grade_the_same_figure_differently(forecast, stockholm, helsingborg):
    item = indicator(forecast=forecast, target="100", direction="higher")
    assert assess_indicator(item, STOCKHOLM).level.key == stockholm
    assert assess_indicator(item, HELSINGBORG).level.key == helsingborg


@pytest.mark.parametrize(
    ("values", "key", "label"),
    [
        ({"forecast": D("100"), "target": "100"}, "green", "Uppfylls"),
        ({"forecast": D("96"), "target": "100"}, "yellow", "Uppfylls delvis"),
        ({"forecast": D("90"), "target": "100"}, "orange", "Uppfylls i låg grad"),
        ({"forecast": D("50"), "target": "100"}, "red", "Uppfylls inte"),
        ({"forecast": D("50"), "target": "Tas fram av nämnd"}, "hard_to_assess", "Svårbedömt"),
        ({}, "not_assessed", "Ej bedömd"),
    ],
)
def test_goteborg_uses_five_colours(values, key, label):
    level = assess_indicator(indicator(direction="higher", **values), GOTEBORG).level
    assert (level.key, level.label) == (key, label)


@pytest.mark.parametrize(
    ("value", "target", "direction", "shortfall"),
    [
        (D("9"), D("10"), "higher", D("0.1")),
        (D("11"), D("10"), "lower", D("0.1")),
        (D("11"), D("10"), "higher", D(0)),
        (D("1"), D("0"), "lower", None),
        (D("-1.5"), D("1"), "interval", D("0.5")),
    ],
)
def test_it_calculates_the_relative_shortfall(value, target, direction, shortfall):
    assert calculate_shortfall(value, target, direction) == shortfall
