"""The workspace's pages: comment threads (an htmx partial or a page), deadlines, the to-do
list and notifications. Each reads: authorise (``rights``) → validate → change → respond.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from styrkort.accounts.access import report_access
from styrkort.workspace.comments import CommentError, Subject, add_comment, subject_of, subjects_of_goal
from styrkort.workspace.forms import DeadlineForm
from styrkort.workspace.models import Comment, Deadline, Notification
from styrkort.workspace.notify import people_of
from styrkort.workspace.rights import (
    get_workspace_access,
    may_comment,
    may_read_comments,
    may_set_deadlines,
)
from styrkort.workspace.todo import todo_for


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


@require_http_methods(["GET", "POST"])
def comments(request: HttpRequest, code: str, period: str, kind: str, pk: int) -> HttpResponse:
    """The comments on a goal (with its indicators and activities), an indicator or an activity;
    a POST writes one, or resolves or reopens one."""
    access = get_workspace_access(request, code, period)
    subject = subject_of(access.report, kind, pk)
    subjects = [subject, *(subjects_of_goal(access.report, subject.obj) if subject.field == "goal" else [])]
    error = notice = typed = ""
    chosen = subject.key
    if request.method == "POST":
        if not may_comment(access):
            raise PermissionDenied("Rapporten är beslutad; dess kommentarer kan inte längre ändras.")
        action = request.POST.get("action", "comment")
        try:
            if action == "comment":
                chosen, typed = request.POST.get("about", subject.key), request.POST.get("text", "")
                about = next((s for s in subjects if s.key == chosen), None)
                if about is None:
                    raise CommentError("Välj vad kommentaren gäller. Inget sparades.")
                add_comment(access, request.user, about, typed)
                notice, typed = "Kommentaren är sparad.", ""
            elif action in ("resolve", "reopen"):
                notice = _resolve(
                    access.report, subjects, request.POST.get("comment", ""), action, request.user
                )
            else:
                raise CommentError("Okänd åtgärd. Inget ändrades.")
        except CommentError as problem:
            error = str(problem)
        if not error and not _is_htmx(request):
            messages.success(request, notice)
            return redirect(request.path)
    context = {
        "access": access,
        "report": access.report,
        "subject": subject,
        "subjects": subjects,
        "chosen": chosen,
        "comments": _thread(access.report, subjects),
        "can_comment": may_comment(access),
        "inline": request.GET.get("inline") == "1",
        "thread_url": request.path,
        "error": error,
        "notice": notice,
        "typed": typed,
    }
    if context["can_comment"] and not context["inline"]:
        context["people"] = people_of(access.report, may_read_comments)
    status = 400 if error and not _is_htmx(request) else 200  # htmx swaps only a 2xx answer
    template = "workspace/_thread.html" if _is_htmx(request) else "workspace/thread.html"
    return render(request, template, context, status=status)


def _thread(report, subjects: list[Subject]) -> list[Comment]:
    query = Q()
    for s in subjects:
        query |= Q(**s.filter())
    words = {s.key: s.words for s in subjects}
    found = list(
        Comment.objects.filter(query, report=report)
        .select_related("resolved_by")
        .prefetch_related("mentions")
    )
    for comment in found:
        field = "goal" if comment.goal_id else "indicator" if comment.indicator_id else "activity"
        setattr(comment, "about", words.get(f"{field}-{getattr(comment, field + '_id')}", ""))  # noqa: B010
    return found


@transaction.atomic
def _resolve(report, subjects: list[Subject], pk: str, action: str, user) -> str:
    query = Q()
    for s in subjects:
        query |= Q(**s.filter())
    comment = (
        Comment.objects.select_for_update().filter(query, report=report, pk=pk if pk.isdigit() else 0).first()
    )
    if comment is None:
        raise CommentError("Kommentaren finns inte här. Inget ändrades.")
    if action == "resolve":
        comment.resolved_at, comment.resolved_by = (
            comment.resolved_at or timezone.now(),
            comment.resolved_by or user,
        )
        comment.save(update_fields=["resolved_at", "resolved_by"])
        return "Kommentaren är markerad som löst."
    comment.resolved_at = comment.resolved_by = None
    comment.save(update_fields=["resolved_at", "resolved_by"])
    return "Kommentaren är öppen igen."


@require_http_methods(["GET", "POST"])
def deadlines(request: HttpRequest, code: str, period: str) -> HttpResponse:
    """The report's deadline per part, set by its controller (everyone who works on it sees them)."""
    access = get_workspace_access(request, code, period)
    report = access.report
    current = {d.part: d for d in Deadline.objects.filter(report=report)}
    can_set = may_set_deadlines(access)
    initial = {part: deadline.due for part, deadline in current.items()}
    if request.method == "POST":
        if not can_set:
            raise PermissionDenied(
                "Bara nämndens controller kan ange tidsfrister, och inte i en beslutad rapport."
            )
        form = DeadlineForm(request.POST, initial=initial)
        if form.is_valid():
            changed = _save_deadlines(report, current, form.cleaned_data, request.user)
            messages.success(request, "Tidsfristerna är sparade." if changed else "Inget var ändrat.")
            return redirect(request.path)
        status = 400
    else:
        form, status = DeadlineForm(initial=initial), 200
    context = {
        "access": access,
        "report": report,
        "form": form,
        "can_set": can_set,
        "today": timezone.localdate(),
    }
    return render(request, "workspace/deadlines.html", context, status=status)


@transaction.atomic
def _save_deadlines(report, current: dict[str, Deadline], wanted: dict, user) -> bool:
    changed = False
    for part, due in wanted.items():
        old = current.get(part)
        if due is None and old is not None:
            old.delete()
            changed = True
        elif due is not None and (old is None or old.due != due):
            Deadline.objects.update_or_create(
                report=report, part=part, defaults={"due": due, "set_by": user, "set_at": timezone.now()}
            )
            changed = True
    return changed


@require_GET
@login_required
def todo(request: HttpRequest) -> HttpResponse:
    """The signed-in person's unfinished rows and the parts with deadlines, report by report."""
    today = timezone.localdate()
    return render(request, "workspace/todo.html", {"reports": todo_for(request.user, today), "today": today})


@require_http_methods(["GET", "POST"])
@login_required
def notifications(request: HttpRequest) -> HttpResponse:
    """The signed-in person's notifications (newest first); a POST marks them all read."""
    mine = Notification.objects.filter(user_id=request.user.pk or 0)
    if request.method == "POST":
        count = mine.filter(read_at__isnull=True).update(read_at=timezone.now())
        messages.success(
            request, "Alla meddelanden är markerade som lästa." if count else "Inga olästa meddelanden."
        )
        return redirect("workspace:notifications")
    shown = list(mine.select_related("report__organisation__parent__parent__parent", "report__period")[:200])
    readable: dict[int, bool] = {}
    for n in shown:
        if n.report_id not in readable:
            readable[n.report_id] = may_read_comments(report_access(request.user, n.report))
    return render(
        request, "workspace/notifications.html", {"items": [n for n in shown if readable[n.report_id]]}
    )


@require_POST
@login_required
def open_notification(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark one notification read and go where it leads (only one's own, of a readable report)."""
    notification = (
        Notification.objects.select_related("report__organisation__parent__parent__parent", "report__period")
        .filter(user_id=request.user.pk or 0, pk=pk)
        .first()
    )
    if notification is None or not may_read_comments(report_access(request.user, notification.report)):
        raise Http404("meddelandet finns inte")
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    target = notification.path
    if not url_has_allowed_host_and_scheme(target, allowed_hosts=None) or not target.startswith("/"):
        target = reverse("workspace:notifications")
    return redirect(target)
