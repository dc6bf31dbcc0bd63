from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "styrkort.ops"
    label = "ops"
    verbose_name = "Drift"
