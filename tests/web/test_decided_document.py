"""A decided report's PDF, DOCX and JSON come from its snapshot, each read alone."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from styrkort.followup.models import Report
from styrkort.web import rendering
from styrkort.workflow import transitions as workflow
from tests.web.helpers import BASE, GATE_REASON

pytestmark = pytest.mark.django_db


@pytest.fixture
def decided(login, users, monkeypatch):
    monkeypatch.setattr(workflow, "render_pdf_in_subprocess", lambda data, timeout=60: b"%PDF-stored")
    monkeypatch.setattr(workflow, "render_docx", lambda data: b"PK-stored")
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


def test_a_decided_report_without_a_stored_pdf_renders_it_from_the_snapshot(login, users, monkeypatch):
    monkeypatch.setattr(rendering, "RENDERERS", {**rendering.RENDERERS, "pdf": lambda data: b"%PDF-again"})
    login("anna").post(f"{BASE}arbetsflode/submit/", {"reason": GATE_REASON})
    login("dag").post(f"{BASE}arbetsflode/approve/", {"reason": GATE_REASON})
    workflow.decide(Report.objects.get(organisation__code="sdn-test"), "anna", render=False)
    report = Report.objects.get(organisation__code="sdn-test")
    assert rendering.document(report, "pdf") == b"%PDF-again"
    assert rendering.document(report, "json").startswith("{")


def test_a_decided_pdf_is_served_from_its_file_and_a_browser_holding_it_gets_304(decided, login):
    client = login("anna")
    first = client.get(f"{BASE}rapport.pdf")
    assert first.status_code == 200 and first.content == b"%PDF-stored"
    assert first["Content-Disposition"] == 'attachment; filename="sdn-test-2026-T1.pdf"'
    etag = first["ETag"]
    with CaptureQueriesContext(connection) as queries:
        again = client.get(f"{BASE}rapport.pdf", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again["ETag"] == etag
    assert not any('"pdf"' in query["sql"] for query in queries)  # the stored bytes are not read
    docx = client.get(f"{BASE}rapport.docx", HTTP_IF_NONE_MATCH=etag)
    assert docx.status_code == 200 and docx.content == b"PK-stored"
