"""SQLite as `make demo` runs it holds concurrent saves: two processes that read and then write in
their transactions at the same time both succeed, none is told "database is locked"."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time

import pytest

WRITES = 40
WRITER = """
import sys, time
import django
django.setup()
from django.db import connection, transaction
start = float(sys.argv[2])
while time.time() < start:
    time.sleep(0.005)
for index in range(int(sys.argv[3])):
    with transaction.atomic():  # a save: read, think, write
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM saves")
            seen = cursor.fetchone()[0]
            time.sleep(0.003)
            cursor.execute("INSERT INTO saves (writer, seen) VALUES (%s, %s)", [sys.argv[1], seen])
with connection.cursor() as cursor:
    cursor.execute("PRAGMA journal_mode")
    print(cursor.fetchone()[0])
"""


@pytest.mark.skipif(os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="SQLite's settings")
def test_two_processes_saving_at_once_both_succeed(tmp_path):
    database = tmp_path / "demo.sqlite3"
    with sqlite3.connect(database) as connection:
        # `styrkort migrate`, the first connection to a new database, leaves it in WAL mode for good; two
        # processes that both switch a brand-new file at once may see "locked" in SQLite itself.
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("CREATE TABLE saves (id INTEGER PRIMARY KEY, writer TEXT, seen INTEGER)")
    env = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="styrkort.settings",
        DATABASE_URL=f"sqlite:///{database}",
        DEBUG="true",
        SECRET_KEY="only-for-this-test",
    )
    start = str(time.time() + 3)  # both start writing at the same moment, after Django's set-up
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, name, start, str(WRITES)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("a", "b")
    ]
    results = [writer.communicate(timeout=120) for writer in writers]
    for writer, (out, err) in zip(writers, results, strict=True):
        assert writer.returncode == 0, err
        assert "locked" not in err
        assert out.strip() == "wal"
    with sqlite3.connect(database) as connection:
        rows = connection.execute("SELECT writer, seen FROM saves ORDER BY id").fetchall()
    assert len(rows) == 2 * WRITES
    assert [seen for _, seen in rows] == list(range(2 * WRITES))  # each save saw every save before it
