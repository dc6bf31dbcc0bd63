"""Uploaded attachments: accepted only when extension *and* contents agree on PDF, DOCX or XLSX,
and no larger than ``settings.STYRKORT_MAX_ATTACHMENT_BYTES`` (20 MB unless set)."""

from __future__ import annotations

import zipfile
from decimal import Decimal

from django import forms
from django.conf import settings

PDF_MAGIC = b"%PDF-"
ZIP_MAGIC = b"PK\x03\x04"
OFFICE_FOLDERS = {"docx": "word/", "xlsx": "xl/"}
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def max_attachment_bytes() -> int:
    return int(settings.STYRKORT_MAX_ATTACHMENT_BYTES)


def detect_kind(name: str, upload) -> str:
    """The file's kind (pdf, docx, xlsx) when extension and contents agree; else ValidationError."""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in CONTENT_TYPES:
        raise forms.ValidationError(
            f"«{name}» är inte en tillåten filtyp: bara PDF, Word (.docx) och Excel (.xlsx) kan bifogas"
        )
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if extension == "pdf":
        if not head.startswith(PDF_MAGIC):
            raise forms.ValidationError(
                f"«{name}» heter .pdf men är ingen PDF-fil (den börjar inte med %PDF-)"
            )
        return extension
    if not head.startswith(ZIP_MAGIC):
        raise forms.ValidationError(f"«{name}» heter .{extension} men är ingen Office-fil")
    try:
        with zipfile.ZipFile(upload) as archive:
            names = archive.namelist()
    except zipfile.BadZipFile as error:
        raise forms.ValidationError(f"«{name}» är en skadad Office-fil och kan inte läsas") from error
    finally:
        upload.seek(0)
    if not any(entry.startswith(OFFICE_FOLDERS[extension]) for entry in names):
        other = "Word" if extension == "xlsx" else "Excel"
        raise forms.ValidationError(
            f"«{name}» heter .{extension} men innehållet är inte ett "
            f"{'Excel' if extension == 'xlsx' else 'Word'}-dokument (kanske en {other}-fil med fel ändelse)"
        )
    return extension


def megabytes(size: int):
    return (Decimal(size) / Decimal(1024 * 1024)).quantize(Decimal("0.1"))
