from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "styrkort.organisations"
    label = "organisations"
