from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "styrkort.reports"
    label = "reports"
