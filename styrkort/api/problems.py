"""Errors as RFC 9457 problem details (``application/problem+json``), in Swedish, never a traceback.

Every answer other than 2xx is ``{"type", "title", "status", "detail"}`` with a Swedish title
and detail; a refused value adds ``errors`` (``[{"pointer": "/outcome", "detail": "…"}]``, a
JSON pointer into the request body, or ``"/query/limit"`` for a parameter), a stale version adds
``version`` (the stored one). ``install(api)`` registers the handlers on the ``NinjaAPI``.
"""

from __future__ import annotations

import functools
import logging
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import OperationalError
from django.http import Http404, HttpRequest, JsonResponse
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

from styrkort.followup.lock import LockedReportError
from styrkort.web.editing import ConflictError
from styrkort.web.rendering import RETRY_AFTER_SECONDS, DocumentFailed, RenderBusy

logger = logging.getLogger(__name__)

CONTENT_TYPE = "application/problem+json"
TITLES = {
    400: "Felaktig begäran",
    401: "Inte inloggad",
    403: "Åtkomst nekad",
    404: "Finns inte",
    405: "Metoden stöds inte",
    409: "Konflikt",
    422: "Ogiltiga värden",
    429: "För många anrop",
    500: "Internt fel",
    503: "Tjänsten är upptagen",
}
# Pydantic's error types, in Swedish (the rest: "ogiltigt värde").
REASONS = {
    "missing": "saknas",
    "extra_forbidden": "okänt fält",
    "string_type": "ska vara en sträng (ett tal skrivs som sträng, t.ex. ”38.2”) eller null",
    "int_type": "ska vara ett heltal",
    "int_parsing": "ska vara ett heltal",
    "int_from_float": "ska vara ett heltal",
    "greater_than_equal": "är för litet",
    "less_than_equal": "är för stort",
    "literal_error": "är inget av de tillåtna värdena",
    "json_invalid": "är inte giltig JSON",
    "model_attributes_type": "ska vara ett JSON-objekt",
    "dict_type": "ska vara ett JSON-objekt",
    "string_too_long": "är för lång",
    "bool_parsing": "ska vara true eller false",
    "date_from_datetime_parsing": "ska vara ett datum (ÅÅÅÅ-MM-DD)",
}


class FieldProblem(Schema):
    pointer: str
    detail: str


class Problem(Schema):
    """RFC 9457 problem details (Swedish title and detail)."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str
    errors: list[FieldProblem] | None = None
    version: int | None = None


class ProblemError(Exception):
    """Answer with a problem: the status, a Swedish detail, and optional extension members."""

    def __init__(self, status: int, detail: str, **extra: Any) -> None:
        super().__init__(detail)
        self.status, self.detail, self.extra = status, detail, extra


def problem(status: int, detail: str, **extra: Any) -> JsonResponse:
    body = {"type": "about:blank", "title": TITLES.get(status, "Fel"), "status": status, "detail": detail}
    body.update({name: value for name, value in extra.items() if value is not None})
    return JsonResponse(
        body, status=status, content_type=CONTENT_TYPE, json_dumps_params={"ensure_ascii": False}
    )


def method_not_allowed(view: Any) -> Any:
    """A view of the API whose 405 (a method the path does not take) is a problem as well."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        response = view(request, *args, **kwargs)
        if response.status_code != 405:
            return response
        answer = problem(
            405, f"Adressen tar inte emot {request.method}; den tar emot {response.get('Allow', '')}."
        )
        answer["Allow"] = response.get("Allow", "")
        return answer

    return wrapper


def pointer(location: tuple[Any, ...] | list[Any]) -> str:
    """A pydantic error location as a JSON pointer (``("body", "payload", "outcome")`` → ``/outcome``)."""
    parts = [str(part) for part in location]
    if parts[:1] == ["body"]:
        parts = parts[2:] if len(parts) > 1 and parts[1] == "payload" else parts[1:]
    return "/" + "/".join(parts)


def validation_errors(errors: list[dict[str, Any]]) -> list[dict[str, str]]:
    return [
        {
            "pointer": pointer(error.get("loc", ())),
            "detail": REASONS.get(error.get("type", ""), "ogiltigt värde"),
        }
        for error in errors
    ]


def install(api: NinjaAPI) -> None:
    """Every error the API can meet answered as a Swedish problem."""

    @api.exception_handler(ProblemError)
    def _problem(request: HttpRequest, error: ProblemError) -> JsonResponse:
        return problem(error.status, error.detail, **error.extra)

    @api.exception_handler(ValidationError)
    def _invalid(request: HttpRequest, error: ValidationError) -> JsonResponse:
        errors = validation_errors(list(error.errors))
        where = ", ".join(f"{item['pointer']} {item['detail']}" for item in errors)
        return problem(422, f"Begäran har ogiltiga värden: {where}. Inget ändrades.", errors=errors)

    @api.exception_handler(AuthenticationError)
    def _unauthenticated(request: HttpRequest, error: AuthenticationError) -> JsonResponse:
        response = problem(
            401,
            "Ange en giltig API-nyckel: ”Authorization: Bearer <nyckel>”. En återkallad nyckel gäller inte.",
        )
        response["WWW-Authenticate"] = "Bearer"
        return response

    @api.exception_handler(Throttled)
    def _throttled(request: HttpRequest, error: Throttled) -> JsonResponse:
        return problem(429, "För många anrop på kort tid. Vänta en stund och försök igen.")

    @api.exception_handler(Http404)
    def _not_found(request: HttpRequest, error: Http404) -> JsonResponse:
        return problem(404, "Det du frågade efter finns inte, eller så får du inte se det.")

    @api.exception_handler(PermissionDenied)
    def _forbidden(request: HttpRequest, error: PermissionDenied) -> JsonResponse:
        return problem(403, "Du får inte ändra detta.")

    @api.exception_handler(LockedReportError)
    def _locked(request: HttpRequest, error: LockedReportError) -> JsonResponse:
        return problem(409, f"Rapporten är låst ({error}); inget ändrades.")

    @api.exception_handler(ConflictError)
    def _conflict(request: HttpRequest, error: ConflictError) -> JsonResponse:
        fields = ", ".join(sorted({conflict.field for conflict in error.conflicts}))
        return problem(409, f"Någon annan ändrade samma fält ({fields}) samtidigt; inget ändrades.")

    @api.exception_handler(RenderBusy)
    def _busy(request: HttpRequest, error: RenderBusy) -> JsonResponse:
        response = problem(503, str(error))
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response

    @api.exception_handler(DocumentFailed)
    def _document_failed(request: HttpRequest, error: DocumentFailed) -> JsonResponse:
        return problem(500, f"{error} Beslutet är sparat; försök igen om en stund.")

    @api.exception_handler(OperationalError)
    def _database_busy(request: HttpRequest, error: OperationalError) -> JsonResponse:
        logger.warning("API: the database refused a request: %s", error)
        return problem(503, "Databasen var upptagen en kort stund. Inget ändrades; försök igen.")

    @api.exception_handler(HttpError)
    def _http(request: HttpRequest, error: HttpError) -> JsonResponse:
        if error.status_code == 403:
            return problem(403, error.message)
        if error.status_code == 400:
            return problem(400, "Begäran kunde inte läsas: kroppen ska vara giltig JSON. Inget ändrades.")
        return problem(error.status_code, TITLES.get(error.status_code, "Fel"))

    @api.exception_handler(Exception)
    def _unexpected(request: HttpRequest, error: Exception) -> JsonResponse:
        logger.exception("API: an error no handler foresaw (%s %s)", request.method, request.path)
        return problem(500, "Ett oväntat fel inträffade. Det är loggat; inget visas här av säkerhetsskäl.")
