"""A report's workflow and the lock on decided reports.

States: open → in review → approved → decided. A controller submits an open report for review
and may send a report in review (or an approved one) back to open with a reason; the approver
approves a report in review; deciding stores an immutable ``ReportSnapshot`` (the exchange
JSON; its PDF and DOCX are rendered from it by the background worker, ``documents``) and locks
the report. Only an administrator reopens a decided report, and only with a written reason,
which is kept as a ``Reopening``.

Who may call which transition is the views' business (``styrkort.accounts.access``); these
functions enforce the states, the reasons and the lock, and raise ``WorkflowError`` with a
Swedish message otherwise.

The lock on approved and decided reports is ``styrkort.followup.lock``; the transitions here
are the only writes it lets through (``unlocked``).
"""

from __future__ import annotations

import logging
import re
from datetime import date
from typing import Any

from django.db import transaction
from django.dispatch import Signal

from styrkort.accounts.access import ancestor_ids
from styrkort.accounts.models import Assignment, Role
from styrkort.domain import document as d
from styrkort.domain.checks import run_checks
from styrkort.domain.periods import blank_followup
from styrkort.exchange.document import to_json
from styrkort.followup.lock import unlocked
from styrkort.followup.models import ReadyMark, Reopening, Report, ReportSnapshot
from styrkort.organisations.models import Organisation
from styrkort.storage.load import followup_from_report
from styrkort.storage.store import save_followup
from styrkort.workflow import documents
from styrkort.workflow.tasks import enqueue_render

logger = logging.getLogger(__name__)
State = Report.State

# Sent inside the transition's transaction after every change of state, with ``report``,
# ``previous`` and ``state`` (styrkort/workspace notifies the people concerned).
report_moved = Signal()


class WorkflowError(Exception):
    """A transition that the report's state or the input does not allow (message in Swedish)."""


class ConfirmationNeeded(WorkflowError):
    """Submitting or approving a report with errors or unfinished parts needs a written reason;
    ``unfinished`` says what is not done (Swedish, one item a line)."""

    def __init__(self, unfinished: tuple[str, ...], verb: str):
        super().__init__(f"rapporten har delar som inte är klara; skriv varför den ska {verb} ändå")
        self.unfinished = unfinished


PARAGRAPH = re.compile(r"^\d{1,5}(?:\s?[a-z])?$")


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def unfinished(report: Report) -> tuple[str, ...]:
    """What is not done in a report, in Swedish: the check's errors and the reporters who have not
    said their parts are ready (the gates of submitting and approving)."""
    items = []
    errors = [f for f in run_checks(followup_from_report(report)) if f.severity == "error"]
    if errors:
        items.append(f"Kontrollen hittar {_count(len(errors), 'fel', 'fel')} i rapporten.")
    reporters = set(
        Assignment.objects.filter(
            organisation_id__in=ancestor_ids(report.organisation), user__memberships__role=Role.REPORTER
        ).values_list("user_id", flat=True)
    )
    ready = set(ReadyMark.objects.filter(report=report).values_list("user_id", flat=True))
    if waiting := len(reporters - ready):
        items.append(
            f"{_count(waiting, 'rapportör', 'rapportörer')} av {len(reporters)} har inte markerat "
            "sina delar som klara."
        )
    return tuple(items)


def _gate(report: Report, reason: str, verb: str) -> None:
    """Refuse (ConfirmationNeeded) a step over unfinished parts unless a reason is written; the
    reason itself is recorded by the audit trail with the state change (``audit_context``)."""
    if not reason.strip() and (items := unfinished(report)):
        raise ConfirmationNeeded(items, verb)


def _transition(
    report: Report, allowed_from: tuple[str, ...], to: str, verb: str, reason: str | None = None
) -> Report:
    """Move the report to ``to`` if it is (still) in one of ``allowed_from``; bump its version.
    With ``reason`` given (not None) the step is gated: over unfinished parts only with a reason."""
    current = Report.objects.select_for_update().get(pk=report.pk)
    if current.state not in allowed_from:
        raise WorkflowError(f"rapporten kan inte {verb} när den är «{current.get_state_display().lower()}»")
    if reason is not None:
        _gate(current, reason, verb)
    previous, current.state = current.state, to
    current.version += 1
    with unlocked():
        current.save(update_fields=["state", "version"])
    report.state, report.version = current.state, current.version
    report_moved.send(sender=Report, report=current, previous=previous, state=to)
    return current


@transaction.atomic
def submit_for_review(report: Report, reason: str = "", gate: bool = True) -> Report:
    """The controller sends an open report to review; over errors or unfinished parts only with a
    reason (``gate``: False for the commands that take past periods through the workflow)."""
    return _transition(
        report, (State.OPEN,), State.IN_REVIEW, "skickas till granskning", reason if gate else None
    )


@transaction.atomic
def send_back(report: Report, reason: str) -> Report:
    """The controller returns a report in review, or an approved one, to open, with a reason."""
    if not reason.strip():
        raise WorkflowError("skriv varför rapporten skickas tillbaka")
    return _transition(report, (State.IN_REVIEW, State.APPROVED), State.OPEN, "skickas tillbaka")


@transaction.atomic
def approve(report: Report, reason: str = "", gate: bool = True) -> Report:
    """The approver (the director) approves a report in review; over errors or unfinished parts
    only with a reason."""
    return _transition(report, (State.IN_REVIEW,), State.APPROVED, "godkännas", reason if gate else None)


def decide(
    report: Report,
    by: str,
    render: bool = False,
    meeting_date: date | None = None,
    paragraph: str | None = None,
) -> ReportSnapshot:
    """Record the committee's decision: the meeting's date and the minutes' paragraph (§) where
    given (both are printed on the decision page), then snapshot the approved report and lock it.

    One transaction moves the report to decided, stores the snapshot with its exchange JSON (the
    frozen record) and enqueues the render of its PDF and DOCX from that JSON for the background
    worker (``workflow/tasks.py``); nothing is rendered in the request that decides. A renderer
    that fails therefore no longer stops the decision, which was taken at the meeting: the task
    retries, a download renders the missing document itself, and the decided page says when the
    documents are not made yet or could not be made.

    ``render`` (the commands: ``decide-past-periods --render``, the load test) renders them in
    this process right after the commit, so the snapshot returned holds them and the task finds
    nothing left to do; a failure there is logged and left to the task (the snapshot returned
    then lacks the document).
    """
    if report.state != State.APPROVED:
        raise WorkflowError("bara en godkänd rapport kan beslutas")
    if paragraph is not None:
        paragraph = paragraph.strip().removeprefix("§").strip()
        if not PARAGRAPH.match(paragraph):
            raise WorkflowError(
                "skriv paragrafen i nämndens protokoll som ett nummer, till exempel § 45 eller 45 a"
            )
    if meeting_date is not None or paragraph is not None:
        with transaction.atomic(), unlocked():
            current = Report.objects.select_for_update().get(pk=report.pk)
            if meeting_date is not None:
                current.meeting_date = report.meeting_date = meeting_date
            if paragraph is not None:
                current.decision_paragraph = report.decision_paragraph = paragraph
            current.save(update_fields=["meeting_date", "decision_paragraph"])
    with transaction.atomic():
        current = _transition(report, (State.APPROVED,), State.DECIDED, "beslutas")
        snapshot = ReportSnapshot.objects.create(
            report=current,
            created_by=by,
            report_version=current.version,
            exchange_json=exchange_json(report),
        )
        enqueue_render(snapshot.pk)
    if render:
        try:
            with transaction.atomic():  # a failing database leaves a caller's transaction usable
                documents.make_documents(snapshot.pk)
        except Exception:
            logger.exception("decided documents not rendered now", extra={"snapshot": snapshot.pk})
        snapshot = ReportSnapshot.objects.get(pk=snapshot.pk)
    return snapshot


@transaction.atomic
def reopen(report: Report, by: str, reason: str) -> Reopening:
    """An administrator reopens a decided report; the reason is required and kept."""
    if not reason.strip():
        raise WorkflowError("skriv varför den beslutade rapporten öppnas igen")
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
    return to_json(followup_from_report(report))


# --- opening a period ----------------------------------------------------------------------


def open_period(municipality: Organisation, period: d.PeriodRef) -> list[Report]:
    """Open a period for every committee of the municipality that has a report to start from
    and none for the period yet; one transaction. Returns the reports created."""
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
