"""The render command reads a stored follow-up and writes the chosen format."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from pypdf import PdfReader

from tests.reports.fixture import make_followup


@pytest.mark.django_db
@pytest.mark.parametrize("format", ["pdf", "docx", "html"])
def test_the_command_renders_a_stored_followup(tmp_path, format):
    from styrkort.storage.store import save_followup

    followup = make_followup()
    save_followup(followup)
    output = tmp_path / f"report.{format}"
    call_command(
        "render",
        "--organisation",
        "SDN99",
        "--period",
        "2026-T1",
        "--format",
        format,
        "-o",
        str(output),
        stdout=io.StringIO(),
    )
    content = output.read_bytes()
    if format == "pdf":
        text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
        assert "Andel förskollärare med legitimation" in text
    elif format == "docx":
        assert content.startswith(b"PK")
    else:
        assert "Ekby stadsdelsnämnd" in content.decode("utf-8")


@pytest.mark.django_db
def test_the_command_says_when_there_is_no_such_report(tmp_path):
    with pytest.raises(CommandError):
        call_command(
            "render",
            "--organisation",
            "NOPE",
            "--period",
            "2026-T1",
            "--format",
            "pdf",
            "-o",
            str(tmp_path / "x.pdf"),
        )


@pytest.mark.django_db
def test_without_a_file_name_a_draft_is_written_as_utkast_and_a_decided_report_without(tmp_path, monkeypatch):
    from styrkort.followup.models import Report
    from styrkort.storage.store import save_followup

    save_followup(make_followup())
    monkeypatch.chdir(tmp_path)
    out = io.StringIO()
    arguments = ("render", "--organisation", "SDN99", "--period", "2026-T1", "--format", "pdf")
    call_command(*arguments, stdout=out)
    draft = tmp_path / "SDN99-2026-T1-UTKAST.pdf"
    assert draft.exists() and "UTKAST" in out.getvalue()
    assert all("UTKAST" in page.extract_text() for page in PdfReader(draft).pages)

    Report.objects.filter(organisation__code="SDN99").update(state=Report.State.DECIDED)
    out = io.StringIO()
    call_command(*arguments, stdout=out)
    decided = tmp_path / "SDN99-2026-T1.pdf"
    assert decided.exists() and "UTKAST" not in out.getvalue()
    assert not any("UTKAST" in page.extract_text() for page in PdfReader(decided).pages)
