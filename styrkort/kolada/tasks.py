"""The Kolada sync as a background task, and the nightly run (the convention: styrkort/ops/tasks.py).

``styrkort kolada-sync --all --enqueue`` (run nightly by ``deploy/styrkort-nightly.service``)
enqueues one incremental sync for every committee whose annual report of a year is open and has
an indicator with a Kolada id, keyed by committee, year and day: a timer that fires twice
enqueues once. A network fault (``KoladaUnavailable``, an ``OSError``) is retried with backoff;
a response that does not follow Kolada's format is not (a retry would get the same answer).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils import timezone
from django_tasks import TaskResult

from styrkort.followup.lock import LOCKED_STATES
from styrkort.followup.models import Period, Report
from styrkort.goals.models import Measurement
from styrkort.kolada.sync import sync_organisation
from styrkort.ops.tasks import background_task, enqueue_once
from styrkort.organisations.models import Organisation


@background_task(max_attempts=4, backoff=300)
def kolada_sync_task(*, organisation: str, year: int, from_date: str | None = None) -> dict[str, Any]:
    """Sync one organisation's annual report of ``year``; incremental unless ``from_date`` is given."""
    result = sync_organisation(
        organisation,
        year,
        from_date=date.fromisoformat(from_date) if from_date else None,
        incremental=from_date is None,
        operator="kolada-sync",
    )
    return {
        "organisation": organisation,
        "year": year,
        "from_date": result.from_date.isoformat() if result.from_date else None,
        "changed": result.changed,
        "skipped": result.skipped,
        "requests": result.requests,
    }


def enqueue_sync(organisation: str, year: int, from_date: date | None = None) -> TaskResult:
    """Enqueue one sync, once a day per organisation, year and from-date."""
    since = from_date.isoformat() if from_date else None
    key = f"kolada:{organisation}:{year}:{since or 'incremental'}:{timezone.localdate().isoformat()}"
    return enqueue_once(kolada_sync_task, key, organisation=organisation, year=year, from_date=since)


def due_syncs() -> list[tuple[str, int]]:
    """(committee code, year) for every open annual report with a Kolada indicator, committees
    standing in for the units and departments beneath them."""
    linked = set(
        Measurement.objects.filter(period__kind=Period.Kind.AR)
        .exclude(indicator__kolada_id="")
        .values_list("organisation_id", "period_id")
        .distinct()
    )
    reports = (
        Report.objects.filter(period__kind=Period.Kind.AR)
        .exclude(state__in=LOCKED_STATES)
        .select_related("organisation", "period")
        .order_by("period__year", "organisation__code")
    )
    found: dict[tuple[str, int], None] = {}
    for report in reports:
        if (report.organisation_id, report.period_id) in linked:
            found[(_committee(report.organisation).code, report.period.year)] = None
    return list(found)


def _committee(organisation: Organisation) -> Organisation:
    node = organisation
    while node.kind not in (Organisation.Kind.COMMITTEE, Organisation.Kind.MUNICIPALITY) and node.parent:
        node = node.parent
    return node


def enqueue_due() -> list[TaskResult]:
    """The nightly run: one incremental sync per due committee and year."""
    return [enqueue_sync(code, year) for code, year in due_syncs()]
