"""Benchmark of the bulk store (`make bench`): `styrkort generate-demo --committees N` on PostgreSQL.

The database named by BENCH_STORE_DATABASE_URL (default
postgres://postgres@127.0.0.1:5432/styrkort_bench_store, which the bench owns: it is dropped and
made anew) is migrated, then the whole command runs once as a user runs it (a fresh process:
start-up, generation, one transaction) with BENCH_STORE_COMMITTEES committees (default 300, the
issue's target: under 3 minutes on the project's 2-core machine). Printed: the wall time, the
command's user CPU time, the reports written per second, and the machine's load average before
and after (other work on the machine slows the wall time; the CPU time much less).
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


if __name__ == "__main__":
    main()
