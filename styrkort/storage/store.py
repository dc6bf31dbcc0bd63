"""Store a ``FollowUp`` in the database and read it back.

``save_followup`` writes one committee's report for one period inside one transaction:
everything or nothing. It first checks that the follow-up can be stored at all
(``validate.check_followup``), so bad input is refused with every problem named before
anything is written. An import creates organisations that are missing (under their parent)
but never renames or moves an existing one, and never removes goals, indicators or activities
from a stored report unless told to (``allow_removal``). A second save of the same committee and period replaces what the
report holds (its assessments, measurements, activity follow-ups, economy tables,
proposals and attachments are rewritten); goals, indicators and activities are matched by
their keys (owner, year and number; goal and name; goal, committee and title) and updated
in place, so they keep their identity across periods and imports.

Ownership follows ``Goal.owner``/``Indicator.owner``: "city" rows belong to the
municipality and are shared by its committees, "committee" rows to the committee.
``previous_annual`` is stored as a measurement of last year's annual report: on the
same-named indicator of last year when the database has it, otherwise on this year's.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import Any

from django.db import transaction

from styrkort.audit.trail import field_changes_suspended, record
from styrkort.domain import document as d
from styrkort.domain.numbers import FigureError, plain, same_figure
from styrkort.domain.periods import parse_period_key, period_bounds, previous_annual_period
from styrkort.economy import models as em
from styrkort.exchange.document import to_json
from styrkort.followup.lock import LOCKED_STATES, LockedReportError
from styrkort.followup.models import Attachment, DecisionProposal, Period, Report
from styrkort.goals.models import Activity, ActivityFollowUp, Goal, GoalAssessment, Indicator, Measurement
from styrkort.organisations.models import Organisation
from styrkort.storage.load import followup_from_report
from styrkort.storage.validate import InvalidFollowUp, RemovalRefused, check_followup, removed_items


@transaction.atomic
def save_followup(followup: d.FollowUp, source: str = "import", *, allow_removal: bool = False) -> Report:
    """Write the follow-up to the database, replacing what the same report held before.

    Refused with nothing written: a follow-up that cannot be stored or that would rename or
    move an existing organisation (``InvalidFollowUp``), a locked report (``LockedReportError``),
    and, unless ``allow_removal``, a replacement without some of the goals, indicators or
    activities the stored report has (``RemovalRefused``, which lists them).

    The audit trail gets one entry for the whole replacement, holding the exchange document
    it replaced (``source`` says where the new content came from), not one per field.
    A figure that does not fit its column (``document.figure_problems``) stops the save before
    anything is written: FigureError lists them all, with where each stands.
    """
    problems = d.figure_problems(followup)
    if problems:
        shown = "\n".join(f"- {problem}" for problem in problems[:20])
        more = f"\n… och {len(problems) - 20} till" if len(problems) > 20 else ""
        raise FigureError(
            f"{len(problems)} tal får inte plats i sina kolumner; inget sparades:\n{shown}{more}"
        )
    check_followup(followup)
    municipality, committee = _save_organisations(followup.organisation)
    period = get_or_create_period(municipality, followup.period)
    report = Report.objects.filter(organisation=committee, period=period).first()
    if report is not None and report.state in LOCKED_STATES:
        raise LockedReportError(
            f"rapporten {committee.code} {period.key} är {report.get_state_display().lower()} och låst; "
            "den kan inte ersättas (en godkänd rapport måste först skickas tillbaka)"
        )
    stored = followup_from_report(report) if report is not None else None
    if stored is not None and not allow_removal:
        removed = removed_items(stored, followup)
        if removed:
            raise RemovalRefused(f"{committee.code} {period.key}", removed)
    replaced = to_json(stored) if stored is not None else None
    with field_changes_suspended():
        report = _write_report(followup, report, municipality, committee, period)
    summary = (
        f"{source}: {len(followup.all_goals())} mål, {len(followup.all_indicators())} indikatorer, "
        f"{len(followup.all_activities())} aktiviteter"
    )
    record(report, "changed" if replaced else "created", "import", replaced, summary)
    return report


def _write_report(
    followup: d.FollowUp,
    report: Report | None,
    municipality: Organisation,
    committee: Organisation,
    period: Period,
) -> Report:
    info = followup.report
    fields = {
        "title": info.title,
        "report_date": info.report_date,
        "meeting_date": info.meeting_date,
        "officer": info.officer,
        "officer_phone": info.officer_phone,
        "recipient": info.recipient,
        "decision_paragraph": info.decision_paragraph,
        "director": info.director,
        "director_title": info.director_title,
        "summary": followup.summary,
    }
    if report is None:
        report = Report.objects.create(organisation=committee, period=period, **fields)
    else:
        for name, value in fields.items():
            setattr(report, name, value)
        report.version += 1
        report.save()
    _clear_report(report, committee, period)
    DecisionProposal.objects.bulk_create(
        DecisionProposal(report=report, number=p.number, text=p.text) for p in followup.decision_proposals
    )
    _save_attachments(report, followup.attachments)
    _GoalWriter(report, municipality, committee, period).write(followup.goals)
    _save_economy(report, committee, followup.economy)
    return report


def _save_attachments(report: Report, attachments: tuple[d.Attachment, ...]) -> None:
    """Attachments by number: titles updated, missing ones added; an uploaded file is never dropped."""
    existing = {a.number: a for a in report.attachments.all()}
    for attachment in attachments:
        row = existing.pop(attachment.number, None)
        if row is None:
            Attachment.objects.create(report=report, number=attachment.number, title=attachment.title)
        elif row.title != attachment.title:
            row.title = attachment.title
            row.save(update_fields=["title"])
    for row in existing.values():
        if not row.file:
            row.delete()


def get_or_create_period(municipality: Organisation, ref: d.PeriodRef) -> Period:
    starts, ends = period_bounds(ref)
    period, _ = Period.objects.get_or_create(
        municipality=municipality, year=ref.year, kind=ref.kind, defaults={"starts": starts, "ends": ends}
    )
    return period


def _save_organisations(node: d.Organisation) -> tuple[Organisation, Organisation]:
    """The municipality and the committee, creating those missing; an existing one must match.

    An import never renames or moves an organisation: rights follow the tree, so that is for
    an administrator to do on purpose, not for a document to do in passing.
    """
    chain = []
    current: d.Organisation | None = node
    while current is not None:
        chain.append(current)
        current = current.parent
    parent: Organisation | None = None
    saved = []
    for item in reversed(chain):
        org = Organisation.objects.select_related("parent").filter(code=item.code).first()
        if org is None:
            org = Organisation.objects.create(code=item.code, name=item.name, kind=item.kind, parent=parent)
        else:
            differences = _differences(org, item, parent)
            if differences:
                raise InvalidFollowUp(
                    [
                        f"organisationen ”{item.code}” finns redan och skiljer sig från dokumentets: "
                        + "; ".join(differences)
                        + ". En import byter aldrig namn på eller flyttar en organisation; "
                        "ändra den i administrationen om dokumentet har rätt, eller använd en annan kod"
                    ]
                )
        saved.append(org)
        parent = org
    return saved[0], saved[-1]


def _differences(org: Organisation, item: d.Organisation, parent: Organisation | None) -> list[str]:
    kinds = dict(Organisation.Kind.choices)
    found = []
    if org.name != item.name:
        found.append(f"namnet är ”{org.name}” i databasen men ”{item.name}” i dokumentet")
    if org.kind != item.kind:
        found.append(
            f"den är {kinds[org.kind].lower()} i databasen men {kinds.get(item.kind, item.kind).lower()} i dokumentet"
        )
    if org.parent_id != (parent.id if parent else None):
        now = f"”{org.parent.code}”" if org.parent else "ingen"
        new = f"”{parent.code}”" if parent else "ingen"
        found.append(f"den ligger under {now} i databasen men under {new} i dokumentet")
    return found


def _clear_report(report: Report, committee: Organisation, period: Period) -> None:
    """Remove what the report held, before it is written anew."""
    report.decision_proposals.all().delete()
    report.assessments.all().delete()
    report.activity_follow_ups.all().delete()
    Measurement.objects.filter(
        organisation=committee, period=period, indicator__goal__year=period.year
    ).delete()
    for model in _ECONOMY_MODELS:
        model.objects.filter(report=report).delete()


class _GoalWriter:
    """Writes the goal tree of one report, matching existing rows by their keys."""

    def __init__(self, report: Report, municipality: Organisation, committee: Organisation, period: Period):
        self.report, self.municipality, self.committee, self.period = report, municipality, committee, period
        self.year = period.year
        self.goals = {
            (g.organisation_id, g.number): g
            for g in Goal.objects.filter(organisation__in=[municipality, committee], year=self.year)
        }
        self.indicators = {
            (i.goal_id, i.name): i for i in Indicator.objects.filter(goal__in=list(self.goals.values()))
        }
        self.activities = {
            (a.goal_id, a.title): a
            for a in Activity.objects.filter(goal__in=list(self.goals.values()), organisation=committee)
        }
        self.assessments: list[GoalAssessment] = []
        self.measurements: list[Measurement] = []
        self.follow_ups: list[ActivityFollowUp] = []
        self.previous: list[tuple[Indicator, Decimal]] = []

    def owner(self, owner: str) -> Organisation:
        return self.municipality if owner == "city" else self.committee

    def write(self, goals: tuple[d.Goal, ...]) -> None:
        for goal in goals:
            self._write_goal(goal, None)
        GoalAssessment.objects.bulk_create(self.assessments)
        Measurement.objects.bulk_create(self.measurements)
        ActivityFollowUp.objects.bulk_create(self.follow_ups)
        self._write_previous_annual()

    def _write_goal(self, goal: d.Goal, parent: Goal | None) -> None:
        owner = self.owner(goal.owner)
        values = {
            "level": goal.level,
            "parent": parent,
            "title": goal.title,
            "description": goal.description,
            "expected_results": list(goal.expected_results),
        }
        row = _upsert(
            self.goals,
            (owner.id, goal.number),
            Goal,
            {"organisation": owner, "year": self.year, "number": goal.number},
            values,
        )
        self.assessments.append(
            GoalAssessment(
                goal=row,
                report=self.report,
                status=goal.assessment.status,
                analysis=goal.assessment.analysis,
                position=len(self.assessments),
            )
        )
        for indicator in goal.indicators:
            self._write_indicator(indicator, row)
        for activity in goal.activities:
            self._write_activity(activity, row)
        for child in goal.children:
            self._write_goal(child, row)

    def _write_indicator(self, indicator: d.Indicator, goal: Goal) -> None:
        values = {
            "organisation": self.owner(indicator.owner),
            "unit": indicator.unit,
            "direction": indicator.direction or "",
            "frequency": indicator.frequency,
            "gender_split": indicator.gender_split,
            "decimals": indicator.decimals,
            "kolada_id": indicator.kolada_id or "",
            "city_target": indicator.city_target,
        }
        row = _upsert(
            self.indicators,
            (goal.id, indicator.name),
            Indicator,
            {"goal": goal, "name": indicator.name},
            values,
        )
        self.measurements.append(
            Measurement(
                indicator=row,
                organisation=self.committee,
                period=self.period,
                outcome=indicator.outcome,
                outcome_men=indicator.outcome_men,
                outcome_women=indicator.outcome_women,
                forecast=indicator.forecast,
                target=indicator.target,
                analysis=indicator.analysis,
                printed_units=dict(indicator.printed_units),
                assessment=indicator.assessment,
                position=len(self.measurements),
            )
        )
        if indicator.previous_annual is not None:
            self.previous.append((row, indicator.previous_annual))

    def _write_activity(self, activity: d.Activity, goal: Goal) -> None:
        values = {"start": activity.start, "end": activity.end, "city_assignment": activity.city_assignment}
        row = _upsert(
            self.activities,
            (goal.id, activity.title),
            Activity,
            {"goal": goal, "organisation": self.committee, "title": activity.title},
            values,
        )
        self.follow_ups.append(
            ActivityFollowUp(
                activity=row,
                report=self.report,
                deviation=activity.deviation,
                analysis=activity.analysis,
                position=len(self.follow_ups),
            )
        )

    def _write_previous_annual(self) -> None:
        """Store last year's annual outcomes as measurements of last year's AR period."""
        if not self.previous:
            return
        ref = previous_annual_period(d.PeriodRef(self.period.year, self.period.kind))
        previous_period = get_or_create_period(self.municipality, ref)
        existing = _previous_measurements(self.committee, previous_period)
        created = []
        for indicator, value in self.previous:
            measurement = existing.get(indicator.id) or existing.get(
                (indicator.organisation_id, indicator.name)
            )
            if measurement is None:
                created.append(
                    Measurement(
                        indicator=indicator,
                        organisation=self.committee,
                        period=previous_period,
                        outcome=value,
                    )
                )
            elif not same_figure(measurement.outcome, value):
                measurement.outcome = value
                measurement.version += 1
                measurement.save(update_fields=["outcome", "version"])
        Measurement.objects.bulk_create(created)


def _previous_measurements(committee: Organisation, previous_period: Period) -> dict[Any, Measurement]:
    """Last year's AR measurements by this year's indicator id and by (owner, name) of last year's."""
    found: dict[Any, Measurement] = {}
    rows = Measurement.objects.filter(organisation=committee, period=previous_period).select_related(
        "indicator__goal"
    )
    for m in rows:
        if m.indicator.goal.year == previous_period.year:
            found[(m.indicator.organisation_id, m.indicator.name)] = m
        else:
            found[m.indicator_id] = m
    return found


def _upsert(
    cache: dict[Any, Any], key: Any, model: Any, identity: dict[str, Any], values: dict[str, Any]
) -> Any:
    """Create the row, or update it where its stored values differ (raising its version, where it
    has one, so a page that showed the old values notices); keep the cache current."""
    row = cache.get(key)
    if row is None:
        row = model.objects.create(**identity, **values)
        cache[key] = row
        return row
    changed = [
        name for name, value in values.items() if _comparable(getattr(row, name)) != _comparable(value)
    ]
    for name in changed:
        setattr(row, name, values[name])
    if changed and hasattr(row, "version"):
        row.version += 1
        changed.append("version")
    if changed:
        row.save(update_fields=changed)
    return row


def _comparable(value: Any) -> Any:
    if isinstance(value, Decimal):
        return plain(value)  # a change of precision (1 → 1,0) is a change
    if hasattr(value, "pk"):
        return value.pk
    return value


# --- economy -----------------------------------------------------------------------------

_ECONOMY_MODELS = (
    em.OperatingSummaryRow,
    em.OperatingBudgetRow,
    em.VolumeTable,
    em.ResultUnitGroup,
    em.ResultUnit,
    em.InvestmentRow,
    em.GrossChangeRow,
    em.BudgetAdjustment,
    em.FundApplication,
    em.EconomyText,
)


def _save_economy(report: Report, committee: Organisation, economy: d.Economy) -> None:
    em.OperatingSummaryRow.objects.bulk_create(
        em.OperatingSummaryRow(report=report, position=i, **_fields(row))
        for i, row in enumerate(economy.operating_summary)
    )
    areas = {(a.parent_id, a.name): a for a in em.ActivityArea.objects.filter(organisation=committee)}
    position = 0

    def area_for(name: str, parent: em.ActivityArea | None) -> em.ActivityArea:
        key = (parent.id if parent else None, name)
        if key not in areas:
            areas[key] = em.ActivityArea.objects.create(organisation=committee, name=name, parent=parent)
        return areas[key]

    budget_rows = []
    for row in economy.operating_budget:
        area = area_for(row.area, None)
        budget_rows.append(
            em.OperatingBudgetRow(
                report=report, position=position, area=area, **_fields(row, "area", "children")
            )
        )
        position += 1
        for child in row.children:
            budget_rows.append(
                em.OperatingBudgetRow(
                    report=report,
                    position=position,
                    area=area_for(child.area, area),
                    **_fields(child, "area", "children"),
                )
            )
            position += 1
    if economy.operating_total is not None:
        total = economy.operating_total
        budget_rows.append(
            em.OperatingBudgetRow(
                report=report,
                position=position,
                is_total=True,
                label=total.area,
                **_fields(total, "area", "children"),
            )
        )
    em.OperatingBudgetRow.objects.bulk_create(budget_rows)

    for i, table in enumerate(economy.volumes):
        saved = em.VolumeTable.objects.create(
            report=report, position=i, title=table.title, area=table.area, columns=list(table.columns)
        )
        rows = em.VolumeRow.objects.bulk_create(
            em.VolumeRow(table=saved, position=j, label=row.label, total=row.total)
            for j, row in enumerate(table.rows)
        )
        em.VolumeValue.objects.bulk_create(
            em.VolumeValue(row=saved_row, column=k, value=value)
            for saved_row, row in zip(rows, table.rows, strict=True)
            for k, value in enumerate(row.values)
        )

    em.ResultUnitGroup.objects.bulk_create(
        em.ResultUnitGroup(report=report, position=i, **_fields(group))
        for i, group in enumerate(economy.result_unit_groups)
    )
    units = [
        em.ResultUnit(report=report, position=i, **_fields(unit))
        for i, unit in enumerate(economy.result_units)
    ]
    if economy.result_units_total is not None:
        units.append(
            em.ResultUnit(
                report=report, position=len(units), is_total=True, **_fields(economy.result_units_total)
            )
        )
    em.ResultUnit.objects.bulk_create(units)

    saved_investments = _save_row_tree(
        em.InvestmentRow, report, economy.investments, economy.investments_total, "children", "projects"
    )
    em.InvestmentProject.objects.bulk_create(
        em.InvestmentProject(investment=saved, position=j, name=p.name, amount=p.amount)
        for saved, row in saved_investments
        for j, p in enumerate(row.projects)
    )
    _save_row_tree(em.GrossChangeRow, report, economy.gross_changes, economy.gross_changes_total, "children")

    em.BudgetAdjustment.objects.bulk_create(
        em.BudgetAdjustment(report=report, position=i, **_fields(a))
        for i, a in enumerate(economy.budget_adjustments)
    )
    em.FundApplication.objects.bulk_create(
        em.FundApplication(report=report, position=i, **_fields(a))
        for i, a in enumerate(economy.fund_applications)
    )
    em.EconomyText.objects.bulk_create(
        em.EconomyText(report=report, section=section, text=text, position=i)
        for i, (section, text) in enumerate(economy.texts)
    )


def _save_row_tree(model: Any, report: Report, rows: Any, total: Any, *exclude: str) -> list[tuple[Any, Any]]:
    """Save a table's rows in printed order, each row's "varav" rows with it as parent, the total last.

    Returns (saved row, domain row) pairs, for what hangs on the rows (investment projects).
    """
    saved: list[tuple[Any, Any]] = []

    def save(row: Any, parent: Any, is_total: bool) -> None:
        stored = model.objects.create(
            report=report, position=len(saved), parent=parent, is_total=is_total, **_fields(row, *exclude)
        )
        saved.append((stored, row))
        for child in row.children:
            save(child, stored, False)

    for row in rows:
        save(row, None, False)
    if total is not None:
        save(total, None, True)
    return saved


def _fields(value: Any, *exclude: str) -> dict[str, Any]:
    return {f.name: getattr(value, f.name) for f in dataclasses.fields(value) if f.name not in exclude}


# --- reading back ------------------------------------------------------------------------


def find_report(organisation_code: str, period_key: str) -> Report:
    """The committee's report for a period ("2026-T1"); LookupError with a message if absent."""
    ref = parse_period_key(period_key)
    report = (
        Report.objects.select_related("organisation", "period", "period__municipality")
        .filter(organisation__code=organisation_code, period__year=ref.year, period__kind=ref.kind)
        .first()
    )
    if report is None:
        if not Organisation.objects.filter(code=organisation_code).exists():
            raise LookupError(f"ingen organisation med koden «{organisation_code}»")
        raise LookupError(f"{organisation_code} har ingen rapport för {period_key}")
    return report


def load_followup(organisation_code: str, period_key: str) -> d.FollowUp:
    """Read a committee's report for a period back into a FollowUp."""
    return followup_from_report(find_report(organisation_code, period_key))
