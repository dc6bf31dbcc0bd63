"""`styrkort generate-demo [--seed N] [--committees N]`: the fictional municipality Exempelstad.

Saved like an import (see ``styrkort.storage.imports``): all reports or none, a regenerated
report that would lose goals, indicators or activities only with --allow-removal.
"""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from styrkort.demo import generate_demo
from styrkort.demo.catalog import COMMITTEES
from styrkort.organisations.models import Organisation
from styrkort.storage.imports import add_import_arguments, save_imported


class Command(BaseCommand):
    help = "Creates the demo municipality Exempelstad: committees, goals, indicators, economy; two years."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--committees", type=int, default=13)
        parser.add_argument(
            "--if-missing", action="store_true", help="do nothing when Exempelstad is already in the database"
        )
        add_import_arguments(parser)

    def handle(self, *args, **options):
        if options["if_missing"] and Organisation.objects.filter(code="exempelstad").exists():
            self.stdout.write("Exempelstad finns redan i databasen")
            return
        if not 1 <= options["committees"] <= len(COMMITTEES):
            raise CommandError(f"--committees: ange ett antal nämnder från 1 till {len(COMMITTEES)}")
        started = time.perf_counter()
        documents = generate_demo(seed=options["seed"], committees=options["committees"])
        with transaction.atomic():
            for followup in documents:
                save_imported(followup, "generate-demo", "generate-demo", options)
        codes = sorted({f.organisation.code for f in documents})
        self.stdout.write(
            f"Exempelstad: {len(codes)} nämnder, {len(documents)} rapporter "
            f"({time.perf_counter() - started:.1f} s)"
        )
