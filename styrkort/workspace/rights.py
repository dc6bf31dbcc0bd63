"""Who may see and write a report's comments, deadlines and notifications: one rule, here.

Comments are working notes of the people who produce a report: its committee controllers and
administrators, its approvers, and its reporters (with at least one part assigned). They read
them whatever the report's state; they write and resolve them until the report is decided.
Readers, the city's controllers and the public never see them (the reading view shows the
published report only), nor anyone without a role on the report's committee: a user never
sees a comment or a notification of a report whose comments they may not read, even one
addressed to them before they lost the role. Deadlines are set by those who manage the report.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from styrkort.accounts.access import ReportAccess, report_access
from styrkort.domain.periods import parse_period_key
from styrkort.followup.models import Report


def may_read_comments(access: ReportAccess) -> bool:
    return access.can_manage or access.can_approve or access.is_reporter


def may_comment(access: ReportAccess) -> bool:
    return may_read_comments(access) and access.report.state != Report.State.DECIDED


def may_set_deadlines(access: ReportAccess) -> bool:
    return access.can_manage and access.report.state != Report.State.DECIDED


def user_may_read(user: Any, report: Report) -> bool:
    """Whether ``user`` may read the report's comments and notifications now."""
    return user.is_active and may_read_comments(report_access(user, report))


def find_report(code: str, period_key: str) -> Report:
    try:
        ref = parse_period_key(period_key)
    except ValueError as error:
        raise Http404("okänd period") from error
    report = (
        Report.objects.select_related("organisation__parent__parent__parent", "period__municipality")
        .filter(organisation__code=code, period__year=ref.year, period__kind=ref.kind)
        .first()
    )
    if report is None:
        raise Http404("rapporten finns inte")
    return report


def get_workspace_access(request: HttpRequest, code: str, period_key: str) -> ReportAccess:
    """The report and the user's rights: 404 when hidden from the user, 403 for one who may see
    the report but not its comments (a reader)."""
    report = find_report(code, period_key)
    access = report_access(request.user, report)
    if not access.can_view:
        raise Http404("rapporten finns inte")
    if not may_read_comments(access):
        raise PermissionDenied(
            "Kommentarer och tidsfrister är till för dem som arbetar med rapporten; du har ingen sådan roll."
        )
    return access
