"""Notifications: who is told what, when a comment mentions them, work is assigned to them, or
their report moves through the workflow (``styrkort.workflow.transitions.report_moved``).

A notification is written in the same transaction as what caused it, to each person concerned
who may read the report's comments (``rights``), never to the one who caused it. When mail is on
(``STYRKORT_MAIL_NOTIFICATIONS``) and the person has an e-mail address, the same transaction
enqueues its e-mail for the background worker (``styrkort.workspace.tasks``); a request never
talks to a mail server. Workflow steps taken from the command line (``decide-past-periods``,
with no signed-in user) notify no one: nobody did them in the product.

What the workflow tells whom:
- submitted for review: the approvers (the report waits for their approval);
- sent back, approved, reopened: the controllers and reporters;
- decided: everyone who worked on the report.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.urls import reverse

from styrkort.accounts.access import ReportAccess, ancestor_ids, report_access
from styrkort.accounts.models import Assignment, Membership
from styrkort.audit.trail import current_reason, current_user
from styrkort.followup.models import Report
from styrkort.goals.models import ActivityFollowUp, GoalAssessment
from styrkort.workflow.transitions import report_moved
from styrkort.workspace.models import Comment, Notification
from styrkort.workspace.rights import may_read_comments
from styrkort.workspace.tasks import enqueue_mail

State = Report.State
Kind = Notification.Kind


def person(user: Any) -> str:
    """How a user is named to others: their full name, else their username."""
    if user is None:
        return "Styrkort"
    return user.get_full_name() or user.get_username()


def report_name(report: Report) -> str:
    return f"{report.organisation.name}, {report.period.get_kind_display().lower()} {report.period.year}"


def report_path(report: Report, page: str = "web:overview") -> str:
    return reverse(page, args=[report.organisation.code, report.period.key])


def notify(
    users: Iterable[Any],
    report: Report,
    kind: str,
    text: str,
    path: str,
    comment: Comment | None = None,
    actor: Any = None,
) -> list[Notification]:
    """Tell each of ``users`` who may read the report's comments (not ``actor``); mail them too."""
    mail_on = settings.STYRKORT_MAIL_NOTIFICATIONS
    created = []
    seen: set[int] = set()
    for user in users:
        if user.pk in seen or (actor is not None and user.pk == actor.pk):
            continue
        seen.add(user.pk)
        if not user.is_active or not may_read_comments(report_access(user, report)):
            continue
        mail = Notification.Mail.WAITING if mail_on and user.email else Notification.Mail.NONE
        created.append(
            Notification.objects.create(
                user=user, report=report, kind=kind, text=text, path=path, comment=comment, mail=mail
            )
        )
    waiting = [n.pk for n in created if n.mail == Notification.Mail.WAITING]
    for pk in waiting:
        enqueue_mail(pk)
    return created


def people_of(report: Report, wanted: Callable[[ReportAccess], bool]) -> list[Any]:
    """The users with a role on the report's committee (or above it) whose rights ``wanted`` picks."""
    users = (
        get_user_model()
        .objects.filter(is_active=True, memberships__organisation_id__in=ancestor_ids(report.organisation))
        .distinct()
        .order_by("username")
    )
    return [user for user in users if wanted(report_access(user, report))]


def _controllers_and_reporters(access: ReportAccess) -> bool:
    return access.can_manage or access.is_reporter


def _moved(sender: Any, report: Report, previous: str, state: str, **kwargs: Any) -> None:
    actor = current_user()
    if actor is None:
        return
    name, by = report_name(report), person(actor)
    if state == State.IN_REVIEW:
        users = people_of(report, lambda access: access.can_approve)
        text = f"{by} har skickat rapporten {name} till granskning; den väntar på ditt godkännande."
        kind, path = Kind.REVIEW, report_path(report)
    elif state == State.OPEN and previous == State.DECIDED:
        users = people_of(report, _controllers_and_reporters)
        text = f"{by} har öppnat den beslutade rapporten {name} igen. Skäl: ”{current_reason()}”"
        kind, path = Kind.REOPENED, report_path(report)
    elif state == State.OPEN:
        users = people_of(report, _controllers_and_reporters)
        text = f"{by} har skickat tillbaka rapporten {name}. Skäl: ”{current_reason()}”"
        kind, path = Kind.SENT_BACK, report_path(report)
    elif state == State.APPROVED:
        users = people_of(report, _controllers_and_reporters)
        text = f"{by} har godkänt rapporten {name}."
        kind, path = Kind.APPROVED, report_path(report)
    elif state == State.DECIDED:
        users = people_of(report, may_read_comments)
        text = f"{by} har registrerat nämndens beslut om rapporten {name}; den är nu låst."
        kind, path = Kind.DECIDED, report_path(report, "web:read")
    else:
        return
    notify(users, report, kind, text, path, actor=actor)


def _part_of(assignment: Assignment, report: Report) -> tuple[str, str] | None:
    """What the assignment gives to report in this report (words, and where), or None if absent."""
    if assignment.goal_id:
        row = GoalAssessment.objects.filter(report=report, goal_id=assignment.goal_id).select_related("goal")
        found = row.first()
        if found is None:
            return None
        path = reverse("web:goal", args=[report.organisation.code, report.period.key, found.pk])
        return f"målet {found.goal.number} ”{found.goal.title}”", path
    if assignment.indicator is not None:
        return f"indikatorn ”{assignment.indicator.name}”", report_path(report, "web:grid")
    activity = assignment.activity
    follow_up = (
        ActivityFollowUp.objects.filter(report=report, activity=activity).first() if activity else None
    )
    if activity is None or follow_up is None:
        return None
    path = f"{report_path(report, 'web:activities')}#aktivitet-{follow_up.pk}"
    return f"aktiviteten ”{activity.title}”", path


def _assigned(sender: Any, instance: Assignment, created: bool, raw: bool = False, **kwargs: Any) -> None:
    if not created or raw:
        return
    actor = current_user()
    reports = Report.objects.filter(
        organisation=instance.organisation, state__in=(State.OPEN, State.IN_REVIEW)
    ).select_related("organisation", "period")
    for report in reports:
        part = _part_of(instance, report)
        if part is not None:
            words, path = part
            text = f"{person(actor)} har gett dig {words} att rapportera i {report_name(report)}."
            notify([instance.user], report, Kind.ASSIGNED, text, path, actor=actor)


def notify_mentions(comment: Comment, subject: str, path: str) -> list[Notification]:
    """Tell the people a new comment mentions (``subject``: what it is about, in words)."""
    report = comment.report
    excerpt = comment.text if len(comment.text) <= 200 else comment.text[:199] + "…"
    text = (
        f"{comment.author_name} nämnde dig i en kommentar om {subject} i {report_name(report)}: ”{excerpt}”"
    )
    return notify(comment.mentions.all(), report, Kind.MENTION, text, path, comment, actor=comment.author)


def forget_hidden(user: Any) -> int:
    """Delete the user's notifications of reports whose comments they may no longer read."""
    report_ids = set(Notification.objects.filter(user=user).values_list("report_id", flat=True))
    hidden = [
        report.pk
        for report in Report.objects.filter(pk__in=report_ids).select_related("organisation__parent__parent")
        if not may_read_comments(report_access(user, report))
    ]
    if not hidden:
        return 0
    return Notification.objects.filter(user=user, report_id__in=hidden).delete()[0]


def _rights_changed(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    if raw:
        return
    user_id = instance.user_id
    transaction.on_commit(lambda: _forget_after(user_id))


def _forget_after(user_id: int) -> None:
    user = get_user_model().objects.filter(pk=user_id).first()
    if user is not None:
        forget_hidden(user)


def connect() -> None:
    report_moved.connect(_moved, dispatch_uid="workspace-report-moved")
    post_save.connect(_assigned, sender=Assignment, dispatch_uid="workspace-assigned")
    post_delete.connect(_rights_changed, sender=Assignment, dispatch_uid="workspace-assignment-gone")
    post_delete.connect(_rights_changed, sender=Membership, dispatch_uid="workspace-membership-gone")
    post_save.connect(_rights_changed, sender=Membership, dispatch_uid="workspace-membership-changed")
