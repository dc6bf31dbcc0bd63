"""Indicator status: direction, target choice, scales and reasons."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from styrkort.domain.document import Indicator
from styrkort.domain.indicators import assess_indicator, calculate_shortfall, infer_direction, report_status
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


# -- the figure a status rests on, and the status a report prints --------------------------


@pytest.mark.parametrize(
    ("values", "period", "grade", "reason"),
    [
        # A tertial indicator at T1: the forecast for the year counts, and the reason names the
        # period's outcome too, so that "Uppfylls helt" beside a 0 % outcome says why.
        (
            {"outcome": D("0"), "forecast": D("50"), "target": "50"},
            "T1",
            "met",
            f"prognos 50{NBSP}% mot årsmål 50{NBSP}%; högre är bättre (antaget, riktning saknas); "
            f"periodens utfall 0{NBSP}%",
        ),
        ({"outcome": D("0"), "target": "50", "direction": "higher"}, "T1", "not_met", None),
        # A final outcome is never overridden by a forecast: in the annual report ...
        (
            {"outcome": D("0"), "forecast": D("50"), "target": "50", "direction": "higher"},
            "AR",
            "not_met",
            None,
        ),
        (
            {"outcome": D("48"), "forecast": D("50"), "target": "50", "direction": "higher"},
            "AR",
            "partly_met",
            None,
        ),
        # ... nor for an indicator measured once a year, whatever the period.
        (
            {
                "outcome": D("81"),
                "forecast": D("82"),
                "target": "82",
                "direction": "higher",
                "frequency": "annual",
            },
            "T1",
            "partly_met",
            f"utfall 81{NBSP}% mot årsmål 82{NBSP}%; högre är bättre",
        ),
        (
            {"forecast": D("82"), "target": "82", "direction": "higher", "frequency": "annual"},
            "T1",
            "met",
            None,
        ),
        ({"outcome": D("5"), "forecast": D("4"), "target": "4", "direction": "lower"}, "AR", "not_met", None),
        ({"outcome": D("5"), "forecast": D("4"), "target": "4", "direction": "lower"}, "T2", "met", None),
    ],
)
def test_a_final_outcome_decides_and_a_forecast_otherwise(values, period, grade, reason):
    status = assess_indicator(indicator(**values), period_kind=period)
    assert status.grade == grade
    if reason is not None:
        assert status.reason == reason


@pytest.mark.parametrize(
    ("values", "label", "basis", "words"),
    [
        ({"forecast": D("50"), "target": "50"}, "Uppfylls helt", "computed", "Beräknad: prognos mot årsmål"),
        (
            {"outcome": D("70"), "city_target": "75"},
            "Uppfylls delvis",
            "computed",
            "Beräknad: utfall mot KF:s årsmål",
        ),
        (
            {"forecast": D("30"), "previous_annual": D("39"), "target": "Ökning"},
            "Uppfylls inte",
            "computed",
            "Beräknad: prognos mot fjolårets utfall",
        ),
        # The figures decide: the reporter's word does not override them.
        ({"forecast": D("30"), "target": "50", "assessment": "met"}, "Uppfylls inte", "computed", None),
        # No figure yet (an annual indicator at T1): the reporter's assessment.
        (
            {"previous_annual": D("59"), "target": "70", "frequency": "annual", "assessment": "partly_met"},
            "Uppfylls delvis",
            "reporter",
            "Förvaltningens bedömning",
        ),
        # A target no machine compares: the reporter's assessment.
        (
            {"forecast": D("5"), "city_target": "Tas fram av nämnd", "assessment": "met"},
            "Uppfylls helt",
            "reporter",
            None,
        ),
        # Nothing decides and nothing is set: "Ej bedömd", never a blank.
        ({"target": "70", "frequency": "annual"}, "Ej bedömd", "none", "Ingen bedömning angiven"),
        ({"forecast": D("5"), "target": "Bättre än rikssnittet"}, "Ej bedömd", "none", None),
    ],
)
def test_a_report_prints_the_computed_the_reporters_or_no_assessment(values, label, basis, words):
    status = report_status(indicator(**values), period_kind="T1")
    assert (status.level.label, status.basis) == (label, basis)
    if words is not None:
        assert status.basis_words == words


figures = st.none() | st.decimals(min_value=-1000, max_value=1000, places=1, allow_nan=False)


@given(
    outcome=figures,
    forecast=figures,
    target=st.decimals(min_value=-1000, max_value=1000, places=1, allow_nan=False),
    frequency=st.sampled_from(("tertial", "annual")),
    period=st.sampled_from(("T1", "T2", "AR")),
    direction=st.sampled_from(("higher", "lower")),
)
def test_no_status_contradicts_the_figure_it_rests_on(
    outcome, forecast, target, frequency, period, direction
):
    item = indicator(
        outcome=outcome,
        forecast=forecast,
        target=str(target),
        frequency=frequency,
        direction=direction,
    )
    status = report_status(item, period_kind=period)
    final = frequency == "annual" or period == "AR"
    rests_on = outcome if outcome is not None and (final or forecast is None) else forecast
    if rests_on is None:
        assert (status.basis, status.level.label) == ("none", "Ej bedömd")
        return
    reached = rests_on >= target if direction == "higher" else rests_on <= target
    assert status.basis == "computed"
    assert (status.level.label == "Uppfylls helt") == reached
    assert status.basis_words.startswith("Beräknad: " + ("utfall" if rests_on is outcome else "prognos"))
