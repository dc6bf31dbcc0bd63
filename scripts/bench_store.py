"""Benchmark of the bulk store (`make bench`): `styrkort generate-demo --committees N` on PostgreSQL.

The database named by BENCH_STORE_DATABASE_URL (default
postgres://postgres@127.0.0.1:5432/styrkort_bench_store, which the bench owns: it is dropped and
made anew) is migrated, then the whole command runs once as a user runs it (a fresh process:
start-up, generation, one transaction) with BENCH_STORE_COMMITTEES committees (default 300, the
issue's target: under 3 minutes on the project's 2-core machine). Printed: the wall time, the
command's user CPU time, the reports written per second, and the machine's load average before
and after (other work on the machine slows the wall time; the CPU time much less).

Then, on the database just filled, the city view of all those committees
(`/stad/exempelstad/2026-T1/`) as the city's controller (`demo-users`), in a child process through
Django's test client with DEBUG off (no HTTP server): the first request (the reports' counts were
stored by generate-demo, so nothing is computed late), then BENCH_CITY_RUNS (15) requests, each
timed in wall time and in CPU time of the process (the view, the templates, the driver; not
PostgreSQL's own work, which the wall time holds). Printed: medians and min–max, the queries and
the size of the page. The issue's target: ≤ 200 ms for 300 committees on PostgreSQL.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
STYRKORT = str(Path(sys.executable).with_name("styrkort"))
DATABASE_URL = os.environ.get(
    "BENCH_STORE_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/styrkort_bench_store"
)
COMMITTEES = int(os.environ.get("BENCH_STORE_COMMITTEES", "300"))
CITY_RUNS = int(os.environ.get("BENCH_CITY_RUNS", "15"))
CITY_URL = "/stad/exempelstad/2026-T1/"


def recreate_database() -> bool:
    """Drop and create the bench's database; False when PostgreSQL does not answer."""
    import psycopg

    parts = urllib.parse.urlsplit(DATABASE_URL)
    name = parts.path.lstrip("/")
    server = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    try:
        connection = psycopg.connect(server, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as error:
        print(f"store bench skipped: PostgreSQL does not answer at {server} ({error})")
        return False
    with connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    return True


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> None:
    print(f"\nBulk store: styrkort generate-demo --committees {COMMITTEES} on PostgreSQL")
    if not recreate_database():
        return
    env = {**os.environ, "DATABASE_URL": DATABASE_URL}
    subprocess.run([STYRKORT, "migrate", "-v0"], env=env, check=True, cwd=REPO)
    print(f"  load average before: {load()}")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    completed = subprocess.run(
        [STYRKORT, "generate-demo", "--committees", str(COMMITTEES)],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    wall = time.perf_counter() - started
    cpu = resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime - before.ru_utime
    reports = COMMITTEES * 6
    print(f"  {completed.stdout.strip()}")
    print(
        f"  wall {wall:.1f} s (target < 180 s), user CPU {cpu:.1f} s, {reports / wall:.1f} reports a second"
    )
    print(f"  load average after:  {load()}")
    subprocess.run(
        [STYRKORT, "demo-users"],
        env={**env, "DEBUG": "true"},
        check=True,
        cwd=REPO,
        stdout=subprocess.DEVNULL,
    )
    subprocess.run([sys.executable, __file__, "--city"], env=env, check=True, cwd=REPO)


def city_view() -> None:
    """The city view on the database of DATABASE_URL, timed (see the docstring)."""
    import logging
    import statistics

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "styrkort.settings")
    import tempfile

    os.environ["DEBUG"] = "true"  # switched off below, after start-up
    os.environ["STYRKORT_VAR_DIR"] = tempfile.mkdtemp(prefix="styrkort-bench-city-")
    sys.path.insert(0, str(REPO))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("collectstatic", "--noinput", verbosity=0)  # the hashed names production serves
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client

    from styrkort.followup.models import Report

    settings.DEBUG = False
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    logging.getLogger("axes").setLevel(logging.WARNING)
    client = Client()
    client.force_login(get_user_model().objects.get(username="stadscontroller"))
    columns = Report.objects.filter(period__year=2026, period__kind="T1").count()

    def get() -> tuple[float, float, int]:
        wall, cpu = time.perf_counter(), time.process_time()
        response = client.get(CITY_URL)
        if response.status_code != 200:
            raise SystemExit(f"{CITY_URL}: status {response.status_code}")
        return time.perf_counter() - wall, time.process_time() - cpu, len(response.content)

    first, _, size = get()
    queries: list[str] = []
    with connection.execute_wrapper(lambda execute, sql, *rest: queries.append(sql) or execute(sql, *rest)):
        get()
    runs = [get() for _ in range(CITY_RUNS)]
    wall = [1000 * r[0] for r in runs]
    cpu = [1000 * r[1] for r in runs]
    print(
        f"\nCity view on PostgreSQL: {CITY_URL}, {columns} committees ({len(queries)} queries, {size / 1024:.0f} KB)"
    )
    print(f"  first request {1000 * first:.0f} ms; then {CITY_RUNS} requests, median (min–max):")
    print(f"  wall {statistics.median(wall):.1f} ms ({min(wall):.1f}–{max(wall):.1f}) (target ≤ 200 ms)")
    print(f"  CPU  {statistics.median(cpu):.1f} ms ({min(cpu):.1f}–{max(cpu):.1f}) of this process")
    print(f"  load average: {load()}")


if __name__ == "__main__":
    if sys.argv[1:] == ["--city"]:
        city_view()
    else:
        main()
