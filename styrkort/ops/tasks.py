"""How a background task is written in Styrkort: the convention every task follows.

The engine is django-tasks with its database backend (django-tasks-db). A task is a row in
PostgreSQL that ``styrkort worker`` claims with ``SELECT … FOR UPDATE SKIP LOCKED``: any number of
workers on any machines that reach the database share the queue, and a task enqueued inside a
transaction exists only if that transaction commits. The API is the one Django 6 ships as
``django.tasks``. README.md ("Running in production") says why this engine.

1. **Define** a task with ``@background_task(...)`` from this module, in a ``tasks.py`` beside the
   code it drives (``styrkort/reports/tasks.py``), as a thin wrapper around a plain function that
   the command line calls too. Its arguments are keyword arguments of JSON values: codes, period
   keys, paths; never a model instance or a database id another machine may not share.
2. **Idempotent**: running a task twice with the same arguments leaves the same state as running
   it once, because delivery is at least once (a retry re-runs a task that failed half way).
   Write whole files through a temporary name and ``os.replace``; update by natural key (code and
   period); check the state before a workflow transition.
3. **Idempotency key**: enqueue with ``enqueue_once(task, key, **kwargs)``. The key names the
   work, not the request (``"render:exempelstad:2026-T1:pdf:/srv/out"``): while a task with that key
   waits or runs (a retry waiting for its time included), the same key returns that task instead
   of a second one, so a double click or a timer that fires twice enqueues once.
4. **Retries**: an exception of a kind in ``retry_on`` (default ``OSError`` and ``DatabaseError``,
   the transient kinds) enqueues the task again after ``backoff`` · 2^(attempt − 1) seconds,
   ± 25 % jitter, up to ``max_attempts`` attempts in all. Each attempt is a result of its own
   (the failed one keeps its traceback; the next one's kwargs say ``attempt``). Any other
   exception (a ``LookupError`` for a missing municipality, a bug) fails at once: a retry cannot
   help it.
5. **Logs**: ``logger.info("…", extra={"municipality": code, …})``; the worker writes JSON lines.
6. **Scheduled jobs** (the nightly Kolada sync, ``styrkort/kolada/tasks.py``): a systemd timer
   runs a command that enqueues with a key of the day (``deploy/``); there is no scheduler process.
"""

from __future__ import annotations

import functools
import logging
import random
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.db import DatabaseError, connection, transaction
from django.utils import timezone
from django_tasks import TaskContext, TaskResult, TaskResultStatus, task
from django_tasks.base import Task
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)

TRANSIENT: tuple[type[BaseException], ...] = (OSError, DatabaseError)
RESERVED = frozenset({"attempt", "idempotency_key"})


def backoff_seconds(attempt: int, backoff: float, jitter: float = 0.25) -> float:
    """The wait before attempt ``attempt + 1``: ``backoff`` · 2^(attempt − 1), ± ``jitter``."""
    base = backoff * 2 ** (attempt - 1)
    return base * random.uniform(1 - jitter, 1 + jitter)  # noqa: S311 (spreads retries, not a secret)


def background_task(
    *,
    max_attempts: int = 5,
    backoff: float = 30.0,
    retry_on: tuple[type[BaseException], ...] = TRANSIENT,
    queue_name: str = "default",
    priority: int = 0,
) -> Callable[[Callable[..., Any]], Task]:
    """A django-tasks task that retries ``retry_on`` errors with backoff and carries its key."""

    def decorate(function: Callable[..., Any]) -> Task:
        def run(
            context: TaskContext, *args: Any, attempt: int = 1, idempotency_key: str = "", **kwargs: Any
        ) -> Any:
            try:
                return function(*args, **kwargs)
            except retry_on as error:
                if attempt >= max_attempts:
                    logger.error(
                        "task %s failed after %d attempts",
                        context.task_result.task.name,
                        attempt,
                        extra={"task_id": str(context.task_result.id), "attempt": attempt},
                    )
                    raise
                delay = backoff_seconds(attempt, backoff)
                retry = context.task_result.task.using(run_after=timezone.now() + timedelta(seconds=delay))
                again = retry.enqueue(*args, attempt=attempt + 1, idempotency_key=idempotency_key, **kwargs)
                logger.warning(
                    "task %s failed (%s); attempt %d in %.0f s",
                    context.task_result.task.name,
                    type(error).__name__,
                    attempt + 1,
                    delay,
                    extra={
                        "task_id": str(context.task_result.id),
                        "retry_id": str(again.id),
                        "attempt": attempt,
                    },
                )
                raise

        # The task keeps the function's name and module (so the worker imports it by that path)
        # but not ``__wrapped__``: django-tasks reads ``run``'s own signature (``context`` first).
        functools.update_wrapper(run, function)
        del run.__wrapped__  # type: ignore[attr-defined]
        return task(takes_context=True, queue_name=queue_name, priority=priority)(run)

    return decorate


def enqueue_once(task: Task, key: str, /, **kwargs: Any) -> TaskResult:
    """Enqueue ``task`` with ``kwargs`` unless a task with ``key`` waits or runs; return either."""
    if not key:
        raise ValueError("an idempotency key may not be empty")
    if RESERVED & kwargs.keys():
        raise ValueError(f"{', '.join(sorted(RESERVED & kwargs.keys()))}: reserved by background_task")
    with transaction.atomic():
        if connection.vendor == "postgresql":
            # Two callers with the same key wait for each other here until one has committed.
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", [key])
        pending = DBTaskResult.objects.filter(
            task_path=task.module_path,
            status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING],
            args_kwargs__kwargs__idempotency_key=key,
        ).first()
        if pending is not None:
            return pending.task_result
        return task.enqueue(idempotency_key=key, **kwargs)
