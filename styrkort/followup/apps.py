from django.apps import AppConfig


class FollowupConfig(AppConfig):
    name = "styrkort.followup"
    label = "followup"

    def ready(self) -> None:
        from styrkort.followup import lock

        lock.connect()
