"""Uploaded attachments: accepted only when extension *and* contents agree on PDF, DOCX or XLSX.

Limits (settings, from the environment; see .env.example):
- the file: at most ``STYRKORT_MAX_ATTACHMENT_BYTES`` (20 MB); a request whose Content-Length
  is larger (plus a margin for the form) is refused by ``RefuseOversizedRequests`` before a
  byte of its body is read;
- an Office file (a zip), checked by ``styrkort.ops.archives.check_office_archive``: at most ``STYRKORT_MAX_ZIP_ENTRIES`` parts, unpacking to at most
  ``STYRKORT_MAX_UNPACKED_BYTES`` in all, no part unpacking to more than
  ``STYRKORT_MAX_ZIP_RATIO`` times its packed size (sizes are measured by unpacking, in
  chunks, never by trusting the sizes the zip declares);
- no macro or ActiveX parts (``vbaProject.bin``, macro-enabled content types, ``activeX/``);
- no part name that could escape a folder when unpacked: ``..``, absolute paths, drive
  letters, backslashes or control characters.
"""

from __future__ import annotations

import zipfile

from django import forms
from django.conf import settings
from django.shortcuts import render

from styrkort.domain.numbers import format_number
from styrkort.ops.archives import check_office_archive, megabytes

PDF_MAGIC = b"%PDF-"
ZIP_MAGIC = b"PK\x03\x04"
OFFICE_FOLDERS = {"docx": "word/", "xlsx": "xl/"}
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
FORM_MARGIN = 1024 * 1024  # the title, the CSRF token and the multipart framing


def max_attachment_bytes() -> int:
    return int(settings.STYRKORT_MAX_ATTACHMENT_BYTES)


def detect_kind(name: str, upload) -> str:
    """The file's kind (pdf, docx, xlsx) when extension and contents agree; else ValidationError."""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in CONTENT_TYPES:
        raise forms.ValidationError(
            f"”{name}” är inte en tillåten filtyp: bara PDF, Word (.docx) och Excel (.xlsx) kan bifogas"
        )
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if extension == "pdf":
        if not head.startswith(PDF_MAGIC):
            raise forms.ValidationError(
                f"”{name}” heter .pdf men är ingen PDF-fil (den börjar inte med %PDF-)"
            )
        return extension
    if not head.startswith(ZIP_MAGIC):
        raise forms.ValidationError(f"”{name}” heter .{extension} men är ingen Office-fil")
    try:
        with zipfile.ZipFile(upload) as archive:
            names = check_office_archive(name, archive)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, OSError) as error:
        raise forms.ValidationError(f"”{name}” är en skadad Office-fil och kan inte läsas") from error
    finally:
        upload.seek(0)
    if not any(entry.startswith(OFFICE_FOLDERS[extension]) for entry in names):
        other = "Word" if extension == "xlsx" else "Excel"
        raise forms.ValidationError(
            f"”{name}” heter .{extension} men innehållet är inte ett "
            f"{'Excel' if extension == 'xlsx' else 'Word'}-dokument (kanske en {other}-fil med fel ändelse)"
        )
    return extension


class RefuseOversizedRequests:
    """Answers 413, in Swedish, to a request whose declared body is larger than an attachment may
    be, before anything (CSRF, the form, the upload handlers) reads the body."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > max_attachment_bytes() + FORM_MARGIN:
            context = {
                "megabytes": format_number(megabytes(max_attachment_bytes()), 1),
                "sent": format_number(megabytes(length), 1),
            }
            return render(request, "web/too_large.html", context, status=413)
        return self.get_response(request)
