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
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from styrkort.audit.trail import changes_for
from styrkort.domain.proposals import check_proposals, generate_proposals
from styrkort.domain.words import describe_saved
from styrkort.followup.lock import LockedReportError
from styrkort.followup.models import DecisionProposal, Report
from styrkort.storage.load import followup_from_report
from styrkort.web.editing import Row, RowForms
from styrkort.web.forms import NewProposalForm, ProposalForm
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


def _proposals_page(request, access, forms: RowForms, status: int = 200, stale=False, new=None):
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
        "new": new or NewProposalForm(),
        "changes": changes_for(*stored, limit=50),
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


# --- adding, removing and reordering ----------------------------------------------------------


def _renumber(report: Report, order: list[DecisionProposal]) -> None:
    """Number the proposals 1, 2, … in ``order`` (through numbers above every current one, so the
    unique numbers never collide on the way); each renumbered proposal is saved, so audited."""
    top = max((p.number for p in order), default=0)
    for offset, proposal in enumerate(order, 1):
        if proposal.number != offset:
            proposal.number = top + offset
            proposal.save(update_fields=["number"])
    for offset, proposal in enumerate(order, 1):
        if proposal.number != offset:
            proposal.number = offset
            proposal.version += 1
            proposal.save(update_fields=["number", "version"])


def _stale_page(request, access, message: str) -> HttpResponse:
    forms = _proposal_forms(access)
    forms.notice_title, forms.notice = "Inget ändrades – förslagen har ändrats", message
    return _proposals_page(request, access, forms, status=409)


@require_POST
def add_proposal(request: HttpRequest, code: str, period: str) -> HttpResponse:
    """Add a proposal last, exactly as typed; an empty one is refused and the page keeps the text."""
    access = get_report_access(request, code, period)
    if (refused := refusal(request, access, "förslagen till beslut")) is not None:
        return refused
    form = NewProposalForm(request.POST)
    if not form.is_valid():
        return _proposals_page(request, access, _proposal_forms(access), status=400, new=form)
    try:
        with transaction.atomic():
            Report.objects.select_for_update().filter(pk=access.report.pk).first()
            last = DecisionProposal.objects.filter(report=access.report).order_by("-number").first()
            number = last.number + 1 if last else 1
            DecisionProposal.objects.create(
                report=access.report, number=number, text=form.cleaned_data["text"]
            )
    except LockedReportError as error:
        form.add_error("text", f"Inget sparades: {error}. Det du skrev står kvar.")
        return _proposals_page(request, access, _proposal_forms(access), status=409, new=form)
    messages.success(request, "Förslaget är tillagt.")
    return redirect(report_url(access.report, "web:proposals"))


@require_POST
def change_proposal(request: HttpRequest, code: str, period: str, pk: int, action: str) -> HttpResponse:
    """Move a proposal up or down, or remove it (the others are numbered again). The page sends the
    version it showed: a proposal changed meanwhile is not touched (409)."""
    access = get_report_access(request, code, period)
    if action not in ("upp", "ned", "ta-bort"):
        raise Http404
    if (refused := refusal(request, access, "förslagen till beslut")) is not None:
        return refused
    try:
        with transaction.atomic():
            Report.objects.select_for_update().filter(pk=access.report.pk).first()
            order = list(
                DecisionProposal.objects.select_for_update().filter(report=access.report).order_by("number")
            )
            target = next((p for p in order if p.pk == pk), None)
            if target is None or str(target.version) != request.POST.get("version", ""):
                return _stale_page(
                    request,
                    access,
                    "Förslaget har ändrats eller tagits bort av någon annan efter att du öppnade sidan. "
                    "Läs förslagen igen och gör om ändringen om du fortfarande vill det.",
                )
            index = order.index(target)
            if action == "ta-bort":
                order.remove(target)
                target.delete()
                done = f"Förslag {target.number} är borttaget; de andra är numrerade på nytt."
            else:
                other = index - 1 if action == "upp" else index + 1
                if 0 <= other < len(order):
                    order[index], order[other] = order[other], order[index]
                done = f"Förslaget är nu nummer {order.index(target) + 1}."
            _renumber(access.report, order)
    except LockedReportError as error:
        messages.error(request, f"Inget ändrades: {error}.")
        return redirect(report_url(access.report, "web:proposals"))
    messages.success(request, done)
    return redirect(report_url(access.report, "web:proposals"))
