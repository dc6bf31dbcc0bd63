"""Generate the fictional municipality Exempelstad's follow-up reports, deterministically.

Conventions, stated once:
- ``generate_demo`` returns one ``FollowUp`` per committee and period, ordered by year, then
  period (T1, T2, AR), then municipality and committee in the fixed order of ``scale`` (first
  ``catalog.COMMITTEES``) — the order in which a database must store them, since each AR feeds
  next year's ``previous_annual``.
- Randomness comes only from ``random.Random`` seeded with strings built from the seed, the
  committee code, the year and a purpose; the same seed gives equal documents, another seed
  other ones. No clock, no float: figures are Decimals built from integers.
- Decision proposals are derived from the data (budget adjustments, fund applications, gross
  changes), formatted the Swedish way with ``format_number``.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta

from styrkort.domain.document import (
    Attachment,
    DecisionProposal,
    Economy,
    FollowUp,
    Goal,
    Organisation,
    PeriodRef,
    ReportInfo,
)
from styrkort.domain.numbers import format_number

from . import prose, scale, summary, texts
from .catalog import DISTRICT, LARGEST_COMMITTEE_CODE, CommitteeSpec
from .economy import build_economy
from .goals import PERIODS, Context, build_goals, indicator_status, target_value

__all__ = ["LARGEST_COMMITTEE_CODE", "MUNICIPALITY", "generate_by_committee", "generate_demo"]

MUNICIPALITY = scale.EXEMPELSTAD
DOCUMENT_NAMES = {"T1": "tertialrapport 1", "T2": "tertialrapport 2", "AR": "verksamhetsberättelse"}
TITLES = {
    "T1": "Tertialrapport 1 {year}",
    "T2": "Tertialrapport 2 {year}",
    "AR": "Verksamhetsberättelse {year}",
}


def generate_demo(
    seed: int = 2026,
    committees: int = 13,
    years: tuple[int, ...] = (2025, 2026),
    municipalities: int = 1,
) -> list[FollowUp]:
    """One follow-up per committee and period, in storage order (year, T1/T2/AR, municipality,
    committee); ``committees`` in each of ``municipalities`` municipalities (see scale.py)."""
    built: dict[tuple[int, str, str], FollowUp] = {}
    order: list[str] = []
    for reports in generate_by_committee(seed, committees, years, municipalities):
        key = reports[0].organisation.code
        order.append(key)
        built.update(((report.period.year, report.period.kind, key), report) for report in reports)
    return [built[(year, kind, key)] for year in sorted(set(years)) for kind in PERIODS for key in order]


def generate_by_committee(
    seed: int = 2026,
    committees: int = 13,
    years: tuple[int, ...] = (2025, 2026),
    municipalities: int = 1,
) -> Iterator[list[FollowUp]]:
    """The same documents as ``generate_demo``, a committee at a time (municipality, then
    committee order), each committee's in its storage order (year, T1/T2/AR): a database may
    store them in this order too (only a committee's own annual report feeds its next year), and
    only one committee's documents need be held at once."""
    scale.check_counts(committees, municipalities)
    chosen = scale.committee_specs(committees)
    for municipality in scale.municipalities(municipalities):
        # Exempelstad is drawn from the seed alone (the ordinary demo); others from seed and code.
        drawn: int | str = seed if municipality == MUNICIPALITY else f"{seed}:{municipality.code}"
        for spec in chosen:
            key = spec.code if municipality == MUNICIPALITY else f"{municipality.code}-{spec.code}"
            yield [
                replace(report, organisation=organisation(spec, municipality, key))
                if municipality != MUNICIPALITY
                else report
                for reports in _committee(drawn, spec, years).values()
                for report in (reports[kind] for kind in PERIODS)
            ]


def _committee(
    seed: int | str, spec: CommitteeSpec, years: tuple[int, ...]
) -> dict[int, dict[str, FollowUp]]:
    """One committee's reports, by year and period kind."""
    found: dict[int, dict[str, FollowUp]] = {}
    places = texts.place_names(random.Random(f"{seed}:{spec.code}:places"), 10)
    indicator_memory: dict = {}
    unit_memory: dict = {}
    last_year = None
    for year in sorted(set(years)):
        if last_year is not None and year != last_year + 1:
            indicator_memory.clear()  # no annual report of year − 1: previous outcomes are invented
        ctx = Context(seed, spec, places, year)
        writers = {kind: prose.Writer() for kind in PERIODS}  # one per report
        goals = build_goals(ctx, indicator_memory, writers)
        economies = build_economy(ctx, unit_memory)
        found[year] = {
            kind: _follow_up(ctx, kind, goals[kind], economies[kind], writers[kind]) for kind in PERIODS
        }
        last_year = year
    return found


def organisation(
    spec: CommitteeSpec, municipality: Organisation = MUNICIPALITY, code: str | None = None
) -> Organisation:
    return Organisation(code or spec.code, spec.name, "committee", parent=municipality)


def _follow_up(
    ctx: Context, kind: str, goals: tuple[Goal, ...], economy: Economy, writer: prose.Writer
) -> FollowUp:
    spec, year = ctx.committee, ctx.year
    rng = ctx.rng("report", kind)
    return FollowUp(
        organisation=organisation(spec),
        period=PeriodRef(year, kind),
        report=_report_info(ctx, kind),
        decision_proposals=_proposals(spec, kind, year, economy),
        summary=_summary(rng, ctx, kind, goals, economy, writer),
        goals=goals,
        economy=economy,
        attachments=_attachments(rng, ctx, kind, economy),
    )


def _report_info(ctx: Context, kind: str) -> ReportInfo:
    rng = ctx.rng("report-info", kind)
    year = ctx.year
    report_date = {
        "T1": date(year, 5, rng.randint(4, 15)),
        "T2": date(year, 9, rng.randint(5, 18)),
        "AR": date(year + 1, 2, rng.randint(3, 14)),
    }[kind]
    director_rng = ctx.rng("director")
    return ReportInfo(
        title=f"{TITLES[kind].format(year=year)} för {ctx.committee.name}",
        report_date=report_date,
        meeting_date=report_date + timedelta(days=rng.randint(9, 16)),
        officer=texts.person(rng),
        officer_phone=f"010-{rng.randint(100, 999)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
        director=texts.person(director_rng),
        director_title="Stadsdelsdirektör" if DISTRICT in ctx.committee.sectors else "Förvaltningschef",
    )


def _proposals(spec: CommitteeSpec, kind: str, year: int, economy: Economy) -> tuple[DecisionProposal, ...]:
    subject = spec.subject
    lines = [
        f"{subject} godkänner {DOCUMENT_NAMES[kind]} för år {year} enligt förvaltningens förslag och "
        "överlämnar den till kommunstyrelsen."
    ]
    for adjustment in economy.budget_adjustments:
        amount = format_number(adjustment.amount, 1, "mnkr")
        lines.append(f"{subject} ansöker om budgetjustering om {amount} för {adjustment.purpose}.")
    for application in economy.fund_applications:
        amount = format_number(application.amount, 0, "kr")
        lines.append(f"{subject} ansöker om {application.fund}, {application.purpose}, {amount}.")
    total = economy.gross_changes_total
    if total is not None and total.costs:
        lines.append(f"{subject} anmäler omslutningar om {format_number(total.costs, 1, 'mnkr')}.")
    return tuple(DecisionProposal(number, text) for number, text in enumerate(lines, start=1))


def _summary(
    rng: random.Random,
    ctx: Context,
    kind: str,
    goals: tuple[Goal, ...],
    economy: Economy,
    writer: prose.Writer,
) -> str:
    figures = [
        (indicator, indicator_status(indicator), target_value(indicator.target))
        for goal in goals
        for part in goal.walk()
        for indicator in part.indicators
    ]
    return summary.summary(
        writer,
        rng,
        kind=kind,
        year=ctx.year,
        goals=goals,
        economy=economy,
        places=ctx.places,
        paragraphs=3 if ctx.large else 2,
        figures=figures,
    )


def _attachments(rng: random.Random, ctx: Context, kind: str, economy: Economy) -> tuple[Attachment, ...]:
    titles = [f"Uppföljning av internkontrollplan {ctx.year}, {ctx.committee.name}"]
    for application in economy.fund_applications:
        titles.append(f"Ansökan om kompetensutvecklingsmedel, {application.purpose}, {ctx.committee.name}")
    for adjustment in economy.budget_adjustments:
        titles.append(f"Ansökan om budgetjustering, {adjustment.purpose}, {ctx.committee.name}")
    for row in economy.investments:
        if row.category == "Klimatinvesteringar" and row.projects and rng.random() < 0.5:
            titles.append(f"Slutrapport av klimatinvestering, {texts.lower_first(row.projects[0].name)}")
    if kind == "AR" and ctx.committee.sectors & {"elderly", "disability"}:  # care under health legislation
        titles.append(f"Patientsäkerhetsberättelse {ctx.year}, {ctx.committee.name}")
    return tuple(Attachment(number, title) for number, title in enumerate(titles, start=1))
