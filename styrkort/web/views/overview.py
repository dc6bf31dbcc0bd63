"""The period overview and the workflow steps taken from it."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_POST

from styrkort.audit.trail import audit_context, changes_for
from styrkort.followup.lock import LockedReportError
from styrkort.followup.models import Reopening, ReportSnapshot
from styrkort.ops.compiled import select
from styrkort.storage.counts import counts_for, stored_findings
from styrkort.storage.overview import stored_overview
from styrkort.web import fragments, queries
from styrkort.web.forms import DecisionForm
from styrkort.web.getters import get_report_access, require_edit
from styrkort.web.goal_tree import goal_tree_html
from styrkort.web.responses import report_url
from styrkort.workflow import transitions as workflow


@require_GET
def overview(request: HttpRequest, code: str, period: str) -> HttpResponse:
    """The committee's period overview: goal tree, statuses, what is missing, progress, findings."""
    return _overview_page(request, get_report_access(request, code, period))


def _overview_page(
    request,
    access,
    status: int = 200,
    error: str = "",
    kept: dict | None = None,
    confirm: dict | None = None,
    decision_form: DecisionForm | None = None,
) -> HttpResponse:
    report = access.report
    part = fragments.cached("overview", access, lambda: _overview_part(report))
    progress = queries.progress_of(report, part["filled"])
    context = {
        "access": access,
        "report": report,
        "part": {name: mark_safe(part[name]) for name in ("counts_html", "goals_html")},
        "progress": progress,
        "snapshots": [
            {"created": created, "created_by": by}
            for created, by in select(_snapshots, (report.pk,), ("created", "created_by"))
        ],
        "reopenings": [
            {"at": at, "by": by, "reason": reason}
            for at, by, reason in select(_reopenings, (report.pk,), ("at", "by", "reason"))
        ],
        "ready": request.user.pk in progress.ready_users,
        "changes": changes_for(report, limit=30),
        "error": error,
        "kept": kept or {},
        "confirm": confirm or {},
        "decision": decision_form or DecisionForm(initial={"meeting_date": report.meeting_date}),
    }
    return render(request, "web/overview.html", context, status=status)


# The decisions and reopenings the page lists, read through statements built once per process
# (``ops.compiled``) and only the columns shown (not a snapshot's exchange document). Ordered
# within the report only: the models' order by report joins three tables.
def _snapshots(report_id: int) -> QuerySet[ReportSnapshot]:
    return ReportSnapshot.objects.filter(report_id=report_id).order_by("-created", "-id")


def _reopenings(report_id: int) -> QuerySet[Reopening]:
    return Reopening.objects.filter(report_id=report_id).order_by("-at", "-id")


def _overview_part(report) -> dict:
    """The overview's read-only parts, rendered (no request: no CSRF token, nothing per user):
    from what is stored with the report's counts (``storage.overview``)."""
    overview = stored_overview(report, counts_for([report])[report.pk])
    tree_html = goal_tree_html(overview.tree, report.organisation.code, report.period.key)
    context = {"overview": overview, "findings": stored_findings(report), "tree_html": tree_html}
    return {
        "counts_html": render_to_string("web/_overview_counts.html", context),
        "goals_html": render_to_string("web/_overview_goals.html", context),
        "filled": overview.filled,
    }


@require_POST
def workflow_action(request: HttpRequest, code: str, period: str, action: str) -> HttpResponse:
    """One step of the workflow; each step names who may take it."""
    access = get_report_access(request, code, period)
    report = access.report
    allowed = {
        "submit": access.can_manage,
        "send_back": access.can_manage,
        "approve": access.can_approve,
        "decide": access.can_manage,
        "reopen": access.is_admin,
        "ready": access.is_reporter and access.is_editable,
        "not_ready": access.is_reporter and access.is_editable,
    }
    require_edit(allowed.get(action, False))
    reason = request.POST.get("reason", "")
    by = request.user.get_username()
    try:
        with audit_context(reason=reason.strip() or None):
            if action == "submit":
                workflow.submit_for_review(report, reason)
                messages.success(request, "Rapporten är skickad till granskning.")
            elif action == "send_back":
                workflow.send_back(report, reason)
                messages.success(request, "Rapporten är tillbakaskickad och öppen igen.")
            elif action == "approve":
                workflow.approve(report, reason)
                messages.success(request, "Rapporten är godkänd.")
            elif action == "decide":
                decision = DecisionForm(request.POST)
                if not decision.is_valid():
                    report.refresh_from_db()
                    return _overview_page(
                        request,
                        access,
                        400,
                        "Beslutet registrerades inte: rätta uppgifterna om sammanträdet",
                        decision_form=decision,
                    )
                workflow.decide(
                    report,
                    by,
                    meeting_date=decision.cleaned_data["meeting_date"],
                    paragraph=decision.cleaned_data["paragraph"],
                )
                messages.success(request, "Beslutet är registrerat; rapporten är låst.")
            elif action == "reopen":
                workflow.reopen(report, by, reason)
                messages.success(request, "Rapporten är öppnad igen; skälet är sparat.")
            elif action == "ready":
                workflow.mark_ready(report, request.user)
                messages.success(request, "Dina delar är markerade som klara.")
            else:
                workflow.unmark_ready(report, request.user)
                messages.success(request, "Dina delar är inte längre markerade som klara.")
    except workflow.ConfirmationNeeded as error:
        report.refresh_from_db()
        confirm = {"action": action, "items": error.unfinished}
        return _overview_page(request, access, 409, f"Bekräfta: {error}.", confirm=confirm)
    except (workflow.WorkflowError, LockedReportError) as error:
        if reason.strip():  # a written reason is given back with the page, never dropped
            report.refresh_from_db()
            return _overview_page(request, access, 409, f"Det gick inte: {error}.", {action: reason})
        messages.error(request, f"Det gick inte: {error}.")
    return redirect(report_url(report))
