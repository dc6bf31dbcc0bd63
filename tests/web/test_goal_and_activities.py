"""The goal page (assessment beside the suggestion) and the activities page."""

from __future__ import annotations

from datetime import date

import pytest

from styrkort.audit.models import Change
from styrkort.goals.models import ActivityFollowUp
from tests.web.helpers import BASE, activity_data, assessment, follow_up, goal_data

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
        goal_url(goal), goal_data(goal, own_goal=True, status="met", analysis="Ny analys.\r\n\r\nMer.")
    )
    assert response.status_code == 302
    goal.refresh_from_db()
    assert (goal.status, goal.analysis, goal.version) == ("met", "Ny analys.\n\nMer.", 2)
    change = Change.objects.get(object_id=str(goal.pk), field="status")
    assert (change.username, change.old, change.new) == ("rut", "partly_met", "met")
    assert "Uppfylls helt" in login("rut").get(goal_url(goal)).content.decode()


def test_an_unknown_assessment_is_refused_with_the_text_kept(login, users):
    goal = assessment("1.1.1")
    response = login("anna").post(goal_url(goal), goal_data(goal, status="great", analysis="Min analys"))
    assert response.status_code == 400
    page = response.content.decode()
    assert "Inget sparades" in page and "Bedömning:" in page and "Min analys" in page
    goal.refresh_from_db()
    assert goal.status == "partly_met"


def test_two_people_saving_one_analysis_do_not_lose_either_text(login, users):
    goal = assessment("1.1.1")
    annas = goal_data(goal, status="met", analysis="Annas text")
    ruts = goal_data(goal, status="not_met", analysis="Ruts text")  # opened at the same time
    assert login("anna").post(goal_url(goal), annas).status_code == 302
    response = login("rut").post(goal_url(goal), ruts)
    page = response.content.decode()
    assert response.status_code == 409
    assert "Annas text" in page and "Ruts text" in page and "av Anna" in page
    goal.refresh_from_db()
    assert (goal.status, goal.analysis) == ("met", "Annas text")


def test_activities_save_dates_deviation_and_analysis(login, users):
    row = follow_up()
    data = activity_data((row, {"start": "2026-02-01", "end": "2026-10-31", "analysis": "Ny"}))
    assert login("rut").post(BASE + "aktiviteter/", data).status_code == 302
    saved = ActivityFollowUp.objects.select_related("activity").get(pk=row.pk)
    assert (saved.activity.start, saved.activity.end) == (date(2026, 2, 1), date(2026, 10, 31))
    assert (saved.analysis, saved.version, saved.activity.version) == ("Ny", 2, 2)
    assert Change.objects.filter(object_id=str(saved.activity.pk), field="end", new="2026-10-31").exists()


def test_an_end_before_the_start_is_refused_where_it_is(login, users):
    row = follow_up()
    data = activity_data(
        (row, {"start": "2026-05-01", "end": "2026-04-01", "deviation": "", "analysis": "Kvar"})
    )
    response = login("anna").post(BASE + "aktiviteter/", data)
    page = response.content.decode()
    assert response.status_code == 400
    assert "Egen aktivitet, slutdatum: slutdatum ligger före startdatum" in page and "Kvar" in page
    assert follow_up().activity.end == date(2026, 8, 31)


def test_the_committee_edits_its_own_goals_description_and_expected_results(login, users):
    row = assessment("1.1.1")
    page = login("anna").get(goal_url(row)).content.decode()
    assert 'name="g-0-description"' in page and 'name="g-0-expected_results"' in page
    data = goal_data(
        row,
        own_goal=True,
        status="met",
        description="Ny beskrivning.",
        expected_results="- Fler barn deltar.\r\n\r\nFärre avhysningar.",
    )
    response = login("anna").post(goal_url(row), data)
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
    login("anna").post(goal_url(row), goal_data(row, status="met", analysis="Kort."))
    row.goal.refresh_from_db()
    assert (row.goal.description, row.goal.expected_results) == (
        "Beskrivning av målet.",
        ["Fler barn deltar.", "Tryggheten ökar."],
    )


def test_a_city_goal_s_texts_are_not_edited_on_a_committee_report(login, users):
    page = login("anna").get(goal_url(assessment("1.1"))).content.decode()
    assert 'name="g-0-description"' not in page and 'name="g-0-analysis"' in page


def test_the_goal_page_lists_changes_of_its_assessment_indicators_and_activities(login, users):
    """The change log shows the assessment's changes and those of the goal's measurements (asked
    for by id), and nothing of the report's other goals."""
    from styrkort.audit.trail import audit_context
    from styrkort.goals.models import Measurement

    goal = assessment("1.1.1")
    report = goal.report
    in_report = Measurement.objects.filter(organisation=report.organisation, period=report.period)
    mine = in_report.filter(indicator__goal=goal.goal).first()
    other = in_report.exclude(indicator__goal=goal.goal).first()
    assert mine is not None and other is not None
    with audit_context(user=None, source="test"):
        for measurement, words in ((mine, "Min egen analys"), (other, "Ett annat måls analys")):
            measurement.analysis = words
            measurement.save()
    login("rut").post(goal_url(goal), goal_data(goal, own_goal=True, status="met", analysis="Ny."))
    log = login("rut").get(goal_url(goal)).content.decode().split('id="andringar-rubrik"')[1]
    assert "<td>Min egen analys</td>" in log and "<td>bedömning</td>" in log
    assert "Ett annat måls analys" not in log
