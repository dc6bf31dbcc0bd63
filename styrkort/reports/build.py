"""Build ``ReportData`` from a ``FollowUp``: all wording, order and number formatting of the report.

``build_report_data`` loads the stored follow-up (and whether it is decided);
``report_data_from_snapshot`` reads a decided snapshot's exchange JSON;
``report_data_from_followup`` is pure.
The decision page's recipient is the committee itself where none is given; the table of
contents lists each attachment under "Bilagor", as Stockholm's reports do.
Figures are formatted with ``format_number`` only here. Indicator figures and targets print as
recorded, with the digits they were entered or imported with ("1,0 %", "13 st", "99,6 %"), and
with the unit printed with them (``Indicator.unit_of``); volumes print as recorded too. Tables
printed with fixed decimals round half up where a figure has more: mnkr tables and result
units (tkr) one decimal, fund applications whole kronor. ``None`` prints as "".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

from styrkort.domain import document as d
from styrkort.domain.indicators import report_status
from styrkort.domain.numbers import format_number, from_exchange, split_number
from styrkort.domain.scales import STOCKHOLM, StatusScale
from styrkort.exchange.document import from_json
from styrkort.reports.charts import deviation_chart, indicator_chart
from styrkort.reports.data import (
    Block,
    GoalSection,
    Heading,
    OverviewRow,
    ReportData,
    Row,
    Section,
    Span,
    Table,
)
from styrkort.reports.text import parse_blocks, parse_spans
from styrkort.storage.load import followup_from_report
from styrkort.storage.store import find_report

GOAL_PREFIXES = {
    "aim": "KF:s inriktningsmål",
    "area_goal": "KF:s mål för verksamhetsområdet",
    "committee_goal": "Nämndmål",
}
GOAL_HEADING_LEVELS = {"aim": 2, "area_goal": 3, "committee_goal": 4}
ECONOMY_HEADINGS = {
    "operating_budget": "Uppföljning av driftbudget",
    "result_units": "Resultatenheter",
    "investments": "Investeringar",
    "sales_of_fixed_assets": "Försäljningar av anläggningstillgångar",
    "operating_projects": "Verksamhetsprojekt (driftprojekt)",
    "gross_changes": "Omslutningsförändringar",
    "budget_adjustments": "Budgetjusteringar",
    "premises": "Medel för lokaländamål",
    "other": "Övrigt",
}
MNKR_DECIMALS = 1  # mnkr tables print one decimal
TableGroup = tuple[Block, ...]


def build_report_data(organisation_code: str, period_key: str) -> ReportData:
    """The report of a stored follow-up; raises LookupError when there is none."""
    report = find_report(organisation_code, period_key)
    return report_data_from_followup(
        followup_from_report(report), decided=report.state == report.State.DECIDED
    )


def report_data_from_snapshot(exchange_json: str) -> ReportData:
    """The decided report of a snapshot's exchange JSON (no "UTKAST"): what the decision froze,
    nothing read from the live data."""
    return report_data_from_followup(from_json(exchange_json), decided=True)


def report_data_from_followup(
    followup: d.FollowUp, decided: bool = False, scale: StatusScale = STOCKHOLM
) -> ReportData:
    """The report of a follow-up document, with nothing read from anywhere else.

    ``decided`` says the document is the decided one (no "UTKAST"); a follow-up is a draft
    unless the caller knows better.
    """
    info = followup.report
    title = report_title(followup.period)
    anchors = Anchors()
    goals = tuple(
        _goal_section(goal, level, followup.period, scale, anchors)
        for goal, level in _heading_levels(followup.goals, 1)
    )
    return ReportData(
        organisation_code=followup.organisation.code,
        committee=followup.organisation.name,
        period_key=followup.period.key,
        year=followup.period.year,
        report_title=title,
        document_title=info.title or f"{title} för {followup.organisation.name}",
        report_date=info.report_date.isoformat() if info.report_date else "",
        meeting_date=info.meeting_date.isoformat() if info.meeting_date else "",
        officer=info.officer,
        officer_phone=info.officer_phone,
        recipient=info.recipient or followup.organisation.name,
        decision=decision_words(info),
        director=info.director,
        director_title=info.director_title,
        proposals=tuple(p.text for p in sorted(followup.decision_proposals, key=lambda p: p.number)),
        summary=Section(
            Heading(1, "Sammanfattande analys", "sammanfattande-analys"), parse_blocks(followup.summary)
        ),
        goals_heading=Heading(1, "Uppföljning av Kommunfullmäktiges inriktningsmål", "uppfoljning-av-mal"),
        overview_heading=Heading(2, "Översikt över målens bedömning", "maloversikt"),
        overview=tuple(OverviewRow(g.level, g.number, g.title, g.status, g.heading.anchor) for g in goals),
        goals=goals,
        economy_heading=Heading(1, "Uppföljning av ekonomi", "uppfoljning-av-ekonomi"),
        economy=_economy_sections(followup.economy, followup.period.year, followup.decision_proposals),
        attachments=Section(
            Heading(1, "Bilagor", "bilagor"),
            (
                Block(
                    "bullets",
                    items=tuple((Span(f"Bilaga {a.number}: {a.title}"),) for a in followup.attachments),
                ),
            )
            if followup.attachments
            else (),
        ),
        attachment_contents=tuple(f"Bilaga {a.number}: {a.title}" for a in followup.attachments),
        decided=decided,
        scale=scale,
    )


def decision_words(info: d.ReportInfo) -> str:
    """The decision page's line on the decision: the meeting's date and the minutes' paragraph."""
    if not info.decision_paragraph:
        return ""
    when = f" {info.meeting_date.isoformat()}" if info.meeting_date else ""
    return f"Beslutad vid nämndens sammanträde{when}, § {info.decision_paragraph}"


def report_title(period: d.PeriodRef) -> str:
    """The report's short name for the running header: "Tertialrapport 1 2026"."""
    if period.kind in ("T1", "T2"):
        return f"Tertialrapport {period.kind[1]} {period.year}"
    if period.kind == "AR":
        return f"Verksamhetsberättelse {period.year}"
    return f"Månadsrapport {period.kind[1:]} {period.year}"


def anchor(text: str) -> str:
    """A stable ASCII id for a heading."""
    text = text.lower().translate(str.maketrans("åäöé", "aaoe"))
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


class Anchors:
    """Hands out ids unique within one report: a second "mal-1-1" becomes "mal-1-1-2"."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def unique(self, wanted: str) -> str:
        found, number = wanted, 1
        while found in self.used:
            number += 1
            found = f"{wanted}-{number}"
        self.used.add(found)
        return found


# -- goals -------------------------------------------------------------------------------------


def _heading_levels(goals: Iterable[d.Goal], parent: int) -> list[tuple[d.Goal, int]]:
    """Each goal depth first with its heading level: its level's, but never skipping one."""
    found: list[tuple[d.Goal, int]] = []
    for goal in goals:
        level = min(GOAL_HEADING_LEVELS[goal.level], parent + 1, 6)
        found.append((goal, level))
        found += _heading_levels(goal.children, level)
    return found


def _goal_section(
    goal: d.Goal, level: int, period: d.PeriodRef, scale: StatusScale, anchors: Anchors
) -> GoalSection:
    prefix = GOAL_PREFIXES[goal.level]
    number = goal.number if goal.level != "aim" or goal.number.endswith(".") else f"{goal.number}."
    heading = Heading(
        level,
        f"{prefix}: {number} {goal.title}",
        anchors.unique(f"mal-{anchor(goal.number) or anchor(goal.title)}"),
        in_toc=goal.level != "committee_goal",
    )
    key = heading.anchor.removeprefix("mal-")
    indicators = goal.indicators
    if goal.level == "area_goal":
        indicators = tuple(i for g in goal.walk() for i in g.indicators)
    return GoalSection(
        heading=heading,
        level=goal.level,
        number=goal.number,
        title=goal.title,
        status=scale.level_for_status(goal.assessment.status),
        analysis=parse_blocks(goal.assessment.analysis),
        description=parse_blocks(goal.description),
        expected_results=tuple(parse_spans(item) for item in goal.expected_results),
        indicators=_indicator_table(goal, period, key, scale) if goal.indicators else None,
        activities=_activity_table(goal, key) if goal.activities else None,
        chart=indicator_chart(f"chart-{heading.anchor}", goal.number, _chart_values(indicators))
        if goal.level == "area_goal"
        else None,
    )


INDICATOR_COLUMNS = (
    "Indikator",
    "Periodens utfall",
    "Utfall män/pojkar",
    "Utfall kvinnor/flickor",
    "Utfall VB {previous}",
    "Prognos helår",
    "Årsmål",
    "KF:s årsmål",
    "Period",
)


def _indicator_table(goal: d.Goal, period: d.PeriodRef, key: str, scale: StatusScale) -> Table:
    columns = tuple(c.format(previous=period.year - 1) for c in INDICATOR_COLUMNS)
    rows = tuple(_indicator_row(indicator, period, scale) for indicator in goal.indicators)
    return Table(
        f"indicators-{key}",
        f"Indikatorer för {_in_sentence(GOAL_PREFIXES[goal.level])} {goal.number}",
        columns,
        (False,) + (True,) * 7 + (False,),
        (24, 8, 8, 8, 8, 8, 8, 12, 12),
        rows,
        source=source_note(goal.indicators),
    )


def source_note(indicators: Iterable[d.Indicator]) -> str:
    """The citation under an indicator table: "Källa: Kolada (”Name”, ”Other”)" for the rows
    with a figure fetched from a source, one sentence per source; "" where all were entered."""
    by_source: dict[str, list[str]] = {}
    for indicator in indicators:
        for source in dict.fromkeys(source for _, source in indicator.sources):
            by_source.setdefault(source, []).append(f"”{indicator.name}”")
    return " ".join(f"Källa: {source} ({', '.join(names)})." for source, names in by_source.items())


def _in_sentence(prefix: str) -> str:
    """A goal prefix inside a sentence: "nämndmål", but "KF:s inriktningsmål" (an abbreviation)."""
    return prefix if prefix[:2].isupper() else prefix[:1].lower() + prefix[1:]


def _indicator_row(indicator: d.Indicator, period: d.PeriodRef, scale: StatusScale) -> Row:
    """An indicator's row with its status on the scale: computed, the reporter's or "Ej bedömd"."""
    status = report_status(indicator, scale, period_kind=period.kind)
    return Row(
        cells=(
            indicator.name,
            _figure(indicator, "outcome"),
            _figure(indicator, "outcome_men"),
            _figure(indicator, "outcome_women"),
            _figure(indicator, "previous_annual"),
            _figure(indicator, "forecast"),
            format_target(indicator, indicator.target),
            format_target(indicator, indicator.city_target),
            indicator.period_label(period),
        ),
        note=parse_blocks(indicator.analysis),
        status=status.level,
        status_basis=status.basis_words,
    )


def _activity_table(goal: d.Goal, key: str) -> Table:
    rows = tuple(
        Row(
            cells=(
                activity.title,
                activity.start.isoformat() if activity.start else "",
                activity.end.isoformat() if activity.end else "",
                activity.deviation,
            ),
            note=parse_blocks(activity.analysis),
        )
        for activity in goal.activities
    )
    return Table(
        f"activities-{key}",
        f"Aktiviteter för {_in_sentence(GOAL_PREFIXES[goal.level])} {goal.number}",
        ("Aktivitet", "Startdatum", "Slutdatum", "Avvikelse"),
        (False, False, False, False),
        (56, 12, 12, 20),
        rows,
    )


def _figure(indicator: d.Indicator, name: str) -> str:
    """One of the indicator's figures as recorded, with the unit printed with it."""
    return format_number(getattr(indicator, name), unit=indicator.unit_of(name))


def target_figure(target: str | None) -> Decimal | None:
    """A target's figure when it is one ("39.5"), else None ("Ökning", "Tas fram av nämnd")."""
    if not target:
        return None
    try:
        return from_exchange(target.strip())
    except ValueError:
        parts = split_number(target)
        return parts[0] if parts and not parts[1] else None


def format_target(indicator: d.Indicator, target: str | None) -> str:
    """A target as printed: a figure in the indicator's unit, or its words as they are."""
    figure = target_figure(target)
    if figure is None:
        return target or ""
    return format_number(figure, unit=indicator.unit)


def _chart_values(
    indicators: Iterable[d.Indicator],
) -> tuple[tuple[str, tuple[tuple[str, str, Decimal | None, str], ...]], ...]:
    """Per indicator with a figure target and an outcome or forecast: its name and bars."""
    found = []
    for indicator in indicators:
        target = target_figure(indicator.target)
        if target is None or (indicator.outcome is None and indicator.forecast is None):
            continue
        bars = (
            ("Utfall", "outcome", indicator.outcome, _figure(indicator, "outcome")),
            ("Prognos", "forecast", indicator.forecast, _figure(indicator, "forecast")),
            ("Årsmål", "target", target, format_target(indicator, indicator.target)),
        )
        found.append((indicator.name, bars))
    return tuple(found)


# -- economy -----------------------------------------------------------------------------------


def _mnkr(value: Decimal | None) -> str:
    return format_number(value, MNKR_DECIMALS)


def _economy_sections(
    economy: d.Economy, year: int, proposals: tuple[d.DecisionProposal, ...] = ()
) -> tuple[Section, ...]:
    tables = _economy_tables(economy, year, proposals)
    sections = []
    for name in d.ECONOMY_SECTIONS:
        heading = Heading(2, ECONOMY_HEADINGS[name], f"ekonomi-{anchor(ECONOMY_HEADINGS[name])}")
        sections.append(
            Section(
                heading,
                _place_tables(parse_blocks(economy.text(name), markers=True), name, tables.get(name, [])),
            )
        )
    return tuple(sections)


def _place_tables(blocks: tuple[Block, ...], section: str, tables: list[TableGroup]) -> tuple[Block, ...]:
    """Put each table where a marker names it; a marker naming the section takes the next one.

    A table travels with the blocks that belong to it (its heading, chart, project lists). Tables
    no marker places follow the last placed one, or open the section, so none is ever lost.
    """
    remaining = list(tables)
    placed: list[Block] = []
    after_last = 0
    for block in blocks:
        if block.kind != "table":
            placed.append(block)
            continue
        name = block.spans[0].text
        match = remaining[0] if name == section and remaining else None
        match = match or next(
            (group for group in remaining if any(b.table and b.table.key == name for b in group)), None
        )
        if match is not None:
            remaining.remove(match)
            placed += match
            after_last = len(placed)
    rest = [block for group in remaining for block in group]
    return tuple(placed[:after_last] + rest + placed[after_last:])


def stated(text: str, phrase: str) -> bool:
    """Whether a text already says a phrase (case, spacing, emphasis and a final full stop aside)."""

    def fold(value: str) -> str:
        return " ".join(value.replace("*", "").split()).casefold()

    wanted = fold(phrase).rstrip(" .")
    return bool(wanted) and wanted in fold(text)


def _economy_tables(
    economy: d.Economy, year: int, proposals: tuple[d.DecisionProposal, ...] = ()
) -> dict[str, list[TableGroup]]:
    """Per section, its tables in printed order, each with the blocks that follow it.

    Lists the commentary already states are not printed again: investment projects, budget
    adjustments and fund applications are printed from the data only where the section's text
    (for fund applications also the decision proposals) does not name every one of them, so an
    imported report prints its prose as written and a report typed in the web its tables.
    """
    tables: dict[str, list[TableGroup]] = {name: [] for name in d.ECONOMY_SECTIONS}
    operating = tables["operating_budget"]
    if economy.operating_summary:
        operating.append((Block("table", table=_operating_summary(economy.operating_summary)),))
    if economy.operating_budget:
        chart = deviation_chart("chart-operating-deviation", economy.operating_budget)
        charts = (Block("chart", chart=chart),) if chart is not None else ()
        operating.append((Block("table", table=_operating_budget(economy)),) + charts)
    for index, volume in enumerate(economy.volumes):
        operating.append((Block("table", table=_volume_table(volume, index)),))
    if economy.result_units or economy.result_unit_groups:
        tables["result_units"].append((Block("table", table=_result_units(economy, year)),))
    if economy.investments:
        listed = economy.text("investments")
        unstated = tuple(
            row for row in economy.investments if not all(stated(listed, p.name) for p in row.projects)
        )
        projects = tuple(_investment_projects(unstated))
        tables["investments"].append((Block("table", table=_investments(economy, year)),) + projects)
    if economy.gross_changes:
        tables["gross_changes"].append((Block("table", table=_gross_changes(economy)),))
    adjustments = economy.text("budget_adjustments")
    if not all(stated(adjustments, a.purpose) for a in economy.budget_adjustments):
        tables["budget_adjustments"].append((Block("table", table=_budget_adjustments(economy)),))
    decided = "\n".join([adjustments] + [p.text for p in proposals])
    if not all(stated(decided, a.purpose) for a in economy.fund_applications):
        funds = {a.fund for a in economy.fund_applications}
        title = f"Ansökan om {funds.pop().lower()}" if len(funds) == 1 else "Ansökningar om medel"
        tables["budget_adjustments"].append(
            (Block("heading", spans=(Span(title),)), Block("table", table=_fund_applications(economy)))
        )
    return tables


def _operating_summary(rows: tuple[d.OperatingSummaryRow, ...]) -> Table:
    emphasised = {"net", "before_transfers", "after_transfers"}
    return Table(
        "operating_summary",
        "Nämndens driftbudget, mnkr",
        (
            "Mnkr",
            "Budget",
            "Begärda budgetjusteringar",
            "Prestations- och omslutningsförändringar",
            "Prognos",
            "Avvikelse",
        ),
        (False,) + (True,) * 5,
        (30, 12, 14, 16, 12, 12),
        tuple(
            Row(
                (
                    r.label,
                    _mnkr(r.budget),
                    _mnkr(r.requested_adjustments),
                    _mnkr(r.changes),
                    _mnkr(r.forecast),
                    _mnkr(r.deviation),
                ),
                kind="total" if r.kind in emphasised else "body",
            )
            for r in rows
        ),
    )


def _budget_row(row: d.BudgetRow, kind: str) -> Row:
    return Row(
        (
            row.area,
            _mnkr(row.budget),
            _mnkr(row.requested_adjustments),
            _mnkr(row.volume_changes),
            _mnkr(row.forecast_before_transfers),
            _mnkr(row.forecast_after_transfers),
            _mnkr(row.deviation),
        ),
        kind=kind,  # type: ignore[arg-type]
    )


def _rows_with_parts(rows: Iterable[Any], total: Any, make_row: Callable[[Any, str], Row]) -> list[Row]:
    """A table's rows in printed order: each row, its "varav" rows beneath it, the total last."""
    found: list[Row] = []
    for row in rows:
        found.append(make_row(row, "body"))
        found += [make_row(child, "sub") for child in row.children]
    if total is not None:
        found.append(make_row(total, "total"))
    return found


def _operating_budget(economy: d.Economy) -> Table:
    rows = _rows_with_parts(economy.operating_budget, economy.operating_total, _budget_row)
    return Table(
        "operating_budget",
        "Driftbudget per verksamhetsområde, mnkr",
        (
            "Mnkr",
            "Budget",
            "Begärda budgetjusteringar",
            "Prestationsförändringar",
            "Prognos (före resultatöverföringar)",
            "Prognos (efter resultatöverföringar)",
            "Avvikelse",
        ),
        (False,) + (True,) * 6,
        (28, 11, 12, 13, 13, 13, 10),
        tuple(rows),
    )


def _volume_table(volume: d.VolumeTable, index: int) -> Table:
    return Table(
        f"volumes:{index}",
        volume.title,
        (volume.title,) + volume.columns,
        (False,) + (True,) * len(volume.columns),
        (34,) + (16,) * len(volume.columns),
        tuple(
            Row(
                (row.label,) + tuple(format_number(v) for v in row.values),
                kind="total" if row.total else "body",
            )
            for row in volume.rows
        ),
    )


def _result_unit_row(unit: d.ResultUnit | d.ResultUnitGroup, kind: str) -> Row:
    figures = (unit.gross_budget, unit.carried_in, unit.result, unit.carried_out)
    return Row((unit.name,) + tuple(format_number(f, 1) for f in figures), kind=kind)  # type: ignore[arg-type]


def _result_units(economy: d.Economy, year: int) -> Table:
    groups = {group.name: group for group in economy.result_unit_groups}
    names = list(groups) + [u.group for u in economy.result_units if u.group and u.group not in groups]
    rows = [_result_unit_row(u, "body") for u in economy.result_units if not u.group]
    for name in dict.fromkeys(names):
        rows.append(_result_unit_row(groups.get(name, d.ResultUnitGroup(name)), "group"))
        rows += [_result_unit_row(u, "body") for u in economy.result_units if u.group == name]
    if economy.result_units_total is not None:
        rows.append(_result_unit_row(economy.result_units_total, "total"))
    return Table(
        "result_units",
        "Resultatenheter, tkr",
        (
            "Resultatenhetens namn",
            f"Resultatenhetens bruttobudget {year}",
            f"Resultatöverföring från {year - 1} Överskott (-) Underskott (+)",
            f"Resultat {year} Överskott (-) Underskott (+)",
            f"Resultatöverföring till {year + 1} Överskott (+) Underskott (-)",
        ),
        (False, True, True, True, True),
        (32, 17, 17, 17, 17),
        tuple(rows),
    )


def _investment_row(row: d.InvestmentRow, kind: str) -> Row:
    figures = (row.budget, row.requested_adjustments, row.forecast, row.deviation)
    return Row((row.category,) + tuple(_mnkr(f) for f in figures), kind=kind)  # type: ignore[arg-type]


def _investments(economy: d.Economy, year: int) -> Table:
    rows = _rows_with_parts(economy.investments, economy.investments_total, _investment_row)
    return Table(
        "investments",
        "Investeringar, mnkr",
        ("Mnkr", f"Budget {year}", "Begärda budgetjusteringar", f"Prognos {year}", "Avvikelse"),
        (False, True, True, True, True),
        (36, 16, 16, 16, 16),
        tuple(rows),
    )


def _investment_projects(rows: tuple[d.InvestmentRow, ...]) -> list[Block]:
    blocks: list[Block] = []
    for row in rows:
        if not row.projects:
            continue
        budget = f" {_mnkr(row.budget)} mnkr" if row.budget is not None else ""
        blocks.append(Block("paragraph", spans=(Span(f"{row.category}{budget}:"),)))
        items = tuple(
            (Span(f"{_mnkr(p.amount)} mnkr {p.name}" if p.amount is not None else p.name),)
            for p in row.projects
        )
        blocks.append(Block("bullets", items=items))
    return blocks


def _gross_change_row(row: d.GrossChangeRow, kind: str) -> Row:
    return Row((row.area, _mnkr(row.costs), _mnkr(row.revenues)), kind=kind)  # type: ignore[arg-type]


def _gross_changes(economy: d.Economy) -> Table:
    rows = _rows_with_parts(economy.gross_changes, economy.gross_changes_total, _gross_change_row)
    return Table(
        "gross_changes",
        "Omslutningsförändringar, mnkr",
        ("Ökade kostnader/intäkter (mnkr)", "Kostnader", "Intäkter"),
        (False, True, True),
        (60, 20, 20),
        tuple(rows),
    )


def _budget_adjustments(economy: d.Economy) -> Table:
    kinds = {"operating": "Drift", "investment": "Investering"}
    return Table(
        "budget_adjustments",
        "Begärda budgetjusteringar, mnkr",
        ("Ändamål", "Typ", "Mnkr"),
        (False, False, True),
        (64, 18, 18),
        tuple(Row((a.purpose, kinds[a.kind], _mnkr(a.amount))) for a in economy.budget_adjustments),
    )


def _fund_applications(economy: d.Economy) -> Table:
    return Table(
        "fund_applications",
        "Ansökningar om medel, kr",
        ("Ändamål", "Medel", "Kronor"),
        (False, False, True),
        (52, 30, 18),
        tuple(Row((a.purpose, a.fund, format_number(a.amount, 0))) for a in economy.fund_applications),
    )
