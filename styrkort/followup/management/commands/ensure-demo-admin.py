"""`styrkort ensure-demo-admin`: a known administrator login for the local demo (never in production)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

USERNAME = "admin"
PASSWORD = "styrkort-demo"


class Command(BaseCommand):
    help = "Creates (or resets) the demo administrator and prints the login. Refuses when DEBUG is off."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("demoinloggningen skapas bara när DEBUG är på")
        user, _ = get_user_model().objects.get_or_create(username=USERNAME)
        user.is_staff = user.is_superuser = True
        user.set_password(PASSWORD)
        user.save()
        self.stdout.write(
            f"Administratör: http://localhost:8000/admin/  användare {USERNAME}  lösenord {PASSWORD}"
        )
