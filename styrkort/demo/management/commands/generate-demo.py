"""`styrkort generate-demo [--seed N] [--committees N] [--municipalities M]`: the demo municipality.

Exempelstad with N committees (13 unless told; at most 300: Exempelstad's fifteen, then
invented district councils) and, with ``--municipalities M``, M − 1 invented municipalities
with the same committees (at most 290); see ``styrkort.demo.scale``. Saved like an import (see
``styrkort.storage.imports``): all reports or none, a regenerated report that would lose goals,
indicators or activities only with --allow-removal. The reports are written in bulk
(``save_followups``, a committee at a time: see ``generate_by_committee``) while a child process
makes the next committees' documents (``demo.stream``); one audit entry per report, as for any
import; each report's counts (``storage.counts``) are stored with it.
"""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError

from styrkort.demo.scale import MAX_COMMITTEES, MAX_MUNICIPALITIES
from styrkort.demo.stream import documents_made_aside
from styrkort.organisations.models import Organisation
from styrkort.storage.imports import add_import_arguments, save_all_imported


def count(text: str, option: str, what: str, highest: int) -> int:
    """A whole number from 1 to ``highest``; a CommandError in Swedish that names the option."""
    try:
        value = int(text)
    except (TypeError, ValueError):
        value = 0
    if not 1 <= value <= highest:
        raise CommandError(f"{option}: ange ett antal {what} från 1 till {highest} (inte ”{text}”)")
    return value


class Command(BaseCommand):
    help = (
        "Creates the demo municipality Exempelstad (and, with --municipalities, more): committees, "
        "goals, indicators, economy; two years."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument(
            "--committees",
            default="13",
            help=f"committees in each municipality, 1 to {MAX_COMMITTEES} (default 13)",
        )
        parser.add_argument(
            "--municipalities",
            default="1",
            help=f"municipalities, Exempelstad first, 1 to {MAX_MUNICIPALITIES} (default 1)",
        )
        parser.add_argument(
            "--if-missing", action="store_true", help="do nothing when Exempelstad is already in the database"
        )
        add_import_arguments(parser)

    def handle(self, *args, **options):
        committees = count(str(options["committees"]), "--committees", "nämnder", MAX_COMMITTEES)
        municipalities = count(
            str(options["municipalities"]), "--municipalities", "kommuner", MAX_MUNICIPALITIES
        )
        if options["if_missing"] and Organisation.objects.filter(code="exempelstad").exists():
            self.stdout.write("Exempelstad finns redan i databasen")
            return
        started = time.perf_counter()
        with documents_made_aside(options["seed"], committees, municipalities) as documents:
            # The demo's documents read back equal to themselves (tests/storage/test_demo_storage):
            # their counts are those of the documents, found without reading them back.
            reports = save_all_imported(
                documents, "generate-demo", "generate-demo", options, counts_from_documents=True
            )
        where = "Exempelstad" if municipalities == 1 else f"{municipalities} kommuner"
        self.stdout.write(
            f"{where}: {committees * municipalities} nämnder, {len(reports)} rapporter "
            f"({time.perf_counter() - started:.1f} s)"
        )
