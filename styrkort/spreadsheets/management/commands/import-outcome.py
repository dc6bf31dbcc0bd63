"""`styrkort import-outcome FILE --organisation CODE --period 2026-T1 [--mapping MAPPING]`.

The finance system's outcome per activity area (CSV or Excel, columns named by the mapping file;
see ``styrkort.spreadsheets.finance`` and docs/finance-mapping.md) into the operating budget's
outcome: all or nothing, every refused row named.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from styrkort.audit.trail import audit_context, operator_name
from styrkort.domain.numbers import format_number
from styrkort.followup.lock import LockedReportError
from styrkort.spreadsheets.finance import areas_of, read_bytes, read_mapping, read_outcome, save_outcome
from styrkort.spreadsheets.importing import ImportRefused
from styrkort.storage.imports import NOTHING
from styrkort.storage.store import find_report


class Command(BaseCommand):
    help = "Imports the finance system's monthly outcome per activity area into the operating budget."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--organisation", required=True, help="organisation code")
        parser.add_argument("--period", required=True, help="e.g. 2026-T1")
        parser.add_argument("--mapping", type=Path, required=True, help="the mapping file (TOML or JSON)")
        parser.add_argument(
            "--operator",
            help="who runs the import, for the audit trail (default: the operating system's user)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            report = find_report(options["organisation"], options["period"])
        except (LookupError, ValueError) as error:
            raise CommandError(str(error)) from error
        try:
            mapping = read_mapping(options["mapping"])
            outcome = read_outcome(read_bytes(path), path.name, mapping, report, areas_of(report))
            with audit_context(operator=operator_name(options.get("operator"))):
                saved = save_outcome(report, outcome)
        except ImportRefused as error:
            raise CommandError("\n".join(error.problems) + f"\n{NOTHING}") from error
        except LockedReportError as error:
            raise CommandError(f"rapporten kan inte ändras: {error}\n{NOTHING}") from error
        for area, value in sorted(outcome.by_area.items()):
            self.stdout.write(f"{area}: {format_number(value)} mnkr")
        later = f"; {outcome.later} rader för senare månader lämnades" if outcome.later else ""
        self.stdout.write(f"{outcome.rows} rader lästa, {len(saved)} rader ändrade{later}")
