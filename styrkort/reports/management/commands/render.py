"""`styrkort render --organisation CODE --period 2026-T1 --format pdf|docx|html -o FILE`."""

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
        parser.add_argument("-o", "--output", required=True, help="filen att skriva")

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
        Path(output).write_bytes(content)
        self.stdout.write(f"{output}: {report.document_title} ({format}, {len(content)} byte)")
