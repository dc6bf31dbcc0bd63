from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "styrkort.web"
    label = "web"
    verbose_name = "Webbgränssnitt"
