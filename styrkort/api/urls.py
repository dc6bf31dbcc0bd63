"""URLs of the API (``/api/v1/``) and of the token page (``/konto/api-nycklar/``)."""

from django.http import HttpRequest, JsonResponse
from django.urls import path, re_path
from django.views.decorators.csrf import csrf_exempt

from styrkort.api import pages
from styrkort.api.main import api
from styrkort.api.problems import method_not_allowed, problem


@csrf_exempt
def not_found(request: HttpRequest, rest: str = "") -> JsonResponse:
    """Any other path under /api/v1/: a problem, not the web application's page."""
    return problem(404, "Det finns ingen sådan adress i API:t; se /api/v1/docs.")


_patterns, _app, _namespace = api.urls  # (not ``app_name``: that would namespace this module)
for _pattern in _patterns:
    _pattern.callback = method_not_allowed(_pattern.callback)

urlpatterns = [
    path("api/v1/", (_patterns, _app, _namespace)),
    re_path(r"^api/v1/(?P<rest>.*)$", not_found),
    path("konto/api-nycklar/", pages.tokens, name="api-tokens"),
]
