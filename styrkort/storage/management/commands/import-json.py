"""`styrkort import-json FILE`: load an exchange document (one committee, one period)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from styrkort.exchange.document import ExchangeError, from_json
from styrkort.followup.lock import LockedReportError
from styrkort.storage.store import save_followup


class Command(BaseCommand):
    help = "Imports a Styrkort exchange document (JSON); '-' reads standard input."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")

    def handle(self, *args: Any, **options: Any) -> None:
        name = options["file"]
        try:
            text = sys.stdin.read() if name == "-" else Path(name).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"{name}: kan inte läsas: {error}") from error
        try:
            followup = from_json(text)
            save_followup(followup, source=f"import-json {name}")
        except (ExchangeError, LockedReportError, ValueError) as error:
            raise CommandError(f"{name}: {error}\ninget importerades") from error
        self.stdout.write(f"{followup.organisation.code} {followup.period.key}: importerad")
