"""`styrkort api-token USER [--name NAME]`: a new API token for the user, printed once.

Only a hash of the token is stored; the token cannot be shown again. The user lists and revokes
their tokens on the page ``konto/api-nycklar/``.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from styrkort.accounts.tokens import create_token
from styrkort.audit.trail import audit_context, operator_name


class Command(BaseCommand):
    help = "Creates an API token for USER and prints it (once; only its hash is stored)."

    def add_arguments(self, parser):
        parser.add_argument("user", help="the user's username")
        parser.add_argument("--name", default="", help="what the token is for (shown in the token list)")
        parser.add_argument("--operator", default=None, help="who runs the command (for the audit trail)")

    def handle(self, *args, user: str, name: str, operator: str | None, **options):
        found = get_user_model().objects.filter(username=user).first()
        if found is None:
            raise CommandError(f"det finns ingen användare ”{user}”")
        if not found.is_active:
            raise CommandError(f"användaren ”{user}” är inaktiverad")
        with audit_context(operator=operator_name(operator)):
            _, token = create_token(found, name or "kommandoraden")
        self.stdout.write(token)
        self.stderr.write(
            f"Ny API-nyckel för ”{user}”. Spara den nu: den visas inte igen "
            "(bara en kontrollsumma av den sparas)."
        )
