"""`styrkort render`: one committee's report into a file, or a whole municipality's into a folder.

    styrkort render --organisation CODE --period 2026-T1 --format pdf|docx|html [-o FILE]
    styrkort render --municipality CODE --period 2026-T1 --format pdf --output-dir DIR [--enqueue]

With ``--municipality`` every committee's report of the period is written as
``DIR/<code>-<period>.<format>`` in this process (reports/batch.py), or, with ``--enqueue``, by the
background worker (``styrkort worker``), which this command only hands the job to.

Without ``-o`` the file is named by ``ReportData.file_name``: "sdn-norra-2026-T1.pdf" for a
decided report, "sdn-norra-2026-T1-UTKAST.pdf" for one that is not decided yet.
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from styrkort.reports.batch import FORMATS, BatchRenderError, render_document, render_municipality
from styrkort.reports.build import build_report_data
from styrkort.reports.tasks import enqueue_render_municipality


class Command(BaseCommand):
    help = "Skriv en nämnds rapport, eller alla nämnders rapporter i en kommun, som PDF, Word eller webbsida."

    def add_arguments(self, parser):
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--organisation", help="nämndens kod (en rapport, till -o FIL)")
        which.add_argument(
            "--municipality", help="kommunens kod (alla nämnders rapporter, till --output-dir)"
        )
        parser.add_argument("--period", required=True, help="perioden, t.ex. 2026-T1")
        parser.add_argument("--format", required=True, choices=FORMATS)
        parser.add_argument(
            "-o",
            "--output",
            help="filen att skriva (med --organisation; utelämnad: KOD-PERIOD.FORMAT, med -UTKAST om rapporten inte är beslutad)",
        )
        parser.add_argument("--output-dir", help="mappen att skriva i (med --municipality)")
        parser.add_argument(
            "--enqueue", action="store_true", help="lämna jobbet till bakgrundsprocessen (med --municipality)"
        )

    def handle(
        self, *args, organisation, municipality, period, format, output, output_dir, enqueue, **options
    ):
        if organisation:
            if output_dir or enqueue:
                raise CommandError(
                    "--organisation skriver en fil: ange -o FIL (inte --output-dir, --enqueue)"
                )
            self._one(organisation, period, format, Path(output) if output else None)
        else:
            if not output_dir or output:
                raise CommandError("--municipality skriver en mapp: ange --output-dir MAPP (inte -o)")
            if enqueue:
                result = enqueue_render_municipality(municipality, period, Path(output_dir), format)
                self.stdout.write(f"jobb {result.id}: {municipality} {period} ({format}) till {output_dir}")
            else:
                self._all(municipality, period, format, Path(output_dir))

    def _one(self, organisation: str, period: str, format: str, output: Path | None) -> None:
        try:
            report = build_report_data(organisation, period)
        except LookupError as error:
            raise CommandError(str(error)) from error
        content = render_document(report, format)
        output = output or Path(report.file_name(format))
        output.write_bytes(content)
        draft = "" if report.decided else ", UTKAST: rapporten är inte beslutad"
        self.stdout.write(f"{output}: {report.document_title} ({format}, {len(content)} byte{draft})")

    def _all(self, municipality: str, period: str, format: str, output_dir: Path) -> None:
        try:
            written = render_municipality(municipality, period, output_dir, format)
        except LookupError as error:
            raise CommandError(str(error)) from error
        except BatchRenderError as error:
            raise CommandError(str(error)) from error
        for file in written:
            self.stdout.write(f"{file.path} ({file.size} byte)")
        self.stdout.write(f"{len(written)} rapporter skrivna i {output_dir}")
