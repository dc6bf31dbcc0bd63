from django.apps import AppConfig


class WorkspaceConfig(AppConfig):
    """Comments, deadlines, to-do lists and notifications: the daily work of a period."""

    name = "styrkort.workspace"
    verbose_name = "Arbetsyta"

    def ready(self) -> None:
        from styrkort.workspace import notify

        notify.connect()
