"""The ILS importer keeps each figure's printed precision and the unit printed with it."""

from __future__ import annotations

from decimal import Decimal

import pytest

from styrkort.domain.document import FollowUp
from styrkort.ils import parse_ils

pytestmark = pytest.mark.seed


@pytest.fixture(scope="module")
def followup(seed_text: str) -> FollowUp:
    return parse_ils(seed_text).followup


def indicator(followup: FollowUp, start: str):
    return next(i for _, i in followup.all_indicators() if i.name.startswith(start))


def test_figures_keep_the_decimals_they_were_printed_with(followup):
    adults = indicator(followup, "Andel vuxna med långvarigt ekonomiskt bistånd")
    assert adults.city_target == "1.0"  # printed "1,0 %", not "1 %"
    assert str(adults.outcome) == "1.42" and str(adults.forecast) == "1"
    unit = followup.economy.result_units[0]
    assert (str(unit.gross_budget), str(unit.carried_in)) == ("79774.0", "-8192.0")  # printed "79 774,0"
    assert str(followup.economy.operating_summary[1].budget) == "2779.0"


def test_a_unit_printed_with_a_figure_stays_with_it(followup):
    groups = indicator(followup, "Antal barn per grupp")
    assert groups.unit == "barn/avd."
    assert groups.printed_units == (("forecast", "st"),)
    assert (groups.forecast, groups.target, groups.city_target) == (Decimal("14.5"), "14,5 st", "14,9 st")
    foster = indicator(followup, "Andel familjehemsplacerade barn")
    assert foster.unit == "%" and foster.printed_units == (("forecast", ""),)  # printed "76", no "%"


def test_negative_zero_is_read_as_zero(followup):
    accuracy = indicator(followup, "Nämndens prognossäkerhet T2")
    assert str(accuracy.previous_annual) == "0"
