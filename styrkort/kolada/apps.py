from django.apps import AppConfig


class KoladaConfig(AppConfig):
    name = "styrkort.kolada"
    label = "kolada"
