"""`styrkort export-xlsx --organisation CODE --period 2026-T1 -o FILE`: the report as an Excel workbook."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from styrkort.spreadsheets.export import export_workbook, file_name
from styrkort.storage.store import find_report


class Command(BaseCommand):
    help = "Exports one committee's report for one period as an Excel workbook (sheet Indikatorer and the economy)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--organisation", required=True, help="organisation code")
        parser.add_argument("--period", required=True, help="e.g. 2026-T1")
        parser.add_argument("-o", "--output", help="file to write (default: CODE-PERIOD.xlsx)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            report = find_report(options["organisation"], options["period"])
        except (LookupError, ValueError) as error:
            raise CommandError(str(error)) from error
        path = Path(options["output"] or file_name(report))
        try:
            path.write_bytes(export_workbook(report))
        except OSError as error:
            raise CommandError(f"{path}: kan inte skrivas ({error.strerror or error})") from error
        self.stdout.write(f"skrev {path}")
