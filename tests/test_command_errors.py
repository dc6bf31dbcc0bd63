"""A management command that meets an error it did not foresee: Swedish message, exit status 1,
the traceback only with --traceback."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

STYRKORT = str(Path(sys.executable).with_name("styrkort"))


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(
        os.environ,
        DEBUG="true",
        SECRET_KEY="only-for-this-test",
        DATABASE_URL="sqlite:////nonexistent-directory/styrkort.sqlite3",  # cannot be opened
    )
    return subprocess.run([STYRKORT, *args], env=env, capture_output=True, text=True, timeout=120)


def test_an_unexpected_error_ends_with_a_swedish_message_and_status_1():
    done = _run("organisations")
    assert done.returncode == 1
    assert "Fel: organisations avbröts av ett oväntat fel (OperationalError)" in done.stderr
    assert "--traceback" in done.stderr
    assert re.search(
        r"ERROR +styrkort.commands: organisations: unexpected OperationalError", done.stderr
    )  # log
    assert "Traceback" not in done.stderr


def test_the_traceback_is_shown_when_asked_for():
    done = _run("organisations", "--traceback")
    assert done.returncode == 1
    assert "Traceback" in done.stderr
