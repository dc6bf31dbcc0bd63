"""Backup and restore as README "Running in production" says: pg_dump's custom format, pg_restore
into a fresh database, and the report reads back equal. PostgreSQL only (skipped on SQLite)."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from django.core.management import call_command
from django.db import connection

from styrkort.storage.store import save_followup
from tests.factories import make_followup

REPO = Path(__file__).resolve().parents[2]


def database_url(name: str) -> str:
    params = connection.settings_dict
    user = quote(params["USER"] or "", safe="")
    return f"postgres://{user}@{params['HOST'] or 'localhost'}:{params['PORT'] or 5432}/{name}"


@pytest.mark.django_db(transaction=True)
def test_a_dump_restored_into_a_fresh_database_reads_back_equal(tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip(f"backups are PostgreSQL's pg_dump; this run's database is {connection.vendor}")
    missing = [tool for tool in ("pg_dump", "pg_restore") if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"{', '.join(missing)} not installed (Debian: postgresql-client)")
    save_followup(make_followup("sdn-backup"))
    original = io.StringIO()
    call_command("export-json", "--organisation", "sdn-backup", "--period", "2026-T1", stdout=original)

    env = {**os.environ, "PGPASSWORD": connection.settings_dict["PASSWORD"] or ""}
    dump = tmp_path / "styrkort.dump"
    source = database_url(connection.settings_dict["NAME"])
    subprocess.run(["pg_dump", "--format=custom", f"--file={dump}", source], env=env, check=True)

    restored = f"{connection.settings_dict['NAME']}_restored"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{restored}"')
        cursor.execute(f'CREATE DATABASE "{restored}"')
    try:
        subprocess.run(
            ["pg_restore", "--no-owner", "--exit-on-error", f"--dbname={database_url(restored)}", str(dump)],
            env=env,
            check=True,
        )
        exported = subprocess.run(
            [sys.executable, "-m", "styrkort.manage", "export-json", "--organisation", "sdn-backup"]
            + ["--period", "2026-T1"],
            env={**env, "DATABASE_URL": database_url(restored)},
            cwd=REPO,
            capture_output=True,
            text=True,
            check=True,
        )
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{restored}" WITH (FORCE)')
    assert exported.stdout == original.getvalue()
    assert '"code": "sdn-backup"' in exported.stdout
