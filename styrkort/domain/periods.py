"""Follow-up periods: their keys ("2026-T1") and half-open date ranges [start, end).

Every period of a year starts on 1 January: a tertial report covers the year to date
(T1 to 30 April, T2 to 31 August), the annual report (AR) the whole year; a monthly period
M01..M12 covers its month only. ``blank_followup`` shapes a new period's report from an
earlier one.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from styrkort.domain import document as d
from styrkort.domain.document import PERIOD_KINDS, PeriodRef

_KEY = re.compile(r"^(?P<year>\d{4})-(?P<kind>T1|T2|AR|M(0[1-9]|1[0-2]))$")


def parse_period_key(key: str) -> PeriodRef:
    """Read "2026-T1" into a PeriodRef; raises ValueError with the accepted forms."""
    match = _KEY.match(key.strip())
    if not match:
        raise ValueError(f"okänd period ”{key}”: ange t.ex. 2026-T1, 2026-T2, 2026-AR eller 2026-M03")
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


def blank_followup(source: d.FollowUp, period: d.PeriodRef) -> d.FollowUp:
    """A new period's report, shaped like ``source``: same goals, indicators, targets and
    activities, with nothing of the old period's assessments, outcomes, forecasts, analyses or
    decision page. The economy is carried over as the starting point to update (its budget is
    the year's, its forecasts the latest known). Moving to a new year, last year's annual
    outcome becomes the source's outcome when the source is that year's annual report.
    """

    def indicator(item: d.Indicator) -> d.Indicator:
        previous = item.previous_annual
        if period.year != source.period.year:
            previous = item.outcome if source.period.kind == "AR" else None
        return replace(
            item,
            outcome=None,
            outcome_men=None,
            outcome_women=None,
            forecast=None,
            analysis="",
            previous_annual=previous,
        )

    def goal(item: d.Goal) -> d.Goal:
        return replace(
            item,
            assessment=d.Assessment(),
            indicators=tuple(indicator(i) for i in item.indicators),
            activities=tuple(replace(a, deviation="", analysis="") for a in item.activities),
            children=tuple(goal(child) for child in item.children),
        )

    return replace(
        source,
        period=period,
        report=replace(source.report, title="", report_date=None, meeting_date=None, decision_paragraph=""),
        decision_proposals=(),
        summary="",
        goals=tuple(goal(g) for g in source.goals),
        attachments=(),
    )
