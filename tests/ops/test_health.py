"""/helsa/ and /redo/: cheap JSON without secrets, before login, HTTPS redirect and host checks."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import OperationalError
from django.utils import timezone

from styrkort.ops import health
from styrkort.ops.models import WorkerHeartbeat


def beat(seconds_ago: float) -> None:
    now = timezone.now()
    WorkerHeartbeat.objects.create(
        worker_id="w1", host="h", pid=1, started_at=now, seen_at=now - timedelta(seconds=seconds_ago)
    )


def test_liveness_answers_without_touching_the_database(client):
    response = client.get("/helsa/")  # without the django_db mark, any query would raise
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert response["Cache-Control"] == "no-store"
    assert "sessionid" not in response.cookies


@pytest.mark.django_db
def test_ready_with_a_recent_worker(client, django_assert_max_num_queries):
    beat(5)
    client.get("/redo/")  # the migration graph is read once per process
    with django_assert_max_num_queries(2):
        response = client.get("/redo/")
    assert response.status_code == 200
    body = response.json()
    assert body == {
        "status": "ok",
        "database": "ok",
        "migrations": "ok",
        "worker": "ok",
        "worker_seen_seconds_ago": body["worker_seen_seconds_ago"],
    }
    assert 4 <= body["worker_seen_seconds_ago"] <= 60


@pytest.mark.django_db
@pytest.mark.parametrize(("seconds_ago", "worker"), [(None, "none"), (3600, "stale")])
def test_without_a_worker_the_site_is_degraded_but_stays_in_the_balancer(client, seconds_ago, worker):
    if seconds_ago is not None:
        beat(seconds_ago)
    response = client.get("/redo/")
    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert response.json()["worker"] == worker


@pytest.mark.django_db
def test_unapplied_migrations_make_it_unavailable(client, monkeypatch):
    monkeypatch.setattr(health, "_migrations_applied", False)
    monkeypatch.setattr(
        health.MigrationExecutor, "migration_plan", lambda self, targets: [("app", False)] * 2
    )
    beat(1)
    response = client.get("/redo/")
    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"
    assert response.json()["migrations"] == "2 not applied"


@pytest.mark.django_db
def test_a_database_that_does_not_answer_makes_it_unavailable_and_says_no_more(client, monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError('connection to server at "db.internal" (10.0.0.5) failed: password=hemligt')

    monkeypatch.setattr(health, "worker_seen_seconds_ago", refuse)
    response = client.get("/redo/")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "unavailable"}
    assert b"hemligt" not in response.content and b"10.0.0.5" not in response.content


@pytest.mark.django_db
def test_probes_over_plain_http_to_any_host_are_answered(client, settings):
    """A load balancer probes http://10.x.y.z:8000/redo/: no redirect to HTTPS, no 400 for the host."""
    settings.SECURE_SSL_REDIRECT = True
    settings.ALLOWED_HOSTS = ["styrkort.example.se"]
    beat(1)
    for path in ("/helsa/", "/redo/"):
        response = client.get(path, HTTP_HOST="10.1.2.3:8000")
        assert response.status_code == 200, path
    assert client.get("/", HTTP_HOST="10.1.2.3:8000").status_code == 400  # the rest still checks


@pytest.mark.django_db
def test_only_get_and_head_are_answered(client):
    assert client.head("/helsa/").status_code == 200
    assert client.post("/helsa/").status_code in (403, 404, 405)
