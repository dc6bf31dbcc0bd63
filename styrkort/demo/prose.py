"""Demo prose that reads like a committee's: varied sentences built from the report's own figures.

Conventions, stated once:
- A ``Writer`` belongs to one report. It hands out a sentence at most ``LIMIT`` times; a
  template whose sentence is used up is redrawn, and a sentence that cannot be made fresh is
  left out, so no sentence of a demo report repeats more often than that.
- Figures are formatted with ``format_number`` exactly as the report's tables print them
  (the indicator's unit and decimals, mnkr with one decimal), so a reader finds the "35,1 %" of a
  sentence in the table beside it.
- A paragraph names its theme once; its other sentences speak of the area's own work (the
  activity objects of ``texts.ACTIVITY_OBJECTS``), places and purposes, each drawn without
  repetition within the paragraph.
- Randomness comes only from the ``random.Random`` passed in: the same seed, the same text.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from styrkort.domain.document import AssessmentStatus, Indicator
from styrkort.domain.numbers import format_number

from . import texts

LIMIT = 2
TRIES = 8
PERIOD_WORDS = {"T1": "första tertialet", "T2": "årets första åtta månader", "AR": "året"}
GOAL_WORDS = {
    "aim": "inriktningsmålet",
    "area_goal": "verksamhetsområdesmålet",
    "committee_goal": "nämndmålet",
}
NUMBERED_GOAL_WORDS = {
    "aim": "inriktningsmål",
    "area_goal": "verksamhetsområdesmål",
    "committee_goal": "nämndmål",
}


class Writer:
    """Sentences for one report, none handed out more than ``limit`` times."""

    def __init__(self, limit: int = LIMIT) -> None:
        self.limit = limit
        self.used: Counter[str] = Counter()

    def accept(self, sentence: str) -> str:
        """The sentence if it may still be used (and count it), else ''."""
        if not sentence or self.used[sentence] >= self.limit:
            return ""
        self.used[sentence] += 1
        return sentence

    def choose(self, rng: random.Random, templates: Sequence[str], **slots: str) -> str:
        """One of the templates filled in as a fresh sentence, or '' when none can be."""
        for _ in range(TRIES):
            sentence = finish(rng.choice(templates).format(**slots))
            if self.accept(sentence):
                return sentence
        return ""


def finish(text: str) -> str:
    """A sentence: capital first, single spaces, a full stop at the end (no-break spaces kept)."""
    text = re.sub(r"[ \t\n]+", " ", text).strip()
    if text and text[-1] not in ".!?":
        text += "."
    return texts.upper_first(text)


MONTHS = (
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
)


def month_year(day: date) -> str:
    """ "december 2026"."""
    return f"{MONTHS[day.month - 1]} {day.year}"


def join(sentences: Sequence[str]) -> str:
    return " ".join(sentence for sentence in sentences if sentence)


# -- figures -----------------------------------------------------------------------------------


def printed(indicator: Indicator, value: Decimal | None) -> str:
    """A figure as the indicator table prints it."""
    return format_number(value, indicator.decimals, indicator.unit)


def definite(name: str) -> str:
    """An indicator name as the subject of a sentence: "andelen …", "antalet …", else as it is."""
    for plain, form in (("Andelen ", "andelen "), ("Andel ", "andelen "), ("Antal ", "antalet ")):
        if name.startswith(plain):
            return form + name[len(plain) :]
    return texts.lower_first(name)


def relation(status: AssessmentStatus | None, value: Decimal, target: Decimal) -> str:
    """How a figure stands to its target, in words that fit "…, {relation} årsmålet 42 %"."""
    if status == "met":
        return "i nivå med" if value == target else "bättre än"
    return "något sämre än" if status == "partly_met" else "klart sämre än"


FIGURE_TEMPLATES = {
    "outcome_forecast": (
        "{Subject} var {outcome} under {period} och prognosen för helåret är {forecast}, {relation} "
        "årsmålet {target}",
        "Under {period} uppgick {subject} till {outcome}; för helåret prognostiseras {forecast}, {relation} "
        "årsmålet {target}",
        "Med ett utfall på {outcome} efter {period} bedöms {subject} landa på {forecast} för helåret, "
        "{relation} årsmålet {target}",
        "Utfallet för {subject} blev {outcome} under {period}, och förvaltningen räknar med {forecast} "
        "för helåret mot målet {target}",
    ),
    "forecast": (
        "Prognosen för {subject} är {forecast} för helåret, {relation} årsmålet {target}",
        "För {subject} saknas ännu ett utfall för perioden, men prognosen för helåret är {forecast} "
        "mot målet {target}",
    ),
    "previous": (
        "{Subject} har {changed} från {previous} i förra årets verksamhetsberättelse till {outcome} "
        "under {period}",
        "Jämfört med förra årets {previous} har {subject} {changed} till {outcome}",
    ),
    "target": (
        "För {subject} finns ännu inget utfall att redovisa; årsmålet är {target}",
        "{Subject} har ett årsmål på {target}, och första mätningen görs senare under året",
    ),
    "annual": (
        "{Subject} mäts en gång om året; förra årets utfall var {previous} och årsmålet är {target}",
        "För {subject} kommer nästa mätning först till verksamhetsberättelsen; förra året blev utfallet "
        "{previous}, och årsmålet är satt till {target}",
        "Inget nytt utfall finns ännu för {subject}, som förra året låg på {previous} mot dagens mål "
        "{target}",
    ),
    "year": (
        "{Subject} blev {outcome} för helåret, {relation} årsmålet {target}",
        "Årets utfall för {subject} blev {outcome}, {relation} årsmålet {target}",
    ),
    "year_previous": (
        "För helåret uppgick {subject} till {outcome} mot målet {target}, jämfört med {previous} året innan",
        "{Subject} blev {outcome} under året, mot {previous} året innan och årsmålet {target}",
    ),
}


def figure_sentence(
    writer: Writer,
    rng: random.Random,
    indicator: Indicator,
    status: AssessmentStatus | None,
    target: Decimal | None,
    kind: str,
    avoid: set[str] | None = None,
) -> str:
    """One sentence citing an indicator's figures as the table prints them; '' when it has none.

    ``avoid`` holds the templates already used in the paragraph; the one used here is added.
    """
    if indicator.direction == "interval" or target is None:
        return ""
    slots = {
        "subject": definite(indicator.name),
        "Subject": texts.upper_first(definite(indicator.name)),
        "period": PERIOD_WORDS[kind],
        "outcome": printed(indicator, indicator.outcome),
        "forecast": printed(indicator, indicator.forecast),
        "previous": printed(indicator, indicator.previous_annual),
        "target": printed(indicator, target),
    }
    value = indicator.forecast if indicator.forecast is not None else indicator.outcome
    if value is not None:
        slots["relation"] = relation(status, value, target)
    if kind == "AR" and indicator.outcome is not None:
        templates = FIGURE_TEMPLATES["year"]
        if indicator.previous_annual is not None and rng.random() < 0.5:
            templates = FIGURE_TEMPLATES["year_previous"]
    elif indicator.outcome is not None and indicator.forecast is not None:
        templates = FIGURE_TEMPLATES["outcome_forecast"]
        previous = indicator.previous_annual
        if previous is not None and previous != indicator.outcome and rng.random() < 0.35:
            slots["changed"] = "ökat" if indicator.outcome > previous else "minskat"
            templates = FIGURE_TEMPLATES["previous"]
    elif indicator.forecast is not None:
        templates = FIGURE_TEMPLATES["forecast"]
    elif indicator.outcome is None and indicator.previous_annual is not None:
        templates = FIGURE_TEMPLATES["annual"]
    elif indicator.outcome is None:
        templates = FIGURE_TEMPLATES["target"]
    else:
        return ""
    avoid = avoid if avoid is not None else set()
    fresh = [template for template in templates if template not in avoid] or list(templates)
    for template in rng.sample(fresh, len(fresh)):
        sentence = writer.accept(finish(template.format(**slots)))
        if sentence:
            avoid.add(template)
            return sentence
    return ""


# -- goal analyses -----------------------------------------------------------------------------

OPENINGS = {
    "met": (
        "Förvaltningen bedömer att {goal} uppfylls helt {when}",
        "{Goal} bedöms uppfyllas helt {when}",
        "Bedömningen efter {period} är att {goal} nås fullt ut",
        "Sammantaget bedöms {goal} uppfyllas helt {when}",
        "Utvecklingen under {period} talar för att {goal} uppfylls helt {when}",
        "Förvaltningens bedömning är att {goal} kommer att uppfyllas helt",
    ),
    "partly_met": (
        "Förvaltningen bedömer att {goal} uppfylls delvis {when}",
        "{Goal} bedöms endast uppfyllas delvis {when}",
        "Bedömningen efter {period} är att {goal} nås delvis",
        "Sammantaget bedöms {goal} uppfyllas delvis, eftersom resultaten är ojämna",
        "Förvaltningens bedömning är att {goal} uppfylls delvis {when}",
    ),
    "not_met": (
        "Förvaltningen bedömer att {goal} inte uppfylls {when}",
        "{Goal} bedöms inte uppfyllas {when}",
        "Bedömningen efter {period} är att {goal} inte nås",
        "Resultaten hittills gör att {goal} inte bedöms kunna uppfyllas {when}",
    ),
}
OPENINGS_AR = {
    "met": (
        "{Goal} har uppfyllts helt under {year}",
        "Förvaltningen bedömer att {goal} uppfylldes helt under året",
        "Sammantaget har {goal} nåtts fullt ut under {year}",
        "Årets resultat visar att {goal} har uppfyllts helt",
    ),
    "partly_met": (
        "{Goal} har uppfyllts delvis under {year}",
        "Förvaltningen bedömer att {goal} uppfylldes delvis under året",
        "Årets resultat visar att {goal} bara delvis har nåtts",
    ),
    "not_met": (
        "{Goal} har inte uppfyllts under {year}",
        "Förvaltningen bedömer att {goal} inte uppfylldes under året",
        "Årets resultat visar att {goal} inte har nåtts",
    ),
}
GROUNDS = (
    "Av {n} indikatorer med utfall eller prognos når {k} sitt årsmål",
    "Bedömningen grundar sig på att {k} av {n} indikatorer med värden når sina årsmål",
    "Av målets {n} indikatorer med utfall eller prognos ligger {k} i nivå med eller bättre än årsmålet",
)
GROUNDS_ALL = (
    "Samtliga {n} indikatorer med utfall eller prognos når sina årsmål",
    "Bedömningen grundar sig på att alla {n} indikatorer med värden når sina årsmål",
)
GROUNDS_ONE = {
    True: ("Den enda indikatorn med utfall eller prognos når sitt årsmål",),
    False: ("Den enda indikatorn med utfall eller prognos når inte sitt årsmål",),
}
GROUNDS_CHILDREN = (
    "Av de {c} underliggande målen bedöms {k} uppfyllas helt",
    "Bland de {c} mål som ligger under bedöms {k} uppfyllas helt",
    "Bedömningen vilar på de {c} underliggande målen, varav {k} uppfylls helt",
)
GROUNDS_CHILD = {
    "met": "Det underliggande målet bedöms uppfyllas helt",
    "partly_met": "Det underliggande målet bedöms uppfyllas delvis",
    "not_met": "Det underliggande målet bedöms inte uppfyllas",
    "not_assessed": "Det underliggande målet är ännu inte bedömt",
}
GROUNDS_EMPTY = (
    "Indikatorerna mäts först till verksamhetsberättelsen, så bedömningen grundar sig på genomförda "
    "aktiviteter och förra årets resultat",
    "Eftersom utfallen kommer senare under året bygger bedömningen på aktiviteternas genomförande",
    "Bedömningen grundar sig på hur aktiviteterna fortskrider, i väntan på årets mätningar",
)

OPENERS = (
    "Under {period}",
    "Sedan årsskiftet",
    "I {place}",
    "Tillsammans med civilsamhället",
    "I samverkan med andra förvaltningar",
    "Utifrån förra årets resultat",
    "Med stöd av statsbidrag",
    "Inom befintlig budget",
    "Efter dialog med invånarna",
    "På flera håll i stadsdelen",
    "Inför resten av året",
    "Med utgångspunkt i brukarnas synpunkter",
)
SUBJECTS = (
    "har förvaltningen",
    "har verksamheterna",
    "har enheterna",
    "har medarbetarna",
    "har ledningsgruppen",
    "har cheferna",
    "har en arbetsgrupp",
)
VERBS = (
    "fortsatt",
    "fördjupat",
    "påbörjat",
    "vidareutvecklat",
    "samordnat",
    "utvärderat",
    "prioriterat",
    "förstärkt",
    "sett över",
)
OBJECTS = (
    "samverkan med civilsamhället",
    "uppföljningen av verksamhetens kvalitet",
    "kompetensutvecklingen för medarbetarna",
    "dialogen med invånarna",
    "det förebyggande arbetet",
    "informationen till invånarna",
    "rutinerna för avvikelser och klagomål",
    "arbetet med delaktighet",
    "de tidiga insatserna",
    "introduktionen av nyanställda",
    "arbetet med digitala tjänster",
    "kartläggningen av behoven",
)
PURPOSES = (
    "i syfte att nå fler invånare",
    "för att stärka kvaliteten",
    "för att möta ett ökat behov",
    "med fokus på likvärdighet",
    "för att använda resurserna effektivt",
    "med särskilt fokus på barn och unga",
    "utifrån resultaten i brukarundersökningen",
    "för att minska skillnaderna mellan stadsdelens områden",
    "så att fler tar del av insatserna",
    "för att korta väntetiderna",
    "med hänsyn till de skillnader som finns mellan områdena",
    "för att arbetssätten ska bli mer enhetliga",
)
PLACE_SENTENCES = (
    "I {place} har ett nytt arbetssätt prövats som nu sprids till fler enheter",
    "Insatserna har riktats särskilt till {place}, där skillnaderna mellan grupper är störst",
    "En kartläggning i {place} har gett underlag för vilka insatser som ska prioriteras",
    "Verksamheten i {place} har haft fler besökare än under samma period förra året",
    "I {place} har samarbetet med föreningarna lett till nya aktiviteter",
    "Erfarenheterna från {place} används nu i planeringen för övriga områden",
)
CHALLENGES = (
    "En utmaning är att rekrytera personal med rätt kompetens",
    "En fortsatt utmaning är att nå de grupper som i dag deltar minst",
    "Behoven har ökat snabbare än resurserna, vilket gör prioriteringarna svårare",
    "Personalomsättningen har gjort det svårt att hålla tempot i utvecklingsarbetet",
    "Skillnaderna mellan områdena kvarstår och kräver fortsatt riktade insatser",
    "Flera insatser har försenats av vakanser och behöver följas upp under hösten",
)
ACTIVITY_STATES = {
    "T1": (
        "Aktiviteten ”{title}” har påbörjats och följer planen",
        "Arbetet med aktiviteten ”{title}” pågår och följs upp i tertialrapport 2",
        "Inom aktiviteten ”{title}” har de första stegen tagits under våren",
    ),
    "T2": (
        "Aktiviteten ”{title}” pågår och bedöms vara klar vid årets slut",
        "Arbetet med aktiviteten ”{title}” har kommit en bra bit under året",
        "Inom aktiviteten ”{title}” återstår främst uppföljning och spridning",
    ),
    "AR": (
        "Aktiviteten ”{title}” har genomförts under året",
        "Arbetet med aktiviteten ”{title}” har avslutats och ingår nu i ordinarie verksamhet",
        "Inom aktiviteten ”{title}” har årets plan i huvudsak genomförts",
    ),
}


def _body_sentence(opener: str, subject: str, verb: str, object_: str, purpose: str, **slots: str) -> str:
    parts = [opener, subject, verb, object_]
    if purpose:
        parts.append(purpose)
    return finish(" ".join(parts).format(**slots))


def body_paragraph(
    writer: Writer, rng: random.Random, sentences: int, theme: str, objects: Sequence[str], **slots: str
) -> str:
    """A paragraph of work done: the theme named once, then the area's own objects and places."""
    pool = list(dict.fromkeys([*objects, *OBJECTS]))
    chosen_objects = rng.sample(pool, min(len(pool), sentences))
    chosen_objects[0] = f"arbetet med {theme}"
    openers = rng.sample(OPENERS, min(len(OPENERS), sentences))
    purposes = rng.sample(PURPOSES, min(len(PURPOSES), sentences))
    subjects = rng.sample(SUBJECTS, min(len(SUBJECTS), sentences))
    found = []
    for index in range(sentences):
        purpose = purposes[index % len(purposes)] if rng.random() < 0.6 else ""
        sentence = _body_sentence(
            openers[index % len(openers)],
            subjects[index % len(subjects)],
            rng.choice(VERBS),
            chosen_objects[index % len(chosen_objects)],
            purpose,
            **slots,
        )
        found.append(writer.accept(sentence))
    if rng.random() < 0.4:
        found.insert(rng.randint(1, len(found)), writer.choose(rng, PLACE_SENTENCES, **slots))
    return join(found)


def goal_analysis(
    writer: Writer,
    rng: random.Random,
    *,
    level: str,
    number: str,
    status: AssessmentStatus,
    kind: str,
    year: int,
    theme: str,
    objects: Sequence[str],
    places: Sequence[str],
    figures: Sequence[tuple[Indicator, AssessmentStatus | None, Decimal | None]],
    children: Sequence[AssessmentStatus],
    activities: Sequence[str],
    size: int,
) -> str:
    """An assessment analysis: its grounds in figures, then the work behind it, in ``size`` paragraphs."""
    place = rng.choice(places)
    goal = GOAL_WORDS[level]
    when = "under året" if kind != "AR" else f"under {year}"
    openings = OPENINGS_AR[status] if kind == "AR" else OPENINGS[status]
    slots = {"goal": goal, "Goal": texts.upper_first(goal), "when": when, "period": PERIOD_WORDS[kind]}
    opening = writer.choose(rng, openings, year=str(year), **slots)
    if not opening:  # the plain wording is used up: name the goal by its number
        goal = f"{NUMBERED_GOAL_WORDS[level]} {number}"
        slots.update(goal=goal, Goal=texts.upper_first(goal))
        opening = writer.choose(rng, openings, year=str(year), **slots)
    first = [opening]
    graded = [entry for entry in figures if entry[1] is not None]
    if graded:
        reached = sum(1 for entry in graded if entry[1] == "met")
        if len(graded) == 1:
            grounds: Sequence[str] = GROUNDS_ONE[reached == 1]
        else:
            grounds = GROUNDS_ALL if reached == len(graded) else GROUNDS
        first.append(writer.choose(rng, grounds, n=str(len(graded)), k=str(reached)))
    if len(children) == 1:
        first.append(writer.accept(finish(GROUNDS_CHILD[children[0]])))
    elif children:
        met_children = sum(1 for child in children if child == "met")
        first.append(writer.choose(rng, GROUNDS_CHILDREN, c=str(len(children)), k=str(met_children)))
    if not graded and not children:
        first.append(writer.choose(rng, GROUNDS_EMPTY))
    parts = [join(first)]
    used: set[str] = set()
    cited = [
        figure_sentence(writer, rng, indicator, grade, target, kind, used)
        for indicator, grade, target in rng.sample(list(figures), min(3, len(figures)))
    ]
    if any(cited):
        parts.append(join(cited))
    for index in range(max(1, size - 1)):
        sentences = [body_paragraph(writer, rng, 5, theme, objects, period=PERIOD_WORDS[kind], place=place)]
        if activities and index == 0:
            title = rng.choice(activities)
            sentences.append(writer.choose(rng, ACTIVITY_STATES[kind], title=title))
        if status != "met" and index == size - 2:
            sentences.append(writer.choose(rng, CHALLENGES))
        if index and rng.random() < 0.3:
            parts.append("## " + rng.choice(texts.SUBHEADINGS))
        parts.append(join(sentences))
        place = rng.choice(places)
    return "\n\n".join(part for part in parts if part)


def balance(deviation: Decimal | None) -> str:
    """ "en budget i balans", "ett överskott om 2,3 mnkr", "ett underskott om 1,0 mnkr"."""
    if not deviation:
        return "en budget i balans"
    word = "ett överskott" if deviation > 0 else "ett underskott"
    return f"{word} om {format_number(abs(deviation), 1, 'mnkr')}"
