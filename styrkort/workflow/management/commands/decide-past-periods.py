"""`styrkort decide-past-periods --municipality CODE --before YEAR`: take every report of the
municipality's committees for a year before YEAR through the workflow to decided.

For the demo (``make demo`` runs it after ``generate-demo``): a fresh demo has published
reports, as a municipality in its second year would. Each report is submitted, approved and
decided as the workflow does it, so it gets its snapshot and is locked, and the render of its
PDF and DOCX is enqueued for the background worker (a download before the worker came to it
renders that document then); ``--render`` renders them in this process now instead, and says
which could not be made (the background task tries them again).
Reports already decided are left as they are: running it again changes nothing.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from styrkort.audit.trail import audit_context
from styrkort.followup.models import Report
from styrkort.organisations.models import Organisation
from styrkort.workflow import transitions as workflow

DECIDED_BY = "decide-past-periods"


class Command(BaseCommand):
    help = "Decides every report of the municipality's committees for the years before --before."

    def add_arguments(self, parser):
        parser.add_argument("--municipality", required=True)
        parser.add_argument("--before", type=int, required=True, help="decide the years before this one")
        parser.add_argument("--render", action="store_true", help="render PDF and DOCX into the snapshot now")

    def handle(self, *args, **options):
        municipality = Organisation.objects.filter(
            code=options["municipality"], kind=Organisation.Kind.MUNICIPALITY
        ).first()
        if municipality is None:
            raise CommandError(f"kommunen ”{options['municipality']}” finns inte")
        reports = (
            Report.objects.filter(period__municipality=municipality, period__year__lt=options["before"])
            .exclude(state=Report.State.DECIDED)
            .select_related("organisation", "period")
            .order_by("period__year", "period__ends", "organisation__code")
        )
        decided = 0
        with audit_context(reason=f"demons tidigare perioder beslutas ({DECIDED_BY})"):
            for report in reports:
                if report.state == Report.State.OPEN:
                    workflow.submit_for_review(report, gate=False)
                if report.state == Report.State.IN_REVIEW:
                    workflow.approve(report, gate=False)
                snapshot = workflow.decide(report, DECIDED_BY, render=options["render"])
                decided += 1
                if options["render"] and (snapshot.pdf is None or snapshot.docx is None):
                    self.stderr.write(
                        f"{report.organisation.code} {report.period.key}: dokumenten kunde inte skapas "
                        "nu; bakgrundsjobbet försöker igen"
                    )
        self.stdout.write(f"{municipality.name}: {decided} rapporter före {options['before']} beslutade")
