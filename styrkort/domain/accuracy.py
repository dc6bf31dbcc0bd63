"""Forecast accuracy (prognossäkerhet): how far the year's outcome landed from the T2 forecast.

Conventions, stated once:
- As the city's indicator "Nämndens prognossäkerhet T2" defines it: the deviation of the annual
  result from the T2 forecast as a share of the budget, in per cent:
  (forecast at T2 − annual outcome) / budget × 100, net figures in mnkr. Positive means the year
  ended better (cheaper) than forecast. Equivalently: (deviation at year end − deviation
  forecast at T2) / budget, since both deviations are budget − forecast.
- The budget is the net budget after adjustments and volume changes of the annual report.
- The target is an interval around zero, ±1 % by default; the figure is kept unrounded and
  rounded only for display.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from styrkort.domain.document import FollowUp
from styrkort.domain.numbers import format_number


@dataclass(frozen=True)
class ForecastAccuracy:
    """The computed accuracy in per cent, whether it is within the limit, and the reason in Swedish."""

    percent: Decimal
    within: bool
    reason: str


def calculate_forecast_accuracy(
    budget: Decimal, forecast_t2: Decimal, annual_outcome: Decimal, limit: Decimal = Decimal(1)
) -> ForecastAccuracy:
    """Accuracy of the T2 forecast against the annual outcome, as a share of the budget."""
    if budget == 0:
        raise ValueError("forecast accuracy needs a budget other than zero")
    percent = (forecast_t2 - annual_outcome) / budget * 100
    within = abs(percent) <= limit
    reason = (
        f"prognos T2 {format_number(forecast_t2, decimals=1)} mnkr, utfall {format_number(annual_outcome, decimals=1)} "
        f"mnkr, budget {format_number(budget, decimals=1)} mnkr: {format_number(percent, decimals=1)} % "
        f"({'inom' if within else 'utanför'} ±{format_number(limit)} %)"
    )
    return ForecastAccuracy(percent, within, reason)


def calculate_followup_accuracy(
    t2: FollowUp, annual: FollowUp, limit: Decimal = Decimal(1)
) -> ForecastAccuracy | None:
    """Accuracy from a T2 follow-up and the annual report's operating totals; None when figures lack."""
    forecast = t2.economy.operating_total
    outcome = annual.economy.operating_total
    if forecast is None or outcome is None:
        return None
    forecast_value = forecast.forecast_after_transfers
    outcome_value = outcome.forecast_after_transfers
    if forecast_value is None or outcome_value is None or outcome.budget is None:
        return None
    budget = outcome.budget + (outcome.requested_adjustments or 0) + (outcome.volume_changes or 0)
    if budget == 0:
        return None
    return calculate_forecast_accuracy(budget, forecast_value, outcome_value, limit)
