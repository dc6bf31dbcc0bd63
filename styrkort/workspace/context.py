"""The header's unread count: read with the signed-in user (``user_with_unread``, the authentication
backends' ``get_user`` in ``styrkort.web.sso``), so a page costs no query of its own for it; a
user loaded otherwise (a test's ``force_login`` with another backend) costs one COUNT, made only
when a page shows it."""

from __future__ import annotations

from functools import cached_property
from typing import Any

from django.contrib.auth import get_user_model
from django.db import connection
from django.http import HttpRequest

from styrkort.workspace.models import Notification

UNREAD = "unread_notifications"  # the attribute ``user_with_unread`` gives the user


def user_with_unread(user_id: Any) -> Any:
    """The user with their number of unread notifications (``UNREAD``), in one query; None if absent.

    Written as SQL (a ``raw`` query of the user model), since every request reads it: the ORM
    took ~1.5 ms of CPU to build the same statement with its subquery, the raw query ~0.2 ms in
    all (time.process_time, PostgreSQL). The columns are named, not ``u.*``: a statement that
    PostgreSQL prepared (``STYRKORT_PG_PREPARE_THRESHOLD``) keeps its result type when a migration
    adds a column to the user table while a server still runs."""
    user_model = get_user_model()
    quote = connection.ops.quote_name

    def column(model: Any, name: str) -> str:
        return quote(str(model._meta.get_field(name).column))

    users, notifications = quote(user_model._meta.db_table), quote(Notification._meta.db_table)
    pk = column(user_model, user_model._meta.pk.name)
    user, read_at = column(Notification, "user"), column(Notification, "read_at")
    columns = ", ".join(f"u.{quote(field.column)}" for field in user_model._meta.concrete_fields)
    sql = (
        f"SELECT {columns}, (SELECT COUNT(*) FROM {notifications} n WHERE n.{user} = u.{pk}"
        f" AND n.{read_at} IS NULL) AS {UNREAD} FROM {users} u WHERE u.{pk} = %s"
    )
    return next(iter(user_model._default_manager.raw(sql, [user_id])), None)


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
