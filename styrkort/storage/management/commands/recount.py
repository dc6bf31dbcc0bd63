"""`styrkort recount [--municipality CODE]`: compute every report's stored counts again.

A report's counts (the check's findings, its errors and warnings) and the overview's goal tree
stored with them (``storage.counts``, ``storage.overview``) are computed when the report changes.
A new version of Styrkort whose checks or status rules differ leaves them as the old rules made
them until each report changes again: run this after such an upgrade. Each report is computed
in its own transaction; a report that cannot be read is named and skipped, and the command then
ends with an error.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from styrkort.followup.models import Report
from styrkort.organisations.models import Organisation
from styrkort.storage.counts import compute_counts


class Command(BaseCommand):
    help = "Computes every report's stored counts and overview again (after an upgrade whose rules changed)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--municipality", help="only this municipality's reports (its code)")

    def handle(self, *args: Any, **options: Any) -> None:
        reports = Report.objects.select_related("organisation__parent", "period__municipality")
        if options["municipality"]:
            code = options["municipality"]
            if not Organisation.objects.filter(code=code, kind="municipality").exists():
                raise CommandError(f"kommunen {code} finns inte")
            reports = reports.filter(period__municipality__code=code)
        done, failed = 0, []
        for report in reports.order_by("pk").iterator(chunk_size=100):
            try:
                with transaction.atomic():
                    compute_counts(report)
            except Exception as error:  # noqa: BLE001 - named below; the others are still computed
                failed.append(f"{report}: {error}")
                continue
            done += 1
        self.stdout.write(f"{done} rapporter räknade på nytt")
        if failed:
            raise CommandError("kunde inte räknas:\n" + "\n".join(failed))
