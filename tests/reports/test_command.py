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
