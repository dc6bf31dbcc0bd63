"""The render of a decided report's documents as a background task (the convention:
styrkort/ops/tasks.py).

``transitions.decide`` enqueues ``render_decided_task`` in the transaction that stores the
snapshot, keyed by it (``decided:<snapshot id>``), so the task exists exactly when the decision
does. The task is idempotent (``documents.make_documents``): it renders only documents the
snapshot does not hold yet and stores them only into empty columns, so a second run, or a run
after a download rendered them, renders and changes nothing. A render worker that timed out or
died (``RenderFailed``) and the transient errors of the convention are retried with backoff; a
renderer's own error (a template that cannot lay out the report) fails at once, visible with
its traceback in the admin (Bakgrundsjobb), and the decided page says so.
"""

from __future__ import annotations

from typing import Literal

from django_tasks import TaskResult, TaskResultStatus
from django_tasks_db.models import DBTaskResult

from styrkort.ops.tasks import TRANSIENT, background_task, enqueue_once
from styrkort.reports.worker import RenderFailed
from styrkort.workflow import documents


@background_task(max_attempts=5, backoff=30, retry_on=(*TRANSIENT, RenderFailed))
def render_decided_task(*, snapshot: int) -> dict[str, str]:
    """Render and store the PDF and DOCX of a decided report's snapshot (``make_documents``)."""
    return documents.make_documents(snapshot)


def enqueue_render(snapshot_id: int) -> TaskResult:
    """Enqueue the render of a snapshot's documents, once while one waits or runs."""
    return enqueue_once(render_decided_task, f"decided:{snapshot_id}", snapshot=snapshot_id)


def render_state(snapshot_id: int) -> tuple[Literal["ready", "pending", "failed", "on request"], str]:
    """How the snapshot's documents stand, and the latest task's id ("" when none): "ready" (both
    stored), "pending" (the task waits, runs, or a retry waits), "failed" (the last attempt
    failed) or "on request" (no task: they are rendered when first downloaded)."""
    if not documents.missing_documents(snapshot_id):
        return "ready", ""
    latest = (
        DBTaskResult.objects.filter(
            task_path=render_decided_task.module_path, args_kwargs__kwargs__snapshot=snapshot_id
        )
        .order_by("-enqueued_at")
        .values_list("id", "status")
        .first()
    )
    if latest is None:
        return "on request", ""
    task_id, status = str(latest[0]), latest[1]
    if status in (TaskResultStatus.READY, TaskResultStatus.RUNNING):
        return "pending", task_id
    if status == TaskResultStatus.FAILED:
        return "failed", task_id
    return "on request", task_id  # the task succeeded but a document is missing: made on download
