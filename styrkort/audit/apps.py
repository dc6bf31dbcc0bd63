from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "styrkort.audit"
    label = "audit"
    verbose_name = "Ändringslogg"

    def ready(self) -> None:
        from styrkort.audit import privileges, trail

        trail.connect()
        privileges.connect()
