"""Office files (zip archives) checked before anything unpacks or parses them.

The limits of the settings (from the environment; see .env.example): at most
``STYRKORT_MAX_ZIP_ENTRIES`` parts, unpacking to at most ``STYRKORT_MAX_UNPACKED_BYTES`` in all,
no part unpacking to more than ``STYRKORT_MAX_ZIP_RATIO`` times its packed size (sizes are
measured by unpacking, in chunks, never by trusting the sizes the zip declares); no macro or
ActiveX parts; no part name that could escape a folder when unpacked. Uploaded attachments
(``styrkort.web.uploads``) and Excel imports (``styrkort.spreadsheets``) both pass through here.
"""

from __future__ import annotations

import re
import zipfile
from decimal import Decimal

from django import forms
from django.conf import settings

from styrkort.domain.numbers import format_number

MACRO_NAMES = re.compile(
    r"(^|/)(vbaproject\.bin|vbaprojectsignature\.bin|vbadata\.xml|activex/)", re.IGNORECASE
)
MACRO_CONTENT_TYPES = re.compile(rb"macroEnabled|vbaProject|ms-office\.activeX", re.IGNORECASE)
UNSAFE_NAME = re.compile(r"(^[/\\])|(^[A-Za-z]:)|\\|[\x00-\x1f]|(^|/)\.\.(/|$)")
CHUNK = 64 * 1024


def megabytes(size: int) -> Decimal:
    return (Decimal(size) / Decimal(1024 * 1024)).quantize(Decimal("0.1"))


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
