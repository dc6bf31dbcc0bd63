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

from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

from django.db import transaction

from styrkort.audit.trail import field_changes_suspended, record
from styrkort.domain import document as d
from styrkort.domain.numbers import FigureError, plain, same_figure
from styrkort.domain.periods import parse_period_key, period_bounds, previous_annual_period
from styrkort.exchange.document import to_json
from styrkort.followup.lock import LOCKED_STATES, LockedReportError
from styrkort.followup.models import Attachment, DecisionProposal, Period, Report, ReportCounts
from styrkort.goals.models import Activity, ActivityFollowUp, Goal, GoalAssessment, Indicator, Measurement
from styrkort.organisations.models import Organisation
from styrkort.storage.copy import insert_rows
from styrkort.storage.counts import counts_of, counts_stored, note_changed
from styrkort.storage.economy import ECONOMY_MODELS, save_economy
from styrkort.storage.load import followup_from_report
from styrkort.storage.validate import InvalidFollowUp, RemovalRefused, check_followup, removed_items


@transaction.atomic
def save_followups(
    followups: Iterable[d.FollowUp],
    source: str = "import",
    *,
    allow_removal: bool = False,
    counts_from_documents: bool = False,
) -> list[Report]:
    """Save many follow-ups, in order, in one transaction: all or nothing (the bulk mode of
    ``generate-demo``). Each is saved exactly as ``save_followup`` saves it, with its refusals
    and its one audit entry per report; the organisations and periods are looked up once for
    the whole batch, and the rows nothing else in the batch needs the keys of (assessments,
    measurements, most economy rows, …) are inserted together across reports (``_Known``).

    ``counts_from_documents``: each new report's counts (``storage.counts``) are those of its
    document, stored with it instead of computed again by reading it back. Only for documents
    known to read back equal to themselves once the whole batch is stored (the demo's:
    tests/storage/test_demo_storage); otherwise the counts follow the usual way."""
    known = _Known(counts_from_documents)
    saved = [_save(followup, source, allow_removal, known) for followup in followups]
    known.flush()
    return saved


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
    known = _Known()
    report = _save(followup, source, allow_removal, known)
    known.flush()
    return report


FLUSH_AT = 5000  # rows waiting to be inserted


class _Known:
    """What this transaction has read or written: organisations (by code), periods (by
    municipality, year and kind), and rows waiting to be inserted.

    Rows that no later row needs the key of are not inserted report by report but ``defer``-red
    and inserted together (``flush``): at ``FLUSH_AT`` rows, at the end of the batch, and before
    anything reads or changes rows of the kind that may be waiting (a stored report replaced, a
    period's measurements cleared, a shared row updated: its counts must be found to be dropped).
    Measurements waiting are also looked up by committee and period (``waiting_measurements``),
    for next year's report, which stores last year's outcomes."""

    def __init__(self, counts_from_documents: bool = False) -> None:
        self.organisations: dict[str, Organisation] = {}
        self.periods: dict[tuple[int, int, str], Period] = {}
        self.counts_from_documents = counts_from_documents
        self.waiting: dict[type[Any], list[Any]] = {}
        self.measured: dict[tuple[int, int], list[tuple[Measurement, int]]] = {}
        self.size = 0
        self.using = "default"

    def defer(self, model: type[Any], rows: Iterable[Any]) -> None:
        found = list(rows)
        self.waiting.setdefault(model, []).extend(found)
        self.size += len(found)
        if self.size >= FLUSH_AT:
            self.flush()

    def defer_measurements(self, rows: list[Measurement], goal_year: int) -> None:
        """Measurements of indicators of ``goal_year``'s goals, to be inserted."""
        for row in rows:
            self.measured.setdefault((row.organisation_id, row.period_id), []).append((row, goal_year))
        self.defer(Measurement, rows)

    def waiting_measurements(
        self, organisation: Organisation, period: Period
    ) -> list[tuple[Measurement, int]]:
        return self.measured.get((organisation.id, period.id), [])

    def flush(self) -> None:
        waiting, self.waiting, self.measured, self.size = self.waiting, {}, {}, 0
        for model, rows in waiting.items():
            insert_rows(model, rows, self.using)  # COPY on PostgreSQL
        if ReportCounts in waiting:
            counts_stored(self.using)


def _save(followup: d.FollowUp, source: str, allow_removal: bool, known: _Known) -> Report:
    problems = d.figure_problems(followup)
    if problems:
        shown = "\n".join(f"- {problem}" for problem in problems[:20])
        more = f"\n… och {len(problems) - 20} till" if len(problems) > 20 else ""
        raise FigureError(
            f"{len(problems)} tal får inte plats i sina kolumner; inget sparades:\n{shown}{more}"
        )
    check_followup(followup)
    municipality, committee = _save_organisations(followup.organisation, known)
    period = get_or_create_period(municipality, followup.period, known)
    report = Report.objects.filter(organisation=committee, period=period).first()
    if report is not None:
        known.flush()  # what it holds is read and replaced
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
        report = _write_report(followup, report, municipality, committee, period, known)
    note_changed(report)  # most rows were written in bulk, unseen by the counts' signals
    if known.counts_from_documents and replaced is None:
        known.defer(ReportCounts, [counts_of(report, followup)])
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
    known: _Known,
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
    new = report is None
    if report is None:
        report = Report.objects.create(organisation=committee, period=period, **fields)
    else:
        for name, value in fields.items():
            setattr(report, name, value)
        report.version += 1
        report.save()
    if known.waiting_measurements(committee, period):
        known.flush()  # cleared next
    _clear_report(report, committee, period, new)
    known.defer(
        DecisionProposal,
        (DecisionProposal(report=report, number=p.number, text=p.text) for p in followup.decision_proposals),
    )
    _save_attachments(report, followup.attachments, new, known)
    _GoalWriter(report, municipality, committee, period, known).write(followup.goals)
    save_economy(report, committee, followup.economy, known.defer)
    return report


def _save_attachments(
    report: Report, attachments: tuple[d.Attachment, ...], new: bool, known: _Known
) -> None:
    """Attachments by number: titles updated, missing ones added; an uploaded file is never dropped."""
    existing = {} if new else {a.number: a for a in report.attachments.all()}
    added = []
    for attachment in attachments:
        row = existing.pop(attachment.number, None)
        if row is None:
            added.append(Attachment(report=report, number=attachment.number, title=attachment.title))
        elif row.title != attachment.title:
            row.title = attachment.title
            row.save(update_fields=["title"])
    known.defer(Attachment, added)
    for row in existing.values():
        if not row.file:
            row.delete()


def get_or_create_period(municipality: Organisation, ref: d.PeriodRef, known: _Known | None = None) -> Period:
    key = (municipality.id, ref.year, ref.kind)
    if known is not None and key in known.periods:
        return known.periods[key]
    starts, ends = period_bounds(ref)
    period, _ = Period.objects.get_or_create(
        municipality=municipality, year=ref.year, kind=ref.kind, defaults={"starts": starts, "ends": ends}
    )
    if known is not None:
        known.periods[key] = period
    return period


def _save_organisations(node: d.Organisation, known: _Known) -> tuple[Organisation, Organisation]:
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
        org = known.organisations.get(item.code)
        if org is None:
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
        known.organisations[item.code] = org
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


def _clear_report(report: Report, committee: Organisation, period: Period, new: bool) -> None:
    """Remove what the report held, before it is written anew (a new report holds nothing, but
    its period's measurements may exist: a later year's report stores last year's outcomes)."""
    Measurement.objects.filter(
        organisation=committee, period=period, indicator__goal__year=period.year
    ).delete()
    if new:
        return
    report.decision_proposals.all().delete()
    report.assessments.all().delete()
    report.activity_follow_ups.all().delete()
    for model in ECONOMY_MODELS:
        model.objects.filter(report=report).delete()


class _GoalWriter:
    """Writes the goal tree of one report, matching existing rows by their keys.

    New goals are inserted a level at a time (a child needs its parent's key), new indicators
    and activities in one insert each, assessments, measurements and follow-ups in one insert
    each: a report costs a few dozen queries however many goals it has.
    """

    def __init__(
        self,
        report: Report,
        municipality: Organisation,
        committee: Organisation,
        period: Period,
        known: _Known,
    ):
        self.report, self.municipality, self.committee, self.period = report, municipality, committee, period
        self.known = known
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
        self.previous: list[tuple[Indicator, Decimal]] = []

    def owner(self, owner: str) -> Organisation:
        return self.municipality if owner == "city" else self.committee

    def write(self, goals: tuple[d.Goal, ...]) -> None:
        printed: list[tuple[d.Goal, Goal]] = []  # every goal with its row, in printed order
        rows = self._write_goals(goals)
        stack = list(reversed(goals))
        while stack:
            goal = stack.pop()
            printed.append((goal, rows[id(goal)]))
            stack.extend(reversed(goal.children))
        indicators = self._rows(
            Indicator,
            self.indicators,
            [
                ((row.id, i.name), {"goal": row, "name": i.name}, self._indicator_values(i))
                for goal, row in printed
                for i in goal.indicators
            ],
        )
        activities = self._rows(
            Activity,
            self.activities,
            [
                (
                    (row.id, a.title),
                    {"goal": row, "organisation": self.committee, "title": a.title},
                    {"start": a.start, "end": a.end, "city_assignment": a.city_assignment},
                )
                for goal, row in printed
                for a in goal.activities
            ],
        )
        self.known.defer(
            GoalAssessment,
            (
                GoalAssessment(
                    goal=row,
                    report=self.report,
                    status=goal.assessment.status,
                    analysis=goal.assessment.analysis,
                    position=position,
                )
                for position, (goal, row) in enumerate(printed)
            ),
        )
        domain_indicators = [i for goal, _ in printed for i in goal.indicators]
        self.known.defer_measurements(
            [
                self._measurement(indicator, row, position)
                for position, (indicator, row) in enumerate(zip(domain_indicators, indicators, strict=True))
            ],
            self.year,
        )
        domain_activities = [a for goal, _ in printed for a in goal.activities]
        self.known.defer(
            ActivityFollowUp,
            (
                ActivityFollowUp(
                    activity=row,
                    report=self.report,
                    deviation=activity.deviation,
                    analysis=activity.analysis,
                    position=position,
                )
                for position, (activity, row) in enumerate(zip(domain_activities, activities, strict=True))
            ),
        )
        self.previous = [
            (row, indicator.previous_annual)
            for indicator, row in zip(domain_indicators, indicators, strict=True)
            if indicator.previous_annual is not None
        ]
        self._write_previous_annual()

    def _write_goals(self, goals: tuple[d.Goal, ...]) -> dict[int, Goal]:
        """The row of every goal (by ``id`` of the domain goal), a level of the tree at a time."""
        rows: dict[int, Goal] = {}
        level: list[tuple[d.Goal, Goal | None]] = [(goal, None) for goal in goals]
        while level:
            found = self._rows(
                Goal,
                self.goals,
                [
                    (
                        (self.owner(goal.owner).id, goal.number),
                        {"organisation": self.owner(goal.owner), "year": self.year, "number": goal.number},
                        {
                            "level": goal.level,
                            "parent": parent,
                            "title": goal.title,
                            "description": goal.description,
                            "expected_results": list(goal.expected_results),
                        },
                    )
                    for goal, parent in level
                ],
            )
            rows.update((id(goal), row) for (goal, _), row in zip(level, found, strict=True))
            level = [
                (child, row) for (goal, _), row in zip(level, found, strict=True) for child in goal.children
            ]
        return rows

    def _rows(
        self, model: Any, cache: dict[Any, Any], wanted: list[tuple[Any, dict[str, Any], dict[str, Any]]]
    ) -> list[Any]:
        """The row for each (key, identity, values): existing rows updated where they differ
        (``_update``), the missing ones inserted together."""
        rows, missing = [], []
        for key, identity, values in wanted:
            row = cache.get(key)
            if row is None:
                row = model(**identity, **values)
                missing.append(row)
            else:
                _update(row, values, self.known.flush)
            rows.append(row)
        model.objects.bulk_create(missing)
        for (key, _, _), row in zip(wanted, rows, strict=True):
            cache[key] = row
        return rows

    def _indicator_values(self, indicator: d.Indicator) -> dict[str, Any]:
        return {
            "organisation": self.owner(indicator.owner),
            "unit": indicator.unit,
            "direction": indicator.direction or "",
            "frequency": indicator.frequency,
            "gender_split": indicator.gender_split,
            "decimals": indicator.decimals,
            "kolada_id": indicator.kolada_id or "",
            "city_target": indicator.city_target,
        }

    def _measurement(self, indicator: d.Indicator, row: Indicator, position: int) -> Measurement:
        return Measurement(
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
            sources=_sources(indicator),
            assessment=indicator.assessment,
            position=position,
        )

    def _write_previous_annual(self) -> None:
        """Store last year's annual outcomes as measurements of last year's AR period."""
        if not self.previous:
            return
        ref = previous_annual_period(d.PeriodRef(self.period.year, self.period.kind))
        previous_period = get_or_create_period(self.municipality, ref, self.known)
        existing = _previous_measurements(self.committee, previous_period)
        for waiting, goal_year in self.known.waiting_measurements(self.committee, previous_period):
            indicator = waiting.indicator
            key = (indicator.organisation_id, indicator.name) if goal_year == ref.year else indicator.id
            existing[key] = waiting
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
                self.known.flush()  # inserts it, if it is waiting; its report's counts are dropped
                measurement.outcome = value
                measurement.version += 1
                measurement.save(update_fields=["outcome", "version"])
        self.known.defer_measurements(created, self.year)


def _sources(indicator: d.Indicator) -> dict[str, Any]:
    """A measurement's ``sources`` from the document's: each cited figure with the value it holds."""
    found: dict[str, Any] = {}
    for name, source in indicator.sources:
        value = getattr(indicator, name, None)
        if name != "previous_annual" and isinstance(value, Decimal):
            found[name] = {"source": source, "value": plain(value)}
    return found


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


def _update(row: Any, values: dict[str, Any], before_saving: Callable[[], None]) -> None:
    """Update the row where its stored values differ (raising its version, where it has one, so
    a page that showed the old values notices). A related row is compared by its key, without
    loading it. ``before_saving`` is called before a row is saved (rows waiting are inserted)."""
    changed = []
    for name, value in values.items():
        field = row._meta.get_field(name)
        stored = getattr(row, field.attname) if field.is_relation else getattr(row, name)
        if _comparable(stored) != _comparable(value):
            changed.append(name)
    for name in changed:
        setattr(row, name, values[name])
    if changed and hasattr(row, "version"):
        row.version += 1
        changed.append("version")
    if changed:
        before_saving()
        row.save(update_fields=changed)


def _comparable(value: Any) -> Any:
    if isinstance(value, Decimal):
        return plain(value)  # a change of precision (1 → 1,0) is a change
    if hasattr(value, "pk"):
        return value.pk
    return value


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
            raise LookupError(f"ingen organisation med koden ”{organisation_code}”")
        raise LookupError(f"{organisation_code} har ingen rapport för {period_key}")
    return report


def load_followup(organisation_code: str, period_key: str) -> d.FollowUp:
    """Read a committee's report for a period back into a FollowUp."""
    return followup_from_report(find_report(organisation_code, period_key))
