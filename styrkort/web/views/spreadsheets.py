"""Excel on the grid and economy pages: download the report's workbook, upload it back with a preview.

Upload → preview → save: the uploaded file is checked (``spreadsheets.importing.open_workbook``:
the upload limits of ``web/uploads.py`` and ``ops/archives.py``) and planned with the user's
rights; the preview lists every cell it changes, or every refused cell by sheet, row and column.
The pending file is kept under ``VAR_DIR/pending-xlsx/`` by a random token that only the
uploader's session knows (never a name the user chose), and read again on "Spara": rights,
the report's state and conflicts are checked once more at the save, all or nothing. A pending
file is removed when it is saved, cancelled or older than a day.
"""

from __future__ import annotations

import contextlib
import secrets
import time
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from styrkort.domain.numbers import format_number
from styrkort.spreadsheets.export import CONTENT_TYPE, export_workbook, file_name
from styrkort.spreadsheets.importing import ImportRefused, apply_plan, open_workbook, plan_import
from styrkort.web.getters import get_report_access, require_edit
from styrkort.web.responses import report_url
from styrkort.web.uploads import max_attachment_bytes, megabytes

PAGES = {"indikatorer": "web:grid", "ekonomi": "web:economy"}
SESSION_KEY = "pending_xlsx"
TOKEN_LENGTH = 24
MAX_AGE_SECONDS = 24 * 3600


def _pending_dir() -> Path:
    return Path(settings.VAR_DIR) / "pending-xlsx"


def _back(request: HttpRequest) -> str:
    page = request.POST.get("sida") or request.GET.get("sida") or ""
    return PAGES.get(page, "web:grid")


@require_GET
def download(request: HttpRequest, code: str, period: str) -> HttpResponse:
    """The report's workbook (sheet Indikatorer and the economy)."""
    access = get_report_access(request, code, period)
    response = HttpResponse(export_workbook(access.report), content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{file_name(access.report)}"'
    return response


@require_POST
def upload(request: HttpRequest, code: str, period: str) -> HttpResponse:
    """Check an uploaded workbook and show what it would change (nothing is saved yet)."""
    access = get_report_access(request, code, period)
    require_edit(access.may_write)
    back = _back(request)
    upload = request.FILES.get("fil")
    if upload is None:
        return _preview(request, access, back, problems=["välj en Excel-fil (.xlsx) att läsa in"], status=400)
    if (upload.size or 0) > max_attachment_bytes():
        size, most = (
            format_number(megabytes(upload.size or 0)),
            format_number(megabytes(max_attachment_bytes())),
        )
        problem = f"”{upload.name}” är {size} MB; en Excel-fil får vara högst {most} MB"
        return _preview(request, access, back, problems=[problem], status=400)
    name = upload.name or "fil.xlsx"
    data = upload.read()
    try:
        plan = plan_import(open_workbook(data, name), access)
    except ImportRefused as error:
        return _preview(request, access, back, problems=error.problems, status=400)
    if not plan.changes:
        messages.info(request, f"”{name}” ändrar ingenting; inget sparades.")
        return redirect(report_url(access.report, back))
    token = _store(request, access.report.pk, data, name)
    return _preview(request, access, back, changes=plan.changes, token=token, name=name)


@require_POST
def confirm(request: HttpRequest, code: str, period: str) -> HttpResponse:
    """Save a previewed upload (or drop it, with "avbryt"): checked again, all or nothing."""
    access = get_report_access(request, code, period)
    require_edit(access.may_write)
    back = _back(request)
    token = request.POST.get("token", "")
    pending = request.session.get(SESSION_KEY, {})
    entry = pending.get(token) if len(token) <= 64 else None
    if entry is None or entry.get("report") != access.report.pk:
        messages.error(request, "Filen finns inte längre att spara; läs in den igen.")
        return redirect(report_url(access.report, back))
    path = _pending_dir() / f"{token}.xlsx"
    try:
        data = path.read_bytes()
    except OSError:
        data = None
    _forget(request, token)
    if data is None:
        messages.error(request, "Filen finns inte längre att spara; läs in den igen.")
        return redirect(report_url(access.report, back))
    if "avbryt" in request.POST:
        messages.info(request, "Inläsningen avbröts; inget sparades.")
        return redirect(report_url(access.report, back))
    try:
        plan = plan_import(open_workbook(data, entry["name"]), access)
        saved = apply_plan(plan, access)
    except ImportRefused as error:
        return _preview(request, access, back, problems=error.problems, status=409, name=entry["name"])
    count = len(plan.changes)
    messages.success(
        request,
        f"Sparat från Excel: {count} {'cell' if count == 1 else 'celler'} på {len(saved)} "
        f"{'rad' if len(saved) == 1 else 'rader'}.",
    )
    return redirect(report_url(access.report, back))


def _store(request: HttpRequest, report_pk: int, data: bytes, name: str) -> str:
    folder = _pending_dir()
    folder.mkdir(parents=True, exist_ok=True)
    now = time.time()
    for old in folder.glob("*.xlsx"):
        try:
            if now - old.stat().st_mtime > MAX_AGE_SECONDS:
                old.unlink()
        except OSError:
            pass
    token = secrets.token_urlsafe(TOKEN_LENGTH)
    (folder / f"{token}.xlsx").write_bytes(data)
    pending = request.session.get(SESSION_KEY, {})
    pending[token] = {"report": report_pk, "name": name[:200]}
    request.session[SESSION_KEY] = pending
    return token


def _forget(request: HttpRequest, token: str) -> None:
    pending = request.session.get(SESSION_KEY, {})
    pending.pop(token, None)
    request.session[SESSION_KEY] = pending
    with contextlib.suppress(OSError):
        (_pending_dir() / f"{token}.xlsx").unlink()


def _preview(request, access, back: str, *, problems=(), changes=(), token="", name="", status=200):
    if back not in PAGES.values():
        raise Http404
    context = {
        "access": access,
        "report": access.report,
        "problems": problems,
        "changes": changes,
        "token": token,
        "name": name,
        "page": next(key for key, value in PAGES.items() if value == back),
        "back_url": report_url(access.report, back),
    }
    return render(request, "web/excel_preview.html", context, status=status)
