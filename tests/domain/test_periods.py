"""Period keys and half-open date ranges."""

from __future__ import annotations

from datetime import date

import pytest

from styrkort.domain.document import PeriodRef
from styrkort.domain.periods import parse_period_key, period_bounds, previous_annual_period


@pytest.mark.parametrize(
    ("key", "bounds"),
    [
        ("2026-T1", (date(2026, 1, 1), date(2026, 5, 1))),
        ("2026-T2", (date(2026, 1, 1), date(2026, 9, 1))),
        ("2026-AR", (date(2026, 1, 1), date(2027, 1, 1))),
        ("2026-M03", (date(2026, 3, 1), date(2026, 4, 1))),
        ("2026-M12", (date(2026, 12, 1), date(2027, 1, 1))),
    ],
)
def test_each_period_kind_has_its_half_open_range(key, bounds):
    assert period_bounds(parse_period_key(key)) == bounds


@pytest.mark.parametrize("key", ["2026", "2026-T3", "26-T1", "2026-M13", "2026-t1"])
def test_unknown_period_keys_are_refused_with_the_accepted_forms(key):
    with pytest.raises(ValueError, match="2026-T1"):
        parse_period_key(key)


def test_the_previous_annual_report_is_last_years_ar():
    assert previous_annual_period(PeriodRef(2026, "T2")) == PeriodRef(2025, "AR")
