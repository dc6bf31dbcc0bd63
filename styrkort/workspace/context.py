"""The header's unread count: one query, made only when a page shows it."""

from __future__ import annotations

from functools import cached_property
from typing import Any

from django.http import HttpRequest

from styrkort.workspace.models import Notification


class Workspace:
    def __init__(self, user: Any) -> None:
        self.user = user

    @cached_property
    def unread(self) -> int:
        if self.user is None or not self.user.is_authenticated:
            return 0
        return Notification.objects.filter(user_id=self.user.pk, read_at__isnull=True).count()


def workspace(request: HttpRequest) -> dict[str, Workspace]:
    # A page rendered before the authentication middleware ran (413 for an oversized upload) has no user.
    return {"workspace": Workspace(getattr(request, "user", None))}
