"""The API gives each token its user's rights, as the web application does."""

from __future__ import annotations

import pytest

from tests.api.conftest import API, REPORT
from tests.web.helpers import measurement

OTHER_INDICATOR = "Antal vräkningar som berör barn"  # not among rut's parts


@pytest.mark.parametrize(
    "path",
    ["", "/goals", "/indicators", "/activities", "/economy", "/findings", "/documents/docx"],
)
def test_a_user_of_another_organisation_gets_404_for_everything_of_the_report(api, report, path):
    response = api("cecilia").get(REPORT + path)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["title"] == "Finns inte"


def test_a_user_of_another_organisation_gets_404_for_a_patch(api, report):
    m = measurement("Antal besök")
    response = api("cecilia").patch(f"{REPORT}/indicators/{m.pk}", {"version": m.version, "outcome": "1"})
    assert response.status_code == 404
    assert measurement("Antal besök").outcome == m.outcome


def test_lists_hold_only_what_the_user_may_see(api, report):
    reports = api("cecilia").get(f"{API}/reports").json()["items"]
    assert {(r["organisation"], r["period"]) for r in reports} == {("sdn-other", "2026-T1")}
    codes = {o["code"] for o in api("cecilia").get(f"{API}/organisations").json()["items"]}
    assert "sdn-other" in codes and "sdn-test" not in codes
    assert api("cecilia").get(f"{API}/organisations/sdn-test").status_code == 404
    admin_codes = {o["code"] for o in api("admin").get(f"{API}/organisations").json()["items"]}
    assert {"sdn-test", "sdn-other", "testkommun"} <= admin_codes


def test_a_reader_sees_the_report_but_may_not_change_it(api, report):
    caller = api("bertil")
    assert caller.get(REPORT).status_code == 200
    m = measurement("Antal besök")
    response = caller.patch(f"{REPORT}/indicators/{m.pk}", {"version": m.version, "outcome": "1"})
    assert response.status_code == 403
    assert response.json()["title"] == "Åtkomst nekad"
    assert measurement("Antal besök").outcome == m.outcome


def test_a_reporter_changes_their_parts_and_nothing_else(api, report):
    caller = api("rut")
    mine = measurement("Andel legitimerade förskollärare")
    assert (
        caller.patch(
            f"{REPORT}/indicators/{mine.pk}", {"version": mine.version, "analysis": "Rut"}
        ).status_code
        == 200
    )
    other = measurement(OTHER_INDICATOR)
    response = caller.patch(f"{REPORT}/indicators/{other.pk}", {"version": other.version, "analysis": "Rut"})
    assert response.status_code == 403
    assert measurement(OTHER_INDICATOR).analysis == other.analysis
    editable = {i["indicator"]: i["editable"] for i in caller.get(f"{REPORT}/indicators").json()["items"]}
    assert editable[mine.indicator.name] is True and editable[OTHER_INDICATOR] is False


def test_an_indicator_of_another_report_is_404_through_this_one(api, report):
    other = measurement("Antal besök", code="sdn-other")
    response = api("admin").patch(
        f"{REPORT}/indicators/{other.pk}", {"version": other.version, "outcome": "1"}
    )
    assert response.status_code == 404


def test_the_report_endpoints_answer_the_report_s_own_data(api, report):
    caller = api("anna")
    document = caller.get(REPORT).json()
    assert document["organisation"]["code"] == "sdn-test" and document["period"] == {
        "year": 2026,
        "kind": "T1",
    }
    goals = caller.get(f"{REPORT}/goals").json()
    assert {goal["number"] for goal in goals} >= {"1", "1.1", "1.1.1"}
    activities = caller.get(f"{REPORT}/activities").json()
    assert "Egen aktivitet" in {a["title"] for a in activities}
    assert caller.get(f"{REPORT}/economy").json() == document["economy"]
    findings = caller.get(f"{REPORT}/findings")
    assert findings.status_code == 200 and isinstance(findings.json(), list)
    docx = caller.get(f"{REPORT}/documents/docx")
    assert docx.status_code == 200 and docx.content[:2] == b"PK"
    assert 'filename="sdn-test-2026-T1.docx"' in docx["Content-Disposition"]


def test_paging_beyond_the_bounds_is_422_not_a_database_error(api, report):
    caller = api("anna")
    for query in ({"limit": 1001}, {"limit": 0}, {"offset": -1}, {"offset": 2**63}):
        response = caller.get(f"{API}/reports", **query)
        assert response.status_code == 422, query
        assert response.json()["errors"][0]["pointer"].startswith("/query/")
    assert caller.get(f"{API}/reports", offset=10**9).json() == {"items": [], "count": 1}


def test_a_parameter_with_a_nul_byte_is_422_not_a_database_error(api, report):
    caller = api("anna")
    for path, query in (
        (f"{API}/reports", {"organisation": "sdn\x00test"}),
        (f"{API}/organisations", {"search": "x\x00"}),
        (f"{REPORT}/indicators", {"goal": "1\x00"}),
        (f"{API}/organisations/sdn%00test", {}),
        (f"{API}/reports/sdn%00test/2026-T1", {}),
    ):
        response = caller.get(path, **query)
        assert response.status_code == 422, (path, query)
        assert response["Content-Type"] == "application/problem+json"
