"""`styrkort import-json FILE [--allow-removal] [--operator NAME]`: load an exchange document.

One committee, one period. Nothing is written unless the whole document is valid and stored
(one transaction); a replacement that would remove goals, indicators or activities is refused
unless --allow-removal. The audit trail names the operator (default: the operating system's user).
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from styrkort.exchange.document import ExchangeError, from_json
from styrkort.storage.imports import NOTHING, add_import_arguments, read_input, save_imported


class Command(BaseCommand):
    help = "Imports a Styrkort exchange document (JSON); '-' reads standard input."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        add_import_arguments(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        name = options["file"]
        text = read_input(name)
        try:
            followup = from_json(text)
        except ExchangeError as error:
            raise CommandError(f"{name}: {error}\n{NOTHING}") from error
        save_imported(followup, name, f"import-json {name}", options)
        self.stdout.write(f"{followup.organisation.code} {followup.period.key}: importerad")
