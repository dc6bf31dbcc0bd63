"""Assigning parts to reporters, and opening a new period for every committee."""

from __future__ import annotations

from decimal import Decimal

import pytest

from styrkort.accounts.access import report_access
from styrkort.accounts.models import Assignment
from styrkort.audit.models import Change
from styrkort.followup.models import Report
from styrkort.goals.models import Goal
from styrkort.storage.store import load_followup
from tests.web.helpers import ANONYMOUS, BASE, assert_matrix, measurement

pytestmark = pytest.mark.django_db
SHARE = "Andel legitimerade förskollärare"


def test_only_a_controller_changes_who_reports_what(login, users):
    goal = Goal.objects.get(number="1.1", organisation__code="testkommun")
    data = {f"goal-{goal.pk}": str(users["rut"].pk)}
    expected = {ANONYMOUS: 404, "cecilia": 404, "bertil": 403, "rut": 403, "dag": 403, "anna": 302}
    assert_matrix(login, "POST", BASE + "rapportorer/", data, expected)
    assert Assignment.objects.filter(user=users["rut"], goal=goal).exists()
    assert Change.objects.filter(action="created", username="anna", content_type__model="assignment").exists()
    access = report_access(users["rut"], Report.objects.get(organisation__code="sdn-test"))
    assert access.can_edit_goal(goal.pk)


def test_unassigning_a_part_takes_the_right_away(login, users):
    row = measurement(SHARE)
    response = login("anna").post(BASE + "rapportorer/", {f"indicator-{row.indicator_id}": ""})
    assert response.status_code == 302
    access = report_access(users["rut"], Report.objects.get(organisation__code="sdn-test"))
    assert not access.can_edit_indicator(row.indicator_id, row.indicator.goal_id)


def test_an_unknown_reporter_is_refused_and_nothing_changes(login, users):
    goal = Goal.objects.get(number="1.1", organisation__code="testkommun")
    response = login("anna").post(BASE + "rapportorer/", {f"goal-{goal.pk}": str(users["cecilia"].pk)})
    assert response.status_code == 400 and "okänd rapportör" in response.content.decode()
    assert not Assignment.objects.filter(goal=goal).exists()


def test_the_city_controller_opens_a_period_for_every_committee(login, users):
    response = login("stina").post(
        "/perioder/oppna/", {"municipality": "testkommun", "year": "2026", "kind": "T2"}
    )
    assert response.status_code == 302
    assert Report.objects.filter(period__kind="T2").count() == 2
    t2 = load_followup("sdn-test", "2026-T2")
    indicator = next(i for _, i in t2.all_indicators() if i.name == SHARE)
    assert (indicator.outcome, indicator.forecast, indicator.analysis) == (None, None, "")
    assert indicator.target == "39.5" and indicator.previous_annual == Decimal("39.2")
    assert all(goal.assessment.status == "not_assessed" for goal in t2.all_goals())
    assert t2.decision_proposals == () and t2.economy == load_followup("sdn-test", "2026-T1").economy
    again = login("stina").post(
        "/perioder/oppna/", {"municipality": "testkommun", "year": "2026", "kind": "T2"}
    )
    assert again.status_code == 302 and Report.objects.filter(period__kind="T2").count() == 2


def test_opening_a_period_is_refused_to_others_and_checks_its_input(login, users):
    for persona in (ANONYMOUS, "anna", "cecilia", "rut"):
        assert login(persona).post("/perioder/oppna/", {"year": "2026", "kind": "T2"}).status_code == 403
    response = login("stina").post(
        "/perioder/oppna/", {"municipality": "testkommun", "year": "20x6", "kind": "T9"}
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "År: ”20x6” är inte ett år" in page and "Period: välj en period" in page
    assert not Report.objects.filter(period__kind="T2").exists()
    assert "Öppna en ny period" in login("stina").get("/rapporter/").content.decode()
    assert "Öppna en ny period" not in login("anna").get("/").content.decode()
