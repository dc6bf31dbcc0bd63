"""The report's own parts that are neither goals nor tables: the summary, the decision page's
details and the economy commentary.

Each reads like every editing page: authorise (``get_report_access``; the committee controller
and the administrator write these parts, everyone who may see the report reads them; a write
by anyone else is a 403 that says why) → validate → save (``save_forms``: only the fields the
user changed, against what the page showed; a colleague's change of the same field is a 409
with both values and everything typed kept) → respond.

The summary and the decision page edit the report's own row (with its version); the economy
commentary one ``EconomyText`` per section. A text field shows beside it what the report will
print (``preview_text``: the report's small markup parsed by ``reports.text``, htmx, nothing
saved). Table markers in the commentary are chosen from the tables the report has: the choice
adds the marker to the text on the page (without JavaScript, too) and saves nothing.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from styrkort.audit.trail import changes_for
from styrkort.domain.document import ECONOMY_SECTIONS
from styrkort.domain.words import describe_saved
from styrkort.economy.models import EconomyText, VolumeTable
from styrkort.reports.text import parse_blocks
from styrkort.web.editing import Row, RowForms
from styrkort.web.forms import DecisionPageForm, EconomyTextForm, SummaryForm
from styrkort.web.getters import get_report_access
from styrkort.web.responses import refusal, report_url, save_forms

MARKUP_HELP = (
    "Stycken skiljs med en tom rad. ”## ” först på en rad gör raden till en underrubrik, ”- ” till "
    "en punkt i en lista, och *text mellan stjärnor* blir kursiv."
)
PREVIEW_LIMIT = 200_000  # characters shown in a preview; a longer text is previewed in part


# --- summary and decision page: the report's own row ------------------------------------------


def _report_forms(access, form_class, label: str, data=None) -> RowForms:
    editable = access.can_manage and (data is not None or access.is_editable)
    return RowForms(form_class, [Row(access.report, label)], data, "r", lambda row: editable)


def _report_part(request, code: str, period: str, form_class, label: str, what: str, template: str, url: str):
    access = get_report_access(request, code, period)
    if request.method == "GET":
        forms = _report_forms(access, form_class, label)
        return _part_page(request, access, forms, template)
    if not access.can_manage and (refused := refusal(request, access, what)) is not None:
        return refused
    forms = _report_forms(access, form_class, label, request.POST)
    saved, status = save_forms(access, forms)
    if status:
        return _part_page(request, access, forms, template, status=status)
    messages.success(request, "Sparat." if saved else "Inget var ändrat.")
    return redirect(report_url(access.report, url))


def _part_page(
    request, access, forms: RowForms, template: str, status: int = 200, **extra: Any
) -> HttpResponse:
    row = forms.rows[0] if len(forms.rows) == 1 else None
    context = {
        "access": access,
        "report": access.report,
        "forms": forms,
        "rows": forms.rows,
        "row": row,
        "form": row.form if row else None,
        "can_save": forms.can_save and any(r.form for r in forms.rows),
        "markup_help": MARKUP_HELP,
        "preview_url": report_url(access.report, "web:preview-text"),
        "changes": changes_for(*[r.obj for r in forms.rows], limit=50),
        **extra,
    }
    return render(request, template, context, status=status)


@require_http_methods(["GET", "POST"])
def summary(request: HttpRequest, code: str, period: str) -> HttpResponse:
    """The report's summary ("Sammanfattande analys"), with a preview of what the report prints."""
    return _report_part(
        request,
        code,
        period,
        SummaryForm,
        "Sammanfattning",
        "sammanfattningen",
        "web/parts/summary.html",
        "web:summary",
    )


@require_http_methods(["GET", "POST"])
def decision_page(request: HttpRequest, code: str, period: str) -> HttpResponse:
    """The decision page's details: title, dates, officer and telephone, recipient, signatory."""
    return _report_part(
        request,
        code,
        period,
        DecisionPageForm,
        "Beslutssidan",
        "beslutssidan",
        "web/parts/decision_page.html",
        "web:decision-page",
    )


# --- economy commentary -------------------------------------------------------------------------


def table_markers(report) -> list[tuple[str, str]]:
    """The tables a commentary may place, as (marker name, Swedish label), in the report's order."""
    labels = dict(EconomyText.Section.choices)
    markers = [("operating_summary", "Driftbudget, sammanställning")]
    markers += [(section, labels[section]) for section in ECONOMY_SECTIONS if section in labels]
    markers.append(("fund_applications", "Ansökningar ur centrala medel"))
    titles = VolumeTable.objects.filter(report=report).order_by("position").values_list("title", flat=True)
    markers += [(f"volumes:{index}", f"Volymer: {title}") for index, title in enumerate(titles)]
    return markers


def _ensure_sections(report) -> None:
    """One commentary row per economy section, in the report's order (missing ones added empty)."""
    with transaction.atomic():
        have = set(EconomyText.objects.filter(report=report).values_list("section", flat=True))
        for position, section in enumerate(ECONOMY_SECTIONS):
            if section not in have:
                EconomyText.objects.create(report=report, section=section, text="", position=100 + position)


def _commentary_forms(access, data=None) -> RowForms:
    texts = EconomyText.objects.filter(report=access.report).order_by("position")
    rows = [Row(text, text.get_section_display()) for text in texts]
    editable = access.can_manage and (data is not None or access.is_editable)
    return RowForms(EconomyTextForm, rows, data, "t", lambda row: editable)


@require_http_methods(["GET", "POST"])
def economy_commentary(request: HttpRequest, code: str, period: str) -> HttpResponse:
    """The commentary of each economy section, with table markers chosen from a list."""
    access = get_report_access(request, code, period)
    template, markers = "web/parts/economy_commentary.html", table_markers(access.report)
    extra: dict[str, Any] = {"markers": markers, "marker_labels": dict(markers)}
    if access.can_manage and access.is_editable:
        _ensure_sections(access.report)
    if request.method == "GET":
        return _part_page(request, access, _commentary_forms(access), template, **extra)
    if not access.can_manage and (refused := refusal(request, access, "ekonomins kommentarer")) is not None:
        return refused
    insert = request.POST.get("infoga", "")
    if insert:  # place a table: add its marker to the text on the page, save nothing
        data = request.POST.copy()
        marker = request.POST.get(f"{insert}-tabell", "")
        if marker in dict(markers) and f"{insert}-text" in data:
            text = str(data[f"{insert}-text"]).rstrip("\n")
            data[f"{insert}-text"] = (
                f"{text}\n\n{{{{table:{marker}}}}}\n" if text else f"{{{{table:{marker}}}}}\n"
            )
        forms = _commentary_forms(access, data)
        return _part_page(request, access, forms, template, **extra)
    forms = _commentary_forms(access, request.POST)
    saved, status = save_forms(access, forms)
    if status:
        return _part_page(request, access, forms, template, status=status, **extra)
    messages.success(request, describe_saved(len(saved), "kommentar", "kommentarer"))
    return redirect(report_url(access.report, "web:economy-commentary"))


# --- preview --------------------------------------------------------------------------------------


@require_POST
def preview_text(request: HttpRequest, code: str, period: str) -> HttpResponse:
    """What the report prints for a text as typed so far (htmx; nothing is saved)."""
    access = get_report_access(request, code, period)
    name = request.POST.get("falt", "")
    text = request.POST.get(name, "") if name else ""
    markers = request.POST.get("tabeller") == "1"
    labels = dict(table_markers(access.report)) if markers else {}
    blocks = parse_blocks(text[:PREVIEW_LIMIT], markers=markers)
    context = {"blocks": blocks, "labels": labels, "cut": len(text) > PREVIEW_LIMIT}
    return render(request, "web/parts/_preview.html", context)
