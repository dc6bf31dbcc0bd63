from django.apps import AppConfig


class StorageConfig(AppConfig):
    name = "styrkort.storage"
    label = "storage"

    def ready(self) -> None:
        from styrkort.storage import counts

        counts.connect()
