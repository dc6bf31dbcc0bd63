"""Prepared statements on and off (STYRKORT_PG_PREPARE_THRESHOLD=off, then 5, alternately).

`python scripts/bench_prepare.py` with bench_load.py's database (BENCH_DATABASE_URL, dropped and
filled with the demo; SETUP=0 reuses it): gunicorn is started once per round (ROUNDS, default
off,5,off,5) and 20 signed-in clients fetch N (200) requests of each page after 40 to warm up.
Printed per page: the CPU time per request of gunicorn's workers and of the database's PostgreSQL
backends (utime + stime from /proc, so other work on the machine is not counted, though it slows
every figure) and p50/p95 of the response times. Every backend of the bench database is counted:
nothing else may use that database meanwhile. Linux only.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psycopg

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO / "scripts"), str(REPO)]
import bench_load as bl  # noqa: E402 (the load test's helpers, from this directory)

TICK = os.sysconf("SC_CLK_TCK")
N = int(os.environ.get("N", "200"))
ROUNDS = os.environ.get("ROUNDS", "off,5,off,5").split(",")
PAGES = ("start", "overview", "grid", "goal", "economy", "city view")


def stat(pid: int) -> list[str]:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (FileNotFoundError, ProcessLookupError):
        return []


def ticks(pid: int) -> int:
    fields = stat(pid)
    return int(fields[11]) + int(fields[12]) if fields else 0  # utime + stime


def children(ppid: int) -> list[int]:
    return [int(d) for d in os.listdir("/proc") if d.isdigit() and stat(int(d))[1:2] == [str(ppid)]]


def setup(env: dict[str, str], var: Path) -> None:
    bl.recreate_database()
    shutil.rmtree(var, ignore_errors=True)
    var.mkdir(parents=True)
    started = time.perf_counter()
    bl.styrkort(env, "migrate", "--noinput")
    bl.styrkort(env, "generate-demo", "--committees", str(bl.COMMITTEES))
    bl.styrkort({**env, "DEBUG": "true"}, "demo-users")
    bl.styrkort(env, "collectstatic", "--noinput")
    print(f"database and demo ready in {time.perf_counter() - started:.0f} s", flush=True)


def one_round(env: dict[str, str], var: Path, label: str, monitor: psycopg.Connection, dbname: str) -> dict:
    from styrkort.demo import LARGEST_COMMITTEE_CODE

    port = bl.free_port()
    env = {**env, "STYRKORT_BIND": f"127.0.0.1:{port}", "STYRKORT_PG_PREPARE_THRESHOLD": label}
    base = f"http://127.0.0.1:{port}"
    rows = {}
    with open(var / f"gunicorn-{label}.log", "ab") as log:
        config = str(REPO / "deploy" / "gunicorn.conf.py")
        server = subprocess.Popen(
            [str(bl.BIN / "gunicorn"), "--config", config],
            env=env,
            cwd=REPO,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            bl.wait_until_up(base, server)
            with ThreadPoolExecutor(20) as pool:
                ops = list(pool.map(lambda _: bl.signed_in(base), range(20)))
                city = list(pool.map(lambda _: bl.signed_in(base, bl.CITY_USER), range(20)))
            urls = bl.pages(base, ops[0], LARGEST_COMMITTEE_CODE)
            print(f"threshold {label}, load average {os.getloadavg()[0]:.2f}", flush=True)
            query = "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()"
            for name in PAGES:
                who = city if name == "city view" else ops
                bl.measure(who, urls[name], 40)
                backends = {p: ticks(p) for (p,) in monitor.execute(query, [dbname])}
                workers = {p: ticks(p) for p in children(server.pid)}
                result = bl.measure(who, urls[name], N)
                done = len(result.times)
                pg = sum(ticks(p) - backends.get(p, 0) for (p,) in monitor.execute(query, [dbname]))
                web = sum(ticks(p) - workers.get(p, 0) for p in children(server.pid))
                p50, p95, _ = (1000 * value for value in bl.percentiles(result.times))
                rows[name] = (pg * 1000 / TICK / done, web * 1000 / TICK / done, p50, p95)
                print(
                    f"  {name:<10} {done} requests, {result.errors} non-200: PostgreSQL {rows[name][0]:5.2f} ms,"
                    f" gunicorn {rows[name][1]:6.2f} ms CPU a request; p50 {p50:.0f} ms, p95 {p95:.0f} ms",
                    flush=True,
                )
        finally:
            server.terminate()
            server.wait(timeout=60)
    return rows


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "styrkort.settings")
    dbname = urllib.parse.urlsplit(bl.DATABASE_URL).path.lstrip("/")
    var = REPO / "var" / "bench"
    env = {
        **os.environ,
        "DATABASE_URL": bl.DATABASE_URL,
        "STYRKORT_VAR_DIR": str(var),
        "SECRET_KEY": "bench-only-" + "x" * 50,
        "ALLOWED_HOSTS": "127.0.0.1",
        "DEBUG": "false",
        "SECURE_SSL_REDIRECT": "false",
        "SESSION_COOKIE_SECURE": "false",
        "CSRF_COOKIE_SECURE": "false",
    }
    if os.environ.get("SETUP", "1") == "1":
        setup(env, var)
    results: dict[tuple[str, str], list[tuple[float, ...]]] = {}
    with psycopg.connect(bl.DATABASE_URL, autocommit=True) as monitor:
        for label in ROUNDS:
            for name, row in one_round(env, var, label, monitor, dbname).items():
                results.setdefault((name, label), []).append(row)
    print("\nmedians of the rounds: page, threshold, CPU ms a request (PostgreSQL, gunicorn), p50, p95 ms")
    for (name, label), rows in sorted(results.items()):
        medians = [statistics.median(column) for column in zip(*rows, strict=True)]
        print(f"  {name:<10} {label:>4} " + " ".join(f"{value:7.2f}" for value in medians))


if __name__ == "__main__":
    main()
