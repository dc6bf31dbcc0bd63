"""Follow-up periods: their keys ("2026-T1") and half-open date ranges [start, end).

Every period of a year starts on 1 January: a tertial report covers the year to date
(T1 to 30 April, T2 to 31 August), the annual report (AR) the whole year; a monthly period
M01..M12 covers its month only.
"""

from __future__ import annotations

import re
from datetime import date

from styrkort.domain.document import PERIOD_KINDS, PeriodRef

_KEY = re.compile(r"^(?P<year>\d{4})-(?P<kind>T1|T2|AR|M(0[1-9]|1[0-2]))$")


def parse_period_key(key: str) -> PeriodRef:
    """Read "2026-T1" into a PeriodRef; raises ValueError with the accepted forms."""
    match = _KEY.match(key.strip())
    if not match:
        raise ValueError(f"okänd period «{key}»: ange t.ex. 2026-T1, 2026-T2, 2026-AR eller 2026-M03")
    return PeriodRef(int(match.group("year")), match.group("kind"))


def period_bounds(period: PeriodRef) -> tuple[date, date]:
    """The period's half-open date range [start, end)."""
    if period.kind not in PERIOD_KINDS:
        raise ValueError(f"unknown period kind {period.kind!r}")
    year = period.year
    if period.kind == "T1":
        return date(year, 1, 1), date(year, 5, 1)
    if period.kind == "T2":
        return date(year, 1, 1), date(year, 9, 1)
    if period.kind == "AR":
        return date(year, 1, 1), date(year + 1, 1, 1)
    month = int(period.kind[1:])
    end = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    return date(year, month, 1), end


def previous_annual_period(period: PeriodRef) -> PeriodRef:
    """The annual report whose outcomes a period prints as last year's ("Utfall VB")."""
    return PeriodRef(period.year - 1, "AR")
