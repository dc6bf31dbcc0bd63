"""Notifications: one for each workflow step and assignment, the header's count, reading them, rights."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from styrkort.accounts.models import Assignment, Membership
from styrkort.audit.trail import audit_context
from styrkort.followup.models import Report
from styrkort.goals.models import Activity
from styrkort.organisations.models import Organisation
from styrkort.workflow import transitions as workflow
from styrkort.workspace.models import Notification
from tests.web.helpers import BASE

pytestmark = pytest.mark.django_db
Kind = Notification.Kind


def told(kind: str) -> list[str]:
    return sorted(Notification.objects.filter(kind=kind).values_list("user__username", flat=True))


def step(client, action: str, reason: str = "Kontrollens fel gäller testdata."):  # past the gates
    return client.post(f"{BASE}arbetsflode/{action}/", {"reason": reason})


def test_each_workflow_step_tells_the_people_concerned(login, users, report):
    assert step(login("anna"), "submit").status_code == 302
    assert told(Kind.REVIEW) == ["dag"]
    review = Notification.objects.get(kind=Kind.REVIEW)
    assert review.text == (
        "Anna har skickat rapporten Nämnd sdn-test, tertialrapport 1 2026 till granskning; "
        "den väntar på ditt godkännande."
    )
    assert review.path == BASE

    assert step(login("anna"), "send_back", "Analysen av <mål 1.1> saknas").status_code == 302
    assert told(Kind.SENT_BACK) == ["rut"]  # not anna, who sent it back
    assert Notification.objects.get(kind=Kind.SENT_BACK).text.endswith("Skäl: ”Analysen av <mål 1.1> saknas”")

    step(login("anna"), "submit")
    assert step(login("dag"), "approve").status_code == 302
    assert told(Kind.APPROVED) == ["anna", "rut"]

    report.refresh_from_db()
    with audit_context(user=users["anna"]):
        workflow.decide(report, "anna", render=False)
    assert told(Kind.DECIDED) == ["dag", "rut"]
    assert Notification.objects.filter(kind=Kind.DECIDED).first().path == f"{BASE}las/"

    assert step(login("admin"), "reopen", "Fel i ekonomin").status_code == 302
    assert told(Kind.REOPENED) == ["anna", "rut"]
    # Nobody outside the report was told anything.
    outsiders = Notification.objects.filter(user__username__in=["bertil", "stina", "cecilia"])
    assert not outsiders.exists()


def test_a_failed_step_tells_no_one(login):
    assert step(login("anna"), "send_back", "inte i granskning").status_code in (302, 409)
    assert not Notification.objects.exclude(kind=Kind.ASSIGNED).exists()


def test_steps_from_the_command_line_tell_no_one(report, users):
    workflow.submit_for_review(report, gate=False)
    assert not Notification.objects.filter(kind=Kind.REVIEW).exists()


def test_an_assignment_tells_the_reporter(users, report):
    assigned = Notification.objects.filter(kind=Kind.ASSIGNED, user=users["rut"])
    assert sorted(n.text.split(" att rapportera")[0] for n in assigned) == [
        "Styrkort har gett dig indikatorn ”Andel legitimerade förskollärare”",
        "Styrkort har gett dig målet 1.1.1 ”Barn har en trygg fritid”",
    ]
    activity = Activity.objects.get(title="Egen aktivitet", goal__organisation__code="sdn-test")
    with audit_context(user=users["anna"]):
        Assignment.objects.create(user=users["rut"], organisation=report.organisation, activity=activity)
    latest = Notification.objects.filter(user=users["rut"]).first()
    assert latest.text.startswith("Anna har gett dig aktiviteten ”Egen aktivitet”")
    follow_up = activity.follow_ups.get()
    assert latest.path == f"{BASE}aktiviteter/#aktivitet-{follow_up.pk}"


def test_the_header_counts_unread_messages_in_one_query(login, users):
    client = login("rut")
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/").content.decode()
    counting = [q["sql"] for q in queries.captured_queries if "workspace_notification" in q["sql"]]
    assert len(counting) == 1 and "COUNT" in counting[0].upper()
    assert '<span class="badge">2</span><span class="visually-hidden"> olästa</span>' in page
    anonymous = login(None)
    with CaptureQueriesContext(connection) as queries:
        anonymous.get("/")
    assert not any("workspace_" in q["sql"] for q in queries.captured_queries)


def test_opening_and_reading_messages(login, users):
    client = login("rut")
    page = client.get("/meddelanden/").content.decode()
    assert page.count('class="notification unread"') == 2
    first = Notification.objects.filter(user=users["rut"]).first()
    response = client.post(f"/meddelanden/{first.pk}/")
    assert response.status_code == 302 and response["Location"] == first.path
    first.refresh_from_db()
    assert first.read_at is not None
    assert (
        '<span class="badge">1</span><span class="visually-hidden"> oläst</span>'
        in client.get("/").content.decode()
    )
    client.post("/meddelanden/")
    assert not Notification.objects.filter(user=users["rut"], read_at__isnull=True).exists()
    # Someone else's message: as if it did not exist.
    assert login("anna").post(f"/meddelanden/{first.pk}/").status_code == 404
    assert login(None).get("/meddelanden/").status_code == 302  # to the login page


def test_a_user_who_loses_the_role_loses_the_reports_messages(
    login, users, report, django_capture_on_commit_callbacks
):
    assert Notification.objects.filter(user=users["rut"]).count() == 2
    with django_capture_on_commit_callbacks(execute=True):
        Membership.objects.filter(user=users["rut"]).delete()
    assert not Notification.objects.filter(user=users["rut"]).exists()
    # Even one that slipped through is neither listed nor opened.
    hidden = Notification.objects.create(
        user=users["bertil"], report=report, kind=Kind.APPROVED, text="hemligt", path=BASE
    )
    client = login("bertil")
    assert "hemligt" not in client.get("/meddelanden/").content.decode()
    assert client.post(f"/meddelanden/{hidden.pk}/").status_code == 404


def test_a_reporter_of_another_committee_is_never_told(users, report):
    other = Organisation.objects.get(code="sdn-other")
    Membership.objects.create(user=users["cecilia"], organisation=other, role="reporter")
    workflow.submit_for_review(report, gate=False)
    with audit_context(user=users["anna"]):
        workflow.send_back(Report.objects.get(pk=report.pk), "skäl")
    assert not Notification.objects.filter(user=users["cecilia"]).exists()
