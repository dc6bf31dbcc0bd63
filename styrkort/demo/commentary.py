"""Short Markdown commentary for each economy section of a demo report, derived from its figures.

Conventions, stated once: amounts are formatted the Swedish way with ``format_number`` (one
decimal, "mnkr"); a line ``{{table:NAME}}`` marks where a table stands (see
``styrkort.domain.document``); the text only states what the figures already say.
"""

from __future__ import annotations

import random
from dataclasses import replace
from decimal import Decimal

from styrkort.domain.document import BudgetRow, Economy
from styrkort.domain.numbers import format_number

from . import prose, texts
from .goals import Context

SURPLUS_CAUSES = (
    "Överskottet beror främst på vakanta tjänster under första delen av året",
    "Lägre kostnader för köpta platser än budgeterat förklarar överskottet",
    "Överskottet förklaras av statsbidrag som täcker kostnader som budgeterats med egna medel",
    "Ett lägre antal brukare än planerat ger ett överskott",
    "Överskottet beror på att vissa satsningar startar först under hösten",
)
DEFICIT_CAUSES = (
    "Underskottet förklaras främst av högre kostnader för köpta platser",
    "Ett ökat antal brukare med omfattande behov ger högre kostnader än budgeterat",
    "Underskottet beror på kostnader för inhyrd personal under rekryteringar",
    "Högre lokalkostnader än budgeterat förklarar en del av underskottet",
    "Volymerna har ökat snabbare än budgeten, vilket ger ett underskott",
)
MEASURES = (
    "Förvaltningen ser över bemanningen och planeringen för att minska avvikelsen",
    "En åtgärdsplan tas fram och följs upp månadsvis",
    "Verksamheten följer kostnadsutvecklingen noga under resten av året",
    "Förvaltningen prövar om fler insatser kan ges i egen regi",
)


def _mn(value: Decimal | None) -> str:
    return format_number(value, 1, "mnkr")


def with_commentary(rng: random.Random, ctx: Context, economy: Economy) -> Economy:
    """Short Markdown commentary per section, with ``{{table:NAME}}`` markers where tables stand."""
    total = economy.operating_total
    # The generator always builds the totals, and the operating total always has a deviation.
    assert total is not None and total.deviation is not None
    assert economy.investments_total is not None and economy.gross_changes_total is not None
    net = economy.operating_summary[0]
    sections = []
    balance = prose.balance(total.deviation)
    lines = [
        f"Nämndens budget uppgår till {_mn(net.budget)} netto. Förvaltningen prognostiserar {balance} "
        "efter resultatöverföringar.",
        "{{table:operating_budget}}",
    ]
    writer = prose.Writer()
    for row in economy.operating_budget:
        if row.deviation:
            lines.append(f"## {row.area}\n\n" + _deviation_text(writer, rng, ctx, row))
    sections.append(("operating_budget", "\n\n".join(lines)))
    if economy.result_units:
        sections.append(
            (
                "result_units",
                f"Förvaltningen har {len(economy.result_units)} resultatenheter. Uttag ur "
                "fond får göras med högst 5 procent av bruttobudgeten och fonden får uppgå till högst 10 "
                "procent av bruttobudgeten.\n\n{{table:result_units}}",
            )
        )
    bullets = [
        f"- {_mn(p.amount)} för {texts.lower_first(p.name)}."
        for row in economy.investments
        for p in row.projects
    ]
    sections.append(
        (
            "investments",
            f"Nämndens investeringsbudget uppgår till {_mn(economy.investments_total.budget)}."
            "\n\n{{table:investments}}\n\n" + "\n".join(bullets),
        )
    )
    sections.append(
        (
            "gross_changes",
            f"Förvaltningen anmäler omslutningsförändringar om "
            f"{_mn(economy.gross_changes_total.costs)}, främst statsbidrag och återsökningar.\n\n"
            "{{table:gross_changes}}",
        )
    )
    if economy.budget_adjustments:
        lines = [f"- {_mn(a.amount)} för {a.purpose}." for a in economy.budget_adjustments]
        sections.append(
            (
                "budget_adjustments",
                "Förvaltningen ansöker om följande budgetjusteringar.\n\n" + "\n".join(lines),
            )
        )
    return replace(economy, texts=tuple(sections))


def _deviation_text(writer: prose.Writer, rng: random.Random, ctx: Context, row: BudgetRow) -> str:
    """What an area's deviation is, in mnkr and in per cent of its budget, and why."""
    assert row.deviation is not None
    word = "ett överskott" if row.deviation > 0 else "ett underskott"
    first = f"{row.area} prognostiserar {word} om {_mn(abs(row.deviation))}"
    if row.budget:
        share = (abs(row.deviation) * 100 / row.budget).quantize(Decimal("0.1"))
        first += f", vilket motsvarar {format_number(share, 1)} procent av budgeten på {_mn(row.budget)}"
    sentences = [writer.accept(prose.finish(first))]
    sentences.append(writer.choose(rng, SURPLUS_CAUSES if row.deviation > 0 else DEFICIT_CAUSES))
    if row.deviation < 0:
        sentences.append(writer.choose(rng, MEASURES))
    return prose.join(sentences)
