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
