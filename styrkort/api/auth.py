"""Who calls the API, and how often they may.

- ``TokenAuth``: ``Authorization: Bearer styrkort_…`` (a token from ``styrkort api-token USER``
  or the page ``konto/api-nycklar/``). It acts as the token's user: ``request.user`` is set, so
  the web application's rights (``styrkort.accounts.access``, ``styrkort.web.getters``) see the
  same user as a signed-in page would; writes name the user in the audit trail (``audit_context``). Token requests need no CSRF token (a
  browser never sends the header by itself).
- ``SessionAuth``: the signed-in browser session (the documentation page's "Try it out"). Unsafe
  methods (PATCH …) need Django's CSRF token, exactly as the pages do.
- ``ApiRateThrottle``: at most ``STYRKORT_API_RATE`` requests (``"120/min"``; ``n/s``, ``n/min``,
  ``n/h``, ``n/day``) per user, or per address for a request without a user. The counts live in
  Django's default cache, which is local memory: each server process counts on its own.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from ninja.errors import HttpError
from ninja.security import HttpBearer
from ninja.security.apikey import APIKeyCookie
from ninja.throttling import SimpleRateThrottle
from ninja.utils import check_csrf

from styrkort.accounts.tokens import user_for_token

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


class TokenAuth(HttpBearer):
    """A bearer token of ``styrkort.accounts.tokens``; the request acts as its user."""

    openapi_scheme = "bearer"

    def authenticate(self, request: HttpRequest, token: str) -> Any | None:
        user = user_for_token(token.strip())
        if user is None:
            return None
        request.user = user
        return user


class SessionAuth(APIKeyCookie):
    """The signed-in browser session; CSRF is checked for unsafe methods, as on the pages."""

    param_name = settings.SESSION_COOKIE_NAME

    def _get_key(self, request: HttpRequest) -> str | None:
        return request.COOKIES.get(self.param_name)

    def authenticate(self, request: HttpRequest, key: str | None) -> Any | None:
        if not request.user.is_authenticated:
            return None
        if request.method not in SAFE_METHODS and check_csrf(request) is not None:
            raise HttpError(403, "CSRF-kontrollen misslyckades: skicka sidans CSRF-token i X-CSRFToken.")
        return request.user


class ApiRateThrottle(SimpleRateThrottle):
    """``STYRKORT_API_RATE`` per user (or per address); read at every request, so a changed
    setting applies at once."""

    scope = "api"

    def __init__(self) -> None:  # the rate is read per request, not fixed here
        self.rate = None

    def allow_request(self, request: HttpRequest) -> bool:
        self.rate = settings.STYRKORT_API_RATE or None
        if self.rate is None:
            return True
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)

    def get_cache_key(self, request: HttpRequest) -> str | None:
        user = getattr(request, "auth", None)
        ident = f"user-{user.pk}" if user is not None else f"addr-{self.get_ident(request)}"
        return self.cache_format % {"scope": self.scope, "ident": ident}
