from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "styrkort.web"
    label = "web"
    verbose_name = "Webbgränssnitt"

    def ready(self) -> None:
        from styrkort.web import sso  # noqa: F401 - connects the sign-in time receiver
