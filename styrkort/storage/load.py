"""Read one committee's report for one period from the database into a ``FollowUp``.

All queries of the read path are here, one per table, so a report of any size costs the same
small number of round trips.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Callable, Iterable
from decimal import Decimal
from functools import cached_property
from typing import Any

from django.db.models import F, Q

from styrkort.domain import document as d
from styrkort.domain.numbers import plain
from styrkort.economy import models as em
from styrkort.followup.models import Report
from styrkort.goals.models import ActivityFollowUp, GoalAssessment, Indicator, Measurement
from styrkort.ops.compiled import instances
from styrkort.organisations.models import Organisation
from styrkort.storage.rows import (
    AssessmentRow,
    MeasurementRow,
    assessment_rows,
    follow_up_rows,
    measurement_rows,
)


def followup_from_report(
    report: Report, economy: EconomyRows | None = None, goals: tuple[d.Goal, ...] | None = None
) -> d.FollowUp:
    """The report as the domain sees it; ``economy``, ``goals``: its economy tables and its goal
    trees (``GoalRows.goals``), when already read."""
    period = report.period
    municipality = period.municipality
    return d.FollowUp(
        organisation=_organisation(report.organisation),
        period=d.PeriodRef(period.year, period.kind),
        report=d.ReportInfo(
            title=report.title,
            report_date=report.report_date,
            meeting_date=report.meeting_date,
            officer=report.officer,
            officer_phone=report.officer_phone,
            recipient=report.recipient,
            decision_paragraph=report.decision_paragraph,
            director=report.director,
            director_title=report.director_title,
        ),
        decision_proposals=tuple(
            d.DecisionProposal(p.number, p.text) for p in report.decision_proposals.order_by("number")
        ),
        summary=report.summary,
        goals=goals if goals is not None else _goals(report, municipality),
        economy=economy_from_rows(economy or EconomyRows(report)),
        attachments=tuple(d.Attachment(a.number, a.title) for a in report.attachments.order_by("number")),
    )


def _organisation(org: Organisation) -> d.Organisation:
    chain = []
    node: Organisation | None = org
    while node is not None:
        chain.append(node)
        node = node.parent
    parent = None
    for item in reversed(chain):
        parent = d.Organisation(item.code, item.name, item.kind, parent)  # type: ignore[arg-type]
    assert parent is not None
    return parent


def stored_figure(value: Decimal | None) -> Decimal | None:
    """A figure as read from the database: as recorded, with its precision (``FigureField``)."""
    return value


def _goals(report: Report, municipality: Organisation) -> tuple[d.Goal, ...]:
    return GoalRows(report, municipality).goals()


class GoalRows:
    """The rows of a report's goals (assessments, measurements, activity follow-ups) and the goal
    trees built from them; ``root``: only that goal and the goals beneath it are read. The rows are
    plain rows (``storage.rows``), not model instances: this class only reads."""

    def __init__(self, report: Report, municipality: Organisation, root: int | None = None) -> None:
        period = report.period
        self.report, self.municipality = report, municipality
        self.assessments = assessment_rows(_assessments, (report.pk,))
        in_report = {assessment.goal_id for assessment in self.assessments}
        self.children: dict[int | None, list[AssessmentRow]] = defaultdict(list)
        for assessment in self.assessments:
            parent = assessment.goal.parent_id if assessment.goal.parent_id in in_report else None
            self.children[parent].append(assessment)
        self.root = next((a for a in self.assessments if a.goal_id == root), None) if root else None
        # This period's measurements and last year's annual ones in one query.
        keys = (report.organisation_id, period.id, period.year, municipality.id, period.year - 1)
        if root is None:
            rows = measurement_rows(_measurements, keys)
            self.follow_ups = follow_up_rows(_follow_ups, (report.pk,))
        else:  # last year's outcomes of the subtree's indicators only (by name)
            subtree = tuple(self._subtree(root))
            rows = measurement_rows(_subtree_measurements, (*keys, *subtree))
            self.follow_ups = follow_up_rows(_subtree_follow_ups, (report.pk, *subtree))
        self.measurements = [m for m in rows if m.period_id == period.id]
        previous_sources: dict[Any, str] = {}
        previous = _previous_outcomes(
            [m for m in rows if m.period_id != period.id], period.year, previous_sources
        )
        self.indicators_by_goal: dict[int, list[d.Indicator]] = defaultdict(list)
        for m in self.measurements:
            indicator = indicator_from_measurement(m, municipality.id, previous)
            previous_source = previous_sources.get(
                m.indicator_id, previous_sources.get((m.indicator.organisation_id, m.indicator.name))
            )
            if previous_source and indicator.previous_annual is not None:
                found = dict(indicator.sources) | {"previous_annual": previous_source}
                indicator = dataclasses.replace(indicator, sources=_in_order(found))
            self.indicators_by_goal[m.indicator.goal_id].append(indicator)
        self.activities_by_goal: dict[int, list[d.Activity]] = defaultdict(list)
        for f in self.follow_ups:
            a = f.activity
            self.activities_by_goal[a.goal_id].append(
                d.Activity(a.title, a.start, a.end, f.deviation, f.analysis, a.city_assignment)
            )

    def _subtree(self, root: int) -> list[int]:
        found, todo = [], [root]
        while todo:
            goal_id = todo.pop()
            found.append(goal_id)
            todo.extend(child.goal_id for child in self.children[goal_id])
        return found

    def build(self, a: AssessmentRow) -> d.Goal:
        goal = a.goal
        return d.Goal(
            number=goal.number,
            level=goal.level,  # type: ignore[arg-type]
            title=goal.title,
            owner="city" if goal.organisation_id == self.municipality.id else "committee",
            assessment=d.Assessment(a.status, a.analysis),  # type: ignore[arg-type]
            description=goal.description,
            expected_results=tuple(goal.expected_results),
            indicators=tuple(self.indicators_by_goal[goal.id]),
            activities=tuple(self.activities_by_goal[goal.id]),
            children=tuple(self.build(child) for child in self.children[goal.id]),
        )

    def goals(self) -> tuple[d.Goal, ...]:
        """The report's goal trees in printed order (the root's alone when one was given)."""
        if self.root is not None:
            return (self.build(self.root),)
        return tuple(self.build(a) for a in self.children[None])


# The goal rows' queries (``ops.compiled``: each built once per process, so no closures; a
# subtree's, once per number of goals in it).


def _assessments(report_id: int) -> Any:
    return GoalAssessment.objects.filter(report_id=report_id).order_by("position")


def _measurements(
    organisation_id: int, period_id: int, year: int, municipality_id: int, last_year: int
) -> Any:
    this_period = Q(period_id=period_id, indicator__goal__year=year)
    annual = Q(period__municipality_id=municipality_id, period__year=last_year, period__kind="AR")
    return Measurement.objects.filter(this_period | annual, organisation_id=organisation_id).order_by(
        "position"
    )


def _subtree_measurements(
    organisation_id: int,
    period_id: int,
    year: int,
    municipality_id: int,
    last_year: int,
    *subtree: int,
) -> Any:
    this_period = Q(period_id=period_id, indicator__goal__year=year, indicator__goal_id__in=subtree)
    annual = Q(
        period__municipality_id=municipality_id,
        period__year=last_year,
        period__kind="AR",
        indicator__name__in=Indicator.objects.filter(goal_id__in=subtree).values("name"),
    )
    return Measurement.objects.filter(this_period | annual, organisation_id=organisation_id).order_by(
        "position"
    )


def _follow_ups(report_id: int) -> Any:
    return ActivityFollowUp.objects.filter(report_id=report_id).order_by("position")


def _subtree_follow_ups(report_id: int, *subtree: int) -> Any:
    return _follow_ups(report_id).filter(activity__goal_id__in=subtree)


def indicator_from_measurement(
    m: Measurement | MeasurementRow,
    municipality_id: int,
    previous: dict[Any, Decimal | None],
    **figures: Decimal | None,
) -> d.Indicator:
    """A measurement (with its indicator) as the domain sees it; ``figures`` replace stored ones
    (what a user typed and has not saved, for a status shown as one types)."""
    ind = m.indicator
    values = {name: stored_figure(getattr(m, name)) for name in MEASUREMENT_FIGURES}
    values.update(figures)
    return d.Indicator(
        name=ind.name,
        unit=ind.unit,
        owner="city" if ind.organisation_id == municipality_id else "committee",
        frequency=ind.frequency,  # type: ignore[arg-type]
        direction=ind.direction or None,  # type: ignore[arg-type]
        gender_split=ind.gender_split,
        decimals=ind.decimals,
        kolada_id=ind.kolada_id or None,
        previous_annual=previous.get(ind.id, previous.get((ind.organisation_id, ind.name))),
        target=m.target,
        city_target=ind.city_target,
        analysis=m.analysis,
        printed_units=printed_units(m.printed_units),
        assessment=m.assessment,  # type: ignore[arg-type]
        sources=figure_sources(m.sources, values),
        **values,
    )


def figure_sources(stored: Any, values: dict[str, Decimal | None]) -> tuple[tuple[str, str], ...]:
    """Which of the figures still hold the value a source gave them, with the source's name.

    ``stored`` is a measurement's ``sources`` ({"outcome": {"source": "Kolada", "value": "74.1",
    …}}); a figure someone has since changed is theirs, not the source's, and is not cited.
    """
    if not isinstance(stored, dict):
        return ()
    found = {}
    for name, value in values.items():
        entry = stored.get(name)
        if value is None or not isinstance(entry, dict):
            continue
        source = entry.get("source")
        if isinstance(source, str) and source and entry.get("value") == plain(value):
            found[name] = source
    return _in_order(found)


def _in_order(found: dict[str, str]) -> tuple[tuple[str, str], ...]:
    return tuple((name, found[name]) for name in d.INDICATOR_FIGURES if name in found)


def printed_units(stored: Any) -> tuple[tuple[str, str], ...]:
    """A measurement's printed units in the domain's order (a hand-edited value that is no
    mapping of figure names to texts reads as none)."""
    if not isinstance(stored, dict):
        return ()
    return tuple((name, stored[name]) for name in d.INDICATOR_FIGURES if isinstance(stored.get(name), str))


MEASUREMENT_FIGURES = ("outcome", "outcome_men", "outcome_women", "forecast")


def previous_annual_outcomes(
    committee: Organisation, municipality: Organisation, year: int, sources: dict[Any, str] | None = None
) -> dict[Any, Decimal | None]:
    """Last year's annual outcomes, by this year's indicator id and by last year's (owner, name);
    ``sources``, when given, receives the source of each outcome that came from one (Kolada)."""
    rows = Measurement.objects.filter(
        organisation=committee, period__municipality=municipality, period__year=year - 1, period__kind="AR"
    ).select_related("indicator__goal")
    return _previous_outcomes(rows, year, sources)


def measurements_with_previous(
    report: Report, ids: Iterable[int] | None = None, names: Iterable[str] | None = None
) -> tuple[list[Measurement], dict[Any, Decimal | None]]:
    """Some of the report's measurements (``ids``; None: all) in printed order, with their
    indicators, and last year's annual outcomes of the same indicators (keyed as
    ``previous_annual_outcomes`` keys them), in one query: a page that shows a few rows reads
    only those and their previous outcomes. ``names``: the indicators' names, where the caller
    has them (else they are looked up in the query)."""
    period = report.period
    this_period = Q(period=period, indicator__goal__year=period.year)
    last_year = Q(
        period__municipality=period.municipality_id, period__year=period.year - 1, period__kind="AR"
    )
    if ids is not None:
        ids = list(ids)
        this_period &= Q(pk__in=ids)
        wanted: Any = (
            list(names)
            if names is not None
            else Measurement.objects.filter(pk__in=ids).values("indicator__name")
        )
        last_year &= Q(indicator__name__in=wanted)
    rows = Measurement.objects.filter(this_period | last_year, organisation=report.organisation)
    rows = rows.select_related("indicator").annotate(goal_year=F("indicator__goal__year"))
    found = list(rows.order_by("position"))
    last = [m for m in found if m.period_id != period.id]
    previous = _previous_outcomes(last, period.year, goal_year=lambda m: m.goal_year)
    return [m for m in found if m.period_id == period.id], previous


def _previous_outcomes(
    rows: Iterable[Measurement | MeasurementRow],
    year: int,
    sources: dict[Any, str] | None = None,
    goal_year: Callable[[Any], int] = lambda m: m.indicator.goal.year,
) -> dict[Any, Decimal | None]:
    found: dict[Any, Decimal | None] = {}
    for m in rows:
        key = (m.indicator.organisation_id, m.indicator.name) if goal_year(m) == year - 1 else m.indicator_id
        found[key] = stored_figure(m.outcome)
        source = dict(figure_sources(m.sources, {"outcome": m.outcome})).get("outcome")
        if sources is not None and source:
            sources[key] = source
    return found


_BUDGET = (
    "budget",
    "requested_adjustments",
    "volume_changes",
    "forecast_before_transfers",
    "forecast_after_transfers",
    "deviation",
    "outcome",
)
_RESULT = ("gross_budget", "carried_in", "result", "carried_out")
_INVESTMENT = ("budget", "requested_adjustments", "forecast", "deviation")


def _figures(row: Any, names: tuple[str, ...]) -> dict[str, Any]:
    return {name: stored_figure(getattr(row, name)) for name in names}


class EconomyRows:
    """The stored rows of a report's economy tables in printed order, each table read once, when
    first needed (a page that edits some tables and shows the check's findings reads them once)."""

    def __init__(self, report: Report) -> None:
        self.report = report

    @cached_property
    def summary(self) -> list[em.OperatingSummaryRow]:
        return instances(_summary, (self.report.pk,), (em.OperatingSummaryRow, ""))[0]

    @cached_property
    def operating(self) -> list[em.OperatingBudgetRow]:
        rows, areas = instances(
            _operating, (self.report.pk,), (em.OperatingBudgetRow, ""), (em.ActivityArea, "area__")
        )
        by_id = {area.pk: area for area in areas}
        area = em.OperatingBudgetRow._meta.get_field("area")
        for row in rows:  # as select_related("area") attaches it
            area.set_cached_value(row, by_id.get(row.area_id))
        return rows

    @cached_property
    def _volumes(self) -> tuple[list[em.VolumeTable], list[em.VolumeRow], list[em.VolumeValue]]:
        found = instances(
            _volume_tables,
            (self.report.pk,),
            (em.VolumeTable, ""),
            (em.VolumeRow, "rows__"),
            (em.VolumeValue, "rows__values__"),
        )
        return found[0], found[1], found[2]

    @property
    def volume_tables(self) -> list[em.VolumeTable]:
        return self._volumes[0]

    @property
    def volume_rows(self) -> list[em.VolumeRow]:
        return self._volumes[1]

    @property
    def volume_values(self) -> list[em.VolumeValue]:
        return self._volumes[2]

    @cached_property
    def unit_groups(self) -> list[em.ResultUnitGroup]:
        return instances(_unit_groups, (self.report.pk,), (em.ResultUnitGroup, ""))[0]

    @cached_property
    def units(self) -> list[em.ResultUnit]:
        return instances(_units, (self.report.pk,), (em.ResultUnit, ""))[0]

    @cached_property
    def _investments(self) -> tuple[list[em.InvestmentRow], list[em.InvestmentProject]]:
        found = instances(
            _investment_rows, (self.report.pk,), (em.InvestmentRow, ""), (em.InvestmentProject, "projects__")
        )
        return found[0], found[1]

    @property
    def projects(self) -> list[em.InvestmentProject]:
        return self._investments[1]

    @property
    def investments(self) -> list[em.InvestmentRow]:
        return self._investments[0]

    @cached_property
    def gross(self) -> list[em.GrossChangeRow]:
        return instances(_gross, (self.report.pk,), (em.GrossChangeRow, ""))[0]

    @cached_property
    def adjustments(self) -> list[em.BudgetAdjustment]:
        return instances(_adjustments, (self.report.pk,), (em.BudgetAdjustment, ""))[0]

    @cached_property
    def applications(self) -> list[em.FundApplication]:
        return instances(_applications, (self.report.pk,), (em.FundApplication, ""))[0]

    @cached_property
    def texts(self) -> list[em.EconomyText]:
        return instances(_texts, (self.report.pk,), (em.EconomyText, ""))[0]


# The economy tables' queries (``ops.compiled``: each built once per process, so no closures).


def _adjustments(report_id: int) -> Any:
    return em.BudgetAdjustment.objects.filter(report_id=report_id).order_by("position")


def _applications(report_id: int) -> Any:
    return em.FundApplication.objects.filter(report_id=report_id).order_by("position")


def _summary(report_id: int) -> Any:
    return em.OperatingSummaryRow.objects.filter(report_id=report_id).order_by("position")


def _unit_groups(report_id: int) -> Any:
    return em.ResultUnitGroup.objects.filter(report_id=report_id).order_by("position")


def _units(report_id: int) -> Any:
    return em.ResultUnit.objects.filter(report_id=report_id).order_by("position")


def _gross(report_id: int) -> Any:
    return em.GrossChangeRow.objects.filter(report_id=report_id).order_by("position")


def _texts(report_id: int) -> Any:
    return em.EconomyText.objects.filter(report_id=report_id).order_by("position")


def _operating(report_id: int) -> Any:
    return em.OperatingBudgetRow.objects.filter(report_id=report_id).order_by("position")


def _volume_tables(report_id: int) -> Any:
    tables = em.VolumeTable.objects.filter(report_id=report_id)
    return tables.order_by("position", "rows__position", "rows__values__column")


def _investment_rows(report_id: int) -> Any:
    return em.InvestmentRow.objects.filter(report_id=report_id).order_by("position", "projects__position")


def summary_from_rows(rows: EconomyRows) -> tuple[d.OperatingSummaryRow, ...]:
    """The operating summary as the domain sees it (reads that table alone)."""
    return tuple(
        d.OperatingSummaryRow(
            label=r.label,
            kind=r.kind,  # type: ignore[arg-type]
            **_figures(r, ("budget", "requested_adjustments", "changes", "forecast", "deviation")),
        )
        for r in rows.summary
    )


def volumes_from_rows(rows: EconomyRows) -> tuple[d.VolumeTable, ...]:
    """The volume tables as the domain sees them (reads those tables alone)."""
    values: dict[int, list[Decimal | None]] = defaultdict(list)
    for v in rows.volume_values:
        values[v.row_id].append(stored_figure(v.value))
    rows_by_table: dict[int, list[d.VolumeRow]] = defaultdict(list)
    for volume_row in rows.volume_rows:
        rows_by_table[volume_row.table_id].append(
            d.VolumeRow(volume_row.label, tuple(values[volume_row.id]), volume_row.total)
        )
    return tuple(
        d.VolumeTable(t.title, tuple(t.columns), tuple(rows_by_table[t.id]), t.area)
        for t in rows.volume_tables
    )


def economy_from_rows(rows: EconomyRows) -> d.Economy:
    """The economy tables as the domain sees them."""
    summary = summary_from_rows(rows)
    budget_rows = rows.operating
    varav: dict[int, list[d.BudgetRow]] = defaultdict(list)
    for r in budget_rows:
        if r.area is not None and r.area.parent_id is not None:
            varav[r.area.parent_id].append(d.BudgetRow(r.area.name, **_figures(r, _BUDGET)))
    operating = tuple(
        d.BudgetRow(r.area.name, **_figures(r, _BUDGET), children=tuple(varav[r.area.id]))
        for r in budget_rows
        if r.area is not None and r.area.parent_id is None
    )
    total = next((d.BudgetRow(r.label, **_figures(r, _BUDGET)) for r in budget_rows if r.is_total), None)

    volumes = volumes_from_rows(rows)

    groups = tuple(d.ResultUnitGroup(g.name, **_figures(g, _RESULT)) for g in rows.unit_groups)
    units = rows.units
    result_units = tuple(
        d.ResultUnit(u.name, u.group, **_figures(u, _RESULT)) for u in units if not u.is_total
    )
    result_total = next(
        (d.ResultUnit(u.name, u.group, **_figures(u, _RESULT)) for u in units if u.is_total), None
    )

    projects: dict[int, list[d.InvestmentProject]] = defaultdict(list)
    for p in rows.projects:
        projects[p.investment_id].append(d.InvestmentProject(p.name, stored_figure(p.amount)))
    investment_rows = rows.investments
    investment_children: dict[int, list[em.InvestmentRow]] = defaultdict(list)
    for investment_row in investment_rows:
        if investment_row.parent_id is not None:
            investment_children[investment_row.parent_id].append(investment_row)

    def investment(r: em.InvestmentRow) -> d.InvestmentRow:
        return d.InvestmentRow(
            r.category,
            **_figures(r, _INVESTMENT),
            children=tuple(investment(c) for c in investment_children[r.id]),
            projects=tuple(projects[r.id]),
        )

    investments = tuple(investment(r) for r in investment_rows if r.parent_id is None and not r.is_total)
    investments_total = next((investment(r) for r in investment_rows if r.is_total), None)

    gross_rows = rows.gross
    gross_children: dict[int, list[em.GrossChangeRow]] = defaultdict(list)
    for gross_row in gross_rows:
        if gross_row.parent_id is not None:
            gross_children[gross_row.parent_id].append(gross_row)

    def gross(r: em.GrossChangeRow) -> d.GrossChangeRow:
        return d.GrossChangeRow(
            r.area,
            stored_figure(r.costs),
            stored_figure(r.revenues),
            tuple(gross(c) for c in gross_children[r.id]),
        )

    return d.Economy(
        operating_summary=summary,
        operating_budget=operating,
        operating_total=total,
        volumes=volumes,
        result_unit_groups=groups,
        result_units=result_units,
        result_units_total=result_total,
        investments=investments,
        investments_total=investments_total,
        gross_changes=tuple(gross(r) for r in gross_rows if r.parent_id is None and not r.is_total),
        gross_changes_total=next((gross(r) for r in gross_rows if r.is_total), None),
        budget_adjustments=tuple(
            d.BudgetAdjustment(a.kind, a.purpose, stored_figure(a.amount))  # type: ignore[arg-type]
            for a in rows.adjustments
        ),
        fund_applications=tuple(
            d.FundApplication(a.fund, a.purpose, stored_figure(a.amount)) for a in rows.applications
        ),
        texts=tuple((t.section, t.text) for t in rows.texts),
    )
