"""Forms of the economy, proposal and attachment pages: Swedish figures in, Swedish messages out.

Figures use the core's ``SwedishNumberField`` (empty is missing, never zero). Derived columns
(deviations, totals) are not fields: the domain computes them from what was typed. An uploaded
attachment is accepted only when its extension *and* its first bytes agree on PDF, DOCX or
XLSX, and it is no larger than ``settings.STYRKORT_MAX_ATTACHMENT_BYTES`` (20 MB unless set).
"""

from __future__ import annotations

import zipfile

from django import forms
from django.conf import settings

from styrkort.domain.numbers import format_number
from styrkort.web.forms import SwedishNumberField

PDF_MAGIC = b"%PDF-"
ZIP_MAGIC = b"PK\x03\x04"
OFFICE_FOLDERS = {"docx": "word/", "xlsx": "xl/"}
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


class OperatingRowForm(forms.Form):
    """An activity area's operating budget row (mnkr); the deviation is derived."""

    budget = SwedishNumberField(label="Budget")
    requested_adjustments = SwedishNumberField(label="Begärda budgetjusteringar")
    volume_changes = SwedishNumberField(label="Prestationsförändringar")
    forecast_before_transfers = SwedishNumberField(label="Prognos före resultatöverföringar")
    forecast_after_transfers = SwedishNumberField(label="Prognos efter resultatöverföringar")
    version = forms.IntegerField(widget=forms.HiddenInput)

    FIGURES = (
        "budget",
        "requested_adjustments",
        "volume_changes",
        "forecast_before_transfers",
        "forecast_after_transfers",
    )


class ResultUnitForm(forms.Form):
    """A result unit's fund follow-up (tkr, with the printed signs)."""

    gross_budget = SwedishNumberField(label="Bruttobudget")
    carried_in = SwedishNumberField(label="Resultatöverföring från föregående år")
    result = SwedishNumberField(label="Resultat")
    carried_out = SwedishNumberField(label="Resultatöverföring till nästa år")
    version = forms.IntegerField(widget=forms.HiddenInput)

    FIGURES = ("gross_budget", "carried_in", "result", "carried_out")


class InvestmentForm(forms.Form):
    """An investment category (mnkr); the deviation is derived."""

    budget = SwedishNumberField(label="Budget")
    requested_adjustments = SwedishNumberField(label="Begärda budgetjusteringar")
    forecast = SwedishNumberField(label="Prognos")
    version = forms.IntegerField(widget=forms.HiddenInput)

    FIGURES = ("budget", "requested_adjustments", "forecast")


class GrossChangeForm(forms.Form):
    """A gross change (mnkr): extra costs and the revenues that match them."""

    costs = SwedishNumberField(label="Kostnader")
    revenues = SwedishNumberField(label="Intäkter")
    version = forms.IntegerField(widget=forms.HiddenInput)

    FIGURES = ("costs", "revenues")


class BudgetAdjustmentForm(forms.Form):
    """An application for a budget adjustment (mnkr)."""

    purpose = forms.CharField(
        label="Syfte", max_length=2000, error_messages={"required": "skriv vad justeringen gäller"}
    )
    amount = SwedishNumberField(label="Belopp")
    version = forms.IntegerField(widget=forms.HiddenInput)

    FIGURES = ("amount",)
    TEXTS = ("purpose",)


class FundApplicationForm(forms.Form):
    """An application for money from a central fund (kronor)."""

    fund = forms.CharField(
        label="Medel", max_length=200, error_messages={"required": "skriv vilka medel det gäller"}
    )
    purpose = forms.CharField(
        label="Syfte", max_length=2000, error_messages={"required": "skriv vad ansökan gäller"}
    )
    amount = SwedishNumberField(label="Belopp")
    version = forms.IntegerField(widget=forms.HiddenInput)

    FIGURES = ("amount",)
    TEXTS = ("fund", "purpose")


class ProposalForm(forms.Form):
    """One decision proposal's text."""

    text = forms.CharField(
        label="Förslagets text",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "skriv förslagets text (ett tomt förslag kan inte sparas)"},
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def clean_text(self):
        return " ".join(self.cleaned_data["text"].split())


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


class AttachmentForm(forms.Form):
    """Upload a new attachment: its title and the file."""

    title = forms.CharField(
        label="Bilagans rubrik", max_length=500, error_messages={"required": "skriv bilagans rubrik"}
    )
    file = forms.FileField(
        label="Fil (PDF, Word eller Excel)",
        error_messages={"required": "välj en fil att bifoga", "empty": "filen är tom"},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = max_attachment_bytes()
        if upload.size > limit:
            size, most = format_number(_megabytes(upload.size), 1), format_number(_megabytes(limit), 1)
            raise forms.ValidationError(f"«{upload.name}» är {size} MB; en bilaga får vara högst {most} MB")
        self.kind = detect_kind(upload.name, upload)
        return upload


def _megabytes(size: int):
    from decimal import Decimal

    return (Decimal(size) / Decimal(1024 * 1024)).quantize(Decimal("0.1"))
