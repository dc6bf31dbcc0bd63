from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "styrkort.web"
    label = "web"
    verbose_name = "Webbgränssnitt"

    def ready(self) -> None:
        from styrkort.followup import workflow

        workflow.connect()
