"""`styrkort export-json --organisation CODE --period 2026-T1 [-o FILE]`: write the exchange document."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from styrkort.exchange.document import to_json
from styrkort.storage.store import load_followup


class Command(BaseCommand):
    help = "Exports one committee's report for one period as a Styrkort exchange document (JSON)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--organisation", required=True, help="organisation code")
        parser.add_argument("--period", required=True, help="e.g. 2026-T1")
        parser.add_argument("-o", "--output", help="file to write (default: standard output)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            followup = load_followup(options["organisation"], options["period"])
        except (LookupError, ValueError) as error:
            raise CommandError(str(error)) from error
        text = to_json(followup)
        if options["output"]:
            Path(options["output"]).write_text(text, encoding="utf-8")
        else:
            self.stdout.write(text, ending="")
