"""The reading view: the published report from the decided snapshot, nothing of the working view."""

from __future__ import annotations

import pytest

from styrkort.audit.models import Change
from styrkort.followup.models import Report
from styrkort.goals.models import Goal
from styrkort.web import rendering
from styrkort.workflow import transitions as workflow
from tests.web.helpers import ANONYMOUS, BASE, assessment

pytestmark = pytest.mark.django_db
READ = BASE + "las/"
WORKING = [
    "",
    "indikatorer/",
    "aktiviteter/",
    "ekonomi/",
    "forslag/",
    "bilagor/",
    "forhandsgranska/",
    "rapportorer/",
]


def decide(render: bool = False) -> Report:
    report = Report.objects.get(organisation__code="sdn-test", period__kind="T1")
    workflow.submit_for_review(report, gate=False)
    workflow.approve(report, gate=False)
    workflow.decide(report, "anna", render=render)
    return report


def test_a_decided_report_reads_from_its_snapshot_not_from_later_edits(login, users):
    goal = Goal.objects.get(number="1.1.1", organisation__code="sdn-test")
    decide()
    goal.description = "En senare beskrivning, skriven genom en annan periods rapport."
    goal.save()  # goal definitions are shared by the year's reports and stay editable
    page = login(ANONYMOUS).get(READ).content.decode()
    assert "Beskrivning av målet." in page
    assert "En senare beskrivning" not in page
    exported = login(ANONYMOUS).get(BASE + "rapport.json").content.decode()
    assert "Beskrivning av målet." in exported and "En senare beskrivning" not in exported


@pytest.mark.parametrize("persona", [ANONYMOUS, "bertil", "anna", "admin"])
def test_every_working_page_of_a_decided_report_sends_everyone_to_the_reading_view(login, users, persona):
    decide()
    client = login(persona)
    for page in WORKING:
        response = client.get(BASE + page)
        assert (response.status_code, response.url) == (302, READ), page
    goal = client.get(f"{BASE}mal/{assessment('1.1').pk}/")
    assert goal.url == READ


def test_the_reading_view_shows_no_trail_names_findings_assignments_or_controls(login, users):
    login("anna").post(BASE + "rapportorer/", {f"goal-{assessment('1.1').goal_id}": str(users["rut"].pk)})
    decide()
    assert Change.objects.filter(username="anna").exists()
    page = login(ANONYMOUS).get(READ).content.decode()
    assert "Barn har en trygg fritid" in page  # the report itself
    for working in (
        "Ändringslogg",
        "Kontrollens fynd",
        "Rapportörer",
        "rapportorer/",
        "Arbetsflöde",
        "Rut",
        "anna",
    ):
        assert working not in page, working
    assert "<textarea" not in page and "Öppna rapporten igen" not in page
    assert 'href="/rapporter/sdn-test/2026-T1/rapport.pdf"' in page


def test_an_administrator_reopens_a_decided_report_from_the_reading_view(login, users):
    decide()
    page = login("admin").get(READ).content.decode()
    assert "Öppna rapporten igen" in page
    response = login("admin").post(BASE + "arbetsflode/reopen/", {"reason": "Fel siffra i bilagan"})
    assert response.status_code == 302
    assert Report.objects.get(organisation__code="sdn-test", period__kind="T1").state == "open"


def test_readers_of_an_undecided_report_read_the_marked_draft(login, users):
    page = login("bertil").get(READ).content.decode()
    assert "Utkast, inte beslutat" in page and "Till arbetsvyn" not in page
    assert "Till arbetsvyn" in login("anna").get(READ).content.decode()
    assert login(ANONYMOUS).get(READ).status_code == 404  # the public sees decided reports only


def test_the_decided_pdf_is_the_stored_one_and_is_never_rendered_again(login, users, monkeypatch):
    report = decide(render=True)
    stored = bytes(report.snapshots.get().pdf)

    def refuse(data):
        raise AssertionError("a decided report's PDF was rendered again")

    monkeypatch.setitem(rendering.RENDERERS, "pdf", refuse)
    response = login(ANONYMOUS).get(BASE + "rapport.pdf")
    assert response.status_code == 200 and response.content == stored


def test_the_public_start_page_lists_decided_reports_linked_to_their_reading_view(login, users):
    decide()
    page = login(ANONYMOUS).get("/").content.decode()
    assert "Publicerade rapporter" in page and f'href="{READ}"' in page
    assert "Nämnd sdn-other" not in page
