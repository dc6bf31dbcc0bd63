"""The report as it will be printed (preview) and as documents (JSON, PDF, DOCX).

Documents come from ``styrkort.web.rendering``: a decided report's PDF and DOCX from its
snapshot's file (``decided_file``: no read of the stored bytes, 304 to a browser that has it;
rendered from the snapshot and stored first when the background worker has not made it yet), a
draft's rendered once per version and data, at most a configured number at once; when every
render slot stays taken the answer is 503 with Retry-After and a Swedish "försök igen" page. A
decided document that cannot be rendered is a 500 page in Swedish (the cause in the log).
"""

from __future__ import annotations

from pathlib import Path

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotModified
from django.http.response import HttpResponseBase
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
def download(request: HttpRequest, code: str, period: str, kind: str) -> HttpResponseBase:
    """The report as exchange JSON, PDF or DOCX: the decided snapshot when decided, else the draft."""
    access = get_report_access(request, code, period)
    report = access.report
    if kind not in DOCUMENT_TYPES:
        raise Http404("okänt format")
    filename = f"{report.organisation.code}-{report.period.key}.{kind}"
    try:
        stored = rendering.decided_file(report, kind)
        if stored is not None:
            return decided_download(request, *stored, DOCUMENT_TYPES[kind], filename)
        body = rendering.document(report, kind)
    except rendering.RenderBusy as error:
        return busy(request, error)
    except rendering.DocumentFailed as error:
        return render(request, "web/document_failed.html", {"message": str(error)}, status=500)
    response = HttpResponse(body, content_type=DOCUMENT_TYPES[kind])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def decided_download(
    request: HttpRequest, path: Path, etag: str, content_type: str, filename: str
) -> HttpResponseBase:
    """A decided document from its file: 304 when the browser holds it already (the ETag names
    the snapshot, which never changes), else the file's bytes (from the page cache, not the
    database). ``private``: only those who may read the report get it."""
    if etag in (part.strip() for part in request.headers.get("If-None-Match", "").split(",")):
        response: HttpResponseBase = HttpResponseNotModified()
    else:
        response = HttpResponse(path.read_bytes(), content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["ETag"] = etag
    response["Cache-Control"] = "private, no-cache"
    return response
