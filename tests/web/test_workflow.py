"""The workflow: open → in review → approved → decided; the lock; reopening with a reason."""

from __future__ import annotations

import io
import json
import re
import subprocess
import zipfile
from html import escape

import pytest
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from styrkort.audit.models import Change
from styrkort.economy.models import InvestmentProject, VolumeValue
from styrkort.followup.lock import LockedReportError
from styrkort.followup.models import Reopening, ReportSnapshot
from styrkort.goals.models import ActivityFollowUp
from styrkort.storage.store import save_followup
from styrkort.workflow import documents
from styrkort.workflow import transitions as workflow
from tests.factories import make_followup
from tests.web.helpers import BASE, activity_data, assessment, goal_data, grid_data, measurement, state

pytestmark = pytest.mark.django_db
SHARE = "Andel legitimerade förskollärare"


def step(client, action, **data):
    return client.post(f"{BASE}arbetsflode/{action}/", data)


def pdf_text(pdf: bytes) -> str:
    return subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()


def docx_header(document: bytes) -> bytes:
    return zipfile.ZipFile(io.BytesIO(document)).read("word/header1.xml")


GO_ON = "Kontrollens fel gäller testdata."
MEETING = {"meeting_date": "2026-05-20", "paragraph": "§ 45"}


def decide(login, render=False):
    step(login("anna"), "submit", reason=GO_ON)
    step(login("dag"), "approve", reason=GO_ON)
    if render:
        return step(login("anna"), "decide", **MEETING)
    from styrkort.followup.models import Report

    workflow.decide(Report.objects.get(organisation__code="sdn-test"), "anna", render=False)


def test_a_report_goes_through_review_approval_and_decision(login, users):
    step(login("rut"), "ready")
    overview = login("anna").get(BASE).content.decode()
    assert "1 av 1" in overview or "2 av 2" in overview
    assert "Ja, " in overview  # rut's parts are ready
    assert "1 av 1 rapportör har markerat sina delar som klara" in overview
    assert step(login("anna"), "submit", reason=GO_ON).status_code == 302
    assert state() == "in_review"
    assert step(login("dag"), "approve", reason=GO_ON).status_code == 302
    assert state() == "approved"
    response = step(login("anna"), "decide", **MEETING)
    assert response.status_code == 302 and state() == "decided"
    snapshot = ReportSnapshot.objects.get()
    document = json.loads(snapshot.exchange_json)
    assert document["organisation"]["code"] == "sdn-test"
    # The documents are the background worker's: enqueued with the decision, not rendered in it.
    assert snapshot.pdf is None and snapshot.docx is None
    [task] = DBTaskResult.objects.filter(task_path__endswith="render_decided_task")
    assert task.args_kwargs["kwargs"]["snapshot"] == snapshot.pk and task.status == "READY"
    public = login(None)
    assert "PDF- och Word-filen skapas just nu" in public.get(BASE + "las/").content.decode()
    pdf = public.get(BASE + "rapport.pdf")  # before the worker: rendered now from the snapshot
    assert public.get(BASE + "rapport.docx").status_code == 200
    snapshot = ReportSnapshot.objects.get()
    assert pdf.status_code == 200 and pdf.content == bytes(snapshot.pdf)  # and stored with it
    assert bytes(snapshot.pdf).startswith(b"%PDF") and bytes(snapshot.docx).startswith(b"PK")
    assert "skapas just nu" not in public.get(BASE + "las/").content.decode()
    assert b"Utkast" not in docx_header(bytes(snapshot.docx))  # the decided document is no draft
    decided = "Beslutad vid nämndens sammanträde 2026-05-20, § 45"
    assert decided in pdf_text(bytes(snapshot.pdf))
    assert decided.encode() in zipfile.ZipFile(io.BytesIO(bytes(snapshot.docx))).read("word/document.xml")
    assert document["report"]["decision_paragraph"] == "45"
    pdf = public.get(BASE + "rapport.pdf")
    assert pdf.status_code == 200 and pdf.content == bytes(snapshot.pdf)  # the decided file, not a new one
    assert public.get(BASE + "rapport.docx").content == bytes(snapshot.docx)
    assert public.get(BASE + "rapport.json").content.decode() == snapshot.exchange_json
    assert public.get(BASE + "rapport.xlsx").status_code == 404


def test_steps_out_of_order_are_refused_with_a_message(login, users):
    client = login("dag")
    response = step(client, "approve")
    assert state() == "open"
    page = client.get(response.url).content.decode()
    assert "kan inte godkännas när den är «öppen»" in page


def test_sending_back_needs_a_reason(login, users):
    step(login("anna"), "submit", reason=GO_ON)
    step(login("anna"), "send_back", reason="  ")
    assert state() == "in_review"
    step(login("anna"), "send_back", reason="Analysen av 1.1 saknas.")
    assert state() == "open"
    assert Change.objects.filter(field="state", new="open", reason="Analysen av 1.1 saknas.").exists()


def test_a_decided_report_refuses_every_write_through_the_pages_and_gives_the_text_back(login, users):
    decide(login)
    row, goal = measurement(SHARE), assessment("1.1.1")
    follow_up = ActivityFollowUp.objects.filter(report=goal.report).first()
    client = login("anna")
    writes = [
        (BASE + "indikatorer/", grid_data((row, {"outcome": "1", "analysis": "Sen text om utfallet."}))),
        (f"{BASE}mal/{goal.pk}/", goal_data(goal, own_goal=True, status="met", analysis="Sen analys.")),
        (BASE + "aktiviteter/", activity_data((follow_up, {"analysis": "Sen aktivitetstext."}))),
    ]
    for url, data in writes:
        response = client.post(url, data)
        page = response.content.decode()
        assert response.status_code == 409, url
        assert "Inget sparades: rapporten är beslutad" in page
        assert "Sen " in page
    assert step(login("rut"), "ready").status_code == 403
    assert login("bertil").post(BASE + "indikatorer/", writes[0][1]).status_code == 403
    step(client, "submit", reason=GO_ON)
    assert state() == "decided"
    assert measurement(SHARE).outcome == row.outcome


def test_a_decided_report_refuses_writes_through_the_orm_and_save_followup(report, users):
    decide_report = report
    workflow.submit_for_review(decide_report, gate=False)
    workflow.approve(decide_report, gate=False)
    workflow.decide(decide_report, "anna", render=False)
    row = measurement(SHARE)
    row.analysis = "Ändrad i efterhand"
    decide_report.refresh_from_db()
    decide_report.summary = "Ny sammanfattning"
    writes = [
        row.save,
        assessment("1.1").delete,
        InvestmentProject.objects.filter(investment__report=decide_report).first().save,
        VolumeValue.objects.filter(row__table__report=decide_report).first().delete,
        decide_report.save,
        lambda: save_followup(make_followup()),
    ]
    for write in writes:
        with pytest.raises(LockedReportError), transaction.atomic():
            write()
    assert measurement(SHARE).analysis == "Färre män."


def test_a_decided_report_is_read_only_in_the_admin(login, users, report):
    decide(login)
    client = login("admin")
    goal = assessment("1.1")
    url = f"/admin/goals/goalassessment/{goal.pk}/change/"
    page = client.get(url)
    assert page.status_code == 200 and b'name="analysis"' not in page.content
    response = client.post(
        url, {"goal": goal.goal_id, "report": goal.report_id, "status": "not_met", "analysis": "x"}
    )
    assert response.status_code == 403
    assert client.post(f"/admin/followup/report/{report.pk}/delete/", {"post": "yes"}).status_code == 403
    assert assessment("1.1").status == "met"


def test_only_an_administrator_reopens_and_only_with_a_reason(login, users):
    decide(login)
    assert step(login("anna"), "reopen", reason="Fel i tabellen").status_code == 403
    step(login("admin"), "reopen", reason="")
    assert state() == "decided"
    step(login("admin"), "reopen", reason="Fel siffra i indikatortabellen")
    assert state() == "open"
    reopening = Reopening.objects.get()
    assert (reopening.by, reopening.reason) == ("admin", "Fel siffra i indikatortabellen")
    assert Change.objects.filter(field="state", old="decided", new="open", username="admin").exists()
    assert "Fel siffra i indikatortabellen" in login("anna").get(BASE).content.decode()


def test_snapshots_and_the_audit_trail_cannot_be_changed(login, users):
    decide(login)
    snapshot = ReportSnapshot.objects.get()
    snapshot.exchange_json = "{}"
    with pytest.raises(ValueError):
        snapshot.save()
    change = Change.objects.first()
    change.new = "förfalskat"
    with pytest.raises(Exception, match="ändringsloggen"):
        change.save()
    with pytest.raises(Exception, match="ändringsloggen"):
        change.delete()
    admin = login("admin")
    assert admin.post(f"/admin/audit/change/{change.pk}/change/", {"new": "x"}).status_code == 403
    assert admin.post(f"/admin/audit/change/{change.pk}/delete/", {"post": "yes"}).status_code == 403


def test_an_open_report_is_rendered_on_demand_for_those_who_may_see_it(login, users):
    docx = login("bertil").get(BASE + "rapport.docx")
    assert docx.status_code == 200 and docx.content.startswith(b"PK")
    assert 'filename="sdn-test-2026-T1.docx"' in docx["Content-Disposition"]
    assert b"Utkast" in docx_header(docx.content)  # not decided: a draft on every page
    assert login("cecilia").get(BASE + "rapport.docx").status_code == 404


def test_a_deleted_record_leaves_one_audit_entry_with_its_last_values(login, users):
    from styrkort.followup.models import Attachment

    attachment = Attachment.objects.get(report__organisation__code="sdn-test")
    pk = attachment.pk
    attachment.delete()
    entry = Change.objects.get(object_id=str(pk), content_type__model="attachment", action="deleted")
    assert json.loads(entry.old)["title"] == "Bilaga ett"


def test_a_renderer_that_fails_does_not_stop_the_decision_and_no_traceback_reaches_a_user(
    login, users, monkeypatch
):
    def broken(report_data, timeout=60):
        raise RuntimeError("typst: layout failed")

    monkeypatch.setattr(documents, "render_pdf_in_subprocess", broken)
    step(login("anna"), "submit", reason=GO_ON)
    step(login("dag"), "approve", reason=GO_ON)
    assert step(login("anna"), "decide", **MEETING).status_code == 302
    assert state() == "decided"  # the decision was taken at the meeting: it is recorded
    public = login(None)
    response = public.get(BASE + "rapport.pdf")
    page = response.content.decode()
    assert response.status_code == 500
    assert "PDF-filen för den beslutade rapporten kunde inte skapas just nu" in page
    assert "Traceback" not in page and "typst" not in page
    assert ReportSnapshot.objects.get().pdf is None
    assert public.get(BASE + "rapport.docx").content.startswith(b"PK")  # the other one is made


def test_submitting_over_errors_or_unready_reporters_asks_for_a_reason_and_records_it(login, users):
    client = login("anna")
    response = step(client, "submit")
    page = response.content.decode()
    assert response.status_code == 409 and state() == "open"
    assert "1 rapportör av 1 har inte markerat sina delar som klara." in page
    assert "Skicka till granskning ändå" in page and 'name="reason"' in page
    assert step(client, "submit", reason="   ").status_code == 409  # blank is no reason
    assert step(client, "submit", reason="Rut är sjuk; controllern tar hennes delar.").status_code == 302
    assert state() == "in_review"
    assert Change.objects.filter(
        field="state", new="in_review", reason="Rut är sjuk; controllern tar hennes delar."
    ).exists()


def test_approving_over_unfinished_parts_asks_the_approver_too(login, users):
    step(login("anna"), "submit", reason=GO_ON)
    response = step(login("dag"), "approve")
    assert response.status_code == 409 and "Godkänn rapporten ändå" in response.content.decode()
    assert state() == "in_review"
    assert step(login("dag"), "approve", reason=GO_ON).status_code == 302 and state() == "approved"


def test_a_finished_report_goes_on_without_questions(login, users, report):
    step(login("rut"), "ready")
    if workflow.unfinished(report):  # the test data's check errors: the gate says so
        assert all("fel" in item for item in workflow.unfinished(report))
    else:
        assert step(login("anna"), "submit").status_code == 302


def test_deciding_needs_the_meeting_date_and_paragraph_in_swedish(login, users):
    step(login("anna"), "submit", reason=GO_ON)
    step(login("dag"), "approve", reason=GO_ON)
    response = step(login("anna"), "decide", meeting_date="20/5", paragraph="")
    page = response.content.decode()
    assert response.status_code == 400 and state() == "approved"
    assert "skriv datumet som ÅÅÅÅ-MM-DD" in page and "skriv paragrafen i nämndens protokoll" in page
    client = login("anna")
    response = step(client, "decide", meeting_date="2026-05-20", paragraph="§ fyrtiofem")
    assert state() == "approved"
    assert "skriv paragrafen i nämndens protokoll som ett nummer" in client.get(response.url).content.decode()
    assert step(login("rut"), "decide", **MEETING).status_code == 403  # reporters never decide


def test_the_overview_lists_each_decision_and_reopening_newest_first(login, users):
    reasons = ['Fel i <script>alert("x")</script> & ”tabellen”', "Andra gången"]
    for reason in reasons:
        decide(login)
        step(login("admin"), "reopen", reason=reason)
    page = login("anna").get(BASE).content.decode()
    decided = re.findall(r"<li>Beslutad (\d{4}-\d\d-\d\d \d\d:\d\d) av anna( \(gäller\))?</li>", page)
    assert [current for _, current in decided] == [" (gäller)", ""]
    reopened = re.findall(r"<li>Öppnad igen \d{4}-\d\d-\d\d \d\d:\d\d av admin: ”(.*?)”</li>", page)
    assert reopened == [escape(reason) for reason in reversed(reasons)]
    assert "<script>" not in page
