"""PATCH of a goal's assessment and of an activity's follow-up: the pages' forms and rights."""

from __future__ import annotations

from datetime import date

from styrkort.audit.models import Change
from tests.api.conftest import REPORT
from tests.web.helpers import assessment, follow_up


def test_a_goal_assessment_changes_with_its_version_and_is_audited(api, report):
    row = assessment("1.1")
    response = api("anna").patch(f"{REPORT}/goals/{row.pk}", {"version": row.version, "status": "not_met"})
    assert response.status_code == 200, response.content
    after = assessment("1.1")
    assert after.status == "not_met" and after.analysis == row.analysis and after.version == row.version + 1
    assert response.json()["status_label"] == "Uppfylls inte"
    assert Change.objects.filter(field="status", object_id=str(row.pk), username="anna").exists()


def test_a_stale_goal_version_is_409_and_nothing_changes(api, report):
    row = assessment("1.1")
    caller = api("anna")
    assert (
        caller.patch(f"{REPORT}/goals/{row.pk}", {"version": row.version, "analysis": "A"}).status_code == 200
    )
    response = caller.patch(f"{REPORT}/goals/{row.pk}", {"version": row.version, "analysis": "B"})
    assert response.status_code == 409 and response.json()["version"] == row.version + 1
    assert assessment("1.1").analysis == "A"


def test_an_unknown_status_is_422_in_swedish(api, report):
    row = assessment("1.1")
    response = api("anna").patch(f"{REPORT}/goals/{row.pk}", {"version": row.version, "status": "great"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["pointer"] == "/status"
    assert assessment("1.1").status == row.status


def test_a_reporter_assesses_their_goal_only(api, report):
    caller = api("rut")
    mine, other = assessment("1.1.1"), assessment("1.1")
    assert (
        caller.patch(f"{REPORT}/goals/{mine.pk}", {"version": mine.version, "analysis": "R"}).status_code
        == 200
    )
    assert (
        caller.patch(f"{REPORT}/goals/{other.pk}", {"version": other.version, "analysis": "R"}).status_code
        == 403
    )
    assert assessment("1.1").analysis == other.analysis


def test_an_activity_follow_up_and_its_dates_change_together(api, report):
    row = follow_up()
    body = {"version": row.version, "deviation": "Ingen", "end": "2026-09-30"}
    response = api("anna").patch(f"{REPORT}/activities/{row.pk}", body)
    assert response.status_code == 200, response.content
    after = follow_up()
    assert after.deviation == "Ingen" and after.analysis == row.analysis
    assert after.activity.end == date(2026, 9, 30) and after.activity.start == row.activity.start
    assert response.json()["end"] == "2026-09-30"


def test_an_end_before_the_start_is_422_and_nothing_changes(api, report):
    row = follow_up()
    body = {"version": row.version, "end": "2025-01-01", "deviation": "X"}
    response = api("anna").patch(f"{REPORT}/activities/{row.pk}", body)
    assert response.status_code == 422
    assert "före startdatum" in response.json()["detail"]
    after = follow_up()
    assert after.deviation == row.deviation and after.activity.end == row.activity.end


def test_another_organisation_s_user_gets_404_for_goals_and_activities(api, report):
    caller = api("cecilia")
    row, activity = assessment("1.1"), follow_up()
    assert (
        caller.patch(f"{REPORT}/goals/{row.pk}", {"version": row.version, "analysis": "C"}).status_code == 404
    )
    assert (
        caller.patch(
            f"{REPORT}/activities/{activity.pk}", {"version": activity.version, "analysis": "C"}
        ).status_code
        == 404
    )
