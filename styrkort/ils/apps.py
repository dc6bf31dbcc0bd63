from django.apps import AppConfig


class IlsConfig(AppConfig):
    name = "styrkort.ils"
    label = "ils"
