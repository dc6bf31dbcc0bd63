from django.apps import AppConfig


class StorageConfig(AppConfig):
    name = "styrkort.storage"
    label = "storage"
