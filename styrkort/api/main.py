"""The API object: ``/api/v1/``, its OpenAPI 3 schema (``openapi.json``) and documentation page
(``docs``, Swagger UI served from the application's own static files, no CDN)."""

from __future__ import annotations

from ninja import NinjaAPI

from styrkort.api import catalogue, measurements, problems, report
from styrkort.api.auth import ApiRateThrottle, SessionAuth, TokenAuth

DESCRIPTION = """Styrkort's REST API: the same data and the same rights as the web application.

Authenticate with a token (`Authorization: Bearer styrkort_…`, created with `styrkort api-token USER`
or on the page *API-nycklar* under `/konto/api-nycklar/`); a token acts with its user's rights.
Figures are strings with "." as decimal point ("38.2"), missing ones `null`. Errors are RFC 9457
problem details (`application/problem+json`) with a Swedish `title` and `detail`.
See docs/api.md."""

api = NinjaAPI(
    title="Styrkort",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    auth=[TokenAuth(), SessionAuth()],
    throttle=[ApiRateThrottle()],
    docs_url="/docs",
    openapi_url="/openapi.json",
)
problems.install(api)
api.add_router("", catalogue.router)
api.add_router("", report.router)
api.add_router("", measurements.router)
