"""Health endpoints, answered before any other middleware: no login, no session, no host check.

- ``/helsa/`` (liveness): the process answers; touches nothing else. A supervisor that gets no
  200 from it restarts the process.
- ``/redo/`` (readiness): the database answers, every migration is applied, and a worker was
  seen within ``STYRKORT_WORKER_STALE_SECONDS``. 503 when the database or the migrations fail
  (take this process out of the load balancer); 200 with ``"status": "degraded"`` when only the
  worker is missing, since the pages still work without it (alert on it, do not drain the site).

Both answer JSON without secrets, ``Cache-Control: no-store``, for GET and HEAD. They come first
in MIDDLEWARE so that a probe over plain HTTP to 127.0.0.1 is neither redirected to HTTPS nor
refused by ALLOWED_HOSTS; the answers hold no host name and no data. ``/redo/`` costs two small
queries; the migration graph is read once per process, until it finds nothing left to apply.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.db.models import Max
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone

from styrkort.ops.models import WorkerHeartbeat

LIVENESS_PATH = "/helsa/"
READINESS_PATH = "/redo/"

_migrations_applied = False


def unapplied_migrations() -> int:
    """How many migrations are not applied (0 is remembered: code cannot add any while it runs)."""
    global _migrations_applied
    if _migrations_applied:
        return 0
    executor = MigrationExecutor(connection)
    count = len(executor.migration_plan(executor.loader.graph.leaf_nodes()))
    _migrations_applied = count == 0
    return count


def worker_seen_seconds_ago() -> int | None:
    """Seconds since any worker last reported (None: no worker has)."""
    seen = WorkerHeartbeat.objects.aggregate(latest=Max("seen_at"))["latest"]
    return None if seen is None else max(0, int((timezone.now() - seen).total_seconds()))


def readiness() -> tuple[int, dict[str, Any]]:
    """The HTTP status and the JSON body of ``/redo/``."""
    body: dict[str, Any] = {"status": "ok", "database": "ok", "migrations": "ok", "worker": "ok"}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        pending = unapplied_migrations()
        seen = worker_seen_seconds_ago()
    except DatabaseError:
        return 503, {"status": "unavailable", "database": "unavailable"}
    if pending:
        body.update(status="unavailable", migrations=f"{pending} not applied")
    body["worker_seen_seconds_ago"] = seen
    if seen is None or seen > settings.STYRKORT_WORKER_STALE_SECONDS:
        body["worker"] = "none" if seen is None else "stale"
        if body["status"] == "ok":
            body["status"] = "degraded"
    return (503 if body["status"] == "unavailable" else 200), body


class HealthMiddleware:
    """Answers ``/helsa/`` and ``/redo/``; passes every other request on."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info not in (LIVENESS_PATH, READINESS_PATH) or request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        if request.path_info == LIVENESS_PATH:
            status, body = 200, {"status": "ok"}
        else:
            status, body = readiness()
        response = JsonResponse(body, status=status)
        response["Cache-Control"] = "no-store"
        return response
