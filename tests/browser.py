"""Headless Chromium for tests: Debian's /usr/bin/chromium driven by Playwright, plus axe-core.

Tests that need a browser call ``chromium_or_skip()``; where Chromium is not installed
(``make system-deps`` installs it) they skip and say why. axe-core comes from the
``axe-playwright-python`` package, which ships ``axe.min.js``: nothing is downloaded.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def axe_script() -> str:
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


def chromium_or_skip() -> str:
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.skip("Debian's chromium is not installed here (make system-deps installs it)")
    return CHROMIUM


def serious_axe_violations(page) -> list[dict]:
    """Run axe-core on the page; the violations of impact serious or critical.

    axe-core is evaluated through the browser's debugging protocol, not added as a script tag:
    the page's Content-Security-Policy (rightly) refuses an inline script."""
    page.evaluate(axe_script())
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [v for v in result["violations"] if v.get("impact") in ("serious", "critical")]
