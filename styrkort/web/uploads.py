"""Uploaded attachments: accepted only when extension *and* contents agree on PDF, DOCX or XLSX.

Limits (settings, from the environment; see .env.example):
- the file: at most ``STYRKORT_MAX_ATTACHMENT_BYTES`` (20 MB); a request whose Content-Length
  is larger (plus a margin for the form) is refused by ``RefuseOversizedRequests`` before a
  byte of its body is read;
- an Office file (a zip): at most ``STYRKORT_MAX_ZIP_ENTRIES`` parts, unpacking to at most
  ``STYRKORT_MAX_UNPACKED_BYTES`` in all, no part unpacking to more than
  ``STYRKORT_MAX_ZIP_RATIO`` times its packed size (sizes are measured by unpacking, in
  chunks, never by trusting the sizes the zip declares);
- no macro or ActiveX parts (``vbaProject.bin``, macro-enabled content types, ``activeX/``);
- no part name that could escape a folder when unpacked: ``..``, absolute paths, drive
  letters, backslashes or control characters.
"""

from __future__ import annotations

import re
import zipfile
from decimal import Decimal

from django import forms
from django.conf import settings
from django.shortcuts import render

from styrkort.domain.numbers import format_number

PDF_MAGIC = b"%PDF-"
ZIP_MAGIC = b"PK\x03\x04"
OFFICE_FOLDERS = {"docx": "word/", "xlsx": "xl/"}
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
MACRO_NAMES = re.compile(
    r"(^|/)(vbaproject\.bin|vbaprojectsignature\.bin|vbadata\.xml|activex/)", re.IGNORECASE
)
MACRO_CONTENT_TYPES = re.compile(rb"macroEnabled|vbaProject|ms-office\.activeX", re.IGNORECASE)
UNSAFE_NAME = re.compile(r"(^[/\\])|(^[A-Za-z]:)|\\|[\x00-\x1f]|(^|/)\.\.(/|$)")
CHUNK = 64 * 1024
FORM_MARGIN = 1024 * 1024  # the title, the CSRF token and the multipart framing


def max_attachment_bytes() -> int:
    return int(settings.STYRKORT_MAX_ATTACHMENT_BYTES)


def megabytes(size: int):
    return (Decimal(size) / Decimal(1024 * 1024)).quantize(Decimal("0.1"))


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


def check_office_archive(name: str, archive: zipfile.ZipFile) -> list[str]:
    """The archive's part names, after every limit above holds; else ValidationError (Swedish)."""
    entries = archive.infolist()
    if len(entries) > settings.STYRKORT_MAX_ZIP_ENTRIES:
        raise forms.ValidationError(
            f"”{name}” består av {len(entries)} delar; högst {settings.STYRKORT_MAX_ZIP_ENTRIES} tillåts"
        )
    for entry in entries:
        if UNSAFE_NAME.search(entry.filename):
            raise forms.ValidationError(f"”{name}” innehåller en del med otillåtet namn: ”{entry.filename}”")
        if MACRO_NAMES.search(entry.filename):
            raise forms.ValidationError(
                f"”{name}” innehåller makron eller ActiveX (”{entry.filename}”); spara filen utan makron och försök igen"
            )
    limit = settings.STYRKORT_MAX_UNPACKED_BYTES
    total = 0
    for entry in entries:
        if entry.is_dir():
            continue
        size = _unpacked_size(archive, entry, limit - total)
        total += size
        if total > limit:
            raise forms.ValidationError(
                f"”{name}” packas upp till mer än {format_number(megabytes(limit), 1)} MB; det är inte ett vanligt Office-dokument"
            )
        if size > max(entry.compress_size, 1) * settings.STYRKORT_MAX_ZIP_RATIO and size > CHUNK:
            raise forms.ValidationError(
                f"”{name}” innehåller en del som packas upp till mer än {settings.STYRKORT_MAX_ZIP_RATIO} gånger "
                "sin storlek (en så kallad zip-bomb)"
            )
        if entry.filename == "[Content_Types].xml" and MACRO_CONTENT_TYPES.search(archive.read(entry)):
            raise forms.ValidationError(
                f"”{name}” är ett dokument med makron; spara det utan makron (.docx/.xlsx) och försök igen"
            )
    return [entry.filename for entry in entries]


def _unpacked_size(archive: zipfile.ZipFile, entry: zipfile.ZipInfo, room: int) -> int:
    """The part's real unpacked size, reading no further than ``room`` bytes (plus one chunk)."""
    size = 0
    with archive.open(entry) as stream:
        while chunk := stream.read(CHUNK):
            size += len(chunk)
            if size > room:
                break
    return size


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
