"""`styrkort generate-demo [--seed N] [--committees N] [--municipalities M]`: the demo municipality.

Exempelstad with N committees (13 unless told; at most 300: Exempelstad's fifteen, then
invented district councils) and, with ``--municipalities M``, M − 1 invented municipalities
with the same committees (at most 290); see ``styrkort.demo.scale``. Saved like an import (see
``styrkort.storage.imports``): all reports or none, a regenerated report that would lose goals,
indicators or activities only with --allow-removal. The reports are written in bulk
(``save_followups``): one audit entry per report, as for any import.
"""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError

from styrkort.demo import generate_demo
from styrkort.demo.scale import MAX_COMMITTEES, MAX_MUNICIPALITIES
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
        documents = generate_demo(seed=options["seed"], committees=committees, municipalities=municipalities)
        save_all_imported(documents, "generate-demo", "generate-demo", options)
        where = "Exempelstad" if municipalities == 1 else f"{municipalities} kommuner"
        self.stdout.write(
            f"{where}: {committees * municipalities} nämnder, {len(documents)} rapporter "
            f"({time.perf_counter() - started:.1f} s)"
        )
