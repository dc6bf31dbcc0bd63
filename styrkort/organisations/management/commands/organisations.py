"""`styrkort organisations`: every organisation, one a line: code, a tab, the name."""

from django.core.management.base import BaseCommand

from styrkort.organisations.models import Organisation


class Command(BaseCommand):
    help = "Lists organisations: code<TAB>name, one a line."

    def handle(self, *args, **options):
        for code, name in Organisation.objects.order_by("code").values_list("code", "name"):
            self.stdout.write(f"{code}\t{name}")
