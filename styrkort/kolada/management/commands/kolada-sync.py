"""`styrkort kolada-sync`: Kolada's values of a year into the annual report.

    styrkort kolada-sync --organisation CODE --year YEAR [--municipality-id ID] [--from-date DATE] [--enqueue]
    styrkort kolada-sync --all --enqueue      # the nightly run: every open annual report with Kolada ids

Writes Kolada's T, K and M values into the outcome, women's and men's outcome of every indicator
with a Kolada id in the organisation's ``YEAR-AR`` report (and its units' reports, with their OU
ids); an approved or decided report is skipped. All or nothing; see styrkort/kolada/sync.py.
"""

from __future__ import annotations

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from styrkort.followup.lock import LockedReportError
from styrkort.kolada.client import KoladaError
from styrkort.kolada.sync import sync_organisation
from styrkort.kolada.tasks import enqueue_due, enqueue_sync


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"--from-date: ”{text[:40]}” är inget datum (ÅÅÅÅ-MM-DD)") from None


class Command(BaseCommand):
    help = "Hämta värden ur Kolada till verksamhetsberättelsen (utfall totalt, kvinnor och män)."

    def add_arguments(self, parser):
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--organisation", help="nämndens (eller enhetens) kod")
        which.add_argument(
            "--all",
            action="store_true",
            help="alla öppna verksamhetsberättelser med Kolada-id (med --enqueue)",
        )
        parser.add_argument("--year", type=int, help="året, t.ex. 2025 (verksamhetsberättelsen 2025-AR)")
        parser.add_argument(
            "--municipality-id", help="kommunens id i Kolada, t.ex. 0180 (annars kommunens Kolada-id)"
        )
        parser.add_argument("--from-date", help="bara det som ändrats i Kolada sedan dagen, ÅÅÅÅ-MM-DD")
        parser.add_argument("--operator", help="namnet i ändringsloggen (annars operativsystemets användare)")
        parser.add_argument("--enqueue", action="store_true", help="lämna jobbet till bakgrundsprocessen")

    def handle(
        self, *args, organisation, all, year, municipality_id, from_date, operator, enqueue, **options
    ):
        since = _date(from_date) if from_date else None
        if all:
            if not enqueue or year or municipality_id or since:
                raise CommandError("--all lämnar jobben till bakgrundsprocessen: ange bara --all --enqueue")
            results = enqueue_due()
            self.stdout.write(f"{len(results)} jobb för Kolada köade")
            return
        if year is None:
            raise CommandError("ange --year, t.ex. --year 2025")
        if enqueue:
            if municipality_id:
                raise CommandError(
                    "--municipality-id går inte med --enqueue: ange kommunens Kolada-id i administrationen"
                )
            result = enqueue_sync(organisation, year, since)
            self.stdout.write(f"jobb {result.id}: Kolada {year} till {organisation}")
            return
        try:
            result = sync_organisation(
                organisation, year, municipality_id=municipality_id, from_date=since, operator=operator
            )
        except (KoladaError, LockedReportError) as error:
            message = str(error)
            raise CommandError(
                message if "inget har ändrats" in message else f"{message}; inget har ändrats"
            ) from error
        self.stdout.write(result.summary())
