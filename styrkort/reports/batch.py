"""Every committee's report of a municipality and period, rendered into files in one process.

``render_municipality`` is what ``styrkort render --municipality CODE --period KEY --output-dir
DIR`` runs and what the background task ``render_municipality_task`` (reports/tasks.py) runs:
the whole municipality in one process (Django starts once), the PDFs compiled by its warm
render worker (``reports/worker.py``), which is replaced every ``STYRKORT_RENDERS_PER_WORKER``
renders so that a batch of 300 committees does not grow by 80 MB a report.
Each file is ``DIR/<committee code>-<period key>.<format>``, written whole under a temporary
name and renamed, so a reader never sees half a file and a second run (a retry) leaves the same
files. A decided report is its snapshot: the PDF or DOCX stored with it, or one rendered from
the snapshot's JSON and stored with it when the background worker has not made it yet (the
first one stored wins, as for a download); everything else is rendered from the data as it stands. A committee whose report fails to render does not stop the
others: the failures are raised together at the end; a failing disk or database (the transient
errors of styrkort.ops.tasks) stops the batch at once.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

from styrkort.domain.periods import parse_period_key
from styrkort.followup.models import Report, ReportSnapshot
from styrkort.ops.tasks import TRANSIENT
from styrkort.organisations.models import Organisation
from styrkort.reports.build import build_report_data, report_data_from_snapshot
from styrkort.reports.data import ReportData
from styrkort.reports.docx import render_docx
from styrkort.reports.html import render_html
from styrkort.reports.pdf import render_pdf, render_pdf_in_subprocess

logger = logging.getLogger(__name__)

FORMATS = ("pdf", "docx", "html")


class BatchRenderError(Exception):
    """Some committees' reports could not be rendered (the others were written)."""

    def __init__(self, failures: dict[str, str]) -> None:
        self.failures = failures
        listed = "; ".join(f"{code}: {message}" for code, message in failures.items())
        super().__init__(f"{len(failures)} rapporter kunde inte skrivas: {listed}")


@dataclass(frozen=True)
class Written:
    """A file written by a batch render."""

    organisation_code: str
    path: Path
    size: int


def render_document(report: ReportData, format: str) -> bytes:
    """The report as the bytes of a PDF, DOCX or HTML file."""
    if format == "pdf":
        return render_pdf(report)
    if format == "docx":
        return render_docx(report)
    if format == "html":
        return render_html(report).encode("utf-8")
    raise ValueError(f"okänt format ”{format}” (välj {', '.join(FORMATS)})")


def write_atomically(path: Path, content: bytes) -> None:
    """Write ``content`` to ``path`` through a temporary file beside it and a rename."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        temporary.write_bytes(content)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def municipality_reports(municipality_code: str, period_key: str) -> list[Report]:
    """The reports of the municipality's organisations for the period, by code; LookupError if none."""
    municipality = Organisation.objects.filter(
        code=municipality_code, kind=Organisation.Kind.MUNICIPALITY
    ).first()
    if municipality is None:
        raise LookupError(f"ingen kommun med koden ”{municipality_code}”")
    ref = parse_period_key(period_key)
    reports = list(
        Report.objects.filter(period__municipality=municipality, period__year=ref.year, period__kind=ref.kind)
        .select_related("organisation", "period")
        .order_by("organisation__code")
    )
    if not reports:
        raise LookupError(f"{municipality_code} har inga rapporter för {period_key}")
    return reports


def _document(report: Report, format: str) -> bytes:
    if report.state == Report.State.DECIDED:
        snapshot = report.snapshots.values_list("pk", flat=True).first()
        if snapshot is not None:
            return _decided_document(snapshot, format)
    return _render(build_report_data(report.organisation.code, report.period.key), format)


def _render(data: ReportData, format: str) -> bytes:
    if format == "pdf":
        return render_pdf_in_subprocess(data)  # the recycled worker: memory stays bounded
    return render_document(data, format)


def _decided_document(snapshot_pk: int, format: str) -> bytes:
    """A decided report's document: the one stored with its snapshot, else rendered from the
    snapshot's JSON (what was decided, not the live data) and, a PDF or DOCX, stored with it
    unless another process stored one first (then that one is returned)."""
    snapshots = ReportSnapshot.objects.filter(pk=snapshot_pk)
    if format in ("pdf", "docx") and (stored := snapshots.values_list(format, flat=True).get()) is not None:
        return bytes(stored)
    content = _render(
        report_data_from_snapshot(snapshots.values_list("exchange_json", flat=True).get()), format
    )
    if format == "html" or ReportSnapshot.fill_document(snapshot_pk, format, content):
        return content
    return bytes(snapshots.values_list(format, flat=True).get())


def render_municipality(
    municipality_code: str, period_key: str, output_dir: Path, format: str
) -> list[Written]:
    """Write every committee's report of the period into ``output_dir``; see the module docstring."""
    if format not in FORMATS:
        raise ValueError(f"okänt format ”{format}” (välj {', '.join(FORMATS)})")
    reports = municipality_reports(municipality_code, period_key)
    output_dir.mkdir(parents=True, exist_ok=True)
    written: list[Written] = []
    failures: dict[str, str] = {}
    for report in reports:
        code = report.organisation.code
        path = output_dir / f"{code}-{period_key}.{format}"
        try:
            content = _document(report, format)
        except TRANSIENT:
            raise  # the disk or the database, not this report: stop (a task retries the batch)
        except Exception as error:
            logger.exception("report not rendered", extra={"organisation": code, "period": period_key})
            failures[code] = str(error) or type(error).__name__
            continue
        write_atomically(path, content)
        written.append(Written(code, path, len(content)))
        logger.info(
            "report rendered",
            extra={"organisation": code, "period": period_key, "path": str(path), "bytes": len(content)},
        )
    if failures:
        raise BatchRenderError(failures)
    return written
