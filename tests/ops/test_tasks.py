"""The task convention (styrkort/ops/tasks.py) through the real engine: `styrkort worker --batch`.

The worker runs in this process against the test database (transactional_db: it commits, as in
production), with django-tasks' database backend as configured in settings.
"""

from __future__ import annotations

import os
from collections import Counter

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult
from hypothesis import given
from hypothesis import strategies as st

from styrkort.ops.models import WorkerHeartbeat
from styrkort.ops.tasks import background_task, backoff_seconds, enqueue_once

calls: Counter[str] = Counter()


@background_task(max_attempts=3, backoff=0)
def flaky(*, name: str, failures: int) -> str:
    """Fails with a transient error ``failures`` times, then succeeds."""
    calls[name] += 1
    if calls[name] <= failures:
        raise OSError(f"disken svarar inte ({calls[name]})")
    return f"{name} klar"


@background_task(max_attempts=2, backoff=3600)
def patient(*, name: str) -> None:
    calls[name] += 1
    raise OSError("nätverket svarar inte")


@background_task()
def look() -> list[tuple[str, int]]:
    """The heartbeats the worker has written by the time it runs a task."""
    return list(WorkerHeartbeat.objects.values_list("worker_id", "pid"))


@background_task(max_attempts=3, backoff=0)
def broken(*, name: str) -> None:
    calls[name] += 1
    raise LookupError("ingen kommun med koden ”x”")


def run_worker() -> None:
    call_command("worker", "--batch", "--no-startup-delay", "--interval", "0", verbosity=0)


def results(task) -> list[DBTaskResult]:
    return list(DBTaskResult.objects.filter(task_path=task.module_path).order_by("enqueued_at"))


@pytest.fixture(autouse=True)
def fresh_counts():
    calls.clear()


@pytest.mark.django_db(transaction=True)
def test_a_transient_failure_is_retried_until_it_succeeds():
    flaky.enqueue(name="a", failures=2)
    run_worker()
    attempts = results(flaky)
    assert [r.status for r in attempts] == ["FAILED", "FAILED", "SUCCESSFUL"]
    assert [r.args_kwargs["kwargs"].get("attempt", 1) for r in attempts] == [1, 2, 3]
    assert attempts[-1].task_result.return_value == "a klar"
    assert "OSError: disken svarar inte (1)" in attempts[0].task_result.errors[0].traceback


@pytest.mark.django_db(transaction=True)
def test_retries_stop_after_the_last_attempt():
    flaky.enqueue(name="b", failures=10)
    run_worker()
    assert [r.status for r in results(flaky)] == ["FAILED"] * 3
    assert calls["b"] == 3


@pytest.mark.django_db(transaction=True)
def test_an_error_a_retry_cannot_help_fails_at_once():
    broken.enqueue(name="c")
    run_worker()
    assert [r.status for r in results(broken)] == ["FAILED"]
    assert calls["c"] == 1


@pytest.mark.django_db(transaction=True)
def test_one_key_enqueues_once_while_it_waits_and_again_when_done():
    first = enqueue_once(flaky, "flaky:d", name="d", failures=0)
    second = enqueue_once(flaky, "flaky:d", name="d", failures=0)
    assert second.id == first.id
    other = enqueue_once(flaky, "flaky:e", name="e", failures=0)
    assert other.id != first.id
    run_worker()
    assert calls == {"d": 1, "e": 1}
    again = enqueue_once(flaky, "flaky:d", name="d", failures=0)
    assert again.id != first.id
    run_worker()
    assert calls["d"] == 2


@pytest.mark.django_db(transaction=True)
def test_a_retry_waiting_for_its_time_holds_the_key():
    """An hour's backoff: the retry waits, and the same work asked for again is that retry."""
    first = enqueue_once(patient, "patient:f", name="f")
    run_worker()  # the first attempt fails; the retry is not due yet, so the batch ends
    [failed, waiting] = results(patient)
    assert (failed.status, waiting.status) == ("FAILED", "READY")
    assert waiting.run_after > failed.finished_at
    assert enqueue_once(patient, "patient:f", name="f").id == str(waiting.id) != first.id
    assert calls["f"] == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("key", "kwargs", "message"),
    [
        ("", {"name": "g", "failures": 0}, "empty"),
        ("k", {"name": "g", "failures": 0, "attempt": 2}, "attempt"),
        ("k", {"name": "g", "failures": 0, "idempotency_key": "x"}, "idempotency_key"),
    ],
)
def test_the_key_and_the_retry_counter_are_the_conventions_own(key, kwargs, message):
    with pytest.raises(ValueError, match=message):
        enqueue_once(flaky, key, **kwargs)
    assert not DBTaskResult.objects.exists()


@given(st.integers(1, 12), st.floats(0.1, 3600))
def test_the_backoff_doubles_within_a_quarter_either_way(attempt, backoff):
    base = backoff * 2 ** (attempt - 1)
    assert 0.75 * base <= backoff_seconds(attempt, backoff) <= 1.25 * base


@pytest.mark.django_db(transaction=True)
def test_the_worker_is_seen_while_it_runs_and_gone_when_it_stops():
    look.enqueue()
    run_worker()
    [result] = results(look)
    [(worker_id, pid)] = result.task_result.return_value
    assert result.task_result.worker_ids == [worker_id]
    assert pid == os.getpid()
    assert not WorkerHeartbeat.objects.exists()
