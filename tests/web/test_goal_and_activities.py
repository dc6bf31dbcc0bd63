"""The goal page (assessment beside the suggestion) and the activities page."""

from __future__ import annotations

from datetime import date

import pytest

from styrkort.audit.models import Change
from styrkort.goals.models import ActivityFollowUp
from tests.web.helpers import BASE, assessment

pytestmark = pytest.mark.django_db


def goal_url(goal):
    return f"{BASE}mal/{goal.pk}/"


def test_the_goal_page_shows_the_suggestion_and_what_it_rests_on(login, users):
    page = login("dag").get(goal_url(assessment("1.1"))).content.decode()
    assert "Föreslagen bedömning" in page
    assert "1 av 2 indikatorer uppfylls" in page
    assert "avviker från förslaget" in page
    assert "Andel legitimerade förskollärare" in page and "Stadsdelsnämnderna ska göra något" in page
    assert 'name="analysis"' not in page  # the approver sees, but gets no form


def test_the_goal_page_shows_description_and_expected_results(login, users):
    page = login("rut").get(goal_url(assessment("1.1.1"))).content.decode()
    assert "Beskrivning av målet." in page and "Tryggheten ökar." in page


def test_an_assessment_is_saved_and_recorded(login, users):
    goal = assessment("1.1.1")
    response = login("rut").post(
        goal_url(goal), {"status": "met", "analysis": "Ny analys.\r\n\r\nMer.", "version": 1}
    )
    assert response.status_code == 302
    goal.refresh_from_db()
    assert (goal.status, goal.analysis, goal.version) == ("met", "Ny analys.\n\nMer.", 2)
    change = Change.objects.get(object_id=str(goal.pk), field="status")
    assert (change.username, change.old, change.new) == ("rut", "partly_met", "met")
    assert "Uppfylls helt" in login("rut").get(goal_url(goal)).content.decode()


def test_an_unknown_assessment_is_refused_with_the_text_kept(login, users):
    goal = assessment("1.1.1")
    response = login("anna").post(goal_url(goal), {"status": "great", "analysis": "Min analys", "version": 1})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Inget sparades" in page and "Bedömning:" in page and "Min analys" in page
    goal.refresh_from_db()
    assert goal.status == "partly_met"


def test_two_people_saving_one_analysis_do_not_lose_either_text(login, users):
    goal = assessment("1.1.1")
    assert (
        login("anna")
        .post(goal_url(goal), {"status": "met", "analysis": "Annas text", "version": 1})
        .status_code
        == 302
    )
    response = login("rut").post(goal_url(goal), {"status": "not_met", "analysis": "Ruts text", "version": 1})
    page = response.content.decode()
    assert response.status_code == 409
    assert "Annas text" in page and "Ruts text" in page and "anna sparade" in page
    goal.refresh_from_db()
    assert (goal.status, goal.analysis) == ("met", "Annas text")
    assert f'name="version" value="{goal.version}"' in page


def test_activities_save_dates_deviation_and_analysis(login, users):
    follow_up = ActivityFollowUp.objects.get(
        report__organisation__code="sdn-test", activity__title="Egen aktivitet"
    )
    p = f"a{follow_up.pk}"
    data = {
        f"{p}-start": "2026-02-01",
        f"{p}-end": "2026-10-31",
        f"{p}-deviation": "Försenad",
        f"{p}-analysis": "Ny",
        f"{p}-version": "1",
    }
    assert login("rut").post(BASE + "aktiviteter/", data).status_code == 302
    follow_up.refresh_from_db()
    follow_up.activity.refresh_from_db()
    assert (follow_up.activity.start, follow_up.activity.end) == (date(2026, 2, 1), date(2026, 10, 31))
    assert (follow_up.analysis, follow_up.version) == ("Ny", 2)
    assert Change.objects.filter(object_id=str(follow_up.activity.pk), field="end", new="2026-10-31").exists()


def test_an_end_before_the_start_is_refused_where_it_is(login, users):
    follow_up = ActivityFollowUp.objects.get(
        report__organisation__code="sdn-test", activity__title="Egen aktivitet"
    )
    p = f"a{follow_up.pk}"
    data = {
        f"{p}-start": "2026-05-01",
        f"{p}-end": "2026-04-01",
        f"{p}-deviation": "",
        f"{p}-analysis": "Kvar",
        f"{p}-version": "1",
    }
    response = login("anna").post(BASE + "aktiviteter/", data)
    page = response.content.decode()
    assert response.status_code == 400
    assert "Egen aktivitet, slutdatum: slutdatum ligger före startdatum" in page and "Kvar" in page
    follow_up.activity.refresh_from_db()
    assert follow_up.activity.end == date(2026, 8, 31)


def test_the_committee_edits_its_own_goals_description_and_expected_results(login, users):
    row = assessment("1.1.1")
    page = login("anna").get(goal_url(row)).content.decode()
    assert 'name="description"' in page and 'name="expected_results"' in page
    response = login("anna").post(
        goal_url(row),
        {
            "status": "met",
            "analysis": row.analysis,
            "description": "Ny beskrivning.",
            "expected_results": "- Fler barn deltar.\r\n\r\nFärre avhysningar.",
            "version": 1,
        },
    )
    assert response.status_code == 302
    row.goal.refresh_from_db()
    assert (row.goal.description, row.goal.expected_results) == (
        "Ny beskrivning.",
        ["Fler barn deltar.", "Färre avhysningar."],
    )
    change = Change.objects.get(object_id=str(row.goal.pk), field="description")
    assert (change.username, change.old, change.new) == ("anna", "Beskrivning av målet.", "Ny beskrivning.")


def test_a_save_without_the_goal_texts_leaves_them_as_they_were(login, users):
    row = assessment("1.1.1")
    login("anna").post(goal_url(row), {"status": "met", "analysis": "Kort.", "version": 1})
    row.goal.refresh_from_db()
    assert (row.goal.description, row.goal.expected_results) == (
        "Beskrivning av målet.",
        ["Fler barn deltar.", "Tryggheten ökar."],
    )


def test_a_city_goal_s_texts_are_not_edited_on_a_committee_report(login, users):
    page = login("anna").get(goal_url(assessment("1.1"))).content.decode()
    assert 'name="description"' not in page
