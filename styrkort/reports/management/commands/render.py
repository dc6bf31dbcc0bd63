"""`styrkort render --organisation CODE --period 2026-T1 --format pdf|docx|html [-o FILE]`.

Without ``-o`` the file is named by ``ReportData.file_name``: "sdn-norra-2026-T1.pdf" for a
decided report, "sdn-norra-2026-T1-UTKAST.pdf" for one that is not decided yet.
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from styrkort.reports.build import build_report_data
from styrkort.reports.docx import render_docx
from styrkort.reports.html import render_html
from styrkort.reports.pdf import render_pdf


class Command(BaseCommand):
    help = "Skriv en nämnds rapport för en period som PDF, Word eller webbsida."

    def add_arguments(self, parser):
        parser.add_argument("--organisation", required=True, help="nämndens kod")
        parser.add_argument("--period", required=True, help="perioden, t.ex. 2026-T1")
        parser.add_argument("--format", required=True, choices=("pdf", "docx", "html"))
        parser.add_argument(
            "-o",
            "--output",
            help="filen att skriva (utelämnad: KOD-PERIOD.FORMAT, med -UTKAST om rapporten inte är beslutad)",
        )

    def handle(self, *args, organisation, period, format, output, **options):
        try:
            report = build_report_data(organisation, period)
        except LookupError as error:
            raise CommandError(str(error)) from error
        if format == "pdf":
            content = render_pdf(report)
        elif format == "docx":
            content = render_docx(report)
        else:
            content = render_html(report).encode("utf-8")
        output = output or report.file_name(format)
        Path(output).write_bytes(content)
        draft = "" if report.decided else ", UTKAST: rapporten är inte beslutad"
        self.stdout.write(f"{output}: {report.document_title} ({format}, {len(content)} byte{draft})")
