"""The status scale's colours as a stylesheet: defined once in ``styrkort.domain.scales``, drawn by
classes (a strict Content-Security-Policy allows no style attributes)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from styrkort.domain.scales import STOCKHOLM
from styrkort.reports.html import scale_css


@require_GET
@cache_control(public=True, max_age=3600)
def scale_stylesheet(request: HttpRequest) -> HttpResponse:
    """``.grade-<grade>`` and ``.status-<key>`` for the municipality's scale (Stockholm's for now)."""
    return HttpResponse(scale_css(STOCKHOLM), content_type="text/css; charset=utf-8")
