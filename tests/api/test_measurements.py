"""PATCH of an indicator's measurement: the grid's rules, a version guard, Swedish refusals."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from styrkort.audit.models import Change
from styrkort.domain.numbers import from_exchange
from styrkort.followup.models import Report
from tests.api.conftest import REPORT
from tests.web.helpers import measurement

INDICATOR = "Andel legitimerade förskollärare"
FIELDS = ("outcome", "outcome_men", "outcome_women", "forecast", "analysis", "version")


def _stored(name: str = INDICATOR) -> dict:
    m = measurement(name)
    return {field: getattr(m, field) for field in FIELDS}


def _url(name: str = INDICATOR) -> str:
    return f"{REPORT}/indicators/{measurement(name).pk}"


def test_the_list_shows_figures_as_exchange_strings_with_status_and_version(api, report):
    response = api("anna").get(f"{REPORT}/indicators")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == len(body["items"]) == 3
    row = next(item for item in body["items"] if item["indicator"] == INDICATOR)
    assert row["outcome"] == "38.2" and row["outcome_men"] == "1.3" and row["forecast"] == "39.5"
    assert row["version"] == measurement(INDICATOR).version
    assert row["editable"] is True
    assert row["status"]["label"]


def test_the_list_filters_by_goal_and_pages(api, report):
    caller = api("anna")
    only = caller.get(f"{REPORT}/indicators", goal="1.1.1").json()
    assert [item["indicator"] for item in only["items"]] == ["Antal besök"]
    page = caller.get(f"{REPORT}/indicators", limit=1, offset=1).json()
    assert page["count"] == 3 and len(page["items"]) == 1


def test_a_patch_writes_what_was_sent_raises_the_version_once_and_is_audited(api, users, report):
    before = _stored()
    response = api("anna").patch(_url(), {"version": before["version"], "outcome": "40.10", "analysis": "Ny"})
    assert response.status_code == 200, response.content
    after = _stored()
    assert after["outcome"] == Decimal("40.10") and str(after["outcome"]) == "40.10"
    assert after["analysis"] == "Ny"
    assert after["forecast"] == before["forecast"] and after["outcome_men"] == before["outcome_men"]
    assert after["version"] == before["version"] + 1
    assert response.json()["outcome"] == "40.10" and response.json()["version"] == after["version"]
    change = Change.objects.filter(field="outcome", object_id=str(measurement(INDICATOR).pk)).latest("at")
    assert change.username == "anna" and change.new == "40.10"


def test_null_makes_a_figure_missing_never_zero(api, report):
    before = _stored()
    response = api("anna").patch(_url(), {"version": before["version"], "forecast": None})
    assert response.status_code == 200
    assert _stored()["forecast"] is None and response.json()["forecast"] is None


def test_a_patch_that_changes_nothing_writes_nothing(api, report):
    before = _stored()
    response = api("anna").patch(_url(), {"version": before["version"], "outcome": "38.2"})
    assert response.status_code == 200
    assert _stored() == before


def test_a_stale_version_is_409_and_nothing_changes(api, report):
    caller = api("anna")
    first = _stored()
    assert caller.patch(_url(), {"version": first["version"], "analysis": "Först"}).status_code == 200
    before = _stored()
    response = caller.patch(_url(), {"version": first["version"], "outcome": "1.0"})
    assert response.status_code == 409
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["title"] == "Konflikt" and problem["version"] == before["version"]
    assert "inget ändrades" in problem["detail"]
    assert _stored() == before


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("38,2", "inget tal"),
        ("1.234.5", "inget tal"),
        ("1e3", "inget tal"),
        ("", "inget tal"),
        ("12345678901234", "Utfall"),  # more digits than an indicator figure has
        ("1.123456", "Utfall"),  # more decimals than an indicator figure has
    ],
)
def test_a_bad_figure_is_422_in_swedish_naming_the_field_and_nothing_changes(api, report, value, reason):
    before = _stored()
    response = api("anna").patch(_url(), {"version": before["version"], "outcome": value, "analysis": "X"})
    assert response.status_code == 422, response.content
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["title"] == "Ogiltiga värden"
    assert problem["errors"][0]["pointer"] == "/outcome"
    assert reason in problem["errors"][0]["detail"]
    assert "Inget ändrades" in problem["detail"]
    assert _stored() == before


@pytest.mark.parametrize(
    "body",
    [
        {"version": 1, "outcome": 38.2},  # a JSON number: figures are strings
        {"version": 1, "outcome": True},
        {"version": 1, "colour": "red"},  # an unknown field
        {"outcome": "1"},  # no version
        {"version": "ett"},
        [],
    ],
)
def test_a_body_of_the_wrong_shape_is_422_in_swedish_and_nothing_changes(api, report, body):
    before = _stored()
    response = api("anna").patch(_url(), body)
    assert response.status_code == 422
    problem = response.json()
    assert problem["title"] == "Ogiltiga värden" and problem["errors"]
    assert "Traceback" not in response.content.decode()
    assert _stored() == before


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=30))
def test_any_text_as_a_figure_is_saved_exactly_or_refused_with_nothing_changed(api, report, text):
    caller = api("anna")
    before = _stored()
    response = caller.patch(_url(), {"version": before["version"], "outcome": text})
    assert response.status_code in (200, 422), response.content
    if response.status_code == 422:
        assert _stored() == before
    else:  # saved exactly as sent, with its precision ("1.0" stays "1.0")
        sent = from_exchange(text)
        assert sent is not None
        stored = _stored()["outcome"]
        assert stored == sent and stored.as_tuple().exponent == sent.as_tuple().exponent


def test_a_locked_report_is_409_and_nothing_changes(api, report):
    Report.objects.filter(pk=report.pk).update(state=Report.State.APPROVED)
    before = _stored()
    response = api("anna").patch(_url(), {"version": before["version"], "outcome": "1"})
    assert response.status_code == 409
    assert "godkänd" in response.json()["detail"]
    assert _stored() == before
