"""Decision proposals of a committee's report.

The ones the data calls for (``domain.proposals.generate_proposals``, with the report of the
previous period of the same year for target changes) are shown beside the stored ones, with
the check's proposal findings. The committee controller may edit each stored proposal's text
(exactly as typed; only what was changed is written, versioned and audited) or replace all
stored proposals with the generated ones; the replacement is refused (409) when the stored
proposals changed after the page was loaded (the page sends back which proposals, at which
versions, it showed). Edits sent to a report that was approved or decided meanwhile come back
with the typed text (409); a replacement there is refused (403).
"""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from styrkort.audit.trail import changes_for
from styrkort.domain.proposals import check_proposals, generate_proposals
from styrkort.domain.words import describe_saved
from styrkort.followup.lock import LockedReportError
from styrkort.followup.models import DecisionProposal, Report
from styrkort.storage.load import followup_from_report
from styrkort.web.editing import Row, RowForms
from styrkort.web.forms import ProposalForm
from styrkort.web.getters import get_report_access
from styrkort.web.responses import refusal, report_url, save_forms

# --- decision proposals ----------------------------------------------------------------------


def previous_report(report: Report) -> Report | None:
    """The same committee's report of the period before, in the same year (T1 before T2 before AR)."""
    return (
        Report.objects.select_related("organisation", "period__municipality")
        .filter(
            organisation=report.organisation,
            period__year=report.period.year,
            period__kind__in=("T1", "T2", "AR"),
            period__ends__lt=report.period.ends,
        )
        .order_by("-period__ends")
        .first()
    )


def fingerprint(proposals) -> str:
    """Which proposals, at which versions: what the page showed when it offered a replacement."""
    return ",".join(f"{p.pk}:{p.version}" for p in proposals)


def _proposal_forms(access, data=None) -> RowForms:
    stored = DecisionProposal.objects.filter(report=access.report).order_by("number")
    rows = [Row(proposal, f"Förslag {proposal.number}") for proposal in stored]
    editable = access.can_manage and (data is not None or access.is_editable)
    return RowForms(ProposalForm, rows, data, "p", lambda row: editable)


def _proposals_page(request, access, forms: RowForms, status: int = 200, stale=False):
    report = access.report
    followup = followup_from_report(report)
    previous = previous_report(report)
    previous_followup = followup_from_report(previous) if previous else None
    stored = [row.obj for row in forms.rows]
    context = {
        "access": access,
        "report": report,
        "forms": forms,
        "rows": forms.rows,
        "editable": forms.can_save and any(row.form for row in forms.rows),
        "can_replace": access.can_manage and access.is_editable,
        "generated": generate_proposals(followup, previous_followup),
        "findings": check_proposals(followup, previous_followup),
        "fingerprint": fingerprint(stored),
        "stale": stale,
        "changes": changes_for(*stored, limit=50) if stored else [],
    }
    return render(request, "web/proposals/proposals.html", context, status=status)


@require_http_methods(["GET", "POST"])
def proposals(request: HttpRequest, code: str, period: str) -> HttpResponse:
    """The stored proposals (editable) beside the generated ones and the check's findings.

    A proposal's text is saved exactly as typed, and only where the user changed it."""
    access = get_report_access(request, code, period)
    if request.method == "GET":
        return _proposals_page(request, access, _proposal_forms(access))
    if not access.can_manage and (refused := refusal(request, access, "förslagen till beslut")) is not None:
        return refused
    forms = _proposal_forms(access, request.POST)
    saved, status = save_forms(access, forms)
    if status:
        return _proposals_page(request, access, forms, status=status)
    messages.success(request, describe_saved(len(saved), "förslag", "förslag"))
    return redirect(report_url(access.report, "web:proposals"))


@require_POST
def replace_proposals(request: HttpRequest, code: str, period: str) -> HttpResponse:
    """Replace every stored proposal with the generated ones (one transaction, audited)."""
    access = get_report_access(request, code, period)
    report = access.report
    if (refused := refusal(request, access, "förslagen till beslut")) is not None:
        return refused
    previous = previous_report(report)
    generated = generate_proposals(
        followup_from_report(report), followup_from_report(previous) if previous else None
    )
    try:
        with transaction.atomic():
            Report.objects.select_for_update().filter(pk=report.pk).first()
            stored = list(DecisionProposal.objects.filter(report=report).order_by("number"))
            stale = fingerprint(stored) != request.POST.get("shown", "")
            if not stale:
                for proposal in stored:
                    proposal.delete()
                for item in generated:
                    DecisionProposal.objects.create(report=report, number=item.number, text=item.text)
    except LockedReportError as error:
        messages.error(request, f"Inget sparades: {error}.")
        return redirect(report_url(report, "web:proposals"))
    if stale:
        return _proposals_page(request, access, _proposal_forms(access), status=409, stale=True)
    messages.success(request, f"Förslagen är ersatta med de {len(generated)} förslag som data ger.")
    return redirect(report_url(report, "web:proposals"))
