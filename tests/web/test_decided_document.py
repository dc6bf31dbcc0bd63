"""A decided report's PDF, DOCX and JSON come from its snapshot, each read alone; a document the
background worker has not made yet is rendered from the snapshot by the download and stored."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from styrkort.followup.models import Report, ReportSnapshot
from styrkort.web import rendering
from styrkort.workflow import documents
from styrkort.workflow import transitions as workflow
from tests.web.helpers import BASE, GATE_REASON

pytestmark = pytest.mark.django_db


@pytest.fixture
def decided(login, users, monkeypatch):
    monkeypatch.setattr(documents, "render_pdf_in_subprocess", lambda data, timeout=60: b"%PDF-stored")
    monkeypatch.setattr(documents, "render_docx", lambda data: b"PK-stored")
    client = login("anna")
    client.post(f"{BASE}arbetsflode/submit/", {"reason": GATE_REASON})
    login("dag").post(f"{BASE}arbetsflode/approve/", {"reason": GATE_REASON})
    workflow.decide(Report.objects.get(organisation__code="sdn-test"), "anna", render=True)
    return Report.objects.get(organisation__code="sdn-test")


@pytest.mark.parametrize(("kind", "expected"), [("pdf", b"%PDF-stored"), ("docx", b"PK-stored")])
def test_a_decided_document_is_the_stored_one_read_in_one_query_without_the_others(decided, kind, expected):
    with CaptureQueriesContext(connection) as queries:
        assert rendering.document(decided, kind) == expected
    assert len(queries) == 1
    other = "docx" if kind == "pdf" else "pdf"
    assert f'"{other}"' not in queries[0]["sql"] and "exchange_json" not in queries[0]["sql"]


def test_the_download_of_a_decided_pdf_is_the_snapshot(decided, login):
    response = login("anna").get(f"{BASE}rapport.pdf")
    assert response.status_code == 200 and response.content == b"%PDF-stored"


def test_a_decided_report_without_a_stored_pdf_renders_it_from_the_snapshot_and_stores_it(
    login, users, monkeypatch
):
    monkeypatch.setattr(documents, "render_pdf_in_subprocess", lambda data, timeout=60: b"%PDF-again")
    login("anna").post(f"{BASE}arbetsflode/submit/", {"reason": GATE_REASON})
    login("dag").post(f"{BASE}arbetsflode/approve/", {"reason": GATE_REASON})
    workflow.decide(Report.objects.get(organisation__code="sdn-test"), "anna", render=False)
    report = Report.objects.get(organisation__code="sdn-test")
    assert rendering.document(report, "pdf") == b"%PDF-again"
    assert bytes(ReportSnapshot.objects.get().pdf) == b"%PDF-again"
    assert rendering.document(report, "json").startswith("{")


def reads_the_bytes(sql: str, kind: str) -> bool:
    """Whether a query reads the stored document itself (its length alone is no read of it)."""
    return re.search(rf'(?<!LENGTH\()"followup_reportsnapshot"\."{kind}"', sql) is not None


def test_a_decided_pdf_is_served_from_its_file_and_a_browser_holding_it_gets_304(decided, login):
    client = login("anna")
    with CaptureQueriesContext(connection) as writing:
        first = client.get(f"{BASE}rapport.pdf")
    assert any(reads_the_bytes(q["sql"], "pdf") for q in writing)  # the file is written once
    assert first.status_code == 200 and first.content == b"%PDF-stored"
    assert first["Content-Disposition"] == 'attachment; filename="sdn-test-2026-T1.pdf"'
    etag = first["ETag"]
    with CaptureQueriesContext(connection) as queries:
        again = client.get(f"{BASE}rapport.pdf", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again["ETag"] == etag
    assert not any(reads_the_bytes(q["sql"], "pdf") for q in queries)
    docx = client.get(f"{BASE}rapport.docx", HTTP_IF_NONE_MATCH=etag)
    assert docx.status_code == 200 and docx.content == b"PK-stored"


def snapshot_file(kind: str) -> Path:
    [path] = (Path(settings.VAR_DIR) / "snapshots").glob(f"*.{kind}")
    return path


def test_a_file_cut_short_is_written_anew_whole_and_never_served(decided, login):
    client = login("anna")
    client.get(f"{BASE}rapport.pdf")
    path = snapshot_file("pdf")
    path.write_bytes(b"%PD")  # a file left short by a full disk, or truncated by hand
    response = client.get(f"{BASE}rapport.pdf")
    assert response.content == b"%PDF-stored" and path.read_bytes() == b"%PDF-stored"
    path.write_bytes(b"")
    assert client.get(f"{BASE}rapport.pdf").content == b"%PDF-stored"
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temporary file left


def test_a_file_that_cannot_be_written_whole_is_not_left_half_written(tmp_path, monkeypatch):
    target = tmp_path / "snapshots" / "1-x.pdf"

    def full_disk(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(rendering.os, "fsync", full_disk)
    with pytest.raises(OSError, match="No space"):
        rendering._write_whole(target, b"%PDF-hela filen")
    assert list(target.parent.iterdir()) == []
    with pytest.raises(ValueError, match="tomt"):
        rendering._write_whole(target, b"")
    assert list(target.parent.iterdir()) == []
