from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "styrkort.demo"
    label = "demo"
