from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "styrkort.audit"
    label = "audit"
    verbose_name = "Ändringslogg"

    def ready(self) -> None:
        from styrkort.audit import trail

        trail.connect()
