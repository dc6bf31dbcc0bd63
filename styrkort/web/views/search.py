"""Search one report: its goals, indicators, activities and texts, each hit linked to its row.

``rapporter/<code>/<period>/sok/?q=…``. The same rights as the report's working pages (404 for
outsiders; readers and the public get the reading view). The report's texts are few (a few
hundred rows), so they are read once and matched in Python with ``str.casefold``: case is
ignored for every script (SQLite's LIKE folds only ASCII, so "ÄLDRE" would miss "äldre"
there), and what is typed is never part of a query. A search term is cleaned like every typed
text, 2 to 200 characters; a hit shows the words around the match.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from styrkort.domain.text import clean_text
from styrkort.domain.words import count_words
from styrkort.economy.models import EconomyText
from styrkort.followup.models import DecisionProposal
from styrkort.goals.models import ActivityFollowUp, GoalAssessment
from styrkort.web import queries
from styrkort.web.getters import get_report_access
from styrkort.web.responses import report_url

MIN_LENGTH, MAX_LENGTH = 2, 200
CONTEXT = 60  # characters shown either side of a match


@dataclass(frozen=True)
class Hit:
    """One row that matched: what it is, where it leads, and the words around the match."""

    kind: str
    title: str
    url: str
    field: str
    before: str
    match: str
    after: str


def _excerpt(text: str, start: int, length: int) -> tuple[str, str, str]:
    first, end = max(0, start - CONTEXT), min(len(text), start + length + CONTEXT)
    before = ("…" if first else "") + text[first:start]
    after = text[start + length : end] + ("…" if end < len(text) else "")
    return (
        " ".join(before.split()) + (" " if before[-1:].isspace() else ""),
        text[start : start + length],
        after,
    )


def _find(needle: str, kind: str, title: str, url: str, fields: list[tuple[str, str]]) -> Hit | None:
    """The first field whose text holds the needle (case ignored), as a hit."""
    for field, text in fields:
        if not text:
            continue
        folded = text.casefold()
        at = folded.find(needle)
        if at < 0:
            continue
        if len(folded) != len(text):  # folding changed lengths ("ß" → "ss"): show the start
            return Hit(
                kind,
                title,
                url,
                field,
                "",
                "",
                text[: CONTEXT * 2] + ("…" if len(text) > CONTEXT * 2 else ""),
            )
        return Hit(kind, title, url, field, *_excerpt(text, at, len(needle)))
    return None


def search_report(report, term: str) -> list[Hit]:
    """Every goal, indicator, activity and text of the report that holds the term."""
    needle = term.casefold()
    code, key = report.organisation.code, report.period.key
    hits: list[Hit | None] = []
    overview = report_url(report, "web:overview")
    hits.append(
        _find(needle, "Text", "Sammanfattande analys", overview, [("sammanfattning", report.summary)])
    )
    hits.append(_find(needle, "Text", "Beslutssidan", overview, [("rubrik", report.title)]))
    assessments = GoalAssessment.objects.filter(report=report).select_related("goal").order_by("position")
    for a in assessments:
        goal = a.goal
        fields = [("nummer", goal.number), ("rubrik", goal.title), ("beskrivning", goal.description)]
        fields += [("analys", a.analysis)]
        url = reverse("web:goal", args=[code, key, a.pk])
        hits.append(_find(needle, "Mål", f"{goal.number} {goal.title}", url, fields))
    grid = report_url(report, "web:grid")
    for m in queries.measurements_of(report):
        fields = [("namn", m.indicator.name), ("analys", m.analysis), ("årsmål", m.target or "")]
        hits.append(_find(needle, "Indikator", m.indicator.name, f"{grid}#rad-{m.pk}", fields))
    activities = report_url(report, "web:activities")
    follow_ups = (
        ActivityFollowUp.objects.filter(report=report).select_related("activity").order_by("position")
    )
    for f in follow_ups:
        fields = [("rubrik", f.activity.title), ("avvikelse", f.deviation), ("analys", f.analysis)]
        hits.append(_find(needle, "Aktivitet", f.activity.title, f"{activities}#aktivitet-{f.pk}", fields))
    economy = report_url(report, "web:economy")
    for t in EconomyText.objects.filter(report=report).order_by("position"):
        hits.append(_find(needle, "Text", t.get_section_display(), economy, [("kommentar", t.text)]))
    proposals = report_url(report, "web:proposals")
    for p in DecisionProposal.objects.filter(report=report).order_by("number"):
        hits.append(
            _find(needle, "Förslag till beslut", f"Förslag {p.number}", proposals, [("text", p.text)])
        )
    return [hit for hit in hits if hit is not None]


@require_GET
def search(request: HttpRequest, code: str, period: str) -> HttpResponse:
    """The report's rows that hold the search term, each linked to where it is edited."""
    access = get_report_access(request, code, period)
    term = " ".join(clean_text(request.GET.get("q", "")).split())
    problem = ""
    hits: list[Hit] = []
    if term and len(term) < MIN_LENGTH:
        problem = f"Skriv minst {MIN_LENGTH} tecken."
    elif len(term) > MAX_LENGTH:
        problem = f"Sökordet är för långt: högst {MAX_LENGTH} tecken."
    elif term:
        hits = search_report(access.report, term)
    context = {
        "access": access,
        "report": access.report,
        "term": term[: MAX_LENGTH * 2],
        "problem": problem,
        "hits": hits,
        "count": count_words(len(hits), "träff", "träffar"),
        "max_length": MAX_LENGTH,
    }
    return render(request, "web/search.html", context, status=400 if problem else 200)
