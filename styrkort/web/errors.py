"""The Swedish 500 page: shown for every uncaught error, never a traceback, even with DEBUG on.

``ServerErrorPageMiddleware`` (installed right after the security middleware, see settings)
notes Django's ``got_request_exception`` for its request, which Django sends for every uncaught
exception of a view or an inner middleware, and answers with ``server_error``'s page instead of
whatever Django made of it (the technical page when DEBUG is on). Django has logged the error
with its traceback already (logger ``django.request``, to stderr, see ``LOGGING``). A 5xx a view
returns on purpose is left alone. ``server_error`` is also ``handler500``; if even the site's
layout cannot be rendered (the database is down), a plain Swedish page is returned.
"""

from __future__ import annotations

import logging

from django.core.signals import got_request_exception
from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.template import loader

logger = logging.getLogger(__name__)
_UNCAUGHT = "_styrkort_uncaught_exception"
PLAIN_PAGE = (
    '<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Ett fel inträffade – Styrkort</title>'
    "</head><body><h1>Ett fel inträffade</h1><p>Något gick fel hos oss. Det du skickade kanske inte "
    "sparades: kontrollera sidan innan du försöker igen. Kvarstår felet, kontakta den som driver "
    'Styrkort.</p><p><a href="/">Till startsidan</a></p></body></html>'
)


def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 page in the site's layout, without details; a plain page if the layout fails."""
    try:
        return HttpResponseServerError(loader.render_to_string("500.html", request=request))
    except Exception:  # the page about an error must not fail in turn
        logger.exception("the 500 page could not be rendered; a plain page was sent")
        return HttpResponseServerError(PLAIN_PAGE)


def _note(sender, request: HttpRequest | None = None, **kwargs) -> None:
    if request is not None:
        setattr(request, _UNCAUGHT, True)


got_request_exception.connect(_note, dispatch_uid="styrkort_server_error_page")


class ServerErrorPageMiddleware:
    """Answers an uncaught exception with the Swedish 500 page, whatever DEBUG says."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if getattr(request, _UNCAUGHT, False):
            return server_error(request)
        return response
