"""Kolada's values in the report (cited), in the exchange document, through the background worker;
the organisation tree keeps its cycle triggers after the migration that added Kolada ids."""

from __future__ import annotations

import io
import json
import zipfile
from decimal import Decimal as D

import pytest
from django.core.management import call_command
from django.db import connection
from django_tasks_db.models import DBTaskResult
from pypdf import PdfReader

from styrkort.exchange.document import from_json, to_json
from styrkort.followup.models import Report
from styrkort.kolada.sync import sync_organisation
from styrkort.kolada.tasks import due_syncs, kolada_sync_task
from styrkort.reports.batch import render_document
from styrkort.reports.build import build_report_data
from styrkort.storage.store import load_followup, save_followup
from tests.kolada.conftest import figures
from tests.kolada.test_sync import three_kpis
from tests.reports import pdfua
from tests.reports.docx_checks import schema_errors

CITATION = "Källa: Kolada (”Indikator N00001”, ”Indikator N00002”, ”Indikator N00003”)."


@pytest.mark.django_db
def test_the_report_cites_kolada_under_the_table_in_html_docx_and_pdf(kolada, annual_report):
    assert build_report_data("sdn-test", "2025-AR").goals[0].indicators.source == ""  # nothing fetched yet
    three_kpis(kolada)
    sync_organisation("sdn-test", 2025)
    report = build_report_data("sdn-test", "2025-AR")
    assert report.goals[0].indicators.source == CITATION
    html = render_document(report, "html").decode()
    assert f'<p class="source">{CITATION}</p>' in html
    docx = render_document(report, "docx")
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        assert "Källa: Kolada (" in package.read("word/document.xml").decode()
    assert schema_errors(docx) == []
    pdf = render_document(report, "pdf")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Källa: Kolada" in text
    assert pdfua.problems(pdf) == []  # the citation is tagged text like the rest


@pytest.mark.django_db
def test_the_exchange_document_carries_the_sources_and_an_import_keeps_the_citation(kolada, annual_report):
    three_kpis(kolada)
    sync_organisation("sdn-test", 2025)
    document = to_json(load_followup("sdn-test", "2025-AR"))
    indicator = json.loads(document)["goals"][0]["indicators"][0]
    assert indicator["kolada_id"] == "N00001"
    assert indicator["sources"] == {"outcome": "Kolada", "outcome_women": "Kolada"}
    save_followup(from_json(document))
    assert to_json(load_followup("sdn-test", "2025-AR")) == document


def test_the_worker_runs_the_sync_and_the_nightly_run_finds_open_annual_reports(kolada, transactional_db):
    from tests.kolada.conftest import Organisation, kolada_followup

    report = save_followup(kolada_followup(["N00001", "N00002", "N00003"]))
    Organisation.objects.filter(code="testkommun").update(kolada_id="0180")
    save_followup(kolada_followup(["N00001"], year=2024))  # decided below: not due
    Report.objects.filter(period__year=2024).update(state="decided")
    assert due_syncs() == [("sdn-test", 2025)]
    three_kpis(kolada)
    call_command("kolada-sync", "--all", "--enqueue", verbosity=0)
    call_command("kolada-sync", "--all", "--enqueue", verbosity=0)  # the timer fired twice: one task
    assert DBTaskResult.objects.filter(task_path=kolada_sync_task.module_path).count() == 1
    call_command("worker", "--batch", "--no-startup-delay", "--interval", "0", verbosity=0)
    result = DBTaskResult.objects.get(task_path=kolada_sync_task.module_path)
    assert result.status == "SUCCESSFUL", result.traceback
    assert result.return_value["changed"] == {"sdn-test 2025-AR": 6}
    assert figures()["Indikator N00002"] == (D("12"), D("11.25"), D("12.75"))
    assert report.pk


def test_a_network_fault_in_the_worker_is_retried_later(kolada, transactional_db):
    from tests.kolada.conftest import Organisation, kolada_followup

    save_followup(kolada_followup(["N00001"]))
    Organisation.objects.filter(code="testkommun").update(kolada_id="0180")
    kolada.raw["/v3/data/kpi/N00001/municipality/0180/year/2025"] = (503, b"{}")
    call_command("kolada-sync", "--organisation", "sdn-test", "--year", "2025", "--enqueue", verbosity=0)
    call_command("worker", "--batch", "--no-startup-delay", "--interval", "0", verbosity=0)
    results = list(
        DBTaskResult.objects.filter(task_path=kolada_sync_task.module_path).order_by("enqueued_at")
    )
    assert [r.status for r in results] == ["FAILED", "READY"]  # the retry waits for its time
    assert results[1].args_kwargs["kwargs"]["attempt"] == 2
    assert figures()["Indikator N00001"] == (None, None, None)


@pytest.mark.django_db
def test_the_organisation_tree_keeps_its_cycle_triggers_after_the_kolada_migration():
    if connection.vendor != "sqlite":
        pytest.skip(
            "the triggers in question are SQLite's (PostgreSQL keeps its trigger when a column is added)"
        )
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'organisation_no_cycle%'"
        )
        names = sorted(row[0] for row in cursor.fetchall())
    assert names == ["organisation_no_cycle_insert", "organisation_no_cycle_update"]


@pytest.mark.django_db
def test_the_grid_names_kolada_as_the_source_of_a_change(kolada, annual_report, client, django_user_model):
    three_kpis(kolada)
    sync_organisation("sdn-test", 2025, operator="natt")
    client.force_login(django_user_model.objects.create_superuser("admin", password="x-långt-lösenord-1"))
    page = client.get("/rapporter/sdn-test/2025-AR/indikatorer/").content.decode()
    assert "natt (källa: Kolada)" in page
    assert "Kolada N00002, hämtat" in page


@pytest.mark.django_db
def test_the_admin_lists_the_runs_to_superusers_only_and_never_edits_them(kolada, annual_report, client):
    from django.contrib.auth import get_user_model

    from styrkort.kolada.models import SyncRun

    three_kpis(kolada)
    sync_organisation("sdn-test", 2025)
    run = SyncRun.objects.get()
    staff = get_user_model().objects.create_user("personal", password="x-långt-lösenord-1", is_staff=True)
    client.force_login(staff)
    assert client.get("/admin/kolada/syncrun/").status_code == 403
    client.force_login(get_user_model().objects.create_superuser("admin", password="x-långt-lösenord-1"))
    assert "sdn-test" in client.get("/admin/kolada/syncrun/").content.decode()
    assert client.post(f"/admin/kolada/syncrun/{run.pk}/delete/", {"post": "yes"}).status_code == 403
    assert SyncRun.objects.filter(pk=run.pk).exists()
