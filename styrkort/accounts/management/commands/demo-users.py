"""`styrkort demo-users`: one demo login per role for the demo municipality (never in production).

The committee roles go to one committee (the demo's largest, ``sdn-norra``, unless
``--committee`` names another); the reporter is assigned that committee's first two goals of
its latest report (with their indicators and activities). Prints username, password, role and
organisation of each login.

Only when ``DEBUG`` is explicitly on. The demo logins are marked by their e-mail address
(``<username>@demo.styrkort.invalid``): an existing account without that mark is never reset,
promoted or given a role; it is reported and left as it is. No demo login gets a Django model
permission: the city controller sets up goals, indicators and periods on the product's pages.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from styrkort.accounts.models import Assignment, Membership, Role
from styrkort.followup.models import Report
from styrkort.goals.models import GoalAssessment
from styrkort.organisations.models import Organisation

PASSWORD = "styrkort-demo"
DEFAULT_MUNICIPALITY = "exempelstad"
DEFAULT_COMMITTEE = "sdn-norra"

DEMO_DOMAIN = "demo.styrkort.invalid"

# username, role, full name, on the municipality (True) or the committee (False)
DEMO_USERS = (
    ("admin", Role.ADMINISTRATOR, "Ada Administratör", True),
    ("stadscontroller", Role.CITY_CONTROLLER, "Sam Stadscontroller", True),
    ("controller", Role.COMMITTEE_CONTROLLER, "Nora Nämndcontroller", False),
    ("rapportor", Role.REPORTER, "Rut Rapportör", False),
    ("direktor", Role.APPROVER, "Dag Direktör", False),
    ("politiker", Role.READER, "Pia Politiker", False),
)


class Command(BaseCommand):
    help = "Creates (or resets) one demo user per role and prints the logins. Refuses when DEBUG is off."

    def add_arguments(self, parser):
        parser.add_argument("--municipality", default=DEFAULT_MUNICIPALITY)
        parser.add_argument("--committee", default=None, help=f"committee code (default {DEFAULT_COMMITTEE})")

    @transaction.atomic
    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("demoinloggningarna skapas bara när DEBUG är på")
        municipality = Organisation.objects.filter(
            code=options["municipality"], kind=Organisation.Kind.MUNICIPALITY
        ).first()
        if municipality is None:
            raise CommandError(
                f"kommunen ”{options['municipality']}” finns inte; kör först `styrkort generate-demo`"
            )
        committee = self._committee(municipality, options["committee"])
        model = get_user_model()
        for username, role, full_name, on_municipality in DEMO_USERS:
            email = f"{username}@{DEMO_DOMAIN}"
            user = model.objects.filter(username=username).first()
            if user is not None and user.email != email:
                self.stderr.write(f"{username}: kontot finns redan och är inget demokonto; det lämnas orört")
                continue
            user = user or model(username=username, email=email)
            user.first_name, _, user.last_name = full_name.partition(" ")
            user.is_superuser = user.is_staff = role == Role.ADMINISTRATOR
            user.set_password(PASSWORD)
            user.save()
            user.user_permissions.clear()
            user.groups.clear()
            organisation = municipality if on_municipality else committee
            Membership.objects.filter(user=user).exclude(organisation=organisation, role=role).delete()
            Membership.objects.get_or_create(user=user, organisation=organisation, role=role)
            if role == Role.REPORTER:
                self._assign(user, committee)
            self.stdout.write(
                f"{username}\t{PASSWORD}\t{role.label}\t{organisation.code} ({organisation.name})"
            )
        self.stdout.write("Logga in på http://localhost:8000/konto/logga-in/")

    def _committee(self, municipality: Organisation, code: str | None) -> Organisation:
        committees = Organisation.objects.filter(parent=municipality, kind=Organisation.Kind.COMMITTEE)
        wanted = code or DEFAULT_COMMITTEE
        committee = committees.filter(code=wanted).first() or (None if code else committees.first())
        if committee is None:
            raise CommandError(f"nämnden ”{wanted}” finns inte under {municipality.code}")
        return committee

    def _assign(self, user, committee: Organisation) -> None:
        Assignment.objects.filter(user=user).delete()
        report = (
            Report.objects.filter(organisation=committee).order_by("-period__year", "-period__ends").first()
        )
        if report is None:
            return
        goals = GoalAssessment.objects.filter(report=report, goal__organisation=committee).order_by(
            "position"
        )
        for assessment in goals[:2]:
            Assignment.objects.create(user=user, organisation=committee, goal_id=assessment.goal_id)
