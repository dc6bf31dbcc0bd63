"""The web tests' personas and report (tests/web/conftest.py), and API tokens for them."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from styrkort.accounts.tokens import create_token
from tests.web.conftest import documents_cache, fast_password_hashing, report, users  # noqa: F401

API = "/api/v1"
REPORT = f"{API}/reports/sdn-test/2026-T1"


@pytest.fixture(autouse=True)
def fresh_throttle(settings):
    """Each test counts its requests from zero, at a rate no ordinary test reaches."""
    settings.STYRKORT_API_RATE = "10000/min"
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def token(users):  # noqa: F811 (the fixture imported above)
    """A new token for a persona: the headers that carry it."""

    def make(name: str) -> dict[str, str]:
        _, secret = create_token(users[name], "test")
        return {"Authorization": f"Bearer {secret}"}

    return make


@pytest.fixture
def api(client, token):
    """Call the API as a persona (with the persona's token); JSON bodies for PATCH."""

    class Caller:
        def __init__(self, name: str) -> None:
            self.headers = token(name)

        def get(self, path: str, **params):
            return client.get(path, params, headers=self.headers)

        def patch(self, path: str, body):
            return client.patch(path, body, content_type="application/json", headers=self.headers)

    return Caller
