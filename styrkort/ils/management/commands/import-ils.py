"""`styrkort import-ils FILE [--strict] [--code CODE] [--allow-removal] [--operator NAME]`.

Loads the text of an ILS report into the database. Every line the parser could not place is
reported with its line number, and so is every heading of the table of contents that the text
never reaches (a report that ends early), or a missing table of contents; with --strict any of
these is a failure. Nothing is written
unless the whole report loaded (one transaction). A replacement that would remove goals,
indicators or activities from the stored report is refused unless --allow-removal. The audit
trail names the operator (--operator NAME, else the operating system's user).
"""

from __future__ import annotations

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from styrkort.ils import IlsError, parse_ils
from styrkort.storage.imports import NOTHING, add_import_arguments, read_input, save_imported
from styrkort.storage.store import find_report


class Command(BaseCommand):
    help = "Imports the text of a report produced by Stockholm's ILS (text extracted from its PDF)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--strict",
            action="store_true",
            help="fail if any line could not be placed or the report ends before its table of contents says",
        )
        parser.add_argument("--code", help="the committee's code (default: derived from its name)")
        parser.add_argument(
            "--skip-existing",
            action="store_true",
            help="do nothing when the report is already in the database",
        )
        add_import_arguments(parser)

    def handle(self, *args, **options):
        path: Path = options["file"]
        text = read_input(str(path))
        started = time.perf_counter()
        try:
            result = parse_ils(text, code=options["code"])
        except IlsError as error:
            raise CommandError(f"{path}: {error}\n{NOTHING}") from error
        for line in result.unplaced:
            self.stderr.write(
                f"{path}:{line.line_number}: kunde inte placeras ({line.reason}): {line.text[:100]}"
            )
        if not result.has_contents:
            self.stderr.write(f"{path}: ingen innehållsförteckning: kan inte avgöra om rapporten är hel")
        if options["strict"] and (result.unplaced or not result.has_contents):
            problem = (
                f"{len(result.unplaced)} rader kunde inte placeras"
                if result.unplaced
                else "ingen innehållsförteckning"
            )
            raise CommandError(f"{problem}; {NOTHING} (--strict)")
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
        save_imported(followup, str(path), f"import-ils {path.name}", options)
        elapsed = time.perf_counter() - started
        goals = followup.all_goals()
        self.stdout.write(
            f"{followup.organisation.code} {followup.period.key}: {len(goals)} mål, "
            f"{len(followup.all_indicators())} indikatorer, {len(followup.all_activities())} aktiviteter, "
            f"{len(result.unplaced)} rader ej placerade ({elapsed:.2f} s)"
        )
