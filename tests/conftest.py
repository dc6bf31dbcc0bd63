"""Shared fixtures: the example report lives outside the repository, in ../shared/seeds/."""

from __future__ import annotations

from pathlib import Path

import pytest

SEED = (
    Path(__file__).resolve().parents[2] / "shared" / "seeds" / "hasselby-vallingby-tertialrapport-1-2026.txt"
)


@pytest.fixture(scope="session")
def seed_text() -> str:
    """The text of the example report; tests that need it skip where ../shared/seeds is absent."""
    if not SEED.exists():
        pytest.skip(f"the example report is not here ({SEED}); it is kept out of the repository")
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session", autouse=True)
def static_files_without_manifest(tmp_path_factory):
    """Tests read the apps' static files directly, as under DEBUG: production's hashed names need
    `collectstatic` (its manifest); tests/ops/test_serving.py runs that against the real storage."""
    from django.test import override_settings

    plain = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with override_settings(STORAGES=plain, STATIC_ROOT=tmp_path_factory.mktemp("static")):
        yield


@pytest.fixture
def browser():
    """Headless Chromium (Debian's) driven by Playwright; skips, saying why, where it is absent."""
    from tests.browser import CHROMIUM_ARGS, chromium_or_skip

    executable = chromium_or_skip()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
