"""The decided documents are the background worker's: rendered from the snapshot's exchange JSON
after the decision, once, with retries; a download that comes first renders and stores them.

The worker is the real one (``styrkort worker --batch``) run in this process against the test
database (transactional_db: it commits, as in production).
"""

from __future__ import annotations

import io
import subprocess
import zipfile
from collections import Counter
from datetime import date

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from styrkort.demo import LARGEST_COMMITTEE_CODE, generate_demo
from styrkort.exchange.document import to_json
from styrkort.followup.models import Report, ReportSnapshot
from styrkort.ops import tasks as convention
from styrkort.reports.build import report_data_from_followup, report_data_from_snapshot
from styrkort.reports.html import render_html
from styrkort.reports.worker import RenderFailed
from styrkort.storage.load import followup_from_report
from styrkort.storage.store import save_followup
from styrkort.workflow import documents
from styrkort.workflow import transitions as workflow
from styrkort.workflow.tasks import enqueue_render, render_state
from tests.factories import make_followup
from tests.web.helpers import BASE

DECIDED_TEXT = "Beslutad vid nämndens sammanträde 2026-05-20, § 45"
READ = BASE + "las/"


def run_worker() -> None:
    call_command("worker", "--batch", "--no-startup-delay", "--interval", "0", verbosity=0)


def pdf_text(pdf: bytes) -> str:
    return subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()


def decide(code: str = "sdn-test") -> ReportSnapshot:
    report = Report.objects.get(organisation__code=code, period__year=2026, period__kind="T1")
    workflow.submit_for_review(report, gate=False)
    workflow.approve(report, gate=False)
    return workflow.decide(report, "anna", meeting_date=date(2026, 5, 20), paragraph="45")


def tasks() -> list[DBTaskResult]:
    return list(
        DBTaskResult.objects.filter(task_path__endswith="render_decided_task").order_by("enqueued_at")
    )


@pytest.fixture
def renders(monkeypatch):
    """Counts the renders of decided documents; fake bytes (the real renderers are tested below)."""
    counted: Counter[str] = Counter()

    def pdf(data, timeout=60):
        counted["pdf"] += 1
        return b"%PDF-" + data.decision.encode()

    def docx(data):
        counted["docx"] += 1
        return b"PK-" + data.decision.encode()

    monkeypatch.setattr(documents, "render_pdf_in_subprocess", pdf)
    monkeypatch.setattr(documents, "render_docx", docx)
    return counted


@pytest.mark.django_db(transaction=True)
def test_the_worker_fills_the_snapshot_with_the_decided_documents_without_utkast(users, login):
    snapshot = decide()
    assert snapshot.pdf is None and [t.status for t in tasks()] == ["READY"]
    run_worker()
    snapshot = ReportSnapshot.objects.get(pk=snapshot.pk)
    [task] = tasks()
    assert task.status == "SUCCESSFUL"
    assert task.task_result.return_value == {"pdf": "rendered", "docx": "rendered"}
    text = pdf_text(bytes(snapshot.pdf))
    assert DECIDED_TEXT in text and "UTKAST" not in text
    assert "Barn har en trygg fritid" in text  # the report's own content, as decided
    docx = zipfile.ZipFile(io.BytesIO(bytes(snapshot.docx)))
    assert DECIDED_TEXT.encode() in docx.read("word/document.xml")
    assert b"Utkast" not in docx.read("word/header1.xml") and b"UTKAST" not in docx.read("word/header1.xml")
    assert login(None).get(BASE + "rapport.pdf").content == bytes(snapshot.pdf)
    assert render_state(snapshot.pk) == ("ready", "")
    page = login(None).get(READ).content.decode()  # the decided page, from the snapshot too
    assert DECIDED_TEXT in page and "rapporten är inte beslutad" not in page
    assert "skapas just nu" not in page and "kunde inte skapas" not in page


@pytest.mark.django_db(transaction=True)
def test_the_task_run_twice_renders_and_stores_once(users, renders):
    snapshot = decide()
    assert enqueue_render(snapshot.pk).id == str(tasks()[0].id)  # the key: one task while it waits
    run_worker()
    stored = ReportSnapshot.objects.values_list("pdf", "docx").get(pk=snapshot.pk)
    enqueue_render(snapshot.pk)  # enqueued again once done (a second delivery): it finds them
    run_worker()
    assert renders == {"pdf": 1, "docx": 1}
    assert [t.task_result.return_value for t in tasks()] == [
        {"pdf": "rendered", "docx": "rendered"},
        {"pdf": "stored before", "docx": "stored before"},
    ]
    assert ReportSnapshot.objects.values_list("pdf", "docx").get(pk=snapshot.pk) == stored


@pytest.mark.django_db(transaction=True)
def test_a_render_worker_that_fails_is_retried_with_backoff_then_succeeds(users, renders, monkeypatch):
    failures = iter([RenderFailed("processen som skapar PDF-filen avbröts")])
    fake_pdf = documents.render_pdf_in_subprocess

    def flaky(data, timeout=60):
        if (error := next(failures, None)) is not None:
            raise error
        return fake_pdf(data)

    monkeypatch.setattr(documents, "render_pdf_in_subprocess", flaky)
    monkeypatch.setattr(convention, "backoff_seconds", lambda attempt, backoff: 0)  # no wait in a test
    snapshot = decide()
    run_worker()
    attempts = tasks()
    assert [t.status for t in attempts] == ["FAILED", "SUCCESSFUL"]
    assert [t.args_kwargs["kwargs"].get("attempt", 1) for t in attempts] == [1, 2]
    assert "RenderFailed" in attempts[0].task_result.errors[0].traceback
    assert bytes(ReportSnapshot.objects.get(pk=snapshot.pk).pdf).startswith(b"%PDF-Beslutad")


@pytest.mark.django_db(transaction=True)
def test_a_renderer_error_fails_at_once_the_page_says_so_and_a_download_still_tries(
    users, login, renders, monkeypatch
):
    def broken(data, timeout=60):
        raise RuntimeError("typst: layout failed")

    monkeypatch.setattr(documents, "render_pdf_in_subprocess", broken)
    snapshot = decide()
    run_worker()
    [task] = tasks()
    assert task.status == "FAILED"  # a retry would fail the same way
    assert render_state(snapshot.pk) == ("failed", str(task.id))
    page = login(None).get(READ).content.decode()
    assert "PDF- och Word-filen kunde inte skapas automatiskt" in page and "/admin/" not in page
    admin_page = login("admin").get(READ).content.decode()
    task_url = f"/admin/django_tasks_database/dbtaskresult/{task.id}/change/"
    assert task_url in admin_page
    assert "typst: layout failed" in login("admin").get(task_url).content.decode()  # its traceback
    monkeypatch.setattr(documents, "render_pdf_in_subprocess", lambda data, timeout=60: b"%PDF-lagad")
    response = login(None).get(BASE + "rapport.pdf")  # the renderer mended: the download makes it
    assert response.status_code == 200 and response.content == b"%PDF-lagad"
    assert bytes(ReportSnapshot.objects.get(pk=snapshot.pk).pdf) == b"%PDF-lagad"


@pytest.mark.django_db(transaction=True)
def test_a_download_before_the_worker_gives_the_file_stores_it_and_the_worker_leaves_it(
    users, login, renders
):
    snapshot = decide()
    response = login(None).get(BASE + "rapport.pdf")
    assert response.status_code == 200 and response.content == b"%PDF-" + DECIDED_TEXT.encode()
    assert bytes(ReportSnapshot.objects.get(pk=snapshot.pk).pdf) == response.content
    assert login(None).get(BASE + "rapport.pdf").content == response.content
    run_worker()
    [task] = tasks()
    assert task.task_result.return_value == {"pdf": "stored before", "docx": "rendered"}
    assert renders == {"pdf": 1, "docx": 1}


@pytest.mark.django_db(transaction=True)
def test_a_snapshots_stored_documents_are_never_changed(users, login, renders, monkeypatch):
    snapshot = decide()
    run_worker()
    stored = ReportSnapshot.objects.values_list("pdf", "docx").get(pk=snapshot.pk)
    assert not ReportSnapshot.fill_document(snapshot.pk, "pdf", b"%PDF-annan")
    monkeypatch.setattr(documents, "render_pdf_in_subprocess", lambda data, timeout=60: b"%PDF-annan")
    assert documents.make_document(snapshot.pk, "pdf") == bytes(stored[0])
    assert documents.make_documents(snapshot.pk) == {"pdf": "stored before", "docx": "stored before"}
    assert login(None).get(BASE + "rapport.pdf").content == bytes(stored[0])
    assert ReportSnapshot.objects.values_list("pdf", "docx").get(pk=snapshot.pk) == stored
    with pytest.raises(ValueError, match="kan inte ändras"):
        ReportSnapshot.objects.get(pk=snapshot.pk).save()
    with pytest.raises(ValueError, match="tomt"):
        ReportSnapshot.fill_document(snapshot.pk, "docx", b"")


@pytest.mark.django_db(transaction=True)
def test_two_renders_of_one_document_store_the_first(users, renders):
    """A download and the worker at the same time: whoever stores first wins, the other's
    render is dropped and the stored one returned."""
    snapshot = decide()
    assert ReportSnapshot.fill_document(snapshot.pk, "pdf", b"%PDF-forst")  # the other one, first
    assert documents.make_document(snapshot.pk, "pdf") == b"%PDF-forst"
    ReportSnapshot.objects.filter(pk=snapshot.pk).update(pdf=None)  # as if not stored yet ...
    real_fill = ReportSnapshot.fill_document

    def raced(pk, kind, content):  # ... and stored by another process while this one rendered
        real_fill(pk, kind, b"%PDF-hinner-forst")
        return real_fill(pk, kind, content)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ReportSnapshot, "fill_document", raced)
        assert documents.make_document(snapshot.pk, "pdf") == b"%PDF-hinner-forst"
    assert bytes(ReportSnapshot.objects.get(pk=snapshot.pk).pdf) == b"%PDF-hinner-forst"


@pytest.mark.django_db
def test_the_snapshots_json_gives_the_same_report_as_the_stored_report(report):
    """Exchange JSON → follow-up → report data round-trips: the decided documents made from the
    snapshot are the ones the report itself gives (the test report and the largest demo committee)."""
    [largest] = [
        f
        for f in generate_demo()
        if f.organisation.code == LARGEST_COMMITTEE_CODE and f.period.key == "2026-T1"
    ]
    for stored in (report, save_followup(largest)):
        followup = followup_from_report(stored)
        from_report = report_data_from_followup(followup, decided=True)
        from_snapshot = report_data_from_snapshot(to_json(followup))
        assert from_snapshot == from_report
        assert render_html(from_snapshot) == render_html(from_report)
        assert from_snapshot.watermark == ""


@pytest.mark.django_db(transaction=True)
def test_decide_past_periods_render_keeps_rendering_in_process(renders):
    for kind in ("T1", "AR"):
        save_followup(make_followup(year=2025, kind=kind))
    call_command("decide-past-periods", "--municipality", "testkommun", "--before", "2026", "--render")
    assert all(s.pdf is not None and s.docx is not None for s in ReportSnapshot.objects.all())
    assert renders == {"pdf": 2, "docx": 2}
    run_worker()  # the tasks enqueued with the decisions find nothing left to do
    assert renders == {"pdf": 2, "docx": 2}
    assert {t.status for t in tasks()} == {"SUCCESSFUL"}


@pytest.mark.django_db
def test_a_renderer_failing_under_render_does_not_stop_the_decisions_and_is_said(monkeypatch, capsys):
    def broken(data, timeout=60):
        raise RuntimeError("typst: layout failed")

    monkeypatch.setattr(documents, "render_pdf_in_subprocess", broken)
    save_followup(make_followup(year=2025, kind="T1"))
    call_command("decide-past-periods", "--municipality", "testkommun", "--before", "2026", "--render")
    out = capsys.readouterr()
    assert "1 rapporter före 2026 beslutade" in out.out
    assert "sdn-test 2025-T1: dokumenten kunde inte skapas nu; bakgrundsjobbet försöker igen" in out.err
    [snapshot] = ReportSnapshot.objects.all()
    assert snapshot.report.state == "decided" and snapshot.pdf is None
    assert [t.status for t in tasks()] == ["READY"]  # the worker tries again
