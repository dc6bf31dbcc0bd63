"""`styrkort import-json FILE [--allow-removal] [--operator NAME]`: load an exchange document.

One committee, one period. Nothing is written unless the whole document is valid and stored
(one transaction); a replacement that would remove goals, indicators or activities is refused
unless --allow-removal. The audit trail names the operator (default: the operating system's user).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from styrkort.exchange.document import ExchangeError, from_json
from styrkort.storage.imports import NOTHING, add_import_arguments, save_imported


class Command(BaseCommand):
    help = "Imports a Styrkort exchange document (JSON); '-' reads standard input."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        add_import_arguments(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        name = options["file"]
        try:
            text = sys.stdin.read() if name == "-" else Path(name).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"{name}: kan inte läsas: {error}") from error
        try:
            followup = from_json(text)
        except ExchangeError as error:
            raise CommandError(f"{name}: {error}\n{NOTHING}") from error
        save_imported(followup, name, f"import-json {name}", options)
        self.stdout.write(f"{followup.organisation.code} {followup.period.key}: importerad")
