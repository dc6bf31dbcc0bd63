from django.apps import AppConfig


class EconomyConfig(AppConfig):
    name = "styrkort.economy"
    label = "economy"
