"""Each report's counts (``ReportCounts``: the check's findings, its errors and warnings, goals
and assessed goals), kept with the report so that the city view reads one row per committee and
the overview one row, instead of loading and checking whole reports.

How they stay correct: every save or delete of a row a report's check reads (the report, its
assessments, measurements, activity follow-ups, economy rows, proposals, attachments, and the
shared goals, indicators, activities and periods; a measurement of an annual report also
drops the counts of the same committee's reports of the next year, which show it as last year's
outcome) drops the counts of the reports it touches, in
the same transaction (one query the first time a transaction touches a report, a goal, …), and
when the transaction commits those reports' counts are computed again. A change that touches
more than ``RECOMPUTE_AT_ONCE`` reports (a city goal shared by every committee, an import of a
whole municipality) leaves them dropped, and ``counts_for`` computes each one the next time a
page asks for it. So a report's counts are never read stale, only computed late; rows written
without signals (``QuerySet.update``, ``bulk_create`` alone) must go through ``note_changed``, as
``save_followup`` does.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Model, Q, Subquery
from django.db.models.signals import post_delete, post_save

from styrkort.domain.checks import count_by_severity, run_checks
from styrkort.domain.document import FollowUp
from styrkort.domain.findings import Finding
from styrkort.economy import models as em
from styrkort.followup.models import Attachment, DecisionProposal, Period, Report, ReportCounts
from styrkort.goals.models import Activity, ActivityFollowUp, Goal, GoalAssessment, Indicator, Measurement
from styrkort.storage.load import GoalRows, followup_from_report
from styrkort.storage.overview import overview_json

RECOMPUTE_AT_ONCE = 20
# Report fields no check reads: a workflow step (state, version) leaves the counts as they are.
UNCHECKED_REPORT_FIELDS = frozenset({"state", "version"})


def compute_counts(report: Report) -> ReportCounts:
    """Load and check the report, and store what was found with the overview of its goals
    (``storage.overview``, from the same rows)."""
    rows = GoalRows(report, report.period.municipality)
    goals = rows.goals()
    made = counts_of(report, followup_from_report(report, goals=goals))
    made.overview = overview_json(report, rows, goals)
    counts, _ = ReportCounts.objects.update_or_create(
        report=report, defaults={name: getattr(made, name) for name in (*COUNTED, "overview")}
    )
    report.counts = counts
    counts_stored(report._state.db or "default")
    return counts


COUNTED = ("errors", "warnings", "goals", "assessed", "findings")


def counts_of(report: Report, followup: FollowUp) -> ReportCounts:
    """The counts of ``report`` holding exactly ``followup`` (as it reads back), not saved."""
    findings = run_checks(followup)
    found = count_by_severity(findings)
    goals = followup.all_goals()
    return ReportCounts(
        report=report,
        errors=found["error"],
        warnings=found["warning"],
        goals=len(goals),
        assessed=sum(1 for goal in goals if goal.assessment.status != "not_assessed"),
        findings=[finding_to_json(finding) for finding in findings],
    )


def counts_stored(using: str) -> None:
    """Counts were stored in the middle of a transaction: the next change drops them again
    (``_Pending`` drops a report's counts only the first time a change touches it)."""
    pending = getattr(transaction.get_connection(using), PENDING, None)
    if pending is not None:
        pending.invalidated.clear()


def counts_for(reports: Iterable[Report]) -> dict[int, ReportCounts]:
    """The counts of these reports, by report id; those not stored yet are computed and stored.

    Reports read with ``select_related("counts")`` cost no query here when their counts are
    stored (the city view's case)."""
    return {report.pk: _counts_of(report) for report in reports}


def _counts_of(report: Report) -> ReportCounts:
    try:
        return report.counts
    except ReportCounts.DoesNotExist:
        return compute_counts(report)


def stored_findings(report: Report) -> list[Finding]:
    """The check's findings in the report as last computed (computed now if never)."""
    return [finding_from_json(item) for item in _counts_of(report).findings]


def finding_to_json(finding: Finding) -> dict[str, Any]:
    """A finding as stored; figures as text, so that they come back with their precision."""
    return {
        **{name: getattr(finding, name) for name in ("severity", "rule", "where", "message", "part")},
        "expected": None if finding.expected is None else str(finding.expected),
        "found": None if finding.found is None else str(finding.found),
    }


def finding_from_json(item: dict[str, Any]) -> Finding:
    return Finding(
        severity=item["severity"],
        rule=item["rule"],
        where=item["where"],
        message=item["message"],
        expected=None if item["expected"] is None else Decimal(item["expected"]),
        found=None if item["found"] is None else Decimal(item["found"]),
        part=item["part"],
    )


# --- keeping them current --------------------------------------------------------------------


class _Pending:
    """What the current transaction changed, resolved to reports when it commits (one query per
    kind of change, whatever the number of rows)."""

    def __init__(self, using: str) -> None:
        self.using = using
        self.reports: set[int] = set()
        self.keys: dict[str, set[Any]] = {}
        # Dropped already in this transaction, and not computed again since.
        self.invalidated: set[tuple[str, Any]] = set()

    def add(self, kind: str, key: object) -> None:
        """Note a change; the first time a key is noted, the counts it touches are dropped at
        once, in the same transaction (so they are never read stale, even before the commit)."""
        if key is None:
            return
        seen: set[Any] = self.reports if kind == "report" else self.keys.setdefault(kind, set())
        seen.add(key)
        if (kind, key) not in self.invalidated:
            self.invalidated.add((kind, key))
            self.invalidate(kind, key)

    def invalidate(self, kind: str, key: Any) -> None:
        counts = ReportCounts.objects.using(self.using)
        if kind == "report":
            counts = counts.filter(report_id=key)
        elif kind == "measured":  # that period's report, and next year's (last year's outcomes)
            counts = counts.filter(report__organisation_id=key[0]).filter(
                Q(report__period_id=key[1]) | Q(report__period__in=_following_year(self.using, key[1]))
            )
        elif kind == "goal":
            counts = counts.filter(report__assessments__goal_id=key)
        elif kind == "activity":
            counts = counts.filter(report__activity_follow_ups__activity_id=key)
        elif kind == "period":
            counts = counts.filter(report__period_id=key)
        elif kind == "indicator":  # every report of a committee that measures it (some too many)
            counts = counts.filter(report__organisation__measurements__indicator_id=key)
        else:
            model, path = CHILDREN[kind]
            owners = model._default_manager.using(self.using).filter(pk=key).values(path)
            counts = counts.filter(report_id__in=owners)
        counts.delete()

    def resolve(self) -> set[int]:
        ids = set(self.reports)
        keys = self.keys
        reports = Report.objects.using(self.using).values_list("id", flat=True)
        if goals := keys.get("goal"):
            ids.update(reports.filter(assessments__goal_id__in=goals))
        if activities := keys.get("activity"):
            ids.update(reports.filter(activity_follow_ups__activity_id__in=activities))
        if periods := keys.get("period"):
            ids.update(reports.filter(period_id__in=periods))
        for kind, (model, path) in CHILDREN.items():
            if kind in keys:
                rows = model._default_manager.using(self.using).filter(pk__in=keys[kind])
                ids.update(rows.values_list(path, flat=True))
        pairs = set(keys.get("measured", set()))
        if indicators := keys.get("indicator"):
            measured = Measurement.objects.using(self.using).filter(indicator_id__in=indicators)
            pairs.update(measured.values_list("organisation_id", "period_id").distinct())
        for organisation_id, period_id in pairs:
            ids.update(
                reports.filter(organisation_id=organisation_id).filter(
                    Q(period_id=period_id) | Q(period__in=_following_year(self.using, period_id))
                )
            )
        return ids

    def flush(self) -> None:
        """Compute the counts of the changed reports again (or drop them: see the docstring)."""
        connection = transaction.get_connection(self.using)
        if getattr(connection, PENDING, None) is self:
            delattr(connection, PENDING)
        ids = self.resolve()
        if len(ids) > RECOMPUTE_AT_ONCE:
            return  # dropped already: computed when next asked for
        reports = Report.objects.using(self.using).filter(pk__in=ids)
        for report in reports.select_related("organisation__parent", "period__municipality"):
            compute_counts(report)


def _following_year(using: str, period_id: int) -> Any:
    """The periods of the year after an annual report's period (whose reports show its outcomes
    as last year's); none for a period that is no annual report's. A subquery, not a query."""
    periods = Period.objects.using(using)
    annual = periods.filter(pk=period_id, kind="AR")
    return periods.filter(
        municipality_id=Subquery(annual.values("municipality_id")[:1]),
        year=Subquery(annual.values("year")[:1]) + 1,
    ).values("pk")


# Rows of the economy that belong to a report through another row: their kind, model and path.
CHILDREN: dict[str, tuple[type[Model], str]] = {
    "volume_table": (em.VolumeTable, "report_id"),
    "volume_row": (em.VolumeRow, "table__report_id"),
    "investment": (em.InvestmentRow, "report_id"),
    "area": (em.ActivityArea, "rows__report_id"),  # its name is printed in each report using it
}
PENDING = "_styrkort_report_counts"  # on the connection: one per thread and transaction


def _note(using: str, kind: str, key: object) -> None:
    connection = transaction.get_connection(using)
    pending: _Pending | None = getattr(connection, PENDING, None)
    # A transaction rolled back drops its commit hooks: a pending set without its hook is stale.
    if pending is None or not any(entry[1] == pending.flush for entry in connection.run_on_commit):
        pending = _Pending(using)
        setattr(connection, PENDING, pending)
        if connection.in_atomic_block:
            transaction.on_commit(pending.flush, using=using)
        else:  # autocommit: the change is committed already
            pending.add(kind, key)
            pending.flush()
            return
    pending.add(kind, key)


def note_changed(report: Report) -> None:
    """The report changed in ways the signals do not see (rows written in bulk)."""
    _note(report._state.db or "default", "report", report.pk)


def _changed(
    sender: type[Model], instance: Model, raw: bool = False, using: str = "default", **kwargs: Any
) -> None:
    if raw:
        return
    if sender is Report:
        fields = kwargs.get("update_fields")
        if fields is None or not set(fields) <= UNCHECKED_REPORT_FIELDS:
            _note(using, "report", instance.pk)
    elif (report_id := getattr(instance, "report_id", None)) is not None:
        _note(using, "report", report_id)
    elif sender is Measurement:
        _note(using, "measured", (instance.organisation_id, instance.period_id))  # type: ignore[attr-defined]
    elif sender is em.VolumeRow:
        _note(using, "volume_table", instance.table_id)  # type: ignore[attr-defined]
    elif sender is em.VolumeValue:
        _note(using, "volume_row", instance.row_id)  # type: ignore[attr-defined]
    elif sender is em.InvestmentProject:
        _note(using, "investment", instance.investment_id)  # type: ignore[attr-defined]
    elif sender is em.ActivityArea:
        _note(using, "area", instance.pk)
    elif sender in LOOKUPS:
        _note(using, LOOKUPS[sender], instance.pk)


LOOKUPS: dict[type[Model], str] = {
    Goal: "goal",
    Indicator: "indicator",
    Activity: "activity",
    Period: "period",
}
WATCHED: tuple[type[Model], ...] = (
    Report,
    DecisionProposal,
    Attachment,
    GoalAssessment,
    ActivityFollowUp,
    Measurement,
    *LOOKUPS,
    em.ActivityArea,
    em.OperatingSummaryRow,
    em.OperatingBudgetRow,
    em.VolumeTable,
    em.VolumeRow,
    em.VolumeValue,
    em.ResultUnitGroup,
    em.ResultUnit,
    em.InvestmentRow,
    em.InvestmentProject,
    em.GrossChangeRow,
    em.BudgetAdjustment,
    em.FundApplication,
    em.EconomyText,
)


def connect() -> None:
    for model in WATCHED:
        post_save.connect(_changed, sender=model, dispatch_uid=f"report_counts_saved_{model._meta.label}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"report_counts_deleted_{model._meta.label}")
