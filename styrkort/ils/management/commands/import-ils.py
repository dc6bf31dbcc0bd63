"""`styrkort import-ils FILE [--strict]`: load the text of an ILS report into the database.

Every line the parser could not place is reported with its line number; with --strict that
is a failure. Nothing is written unless the whole report loaded (one transaction).
"""

from __future__ import annotations

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from styrkort.followup.lock import LockedReportError
from styrkort.ils import parse_ils
from styrkort.storage.store import find_report, save_followup


class Command(BaseCommand):
    help = "Imports the text of a report produced by Stockholm's ILS (text extracted from its PDF)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--strict", action="store_true", help="fail if any line could not be placed")
        parser.add_argument("--code", help="the committee's code (default: derived from its name)")
        parser.add_argument(
            "--skip-existing",
            action="store_true",
            help="do nothing when the report is already in the database",
        )

    def handle(self, *args, **options):
        path: Path = options["file"]
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"{path}: kan inte läsas: {error}") from error
        started = time.perf_counter()
        result = parse_ils(text, code=options["code"])
        for line in result.unplaced:
            self.stderr.write(
                f"{path}:{line.line_number}: kunde inte placeras ({line.reason}): {line.text[:100]}"
            )
        if result.unplaced and options["strict"]:
            raise CommandError(
                f"{len(result.unplaced)} rader kunde inte placeras; inget importerades (--strict)"
            )
        followup = result.followup
        if options["skip_existing"]:
            try:
                find_report(followup.organisation.code, followup.period.key)
            except LookupError:
                pass
            else:
                self.stdout.write(
                    f"{followup.organisation.code} {followup.period.key} finns redan i databasen"
                )
                return
        try:
            save_followup(followup, source=f"import-ils {path.name}")
        except (LockedReportError, ValueError) as error:
            raise CommandError(f"{path}: {error}; inget importerades") from error
        elapsed = time.perf_counter() - started
        goals = followup.all_goals()
        self.stdout.write(
            f"{followup.organisation.code} {followup.period.key}: {len(goals)} mål, "
            f"{len(followup.all_indicators())} indikatorer, {len(followup.all_activities())} aktiviteter, "
            f"{len(result.unplaced)} rader ej placerade ({elapsed:.2f} s)"
        )
