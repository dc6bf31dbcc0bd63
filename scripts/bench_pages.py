"""Server CPU and queries per page (`make bench`): the demo's largest committee and the city view.

A fresh SQLite database in a temporary folder is migrated and filled with the demo municipality
(`generate-demo`, `demo-users`). Each page is then asked for through Django's test client in this
process, signed in as the demo's committee controller (the city view: the city's controller):
one warm-up request, then RUNS requests, each timed in CPU time of this process
(``time.process_time``: the view, the templates and SQLite's own work, as a server spends it;
no network, no other process). Printed per page: the median and min–max CPU time, the number of
queries (counted once more, apart from the timing) and the size of the HTML.

The report's pages keep their read-only parts in Django's cache per report revision
(``styrkort.web.fragments``), so each page is measured twice: "warm", the same page viewed again
(the parts come from the cache), and "cold", the cache emptied before each request (as the first
view after a change: the parts are read and rendered again; the report's stored counts and the
overview's goal tree stored with them, which a change computes again when it commits, are not).
The overview is measured a third time with its stored goal tree dropped as well ("nothing
stored"): its first view after an import, which stores counts without it (``storage.overview``).
The queries are counted warm and cold.

The city view is measured again after the period's reports of more committees are added (copies
of the demo's committees under other codes, saved like an import), so its growth with the number
of committees shows. `--committees N` sets that number (default 130).

DEBUG is switched off after start-up (queries are not logged while timing, templates run without
their debug information), as in production.
"""

from __future__ import annotations

import argparse
import dataclasses
import logging
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PERIOD = "2026-T1"
RUNS = 15


def interpreter() -> str:
    """Which Python measures (the venv's: the Makefile's PYTHON), where it comes from, and the CPU
    time of a fixed pure-Python loop on it now: this VM's speed varies from day to day (the same
    code measured 2x apart), so runs of different days compare by that reference."""
    import platform

    def loop() -> float:
        start = time.process_time()
        sum(i * i for i in range(100_000))
        return (time.process_time() - start) * 1000

    reference = statistics.median(loop() for _ in range(41))
    return f"Python {platform.python_version()} from {sys.base_prefix}; reference loop {reference:.1f} ms"


def prepare(folder: Path) -> None:
    os.environ["STYRKORT_VAR_DIR"] = str(folder)
    os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "styrkort.settings")
    os.environ.setdefault("DEBUG", "true")  # demo-users refuses otherwise; switched off below
    sys.path.insert(0, str(REPO))
    import django

    django.setup()
    from django.core.management import call_command

    started = time.perf_counter()
    call_command("migrate", "--noinput", verbosity=0)
    with open(os.devnull, "w") as quiet:
        call_command("generate-demo", stdout=quiet)
        call_command("demo-users", stdout=quiet)
    call_command("collectstatic", "--noinput", verbosity=0)  # the hashed names production serves
    print(f"  demo database ready in {time.perf_counter() - started:.0f} s ({folder})")


def add_committees(total: int) -> int:
    """Copies of the demo's committees (their reports of PERIOD) until the period has ``total``."""
    from django.db import transaction

    from styrkort.demo import generate_demo
    from styrkort.domain.periods import parse_period_key
    from styrkort.followup.models import Report
    from styrkort.storage.store import save_followup

    ref = parse_period_key(PERIOD)
    present = Report.objects.filter(period__year=ref.year, period__kind=ref.kind).count()
    originals = [f for f in generate_demo() if (f.period.year, f.period.kind) == (ref.year, ref.kind)]
    added = 0
    with transaction.atomic():
        while present + added < total:
            source = originals[added % len(originals)]
            copy = added // len(originals) + 2
            organisation = dataclasses.replace(
                source.organisation,
                code=f"{source.organisation.code}-{copy}",
                name=f"{source.organisation.name} {copy}",
            )
            save_followup(dataclasses.replace(source, organisation=organisation))
            added += 1
    return present + added


def measure(client, url: str, cold: bool = False, stored: bool = True) -> tuple[list[float], int, int]:
    """CPU seconds of RUNS requests, the number of queries and the size of one answer; ``cold``:
    the cache is emptied before each request (not timed); ``stored`` False: the overviews stored
    with the reports' counts are dropped too."""
    from django.core.cache import cache
    from django.db import connection

    from styrkort.followup.models import ReportCounts

    def empty() -> None:
        if cold:
            cache.clear()
        if not stored:
            ReportCounts.objects.update(overview={})

    response = client.get(url)
    if response.status_code != 200:
        raise SystemExit(f"{url}: status {response.status_code}")
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    empty()
    with connection.execute_wrapper(count):
        client.get(url)
    times = []
    for _ in range(RUNS):
        empty()
        start = time.process_time()
        client.get(url)
        times.append(time.process_time() - start)
    return times, len(queries), len(response.content)


def show(name: str, times: list[float], queries: int, size: int) -> None:
    ms = [t * 1000 for t in times]
    print(
        f"  {name:<28} {statistics.median(ms):7.1f} ms  ({min(ms):6.1f}–{max(ms):6.1f})"
        f"  {queries:4d} queries  {size / 1024:6.0f} KB"
    )


def busiest_goal(code: str) -> int:
    """The assessment id of the committee's goal with the most indicators (the goal page's worst case)."""
    from django.db.models import Count

    from styrkort.domain.periods import parse_period_key
    from styrkort.goals.models import GoalAssessment

    ref = parse_period_key(PERIOD)
    assessments = GoalAssessment.objects.filter(
        report__organisation__code=code, report__period__year=ref.year, report__period__kind=ref.kind
    )
    return assessments.annotate(n=Count("goal__indicators")).order_by("-n", "position").first().pk


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--committees", type=int, default=130, help="committees for the second city view")
    arguments = parser.parse_args()
    print("\nPages: server CPU per request (Django test client, SQLite, in process)")
    print(f"  {interpreter()}")
    with tempfile.TemporaryDirectory(prefix="styrkort-bench-pages-") as folder:
        prepare(Path(folder))
        run(arguments.committees)


def run(committees: int) -> None:
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    from styrkort.demo import LARGEST_COMMITTEE_CODE

    settings.DEBUG = False
    logging.getLogger("axes").setLevel(logging.WARNING)  # a line per sign-in otherwise
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    users = get_user_model().objects
    controller, city = Client(), Client()
    controller.force_login(users.get(username="controller"))
    city.force_login(users.get(username="stadscontroller"))
    report = f"/rapporter/{LARGEST_COMMITTEE_CODE}/{PERIOD}/"
    goal = f"{report}mal/{busiest_goal(LARGEST_COMMITTEE_CODE)}/"
    print(f"  {LARGEST_COMMITTEE_CODE} {PERIOD}, {RUNS} runs each after a warm-up; median (min–max)")
    for name, client, url, cached in (
        ("start", controller, "/", False),
        ("overview", controller, report, True),
        ("grid", controller, report + "indikatorer/", False),
        ("goal", controller, goal, True),
        ("economy", controller, report + "ekonomi/", True),
        ("city view, 13 committees", city, f"/stad/exempelstad/{PERIOD}/", False),
    ):
        if cached:
            show(f"{name} (warm)", *measure(client, url))
            show(f"{name} (cold)", *measure(client, url, cold=True))
            if name == "overview":
                show(f"{name} (nothing stored)", *measure(client, url, cold=True, stored=False))
        else:
            show(name, *measure(client, url))
    total = add_committees(committees)
    show(f"city view, {total} committees", *measure(city, f"/stad/exempelstad/{PERIOD}/"))


if __name__ == "__main__":
    main()
