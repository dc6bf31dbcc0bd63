from django.apps import AppConfig


class GoalsConfig(AppConfig):
    name = "styrkort.goals"
    label = "goals"
