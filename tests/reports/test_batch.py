"""A municipality's reports in one run: `render --municipality … --output-dir`, and the same as a task."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django_tasks_db.models import DBTaskResult

from styrkort.followup.models import Report, ReportSnapshot
from styrkort.reports import batch
from styrkort.reports.tasks import enqueue_render_municipality
from styrkort.storage.store import save_followup
from tests.factories import make_followup

CODES = ("sdn-a", "sdn-b", "sdn-c")


@pytest.fixture
def reports(db):
    for code in CODES:
        save_followup(make_followup(code))
    save_followup(make_followup("sdn-a", kind="T2"))  # another period: not in the batch


def render(*arguments: str) -> str:
    out = io.StringIO()
    call_command("render", *arguments, stdout=out)
    return out.getvalue()


def render_all(
    folder: Path, format: str = "html", municipality: str = "testkommun", period: str = "2026-T1"
) -> str:
    """`render --municipality … --output-dir folder` in this process."""
    return render(
        "--municipality", municipality, "--period", period, "--format", format, "--output-dir", str(folder)
    )  # fmt: skip


def test_every_committees_report_of_the_period_becomes_a_file(reports, tmp_path):
    output = render_all(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"{code}-2026-T1.html" for code in CODES]
    for code in CODES:
        assert f"Nämnd {code}" in (tmp_path / f"{code}-2026-T1.html").read_text(encoding="utf-8")
    assert "3 rapporter skrivna" in output


def test_a_second_run_leaves_the_same_files(reports, tmp_path):
    """What a retry does: the same names and contents, and no temporary file left beside them."""
    render_all(tmp_path)
    first = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    render_all(tmp_path)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == first


def test_a_write_that_fails_half_way_leaves_the_old_file_whole(tmp_path, monkeypatch):
    target = tmp_path / "sdn-a-2026-T1.pdf"
    target.write_bytes(b"%PDF-gammal")
    real_write = Path.write_bytes

    def full_disk(path, content):
        real_write(path, content[:3])
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "write_bytes", full_disk)
    with pytest.raises(OSError, match="No space"):
        batch.write_atomically(target, b"%PDF-ny och mycket l\xc3\xa4ngre")
    assert [p.name for p in tmp_path.iterdir()] == [target.name]
    assert target.read_bytes() == b"%PDF-gammal"


def test_a_docx_batch(reports, tmp_path):
    render_all(tmp_path, "docx")
    assert all(p.read_bytes().startswith(b"PK") for p in tmp_path.iterdir())


def test_a_pdf_batch(reports, tmp_path):
    render_all(tmp_path, "pdf")
    assert all(p.read_bytes().startswith(b"%PDF-") for p in tmp_path.iterdir())
    assert len(list(tmp_path.iterdir())) == 3


def test_a_decided_report_is_its_stored_document(reports, tmp_path):
    report = Report.objects.get(organisation__code="sdn-b", period__kind="T1")
    ReportSnapshot.objects.create(report=report, report_version=1, exchange_json="{}", pdf=b"%PDF-lagrad")
    Report.objects.filter(pk=report.pk).update(state=Report.State.DECIDED)
    render_all(tmp_path, "pdf")
    assert (tmp_path / "sdn-b-2026-T1.pdf").read_bytes() == b"%PDF-lagrad"


def test_one_failing_report_does_not_stop_the_others(reports, tmp_path, monkeypatch):
    real = batch.build_report_data

    def failing(code, period):
        if code == "sdn-b":
            raise ValueError("trasig tabell")
        return real(code, period)

    monkeypatch.setattr(batch, "build_report_data", failing)
    with pytest.raises(CommandError, match=r"1 rapporter kunde inte skrivas: sdn-b: trasig tabell"):
        render_all(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sdn-a-2026-T1.html", "sdn-c-2026-T1.html"]


@pytest.mark.parametrize(
    ("municipality", "period", "message"),
    [
        ("okand", "2026-T1", "ingen kommun med koden ”okand”"),
        ("sdn-a", "2026-T1", "ingen kommun med koden ”sdn-a”"),  # a committee is no municipality
        ("testkommun", "2031-T1", "testkommun har inga rapporter för 2031-T1"),
    ],
)
def test_what_is_not_there_is_said_in_swedish_and_nothing_is_written(
    reports, tmp_path, municipality, period, message
):
    with pytest.raises(CommandError, match=message):
        render_all(tmp_path, "pdf", municipality, period)
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize(
    "arguments",
    [
        ("--municipality", "testkommun", "-o", "x.pdf"),
        ("--municipality", "testkommun"),
        ("--organisation", "sdn-a", "--output-dir", "ut"),
        ("--organisation", "sdn-a", "-o", "x.pdf", "--enqueue"),
    ],
)
def test_one_file_or_one_folder(db, arguments):
    with pytest.raises(CommandError, match="skriver en"):
        render(*arguments, "--period", "2026-T1", "--format", "pdf")


def test_the_single_report_contract_still_holds(reports, tmp_path):
    output = tmp_path / "en.html"
    render("--organisation", "sdn-c", "--period", "2026-T1", "--format", "html", "-o", str(output))
    assert "Nämnd sdn-c" in output.read_text(encoding="utf-8")


@pytest.mark.django_db(transaction=True)
def test_the_same_batch_through_the_worker(tmp_path):
    for code in CODES:
        save_followup(make_followup(code))
    output = render(
        "--municipality", "testkommun", "--period", "2026-T1", "--format", "html", "--output-dir", str(tmp_path),
        "--enqueue",
    )  # fmt: skip
    again = enqueue_render_municipality("testkommun", "2026-T1", tmp_path, "html")
    assert f"jobb {again.id}" in output  # asked twice before it ran: one job
    assert not list(tmp_path.iterdir())
    call_command("worker", "--batch", "--no-startup-delay", "--interval", "0", verbosity=0)
    [result] = DBTaskResult.objects.all()
    assert result.status == "SUCCESSFUL"
    assert [entry["organisation"] for entry in result.task_result.return_value] == list(CODES)
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"{code}-2026-T1.html" for code in CODES]
