"""The report as it will be printed (preview) and as documents (JSON, PDF, DOCX).

Documents come from ``styrkort.web.rendering``: a decided report's from its snapshot, a draft's
rendered once per version and data, at most a configured number at once; when every render
slot stays taken the answer is 503 with Retry-After and a Swedish "försök igen" page.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from styrkort.web import rendering
from styrkort.web.getters import get_report_access

DOCUMENT_TYPES = {
    "json": "application/json; charset=utf-8",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def busy(request: HttpRequest, error: rendering.RenderBusy) -> HttpResponse:
    """503 with Retry-After: every render slot is taken; the user is told to try again."""
    response = render(request, "web/busy.html", {"message": str(error)}, status=503)
    response["Retry-After"] = str(rendering.RETRY_AFTER_SECONDS)
    return response


@require_GET
def preview(request: HttpRequest, code: str, period: str) -> HttpResponse:
    """The report as it will be printed, inside the application's layout."""
    access = get_report_access(request, code, period)
    try:
        body = rendering.document(access.report, "html")
    except rendering.RenderBusy as error:
        return busy(request, error)
    return render(request, "web/preview.html", {"access": access, "report": access.report, "body": body})


@require_GET
def download(request: HttpRequest, code: str, period: str, kind: str) -> HttpResponse:
    """The report as exchange JSON, PDF or DOCX: the decided snapshot when decided, else the draft."""
    access = get_report_access(request, code, period)
    report = access.report
    if kind not in DOCUMENT_TYPES:
        raise Http404("okänt format")
    try:
        body = rendering.document(report, kind)
    except rendering.RenderBusy as error:
        return busy(request, error)
    response = HttpResponse(body, content_type=DOCUMENT_TYPES[kind])
    response["Content-Disposition"] = (
        f'attachment; filename="{report.organisation.code}-{report.period.key}.{kind}"'
    )
    return response
