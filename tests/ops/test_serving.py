"""The production set-up: static files by WhiteNoise, persistent connections, gunicorn's configuration,
and one real gunicorn with DEBUG off answering pages, static files and health checks."""

from __future__ import annotations

import json
import os
import re
import runpy
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.core.management import call_command

REPO = Path(__file__).resolve().parents[2]
GUNICORN_CONF = REPO / "deploy" / "gunicorn.conf.py"
PRODUCTION_STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}


def test_production_settings_use_whitenoise_and_persistent_checked_connections():
    from styrkort import settings  # the module as written (tests/conftest.py swaps the storage)

    assert settings.MIDDLEWARE[0] == "styrkort.ops.health.HealthMiddleware"
    security = settings.MIDDLEWARE.index("django.middleware.security.SecurityMiddleware")
    assert settings.MIDDLEWARE[security + 1] == "whitenoise.middleware.WhiteNoiseMiddleware"
    assert settings.STORAGES["staticfiles"]["BACKEND"] == PRODUCTION_STORAGES["staticfiles"]["BACKEND"]
    database = settings.DATABASES["default"]
    assert database["CONN_MAX_AGE"] == int(os.environ.get("CONN_MAX_AGE", "600"))
    assert database["CONN_HEALTH_CHECKS"] is True


def postgres_options(**env: str) -> subprocess.CompletedProcess:
    """The OPTIONS of a PostgreSQL DATABASES entry as the settings make them (no connection made)."""
    code = "from styrkort import settings; print(sorted(settings.DATABASES['default'].get('OPTIONS', {}).items()))"
    clean = {"PATH": os.environ["PATH"], "DEBUG": "true", "DATABASE_URL": "postgres://u@db.invalid/x", **env}
    return subprocess.run([sys.executable, "-c", code], env=clean, cwd=REPO, capture_output=True, text=True)


def test_postgresql_prepares_repeated_statements_unless_turned_off():
    default = postgres_options()
    assert default.stdout.strip() == "[('prepare_threshold', 5), ('server_side_binding', True)]", (
        default.stderr
    )
    assert postgres_options(STYRKORT_PG_PREPARE_THRESHOLD="2").stdout.strip() == (
        "[('prepare_threshold', 2), ('server_side_binding', True)]"
    )
    assert postgres_options(STYRKORT_PG_PREPARE_THRESHOLD="Off").stdout.strip() == "[]"
    typo = postgres_options(STYRKORT_PG_PREPARE_THRESHOLD="five")
    assert typo.returncode != 0
    assert "STYRKORT_PG_PREPARE_THRESHOLD='five': write a whole number or off" in typo.stderr
    sqlite = postgres_options(DATABASE_URL="sqlite:///x.sqlite3")
    assert "transaction_mode" in sqlite.stdout, sqlite.stderr  # SQLite's own options, only those
    assert "server_side_binding" not in sqlite.stdout and "prepare_threshold" not in sqlite.stdout


@pytest.mark.django_db
def test_collected_static_files_have_hashed_names_and_are_served_for_a_year(client, settings, tmp_path):
    settings.STORAGES = PRODUCTION_STORAGES
    settings.STATIC_ROOT = tmp_path
    call_command("collectstatic", "--noinput", verbosity=0)
    page = client.get("/konto/logga-in/").content.decode()
    [css] = re.findall(r'href="(/static/web/styrkort\.[0-9a-f]{12}\.css)"', page)
    [htmx] = re.findall(r'src="(/static/web/htmx\.min\.[0-9a-f]{12}\.js)"', page)
    for url in (css, htmx):
        response = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
        assert response.status_code == 200, url
        assert response["Content-Encoding"] == "gzip"
        assert "immutable" in response["Cache-Control"]
    assert (tmp_path / "web" / "styrkort.css").exists()


def test_the_gunicorn_configuration_reads_the_environment(monkeypatch):
    for name in ("WEB_CONCURRENCY", "STYRKORT_BIND", "STYRKORT_TIMEOUT", "STYRKORT_LOG_FORMAT"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DEBUG", "false")
    config = runpy.run_path(str(GUNICORN_CONF))
    assert config["workers"] == 2 * os.cpu_count() + 1
    assert config["bind"] == ["127.0.0.1:8000"]
    assert config["wsgi_app"] == "styrkort.wsgi:application"
    assert config["logconfig_dict"]["handlers"]["stderr"]["formatter"] == "json"
    monkeypatch.setenv("WEB_CONCURRENCY", "3")
    monkeypatch.setenv("STYRKORT_BIND", "unix:/run/styrkort/web.sock")
    monkeypatch.setenv("STYRKORT_LOG_FORMAT", "text")
    config = runpy.run_path(str(GUNICORN_CONF))
    assert (config["workers"], config["bind"]) == (3, ["unix:/run/styrkort/web.sock"])
    assert config["logconfig_dict"]["handlers"]["stderr"]["formatter"] == "text"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def spawned_descendants(root: int) -> list[int]:
    """The processes beneath root (from /proc) that multiprocessing started with spawn."""
    parents = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # the process ended meanwhile
            continue
        parents[int(stat.parent.name)] = int(fields[1])
    found, beneath = [], {root}
    for _ in range(3):
        beneath |= {pid for pid, parent in parents.items() if parent in beneath}
    for pid in beneath - {root}:
        try:
            if b"multiprocessing.spawn" in Path(f"/proc/{pid}/cmdline").read_bytes():
                found.append(pid)
        except OSError:
            continue
    return found


def wait_for(condition, seconds: float = 20):
    """condition()'s value once it is true, polled for up to ``seconds``; the last value if never."""
    deadline = time.monotonic() + seconds
    while not (value := condition()) and time.monotonic() < deadline:
        time.sleep(0.1)
    return value


def test_gunicorn_serves_pages_static_files_and_health_with_debug_off(tmp_path):
    """The README's production set-up, end to end, on a SQLite file (PostgreSQL: `make bench`)."""
    port = free_port()
    env = {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": "a-test-only-secret-key-that-is-long-enough-0123456789abcdef",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "STYRKORT_VAR_DIR": str(tmp_path),
        "STYRKORT_BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": "1",
        "SECURE_SSL_REDIRECT": "false",
        "STYRKORT_LOG_FORMAT": "",
    }
    styrkort = [sys.executable, "-m", "styrkort.manage"]
    for command in (["migrate", "--noinput"], ["collectstatic", "--noinput"]):
        subprocess.run(styrkort + command, env=env, cwd=REPO, check=True, capture_output=True)
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--config", str(GUNICORN_CONF)],
        env=env,
        cwd=REPO,
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                status, body = fetch(base + "/helsa/")
                break
            except urllib.error.URLError:
                time.sleep(0.1)
        assert (status, json.loads(body)) == (200, {"status": "ok"})
        status, body = fetch(base + "/redo/")
        assert status == 200 and json.loads(body)["worker"] == "none"
        status, page = fetch(base + "/konto/logga-in/")
        assert status == 200 and "Logga in" in page.decode()
        [css] = re.findall(r'href="(/static/web/styrkort\.[0-9a-f]{12}\.css)"', page.decode())
        status, content = fetch(base + css)
        assert status == 200 and b"{" in content
        assert fetch(base + "/finns-inte/")[0] == 404
        render_children = wait_for(lambda: spawned_descendants(server.pid))
        assert len(render_children) == 1  # the worker's render child, started with the worker
    finally:
        server.terminate()
        _, stderr = server.communicate(timeout=30)
    assert wait_for(lambda: not any(Path(f"/proc/{pid}").exists() for pid in render_children))
    lines = stderr.decode().splitlines()
    records = [json.loads(line) for line in lines]  # every line on stderr is one JSON object
    access = [r for r in records if r["logger"] == "gunicorn.access"]
    assert {(r["path"], r["status"]) for r in access} >= {("/helsa/", 200), (css, 200), ("/finns-inte/", 404)}
