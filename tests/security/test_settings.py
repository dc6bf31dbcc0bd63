"""Secure by default: DEBUG off, no default secret, transport security on, strict yes/no settings."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from styrkort import settings as styrkort_settings

STYRKORT = Path(sys.executable).parent / "styrkort"
SECRET = "k3Jq9vZs0XbYw2LmNp4RtUe6HgFd8CaS1oIiKuJyTrEwQzXcVbNm-_"


def run(*args: str, **env: str) -> subprocess.CompletedProcess:
    """The styrkort command with only the given environment (plus PATH): no DEBUG unless given."""
    clean = {"PATH": os.environ["PATH"], "DJANGO_SETTINGS_MODULE": "styrkort.settings", **env}
    return subprocess.run([str(STYRKORT), *args], env=clean, capture_output=True, text=True, timeout=120)


def test_check_deploy_is_clean_with_only_a_secret_and_the_hosts():
    result = run(
        "check", "--deploy", "--fail-level", "DEBUG", SECRET_KEY=SECRET, ALLOWED_HOSTS="styrkort.example.se"
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_without_debug_there_is_no_default_secret():
    result = run("check", ALLOWED_HOSTS="styrkort.example.se")
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


@pytest.mark.parametrize("value", ["treu", "ja", "2", "of"])
def test_a_misspelt_yes_or_no_stops_styrkort_at_start(value):
    result = run("check", DEBUG=value)
    assert result.returncode != 0
    assert f"DEBUG={value!r}: write true or false" in result.stderr


def test_env_bool_reads_the_usual_words(monkeypatch):
    for word, expected in (
        ("true", True),
        ("On", True),
        ("1", True),
        ("no", False),
        ("FALSE", False),
        ("", None),
    ):
        monkeypatch.setenv("STYRKORT_X", word)
        assert styrkort_settings.env_bool("STYRKORT_X", None) is expected  # type: ignore[arg-type]


def test_transport_security_is_on_by_default_and_each_switch_turns_it_off():
    code = (
        "from django.conf import settings as s; "
        "print(s.DEBUG, s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE, "
        "s.CSRF_COOKIE_SECURE, getattr(s, 'SECURE_PROXY_SSL_HEADER', None))"
    )
    on = run("shell", "--no-imports", "-c", code, SECRET_KEY=SECRET)
    assert on.stdout.split() == [
        "False",
        "True",
        "31536000",
        "True",
        "True",
        "('HTTP_X_FORWARDED_PROTO',",
        "'https')",
    ]
    off = run(
        "shell",
        "--no-imports",
        "-c",
        code,
        SECRET_KEY=SECRET,
        SECURE_SSL_REDIRECT="false",
        SECURE_HSTS_SECONDS="0",
        SESSION_COOKIE_SECURE="no",
        CSRF_COOKIE_SECURE="0",
        SECURE_PROXY_SSL_HEADER="off",
    )
    assert off.stdout.split() == ["False", "False", "0", "False", "False", "None"]
    names = run(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings as s; print(s.SESSION_COOKIE_NAME, s.CSRF_COOKIE_NAME)",
        SECRET_KEY=SECRET,
    )
    assert names.stdout.split() == ["__Host-sessionid", "__Host-csrftoken"]


def test_every_setting_read_from_the_environment_is_documented():
    source = Path(styrkort_settings.__file__).read_text(encoding="utf-8")
    example = (Path(styrkort_settings.__file__).parents[1] / ".env.example").read_text(encoding="utf-8")
    names = set(re.findall(r'env_(?:bool|int|list)\("([A-Z_]+)"', source))
    names |= set(re.findall(r'os\.environ\.get\("([A-Z_]+)"', source))
    missing = sorted(name for name in names if f"# {name}=" not in example)
    assert missing == []


def test_a_session_ends_when_idle_and_at_the_latest_after_the_maximum(settings):
    assert settings.SESSION_ENGINE == "styrkort.web.sessions"  # renewed by requests (test_login.py)
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.STYRKORT_SESSION_MAX_HOURS == 12


def test_the_asvs_totals_in_the_security_notes_add_up():
    notes = (Path(styrkort_settings.__file__).parents[1] / "docs" / "security.md").read_text(encoding="utf-8")
    statuses = re.findall(r"^\| \d+\.\d+ [^|]*\| (met|open|partly|N/A) \|", notes, re.M)
    counts = {status: statuses.count(status) for status in ("met", "N/A", "open", "partly")}
    assert f"| met | {counts['met']} |" in notes
    assert f"| not applicable | {counts['N/A']} |" in notes
    assert (
        f"| open | {counts['open'] + counts['partly']} ({counts['open']} open, {counts['partly']} partly met) |"
        in notes
    )
    assert f"| **total** | **{len(statuses)}** |" in notes
