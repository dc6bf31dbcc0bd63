"""Forecast accuracy: the T2 forecast against the annual outcome, as a share of the budget."""

from decimal import Decimal

import pytest

from styrkort.domain.accuracy import calculate_followup_accuracy, calculate_forecast_accuracy
from styrkort.domain.document import BudgetRow, Economy, FollowUp, Organisation, PeriodRef

D = Decimal


@pytest.mark.parametrize(
    ("budget", "forecast", "outcome", "percent", "within"),
    [
        (D("2000"), D("2000"), D("1990"), D("0.5"), True),
        (D("2000"), D("2000"), D("2020"), D("-1"), True),
        (D("2000"), D("2000"), D("2030"), D("-1.5"), False),
        (D("2000"), D("1950"), D("2000"), D("-2.5"), False),
    ],
)
def test_it_computes_accuracy_within_plus_minus_one_percent(budget, forecast, outcome, percent, within):
    accuracy = calculate_forecast_accuracy(budget, forecast, outcome)
    assert (accuracy.percent, accuracy.within) == (percent, within)
    assert ("inom" if within else "utanför") in accuracy.reason


def test_a_zero_budget_is_a_bug_in_the_caller():
    with pytest.raises(ValueError):
        calculate_forecast_accuracy(D(0), D(1), D(1))


def followup(kind, total):
    return FollowUp(Organisation("x", "X"), PeriodRef(2026, kind), economy=Economy(operating_total=total))


def test_it_reads_the_totals_of_the_t2_and_annual_follow_ups():
    t2 = followup("T2", BudgetRow("Totalt", budget=D("2471.8"), forecast_after_transfers=D("2450")))
    annual = followup(
        "AR",
        BudgetRow(
            "Totalt", budget=D("2471.8"), volume_changes=D("-21.3"), forecast_after_transfers=D("2430.1")
        ),
    )
    accuracy = calculate_followup_accuracy(t2, annual)
    assert accuracy is not None
    assert accuracy.percent.quantize(D("0.01")) == D("0.81")
    assert calculate_followup_accuracy(t2, followup("AR", None)) is None
