"""Whether a ``FollowUp`` can be stored as it is: every problem, in Swedish, before anything is written.

``save_followup`` calls ``check_followup`` first, so an importer's bad input ends in one
``InvalidFollowUp`` that lists every problem with where it is ("mål 1.1 › indikatorn ”…” ›
utfall: …"), never in a database error halfway through. What is checked:

- every value against its column: text lengths, figures' digits and decimals, choices, slugs
  (the model fields' own validators, so a column's bounds are stated once, in the model);
- integers against the bounds of the model's constraints, the same on every database:
  proposal and attachment numbers 1..32767, an indicator's decimals 0..6, the year 2000..2100;
- what the store matches rows by is unique: goal numbers per owner, indicator names and
  activity titles per goal, proposal and attachment numbers, activity areas of the operating
  budget (whose "varav" rows lie one level deep); an activity does not end before it starts;
- the organisation chain: a municipality at the top and only there, each code once.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models

from styrkort.audit import display
from styrkort.domain import document as d
from styrkort.economy import models as em
from styrkort.followup.models import Attachment, DecisionProposal, Report
from styrkort.goals.models import Activity, ActivityFollowUp, Goal, GoalAssessment, Indicator, Measurement
from styrkort.organisations.models import Organisation

SMALL_INT = 32767
YEARS = (2000, 2100)
MAX_DECIMALS = 6
MAX_ORGANISATION_DEPTH = 4  # municipality → committee → department → unit
MAX_GOAL_DEPTH = 8

# Swedish words for the fields a message may name (others are named by their code name).
# The audit trail's Swedish field names; an import names the forecast as its document does.
FIELD_WORDS = display.FIELD_WORDS | {"forecast": "prognos"}


class InvalidFollowUp(ValueError):
    """The follow-up cannot be stored; ``problems`` says why, each with where, in Swedish."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("rapporten kan inte sparas:\n" + "\n".join(f"  - {p}" for p in problems))


class RemovalRefused(ValueError):
    """A replacement would remove goals, indicators or activities; ``removed`` lists them in Swedish."""

    def __init__(self, report: str, removed: list[str]):
        self.removed = removed
        super().__init__(
            f"rapporten {report} skulle förlora {len(removed)} av sina mål, indikatorer och aktiviteter:\n"
            + "\n".join(f"  - {item}" for item in removed)
        )


def removed_items(stored: d.FollowUp, new: d.FollowUp) -> list[str]:
    """The goals, indicators and activities of ``stored`` that ``new`` lacks, in Swedish, in printed order.

    Matched as the store matches them: a goal by owner and number, an indicator by its goal and
    name, an activity by its goal and title. A goal that goes is listed alone, not its contents.
    """
    goals = {(goal.owner, goal.number): goal for goal in new.all_goals()}
    removed = []
    for goal in stored.all_goals():
        kept = goals.get((goal.owner, goal.number))
        if kept is None:
            removed.append(f"mål {goal.number} ”{_short(goal.title)}”")
            continue
        names = {indicator.name for indicator in kept.indicators}
        titles = {activity.title for activity in kept.activities}
        removed += [
            f"mål {goal.number} › indikatorn ”{_short(i.name)}”"
            for i in goal.indicators
            if i.name not in names
        ]
        removed += [
            f"mål {goal.number} › aktiviteten ”{_short(a.title)}”"
            for a in goal.activities
            if a.title not in titles
        ]
    return removed


def check_followup(followup: d.FollowUp) -> None:
    """Raise ``InvalidFollowUp`` listing every problem that would keep the follow-up from being stored."""
    problems: list[str] = []
    problems += _organisation_problems(followup.organisation)
    problems += _period_problems(followup)
    problems += _columns(Report, _values(followup.report), "beslutssidan")
    problems += _columns(Report, {"summary": followup.summary}, "sammanfattande analys")
    for proposal in followup.decision_proposals:
        where = f"förslag till beslut {proposal.number}"
        problems += _columns(DecisionProposal, {"text": proposal.text}, where)
        problems += _bounded(proposal.number, 1, SMALL_INT, where, "nummer")
    problems += _duplicates(
        (p.number for p in followup.decision_proposals), "förslag till beslut nummer {} står två gånger"
    )
    for attachment in followup.attachments:
        where = f"bilaga {attachment.number}"
        problems += _columns(Attachment, {"title": attachment.title}, where)
        problems += _bounded(attachment.number, 1, SMALL_INT, where, "nummer")
    problems += _duplicates((a.number for a in followup.attachments), "bilaga {} står två gånger")
    problems += _goal_problems(followup.goals)
    problems += _economy_problems(followup.economy)
    if problems:
        raise InvalidFollowUp(problems)


def _organisation_problems(node: d.Organisation) -> list[str]:
    chain: list[d.Organisation] = []
    current: d.Organisation | None = node
    while current is not None and len(chain) <= MAX_ORGANISATION_DEPTH:
        chain.append(current)
        current = current.parent
    if current is not None:
        return [f"organisationen ”{node.code}” ligger under fler än {MAX_ORGANISATION_DEPTH} nivåer"]
    problems = []
    for item in chain:
        problems += _columns(Organisation, _values(item, "parent"), f"organisationen ”{item.code}”")
    if chain[-1].kind != "municipality":
        problems.append(f"organisationen ”{node.code}” har ingen kommun överst i sitt organisationsträd")
    problems += [
        f"organisationen ”{item.code}” är en kommun men ligger under ”{item.parent.code}”"
        for item in chain
        if item.kind == "municipality" and item.parent is not None
    ]
    problems += _duplicates((item.code for item in chain), "organisationen ”{}” står två gånger i kedjan")
    return problems


def _period_problems(followup: d.FollowUp) -> list[str]:
    period = followup.period
    first, last = YEARS
    if any(indicator.previous_annual is not None for _, indicator in followup.all_indicators()):
        first += 1  # last year's annual report is stored too
    problems = _bounded(period.year, first, last, "perioden", "år")
    if period.kind not in d.PERIOD_KINDS:
        problems.append(f"perioden: okänd period ”{period.kind}”")
    return problems


def _goal_problems(goals: tuple[d.Goal, ...]) -> list[str]:
    problems: list[str] = []
    keys: list[tuple[str, str]] = []
    stack = [(goal, 1) for goal in reversed(goals)]  # printed order, without recursion
    while stack:
        goal, depth = stack.pop()
        where = f"mål {goal.number}"
        if depth > MAX_GOAL_DEPTH:
            return [f"{where}: målen ligger i fler än {MAX_GOAL_DEPTH} nivåer"]
        keys.append((goal.owner, goal.number))
        stack.extend((child, depth + 1) for child in reversed(goal.children))
        problems += _columns(Goal, _values(goal, "owner"), where)
        problems += _columns(GoalAssessment, _values(goal.assessment), where)
        for indicator in goal.indicators:
            problems += _indicator_problems(indicator, f"{where} › indikatorn ”{_short(indicator.name)}”")
        problems += _duplicates(
            (i.name for i in goal.indicators), where + " › indikatorn ”{}” står två gånger"
        )
        for activity in goal.activities:
            at = f"{where} › aktiviteten ”{_short(activity.title)}”"
            problems += _columns(Activity, _values(activity), at)
            problems += _columns(ActivityFollowUp, _values(activity), at)
            if activity.start and activity.end and activity.start > activity.end:
                problems.append(f"{at}: slutar ({activity.end}) före start ({activity.start})")
        problems += _duplicates(
            (a.title for a in goal.activities), where + " › aktiviteten ”{}” står två gånger"
        )
    problems += _duplicates(
        (number if owner == "city" else f"{number} (nämndens)" for owner, number in keys),
        "målnumret {} står två gånger",
    )
    return problems


def _indicator_problems(indicator: d.Indicator, where: str) -> list[str]:
    values = _values(indicator)
    problems = _columns(Indicator, values, where) + _columns(Measurement, values, where)
    problems += _columns(Measurement, {"outcome": indicator.previous_annual}, f"{where} › utfall VB")
    if indicator.decimals is not None:
        problems += _bounded(indicator.decimals, 0, MAX_DECIMALS, where, "antal decimaler")
    return problems


_TABLES = {  # Economy's row fields: the table's Swedish name and the model its rows are stored in
    "operating_summary": ("driftbudgeten", em.OperatingSummaryRow),
    "operating_budget": ("driftbudget per verksamhetsområde", em.OperatingBudgetRow),
    "operating_total": ("driftbudget per verksamhetsområde", em.OperatingBudgetRow),
    "result_unit_groups": ("resultatenheter", em.ResultUnitGroup),
    "result_units": ("resultatenheter", em.ResultUnit),
    "result_units_total": ("resultatenheter", em.ResultUnit),
    "investments": ("investeringar", em.InvestmentRow),
    "investments_total": ("investeringar", em.InvestmentRow),
    "gross_changes": ("omslutningsförändringar", em.GrossChangeRow),
    "gross_changes_total": ("omslutningsförändringar", em.GrossChangeRow),
    "budget_adjustments": ("budgetjusteringar", em.BudgetAdjustment),
    "fund_applications": ("ansökningar om medel", em.FundApplication),
}


def _economy_problems(economy: d.Economy) -> list[str]:
    problems: list[str] = []
    for name, (table, model) in _TABLES.items():
        value = getattr(economy, name)
        for row in _walk(value if isinstance(value, tuple) else _present(value)):
            where = f"ekonomi › {table} › ”{_short(_label(row))}”"
            problems += _columns(model, _values(row), where)
            for project in getattr(row, "projects", ()):
                problems += _columns(
                    em.InvestmentProject, _values(project), f"{where} › ”{_short(project.name)}”"
                )
    for row in _walk(economy.operating_budget):  # an area is a row of its own (ActivityArea)
        problems += _columns(
            em.ActivityArea, {"name": row.area}, "ekonomi › driftbudget per verksamhetsområde"
        )
    if economy.operating_total is not None:  # the total's label is stored on its row
        problems += _columns(
            em.OperatingBudgetRow, {"label": economy.operating_total.area}, "ekonomi › totalrad"
        )
    problems += _duplicates(
        (row.area for row in economy.operating_budget), "ekonomi › verksamhetsområdet ”{}” står två gånger"
    )
    for row in economy.operating_budget:
        if any(child.children for child in row.children):
            problems.append(
                f"ekonomi › ”{_short(row.area)}”: varav-rader kan bara ligga i en nivå under en rad"
            )
        problems += _duplicates(
            (child.area for child in row.children),
            f"ekonomi › ”{_short(row.area)}” › varav-raden ”{{}}” står två gånger",
        )
    for volumes in economy.volumes:
        where = f"ekonomi › tabellen ”{_short(volumes.title)}”"
        problems += _columns(em.VolumeTable, _values(volumes), where)
        for volume_row in volumes.rows:
            at = f"{where} › ”{_short(volume_row.label)}”"
            problems += _columns(em.VolumeRow, _values(volume_row), at)
            for figure in volume_row.values:
                problems += _columns(em.VolumeValue, {"value": figure}, at)
    for section, text in economy.texts:
        problems += _columns(em.EconomyText, {"section": section, "text": text}, "ekonomi › text")
    problems += _duplicates(
        (section for section, _ in economy.texts), "ekonomi › texten ”{}” står två gånger"
    )
    return problems


# --- helpers ---------------------------------------------------------------------------------


def _values(item: Any, *exclude: str) -> dict[str, Any]:
    return {f.name: getattr(item, f.name) for f in dataclasses.fields(item) if f.name not in exclude}


def _columns(model: type[models.Model], values: dict[str, Any], where: str) -> list[str]:
    """Each value against the model column of the same name (other names are not stored there)."""
    problems = []
    for name, value in values.items():
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if (
            value is None
            or not isinstance(field, models.Field)
            or field.is_relation
            or isinstance(field, models.IntegerField)  # bounded by ``_bounded``, the same on every database
        ):
            continue
        word = FIELD_WORDS.get(name, name)
        if (
            field.choices
            and value not in {key for key, _ in field.flatchoices}
            and not (field.blank and value == "")
        ):
            problems.append(f"{where} › {word}: ”{_short(str(value))}” är inget tillåtet värde")
            continue
        try:
            field.run_validators(value)
        except ValidationError as error:
            problems.append(f"{where} › {word}: {' '.join(error.messages)}")
    return problems


def _bounded(value: int, least: int, most: int, where: str, word: str) -> list[str]:
    if least <= value <= most:
        return []
    return [f"{where}: {word} {_short(str(value))} ligger utanför {least}–{most}"]


def _duplicates(keys: Iterable[Any], message: str) -> list[str]:
    return [message.format(_short(str(key))) for key, count in Counter(keys).items() if count > 1]


def _walk(rows: Iterable[Any]) -> list[Any]:
    """Rows and their "varav" rows, at any depth (without recursion)."""
    found = []
    stack = list(reversed(tuple(rows)))  # printed order
    while stack:
        row = stack.pop()
        found.append(row)
        stack.extend(reversed(getattr(row, "children", ())))
    return found


def _present(row: Any) -> tuple[Any, ...]:
    return () if row is None else (row,)


def _label(row: Any) -> str:
    for name in ("label", "name", "area", "category", "purpose", "fund"):
        if isinstance(getattr(row, name, None), str):
            return str(getattr(row, name))
    return ""


def _short(text: str, most: int = 60) -> str:
    return text if len(text) <= most else text[: most - 1] + "…"
