"""A report's workflow and the lock on decided reports.

States: open → in review → approved → decided. A controller submits an open report for review
and may send a report in review (or an approved one) back to open with a reason; the approver
approves a report in review; deciding stores an immutable ``ReportSnapshot`` (exchange JSON,
and PDF/DOCX where the renderers exist) and locks the report. Only an administrator reopens a
decided report, and only with a written reason, which is kept as a ``Reopening``.

Who may call which transition is the views' business (``styrkort.accounts.access``); these
functions enforce the states, the reasons and the lock, and raise ``WorkflowError`` with a
Swedish message otherwise.

The lock: ``connect()`` installs ``pre_save``/``pre_delete`` receivers that refuse, with
``LockedReportError``, any change to a decided report or to anything stored in it — so the
pages, the admin, management commands and ``save_followup`` (which checks it itself as well)
all stop at it. Goal, indicator and activity *definitions* are shared across periods and
committees and stay editable; the decided text is in the snapshot.
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from typing import Any

from django.db import models, transaction
from django.db.models.signals import pre_delete, pre_save

from styrkort.domain import document as d
from styrkort.exchange.store import LockedReportError
from styrkort.followup.models import ReadyMark, Reopening, Report, ReportSnapshot
from styrkort.organisations.models import Organisation

State = Report.State


class WorkflowError(Exception):
    """A transition that the report's state or the input does not allow (message in Swedish)."""


_unlocking: contextvars.ContextVar[bool] = contextvars.ContextVar("report_unlocking", default=False)


@contextmanager
def _unlocked() -> Iterator[None]:
    token = _unlocking.set(True)
    try:
        yield
    finally:
        _unlocking.reset(token)


def _transition(report: Report, allowed_from: tuple[str, ...], to: str, verb: str) -> Report:
    """Move the report to ``to`` if it is (still) in one of ``allowed_from``; bump its version."""
    current = Report.objects.select_for_update().get(pk=report.pk)
    if current.state not in allowed_from:
        raise WorkflowError(f"rapporten kan inte {verb} när den är «{current.get_state_display().lower()}»")
    current.state = to
    current.version += 1
    current.save(update_fields=["state", "version"])
    report.state, report.version = current.state, current.version
    return current


@transaction.atomic
def submit_for_review(report: Report) -> Report:
    """The controller sends an open report to review."""
    return _transition(report, (State.OPEN,), State.IN_REVIEW, "skickas till granskning")


@transaction.atomic
def send_back(report: Report, reason: str) -> Report:
    """The controller returns a report in review, or an approved one, to open, with a reason."""
    if not reason.strip():
        raise WorkflowError("skriv varför rapporten skickas tillbaka")
    return _transition(report, (State.IN_REVIEW, State.APPROVED), State.OPEN, "skickas tillbaka")


@transaction.atomic
def approve(report: Report) -> Report:
    """The approver (the director) approves a report in review."""
    return _transition(report, (State.IN_REVIEW,), State.APPROVED, "godkännas")


def decide(report: Report, by: str, render: bool = True) -> ReportSnapshot:
    """Record the committee's decision: snapshot the approved report, then lock it."""
    if report.state != State.APPROVED:
        raise WorkflowError("bara en godkänd rapport kan beslutas")
    documents = render_documents(report) if render else {}
    with transaction.atomic():
        current = _transition(report, (State.APPROVED,), State.DECIDED, "beslutas")
        return ReportSnapshot.objects.create(
            report=current,
            created_by=by,
            report_version=current.version,
            exchange_json=documents.get("json") or exchange_json(report),
            pdf=documents.get("pdf"),
            docx=documents.get("docx"),
        )


@transaction.atomic
def reopen(report: Report, by: str, reason: str) -> Reopening:
    """An administrator reopens a decided report; the reason is required and kept."""
    if not reason.strip():
        raise WorkflowError("skriv varför den beslutade rapporten öppnas igen")
    with _unlocked():
        _transition(report, (State.DECIDED,), State.OPEN, "öppnas igen")
    return Reopening.objects.create(report=report, by=by, reason=reason.strip())


@transaction.atomic
def mark_ready(report: Report, user: Any) -> ReadyMark:
    """A reporter says their parts are ready (while the report is open or in review)."""
    if report.state not in (State.OPEN, State.IN_REVIEW):
        raise WorkflowError("delarna kan bara markeras som klara medan rapporten är öppen")
    mark, _ = ReadyMark.objects.get_or_create(report=report, user=user)
    return mark


@transaction.atomic
def unmark_ready(report: Report, user: Any) -> None:
    """A reporter takes back their "ready" (to change something more)."""
    for mark in ReadyMark.objects.filter(report=report, user=user):
        mark.delete()


def exchange_json(report: Report) -> str:
    from styrkort.exchange.document import to_json
    from styrkort.exchange.store import load_followup

    return to_json(load_followup(report.organisation.code, report.period.key))


def render_documents(report: Report) -> dict[str, Any]:
    """The decided documents: the exchange JSON, the PDF and the DOCX.

    A renderer that fails stops the decision (WorkflowError): a decision must not be stored
    without the document it decides on.
    """
    from styrkort.reports.build import build_report_data
    from styrkort.reports.docx import render_docx
    from styrkort.reports.pdf import render_pdf_in_subprocess

    documents: dict[str, Any] = {"json": exchange_json(report)}
    data = build_report_data(report.organisation.code, report.period.key)
    try:
        documents["pdf"] = render_pdf_in_subprocess(data)
        documents["docx"] = render_docx(data)
    except Exception as error:
        kind = "DOCX" if "pdf" in documents else "PDF"
        raise WorkflowError(
            f"{kind}-filen kunde inte skapas, så rapporten beslutades inte: {error}"
        ) from error
    return documents


# --- opening a period ----------------------------------------------------------------------


def blank_followup(source: d.FollowUp, period: d.PeriodRef) -> d.FollowUp:
    """A new period's report, shaped like ``source``: same goals, indicators, targets and
    activities, with nothing of the old period's assessments, outcomes, forecasts, analyses or
    decision page. The economy is carried over as the starting point to update (its budget is
    the year's, its forecasts the latest known). Moving to a new year, last year's annual
    outcome becomes the source's outcome when the source is that year's annual report.
    """

    def indicator(item: d.Indicator) -> d.Indicator:
        previous = item.previous_annual
        if period.year != source.period.year:
            previous = item.outcome if source.period.kind == "AR" else None
        return replace(
            item,
            outcome=None,
            outcome_men=None,
            outcome_women=None,
            forecast=None,
            analysis="",
            previous_annual=previous,
        )

    def goal(item: d.Goal) -> d.Goal:
        return replace(
            item,
            assessment=d.Assessment(),
            indicators=tuple(indicator(i) for i in item.indicators),
            activities=tuple(replace(a, deviation="", analysis="") for a in item.activities),
            children=tuple(goal(child) for child in item.children),
        )

    return replace(
        source,
        period=period,
        report=replace(source.report, title="", report_date=None, meeting_date=None),
        decision_proposals=(),
        summary="",
        goals=tuple(goal(g) for g in source.goals),
        attachments=(),
    )


def open_period(municipality: Organisation, period: d.PeriodRef) -> list[Report]:
    """Open a period for every committee of the municipality that has a report to start from
    and none for the period yet; one transaction. Returns the reports created."""
    from styrkort.exchange.load import followup_from_report
    from styrkort.exchange.store import save_followup

    created = []
    with transaction.atomic():
        committees = Organisation.objects.filter(parent=municipality, kind=Organisation.Kind.COMMITTEE)
        for committee in committees.order_by("code"):
            reports = Report.objects.filter(organisation=committee).select_related(
                "organisation__parent", "period__municipality"
            )
            if reports.filter(period__year=period.year, period__kind=period.kind).exists():
                continue
            latest = reports.order_by("-period__year", "-period__ends").first()
            if latest is None:
                continue
            blank = blank_followup(followup_from_report(latest), period)
            created.append(save_followup(blank, source=f"periodstart från {latest.period.key}"))
    return created


# --- the lock ------------------------------------------------------------------------------


def _lock_key(instance: Any) -> tuple | None:
    """What decides whether the object is locked: which report (or row of one) it is stored in."""
    label = instance._meta.label_lower
    if instance._meta.app_label not in ("followup", "goals", "economy") or label in (
        "followup.period",
        "followup.reportsnapshot",
        "followup.reopening",
    ):
        return None
    if label == "followup.report":
        return ("report", instance.pk) if instance.pk else None
    if label == "goals.measurement":
        return ("measurement", instance.organisation_id, instance.period_id)
    if label == "economy.volumerow":
        return ("volume_table", instance.table_id)
    if label == "economy.volumevalue":
        return ("volume_row", instance.row_id)
    if label == "economy.investmentproject":
        return ("investment", instance.investment_id)
    report_id = getattr(instance, "report_id", None)
    return ("report", report_id) if report_id is not None else None


def _decided(key: tuple) -> bool:
    from styrkort.economy import models as em

    decided = Report.objects.filter(state=State.DECIDED)
    kind, *ids = key
    if kind == "report":
        return decided.filter(pk=ids[0]).exists()
    if kind == "measurement":
        return decided.filter(organisation_id=ids[0], period_id=ids[1]).exists()
    report_ids = {
        "volume_table": em.VolumeTable.objects.filter(pk=ids[0]).values("report_id"),
        "volume_row": em.VolumeRow.objects.filter(pk=ids[0]).values("table__report_id"),
        "investment": em.InvestmentRow.objects.filter(pk=ids[0]).values("report_id"),
    }[kind]
    return decided.filter(pk__in=report_ids).exists()


def is_locked(instance: models.Model) -> bool:
    """Whether the object is, or is stored in, a decided report."""
    key = _lock_key(instance)
    return key is not None and _decided(key)


def _refuse_locked(sender, instance, raw=False, origin=None, **kwargs) -> None:
    if raw or _unlocking.get():
        return
    key = _lock_key(instance)
    if key is None:
        return
    # A delete of many rows (a queryset, a cascade) asks once per report, not once per row.
    cache = origin.__dict__.setdefault("_styrkort_locks", {}) if hasattr(origin, "__dict__") else {}
    if key not in cache:
        cache[key] = _decided(key)
    if cache[key]:
        raise LockedReportError(
            f"rapporten är beslutad och låst; «{instance}» kan inte ändras eller tas bort"
        )


def connect() -> None:
    pre_save.connect(_refuse_locked, dispatch_uid="workflow_refuse_locked_save")
    pre_delete.connect(_refuse_locked, dispatch_uid="workflow_refuse_locked_delete")
