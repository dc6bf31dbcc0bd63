"""Attachments of a committee's report: a list with downloads for everyone who may see the
report; upload and delete for the committee controller while the report is open. Uploads are
checked by ``styrkort.web.uploads``. A decided report refuses changes (403, in Swedish).
"""

from __future__ import annotations

from pathlib import PurePath

from django.contrib import messages
from django.db import transaction
from django.db.models import Max
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from styrkort.audit.trail import changes_for
from styrkort.followup.lock import LockedReportError
from styrkort.followup.models import Attachment, Report
from styrkort.web.forms import AttachmentForm
from styrkort.web.getters import get_report_access
from styrkort.web.responses import refusal, report_url
from styrkort.web.uploads import CONTENT_TYPES, max_attachment_bytes

# --- attachments -----------------------------------------------------------------------------


def _attachment(access, pk: int) -> Attachment:
    attachment = Attachment.objects.filter(report=access.report, pk=pk).first()
    if attachment is None:
        raise Http404("bilagan finns inte i rapporten")
    return attachment


def _attachments_page(request, access, form, status: int = 200) -> HttpResponse:
    report = access.report
    listed = list(Attachment.objects.filter(report=report).order_by("number"))
    context = {
        "access": access,
        "report": report,
        "attachments": listed,
        "form": form,
        "editable": access.can_manage and access.is_editable,
        "max_megabytes": max_attachment_bytes() // (1024 * 1024),
        "changes": changes_for(*listed, limit=30),
    }
    return render(request, "web/proposals/attachments.html", context, status=status)


@require_http_methods(["GET", "POST"])
def attachments(request: HttpRequest, code: str, period: str) -> HttpResponse:
    """The report's attachments; the controller uploads a new one here."""
    access = get_report_access(request, code, period)
    report = access.report
    if request.method == "GET":
        return _attachments_page(request, access, AttachmentForm())
    if (refused := refusal(request, access, "bilagorna")) is not None:
        return refused
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        return _attachments_page(request, access, form, status=400)
    upload = form.cleaned_data["file"]
    try:
        with transaction.atomic():
            Report.objects.select_for_update().filter(pk=report.pk).first()
            number = (Attachment.objects.filter(report=report).aggregate(n=Max("number"))["n"] or 0) + 1
            attachment = Attachment(report=report, number=number, title=form.cleaned_data["title"].strip())
            attachment.file.save(f"bilaga-{number}.{form.kind}", upload, save=False)
            attachment.save()
    except LockedReportError as error:
        messages.error(request, f"Inget sparades: {error}.")
        return redirect(report_url(report, "web:attachments"))
    messages.success(request, f"Bilaga {number} ”{attachment.title}” är sparad.")
    return redirect(report_url(report, "web:attachments"))


@require_GET
def download_attachment(request: HttpRequest, code: str, period: str, pk: int) -> FileResponse:
    """An attachment's file, for everyone who may see the report."""
    access = get_report_access(request, code, period)
    attachment = _attachment(access, pk)
    if not attachment.file:
        raise Http404("bilagan har ingen fil")
    name = PurePath(attachment.file.name).name
    kind = name.rsplit(".", 1)[-1].lower()
    return FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=name,
        content_type=CONTENT_TYPES.get(kind, "application/octet-stream"),
    )


@require_POST
def delete_attachment(request: HttpRequest, code: str, period: str, pk: int) -> HttpResponse:
    """Remove an attachment and its file (controller only, not in a decided report)."""
    access = get_report_access(request, code, period)
    attachment = _attachment(access, pk)
    if (refused := refusal(request, access, "bilagorna")) is not None:
        return refused
    file = attachment.file
    try:
        with transaction.atomic():
            attachment.delete()
            if file:
                storage, name = file.storage, file.name
                transaction.on_commit(lambda: storage.delete(name))
    except LockedReportError as error:
        messages.error(request, f"Inget togs bort: {error}.")
        return redirect(report_url(access.report, "web:attachments"))
    messages.success(request, f"Bilaga {attachment.number} ”{attachment.title}” är borttagen.")
    return redirect(report_url(access.report, "web:attachments"))
