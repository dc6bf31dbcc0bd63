"""The report as it will be printed (preview) and as documents (JSON, PDF, DOCX)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from styrkort.reports.build import build_report_data
from styrkort.reports.docx import render_docx
from styrkort.reports.html import render_html_fragment
from styrkort.reports.pdf import render_pdf_in_subprocess
from styrkort.web.getters import get_report_access
from styrkort.workflow import transitions as workflow


@require_GET
def preview(request: HttpRequest, code: str, period: str) -> HttpResponse:
    """The report as it will be printed, inside the application's layout."""
    access = get_report_access(request, code, period)
    body = render_html_fragment(build_report_data(code, period))
    return render(request, "web/preview.html", {"access": access, "report": access.report, "body": body})


# --- downloads -------------------------------------------------------------------------------


DOCUMENT_TYPES = {
    "json": "application/json; charset=utf-8",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


@require_GET
def download(request: HttpRequest, code: str, period: str, kind: str) -> HttpResponse:
    """The report as exchange JSON, PDF or DOCX: the decided snapshot when decided, else made now."""
    access = get_report_access(request, code, period)
    report = access.report
    if kind not in DOCUMENT_TYPES:
        raise Http404("okänt format")
    snapshot = report.snapshots.first() if report.state == report.State.DECIDED else None
    stored = {"json": "exchange_json", "pdf": "pdf", "docx": "docx"}[kind]
    body: str | bytes | None = getattr(snapshot, stored) if snapshot else None
    if body is None:
        body = _render_document(report, kind)
    response = HttpResponse(body if isinstance(body, str) else bytes(body), content_type=DOCUMENT_TYPES[kind])
    response["Content-Disposition"] = (
        f'attachment; filename="{report.organisation.code}-{report.period.key}.{kind}"'
    )
    return response


def _render_document(report, kind: str) -> str | bytes:
    """The report as it stands now."""
    if kind == "json":
        return workflow.exchange_json(report)
    data = build_report_data(report.organisation.code, report.period.key)
    return render_pdf_in_subprocess(data) if kind == "pdf" else render_docx(data)
