"""The reading view: the report as published, for readers (politicians) and the public.

A decided report is shown from its snapshot (``styrkort.web.rendering``), with the decided
documents (until the background worker has made them, a word that they are being made or could
not be made: a download makes them then) and the attachments; a report not yet decided (only
those with a role on it see one) is shown as the draft it is, marked as such. No audit trail, no names of staff, no
control findings, no assignments and no working controls; an administrator may reopen a
decided report from here (the working pages of a decided report lead here).
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from styrkort.followup.models import Attachment
from styrkort.web import rendering
from styrkort.web.getters import get_report_access
from styrkort.web.views.documents import busy
from styrkort.workflow.tasks import render_state


@require_GET
def reading(request: HttpRequest, code: str, period: str) -> HttpResponse:
    """The published report (the decided snapshot), or the draft for those who may see it."""
    access = get_report_access(request, code, period)
    report = access.report
    try:
        body = rendering.document(report, "html")
    except rendering.RenderBusy as error:
        return busy(request, error)
    snapshot = rendering.decided_snapshot(report)
    documents, task_id = render_state(snapshot.pk) if snapshot else ("", "")
    context = {
        "access": access,
        "report": report,
        "body": body,
        "decided_at": snapshot.created if snapshot else None,
        "documents": documents,
        "failed_task": task_id if documents == "failed" and access.is_admin else "",
        "attachments": Attachment.objects.filter(report=report).order_by("number"),
    }
    return render(request, "web/reading.html", context)
