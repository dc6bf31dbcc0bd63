"""Who may see and change what: the persona matrix on every page and every write view."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from styrkort.accounts.access import visible_reports
from styrkort.workflow import transitions as workflow
from tests.web.helpers import (
    ANONYMOUS,
    BASE,
    activity_data,
    assert_matrix,
    assessment,
    follow_up,
    goal_data,
    grid_data,
    measurement,
    page_data,
    state,
)

pytestmark = pytest.mark.django_db

# Those who work on the report get its working pages; readers and the city's controller are sent
# to the reading view (302), which every member sees.
SEES = {ANONYMOUS: 404, "cecilia": 404, "bertil": 302, "stina": 302, "dag": 200, "rut": 200, "anna": 200}
READS = {ANONYMOUS: 404, "cecilia": 404, "bertil": 200, "stina": 200, "dag": 200, "rut": 200, "anna": 200}
READ_ONLY = {ANONYMOUS: 404, "cecilia": 404, "bertil": 403, "stina": 403, "dag": 403}


@pytest.mark.parametrize(
    "page", ["", "indikatorer/", "aktiviteter/", "forhandsgranska/", "rapportorer/", "ekonomi/", "bilagor/"]
)
def test_every_working_page_is_hidden_from_outsiders_and_shown_to_those_who_work_on_it(login, page):
    assert_matrix(login, "GET", BASE + page, None, SEES)


@pytest.mark.parametrize("page", ["las/", "rapport.json"])
def test_the_reading_view_and_the_documents_are_shown_to_every_member(login, page):
    assert_matrix(login, "GET", BASE + page, None, READS)


def test_the_goal_page_is_hidden_from_outsiders(login):
    assert_matrix(login, "GET", f"{BASE}mal/{assessment('1.1').pk}/", None, SEES)


def test_another_committees_goal_is_not_found_through_this_report(login):
    other = assessment("1.1", code="sdn-other")
    assert login("anna").get(f"{BASE}mal/{other.pk}/").status_code == 404


def test_the_grid_refuses_writes_to_those_who_may_not_change(login):
    row = measurement("Andel legitimerade förskollärare")
    data = grid_data((row, {"outcome": "40"}))
    assert_matrix(login, "POST", BASE + "indikatorer/", data, {**READ_ONLY, "rut": 302, "anna": 302})


def test_a_reporter_changes_only_the_indicators_assigned_to_them(login):
    mine = measurement("Andel legitimerade förskollärare")
    other = measurement("Antal vräkningar som berör barn")
    shown = page_data(login("rut"), BASE + "indikatorer/")
    rows = {value for name, value in shown.items() if name.startswith("m-") and name.endswith("-row")}
    assert str(mine.pk) in rows and str(other.pk) not in rows  # forms only for her parts
    # A forged form for a row that is not hers saves nothing and gives her text back.
    data = grid_data((mine, {"forecast": "41"}), (other, {"forecast": "3"}))
    response = login("rut").post(BASE + "indikatorer/", data)
    assert response.status_code == 409
    assert "som du inte längre får ändra" in response.content.decode()
    assert measurement(other.indicator.name).forecast is None
    assert login("rut").post(BASE + "indikatorer/", grid_data((mine, {"forecast": "41"}))).status_code == 302
    assert str(measurement(mine.indicator.name).forecast.normalize()) == "41"


def test_goal_assessments_follow_assignments(login):
    assigned, unassigned = assessment("1.1.1"), assessment("1.1")
    for goal, expected in ((assigned, 302), (unassigned, 403)):
        data = goal_data(goal, status="met", analysis="Ny analys.")
        assert_matrix(
            login, "POST", f"{BASE}mal/{goal.pk}/", data, {**READ_ONLY, "rut": expected, "anna": 302}
        )


def test_activities_refuse_writes_to_those_who_may_not_change(login):
    data = activity_data((follow_up(), {"end": "2026-09-30", "deviation": "Försenad en månad"}))
    assert_matrix(login, "POST", BASE + "aktiviteter/", data, {**READ_ONLY, "rut": 302, "anna": 302})


@pytest.mark.parametrize(
    ("action", "allowed"),
    [("submit", "anna"), ("approve", "dag"), ("decide", "anna"), ("reopen", "admin"), ("ready", "rut")],
)
def test_each_workflow_step_is_refused_to_everyone_else(login, action, allowed):
    expected = {ANONYMOUS: 404, "cecilia": 404, "bertil": 403, "stina": 403}
    for persona in ("anna", "dag", "rut", "admin"):
        if persona != allowed and not (persona == "admin" and action != "ready"):
            expected[persona] = 403
    assert_matrix(login, "POST", f"{BASE}arbetsflode/{action}/", {"reason": "x"}, expected)


def test_anonymous_visitors_see_decided_reports_only(login, report, users):
    assert list(visible_reports(AnonymousUser())) == []
    workflow.submit_for_review(report, gate=False)
    workflow.approve(report, gate=False)
    workflow.decide(report, "anna", render=False)
    assert state() == "decided"
    client = login(ANONYMOUS)
    assert client.get(BASE).url == BASE + "las/"
    assert client.get(BASE + "indikatorer/").url == BASE + "las/"
    assert client.get(BASE + "las/").status_code == 200
    assert client.get("/rapporter/sdn-other/2026-T1/").status_code == 404
    start = client.get("/").content.decode()
    assert "Nämnd sdn-test" in start and "Nämnd sdn-other" not in start


def test_the_start_page_lists_what_the_user_may_see(login):
    page = login("cecilia").get("/").content.decode()
    assert "Nämnd sdn-other" in page and "Nämnd sdn-test" not in page
    page = login("stina").get("/rapporter/").content.decode()
    assert "Nämnd sdn-other" in page and "Nämnd sdn-test" in page
    assert "Logga in" in login(ANONYMOUS).get("/").content.decode()


def test_an_unknown_period_is_not_found(login):
    assert login("anna").get("/rapporter/sdn-test/2026-X9/").status_code == 404
    assert login("anna").get("/rapporter/sdn-test/2025-T1/").status_code == 404


def test_signing_in_with_a_wrong_password_says_so_in_swedish(client, users):
    response = client.post("/konto/logga-in/", {"username": "anna", "password": "fel"})
    page = response.content.decode()
    assert response.status_code == 200 and "Inloggningen misslyckades" in page
    assert 'value="anna"' in page
    response = client.post("/konto/logga-in/", {"username": "anna", "password": "ett-långt-testlösenord-9"})
    assert response.status_code == 302 and response.url == "/"
