"""Throttling: past STYRKORT_API_RATE a user gets 429 in Swedish, with Retry-After."""

from __future__ import annotations

from tests.api.conftest import API


def test_past_the_rate_the_answer_is_429_until_the_window_passes(api, report, settings):
    settings.STYRKORT_API_RATE = "3/min"
    anna, cecilia = api("anna"), api("cecilia")
    assert [anna.get(f"{API}/reports").status_code for _ in range(3)] == [200, 200, 200]
    response = anna.get(f"{API}/reports")
    assert response.status_code == 429
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["title"] == "För många anrop"
    assert int(response["Retry-After"]) > 0
    assert cecilia.get(f"{API}/reports").status_code == 200  # per user


def test_an_empty_rate_means_no_limit(api, report, settings):
    settings.STYRKORT_API_RATE = ""
    anna = api("anna")
    assert {anna.get(f"{API}/periods").status_code for _ in range(5)} == {200}
