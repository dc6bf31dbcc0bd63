"""The demo report's summary: the goals' assessment in figures, the work per aim, the economy.

Sentences come from ``prose`` (one ``Writer`` per report, so none repeats more than twice);
every indicator is cited at most once, with its figures as the tables print them.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from decimal import Decimal

from styrkort.domain.document import AssessmentStatus, Economy, Goal, Indicator
from styrkort.domain.numbers import format_number

from . import texts
from .prose import PERIOD_WORDS, Writer, balance, body_paragraph, figure_sentence, join

SUMMARY_SECTIONS = (
    ("Nämndens verksamhet under perioden", "verksamheternas kvalitet", None),
    ("En sammanhållen stad", "en sammanhållen stad", "1"),
    ("En klimatsmart stad", "minskad klimatpåverkan", "2"),
    ("En ekonomiskt hållbar stad", "en långsiktigt hållbar ekonomi", "3"),
)
SUMMARY_OPENINGS = (
    "Förvaltningen bedömer att {k} av {n} verksamhetsområdesmål uppfylls helt {when}{rest}",
    "Av nämndens {n} verksamhetsområdesmål bedöms {k} uppfyllas helt {when}{rest}",
)
SUMMARY_OPENINGS_AR = (
    "Under {year} uppfylldes {k} av {n} verksamhetsområdesmål helt{rest}",
    "Av nämndens {n} verksamhetsområdesmål uppfylldes {k} helt under {year}{rest}",
)
AIM_SENTENCES = (
    "Inom inriktningsmål {number}, {title}, bedöms {k} av {n} mål för verksamhetsområdet uppfyllas helt",
    "För inriktningsmål {number} bedöms {k} av de {n} verksamhetsområdesmålen uppfyllas helt",
)
ECONOMY_SENTENCES = (
    "Nämndens budget uppgår till {net} netto, och prognosen efter resultatöverföringar visar {balance}",
    "Med en nettobudget på {net} prognostiserar förvaltningen {balance} efter resultatöverföringar",
)
INVESTMENT_SENTENCES = (
    "Investeringsbudgeten uppgår till {investments}, och omslutningsförändringar om {gross} anmäls",
    "Nämnden har {investments} i investeringsbudget och anmäler omslutningsförändringar om {gross}",
)


def _counted(statuses: Sequence[str]) -> tuple[int, str]:
    """How many are met, and ", 2 delvis och 1 inte" for the rest."""
    partly, missed = statuses.count("partly_met"), statuses.count("not_met")
    rest = [f"{partly} delvis" if partly else "", f"{missed} inte" if missed else ""]
    words = " och ".join(part for part in rest if part)
    return statuses.count("met"), f", {words}" if words else ""


def summary(
    writer: Writer,
    rng: random.Random,
    *,
    kind: str,
    year: int,
    goals: Sequence[Goal],
    economy: Economy,
    places: Sequence[str],
    paragraphs: int,
    figures: Sequence[tuple[Indicator, AssessmentStatus | None, Decimal | None]],
) -> str:
    """The summary: the goals' assessment in figures, the work per aim, the economy in figures.

    ``figures`` holds every indicator of the report with its status and target figure.
    """
    areas = [area for aim in goals for area in aim.children]
    met, rest = _counted([area.assessment.status for area in areas])
    openings = SUMMARY_OPENINGS_AR if kind == "AR" else SUMMARY_OPENINGS
    when = "under året"
    parts = [
        writer.choose(rng, openings, k=str(met), n=str(len(areas)), when=when, rest=rest, year=str(year))
    ]
    aims_of = {i.name: aim.number for aim in goals for g in aim.walk() for i in g.indicators}
    cited: set[str] = set()  # each indicator is cited once in the summary
    for heading, theme, aim_number in SUMMARY_SECTIONS:
        parts.append("## " + heading)
        aim = next((goal for goal in goals if goal.number == aim_number), None)
        first = []
        if aim is not None and aim.children:
            met_here, _ = _counted([area.assessment.status for area in aim.children])
            first.append(
                writer.choose(
                    rng,
                    AIM_SENTENCES,
                    number=aim.number,
                    title=texts.lower_first(aim.title),
                    k=str(met_here),
                    n=str(len(aim.children)),
                )
            )
        pool = [
            entry
            for entry in figures
            if (aim is None or aims_of.get(entry[0].name) == aim_number) and entry[0].name not in cited
        ]
        used: set[str] = set()
        for indicator, status, target in rng.sample(pool, min(2, len(pool))):
            first.append(figure_sentence(writer, rng, indicator, status, target, kind, used))
            cited.add(indicator.name)
        for index in range(paragraphs):
            body = body_paragraph(
                writer, rng, 4, theme, (), period=PERIOD_WORDS[kind], place=rng.choice(places)
            )
            parts.append(join([*first, body]) if index == 0 else body)
    total = economy.operating_total
    net = economy.operating_summary[0].budget if economy.operating_summary else None
    if total is not None and net is not None:
        parts.append("## Ekonomi")
        money = [
            writer.choose(
                rng, ECONOMY_SENTENCES, net=format_number(net, 1, "mnkr"), balance=balance(total.deviation)
            )
        ]
        if economy.investments_total is not None and economy.gross_changes_total is not None:
            money.append(
                writer.choose(
                    rng,
                    INVESTMENT_SENTENCES,
                    investments=format_number(economy.investments_total.budget, 1, "mnkr"),
                    gross=format_number(economy.gross_changes_total.costs, 1, "mnkr"),
                )
            )
        parts.append(join(money))
    return "\n\n".join(part for part in parts if part)
