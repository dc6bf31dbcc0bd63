"""The header's unread count: read with the signed-in user (``with_unread``, the authentication
backends' ``get_user`` in ``styrkort.web.sso``), so a page costs no query of its own for it; a
user loaded otherwise (a test's ``force_login`` with another backend) costs one COUNT, made only
when a page shows it."""

from __future__ import annotations

from functools import cached_property
from typing import Any

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import HttpRequest

from styrkort.workspace.models import Notification

UNREAD = "unread_notifications"  # the attribute ``with_unread`` gives each user


def with_unread(users: QuerySet) -> QuerySet:
    """The users, each with their number of unread notifications (one subquery, no more queries)."""
    unread = (
        Notification.objects.filter(user_id=OuterRef("pk"), read_at__isnull=True)
        .order_by()
        .values("user_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return users.annotate(**{UNREAD: Coalesce(Subquery(unread, output_field=IntegerField()), Value(0))})


class Workspace:
    def __init__(self, user: Any) -> None:
        self.user = user

    @cached_property
    def unread(self) -> int:
        if self.user is None or not self.user.is_authenticated:
            return 0
        counted = getattr(self.user, UNREAD, None)  # read with the user at the start of the request
        if counted is not None:
            return counted
        return Notification.objects.filter(user_id=self.user.pk, read_at__isnull=True).count()


def workspace(request: HttpRequest) -> dict[str, Workspace]:
    # A page rendered before the authentication middleware ran (413 for an oversized upload) has no user.
    return {"workspace": Workspace(getattr(request, "user", None))}
