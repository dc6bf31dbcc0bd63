from django.apps import AppConfig
from django.conf import settings
from django.core import checks


class ApiConfig(AppConfig):
    name = "styrkort.api"
    label = "api"
    verbose_name = "REST-API"

    def ready(self) -> None:
        checks.register(check_rate)


def check_rate(app_configs, **kwargs):
    """A misspelt STYRKORT_API_RATE stops the start, not the first API request."""
    from styrkort.api.auth import ApiRateThrottle

    rate = settings.STYRKORT_API_RATE
    try:
        ApiRateThrottle().parse_rate(rate or None)
    except ValueError:
        return [
            checks.Error(
                f"STYRKORT_API_RATE={rate!r} is no rate",
                hint='write requests/period, e.g. "120/min", "10/s", "5000/day", or leave it empty (no limit)',
                id="styrkort.api.E001",
            )
        ]
    return []
