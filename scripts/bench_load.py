"""Load test of the production server (`make bench`): gunicorn, DEBUG off, PostgreSQL, the demo.

In one run: the database named by BENCH_DATABASE_URL (default
postgres://postgres@127.0.0.1:5432/styrkort_bench, which the bench owns: it is dropped and made
anew) is migrated and filled with the demo municipality (`generate-demo`, `demo-users`); the
static files are collected into a temporary var dir; gunicorn starts with deploy/gunicorn.conf.py
on a free port of 127.0.0.1 with DEBUG off. Clients sign in, each with its own session, as the
largest committee's controller (`controller`; the city view and the new reports' PDFs as the
city controller, `stadscontroller`), and fetch each page of the largest committee's
2026-T1 report, the city view and the PDF downloads: first with 1 client, then with 20 at once.
Per page and level: a warm-up request per client, then BENCH_REQUESTS_1 (20) or
BENCH_REQUESTS_20 (100) requests, stopped early after BENCH_MAX_SECONDS (90) per page; printed:
p50, p95, p99 of the response time (the whole response read), throughput (completed requests a
second of wall time) and non-200 answers. Only 127.0.0.1 is ever contacted.

The PDF rows: "PDF (cached)" is the same draft again (rendered once, then read from the
document cache); "PDF (new report)" fetches, with one client, reports never rendered before
(other committees' and periods' drafts, one request each), each rendered by a gunicorn worker's
warm render worker; "PDF (decided)" is a decided report's PDF, read from its snapshot (the bench
decides the largest committee's 2025-T1 report, rendering its documents, before the server
starts). BENCH_COMMITTEES (default 13, the demo) sets `generate-demo --committees`: 300 shows
the city view of a large city.

Nothing is tuned here; the figures are what the pages cost today. The machine's load average is
printed before and after: other work on the machine slows every figure.
"""

from __future__ import annotations

import http.cookiejar
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/styrkort_bench")
REQUESTS = {
    1: int(os.environ.get("BENCH_REQUESTS_1", "20")),
    20: int(os.environ.get("BENCH_REQUESTS_20", "100")),
}
MAX_SECONDS = float(os.environ.get("BENCH_MAX_SECONDS", "90"))
COMMITTEES = int(os.environ.get("BENCH_COMMITTEES", "13"))
# The committee's controller works in its report; the city controller reads the city's view
# (and gets a report's reading view, so the report pages are fetched as the committee's).
USER, CITY_USER, PASSWORD = "controller", "stadscontroller", "styrkort-demo"
PERIOD = "2026-T1"
DECIDED = "2025-T1"
# Decide one report for "PDF (decided)" as `decide-past-periods --render` does: render=True renders
# its PDF and DOCX into the snapshot in this process (without it the background worker would, and
# the bench starts none; the task enqueued with the decision is left waiting, unused).
DECIDE = """
from styrkort.followup.models import Report
from styrkort.workflow import transitions as workflow
report = Report.objects.get(organisation__code="{code}", period__year=2025, period__kind="T1")
workflow.submit_for_review(report, gate=False)  # as decide-past-periods: no gate's reason
workflow.approve(report, gate=False)
workflow.decide(report, "bench", render=True)
"""


@dataclass
class Result:
    times: list[float]
    errors: int
    wall: float


def database_url_for(name: str) -> str:
    parts = urllib.parse.urlsplit(DATABASE_URL)
    return urllib.parse.urlunsplit(parts._replace(path=f"/{name}"))


def recreate_database() -> bool:
    """Drop and create the bench's database; False when PostgreSQL does not answer."""
    import psycopg

    name = urllib.parse.urlsplit(DATABASE_URL).path.lstrip("/")
    try:
        connection = psycopg.connect(database_url_for("postgres"), autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as error:
        print(f"load test skipped: PostgreSQL does not answer at {database_url_for('postgres')} ({error})")
        return False
    with connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    return True


def styrkort(env: dict[str, str], *arguments: str) -> None:
    subprocess.run(
        [str(BIN / "styrkort"), *arguments], env=env, cwd=REPO, check=True, stdout=subprocess.DEVNULL
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_until_up(base: str, server: subprocess.Popen) -> None:
    for _ in range(300):
        if server.poll() is not None:
            raise SystemExit("gunicorn stopped while starting; see its log")
        try:
            with urllib.request.urlopen(base + "/helsa/", timeout=2):
                return
        except OSError:
            time.sleep(0.1)
    raise SystemExit("gunicorn did not answer /helsa/ within 30 s")


def signed_in(base: str, user: str = USER) -> urllib.request.OpenerDirector:
    """An opener with its own session, signed in through the login form."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(f"{base}/konto/logga-in/").read().decode()
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    if match is None:
        raise SystemExit("the login page has no CSRF token")
    data = urllib.parse.urlencode({"username": user, "password": PASSWORD, "csrfmiddlewaretoken": match[1]})
    request = urllib.request.Request(
        f"{base}/konto/logga-in/", data.encode(), headers={"Referer": base + "/"}
    )
    opener.open(request).read()
    if not any(cookie.name == "sessionid" for cookie in jar):
        raise SystemExit(f"signing in as {user} failed")
    return opener


def fetch(opener: urllib.request.OpenerDirector, url: str) -> tuple[float, bool]:
    started = time.perf_counter()
    try:
        with opener.open(url, timeout=120) as response:
            response.read()
            ok = response.status == 200
    except urllib.error.HTTPError as error:
        error.read()
        ok = False
    return time.perf_counter() - started, ok


def measure(openers: list[urllib.request.OpenerDirector], url: str | list[str], requests: int) -> Result:
    """Each client warms up once, then the clients share ``requests`` requests (stopped at
    MAX_SECONDS). A list of URLs: the warm-up fetches the first, each request another one."""
    clients = len(openers)
    urls = iter(url[1:]) if isinstance(url, list) else None
    first = url[0] if isinstance(url, list) else url
    with ThreadPoolExecutor(clients) as pool:
        list(pool.map(lambda opener: fetch(opener, first), openers))
        times: list[float] = []
        errors = 0
        lock = threading.Lock()
        started = time.perf_counter()
        deadline = started + MAX_SECONDS
        remaining = iter(range(requests))

        def client(opener: urllib.request.OpenerDirector) -> None:
            nonlocal errors
            while time.perf_counter() < deadline:
                with lock:
                    if next(remaining, None) is None:
                        return
                    target = first if urls is None else next(urls, None)
                if target is None:
                    return
                elapsed, ok = fetch(opener, target)
                with lock:
                    times.append(elapsed)
                    errors += not ok

        list(pool.map(client, openers))
        return Result(times, errors, time.perf_counter() - started)


def percentiles(times: list[float]) -> tuple[float, float, float]:
    if len(times) < 2:
        return (times[0],) * 3 if times else (float("nan"),) * 3
    cuts = statistics.quantiles(times, n=100, method="inclusive")
    return cuts[49], cuts[94], cuts[98]


def pages(base: str, opener: urllib.request.OpenerDirector, committee: str) -> dict[str, str | list[str]]:
    report = f"{base}/rapporter/{committee}/{PERIOD}/"
    overview = opener.open(report).read().decode()
    goal = re.search(rf'href="(/rapporter/{committee}/{PERIOD}/mal/\d+/)"', overview)
    if goal is None:
        raise SystemExit("the overview links to no goal")
    return {
        "start": f"{base}/",
        "overview": report,
        "grid": report + "indikatorer/",
        "goal": base + goal[1],
        "economy": report + "ekonomi/",
        "city view": f"{base}/stad/exempelstad/{PERIOD}/",
        "PDF (cached)": report + "rapport.pdf",
        "PDF (new report)": [
            f"{base}/rapporter/{code}/{period}/rapport.pdf"
            for period in ("2026-T2", "2026-AR", "2025-T2")
            for code in committee_codes()
        ],
        "PDF (decided)": f"{base}/rapporter/{committee}/{DECIDED}/rapport.pdf",
    }


def committee_codes() -> list[str]:
    from styrkort.demo.scale import committee_specs

    return [spec.code for spec in committee_specs(COMMITTEES)]


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "styrkort.settings")
    sys.path.insert(0, str(REPO))
    from styrkort.demo import LARGEST_COMMITTEE_CODE

    where = urllib.parse.urlsplit(DATABASE_URL)
    print(
        f"\nLoad test: gunicorn, DEBUG off, PostgreSQL ({where.hostname}:{where.port}{where.path}), "
        f"the demo with {COMMITTEES} committees"
    )
    if not recreate_database():
        return
    var = REPO / "var" / "bench"  # the server's var dir: collected static files, gunicorn's log
    shutil.rmtree(var, ignore_errors=True)
    var.mkdir(parents=True)
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": DATABASE_URL,
        "STYRKORT_VAR_DIR": str(var),
        "SECRET_KEY": "bench-only-" + "x" * 50,
        "ALLOWED_HOSTS": "127.0.0.1",
        "STYRKORT_BIND": f"127.0.0.1:{port}",
        "DEBUG": "false",
        # Plain HTTP on the loopback (no proxy in front): no HTTPS redirect, cookies without Secure.
        "SECURE_SSL_REDIRECT": "false",
        "SESSION_COOKIE_SECURE": "false",
        "CSRF_COOKIE_SECURE": "false",
    }
    started = time.perf_counter()
    styrkort(env, "migrate", "--noinput")
    styrkort(env, "generate-demo", "--committees", str(COMMITTEES))
    styrkort(env, "shell", "-c", DECIDE.format(code=LARGEST_COMMITTEE_CODE))
    styrkort({**env, "DEBUG": "true"}, "demo-users")  # refuses with DEBUG off, by design
    styrkort(env, "collectstatic", "--noinput")
    print(f"  database and demo ready in {time.perf_counter() - started:.0f} s")
    log = var / "gunicorn.log"
    with open(log, "wb") as log_file:
        server = subprocess.Popen(
            [str(BIN / "gunicorn"), "--config", str(REPO / "deploy" / "gunicorn.conf.py")],
            env=env,
            cwd=REPO,
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            wait_until_up(base, server)
            run(base, LARGEST_COMMITTEE_CODE)
        finally:
            server.terminate()
            server.wait(timeout=60)
    print(f"  gunicorn's log (JSON lines): {log}")


def run(base: str, committee: str) -> None:
    workers = os.environ.get("WEB_CONCURRENCY") or f"{2 * (os.cpu_count() or 1) + 1} (2 × CPUs + 1)"
    print(
        f"  {os.cpu_count()} CPUs, gunicorn workers: {workers}; signed in as {USER} (the city view and new reports: {CITY_USER}); {committee} {PERIOD}"
    )
    print(f"  load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    openers, city = {}, {}
    with ThreadPoolExecutor(20) as pool:
        openers[20] = list(pool.map(lambda _: signed_in(base), range(20)))
        city[20] = list(pool.map(lambda _: signed_in(base, CITY_USER), range(20)))
    openers[1], city[1] = openers[20][:1], city[20][:1]
    urls = pages(base, openers[1][0], committee)
    header = f"  {'page':<18}{'clients':>8}{'requests':>9}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'req/s':>8}{'non-200':>9}"
    print(header)
    for name, url in urls.items():
        for clients in (1,) if isinstance(url, list) else (1, 20):  # new reports: one client
            who = city if name in ("city view", "PDF (new report)") else openers
            result = measure(who[clients], url, REQUESTS[clients])
            p50, p95, p99 = (1000 * value for value in percentiles(result.times))
            rate = len(result.times) / result.wall if result.wall else float("nan")
            print(
                f"  {name:<18}{clients:>8}{len(result.times):>9}{p50:>9.0f}{p95:>9.0f}{p99:>9.0f}"
                f"{rate:>8.1f}{result.errors:>9}",
                flush=True,
            )
    print(f"  load average after:  {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
