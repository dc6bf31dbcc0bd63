"""The session store (``SESSION_ENGINE``): Django's database sessions, whose expiry moves forward
at most once every ``RENEW_SECONDS`` of activity instead of on every request.

A session ends ``SESSION_COOKIE_AGE`` (STYRKORT_SESSION_IDLE_MINUTES) after it was last renewed.
With Django's ``SESSION_SAVE_EVERY_REQUEST`` that renewal is an UPDATE and a commit of the
session's row on every page, whether or not anything in the session changed. This store marks a
session for saving when it is loaded only if its stored expiry was set more than ``renewal``
ago (``RENEW_SECONDS``, or a tenth of the idle time if that is shorter), so an idle session ends
between ``SESSION_COOKIE_AGE - renewal`` and ``SESSION_COOKIE_AGE`` after the last request:
never later than the setting says. A session
whose data changed is saved as always (signing in and out, messages, a new CSRF secret), and one
with its own expiry (``set_expiry``) is renewed on every request as before. The rows stay in the
database, so sessions survive a restart and every server process sees a sign-out at once.

The row is read by its key alone through ``ops.compiled`` (Django's ``get`` built the same
statement again on every request: ~0.4 ms of CPU against ~0.07), and its expiry is compared here,
as Django's query compares it (``expire_date > now``): an expired row is no session.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.contrib.sessions.models import Session
from django.db.models import QuerySet
from django.utils import timezone

from styrkort.ops.compiled import select

RENEW_SECONDS = 60


def _session_row(key: str) -> QuerySet[Session]:
    return Session.objects.filter(session_key=key)


class SessionStore(DatabaseSessionStore):
    def _get_session_from_db(self) -> Session | None:
        key = self.session_key
        found = select(_session_row, (key,), ("session_data", "expire_date")) if key else []
        if not key or not found or found[0][1] <= timezone.now():
            self._session_key = None
            return None
        data, expires = found[0]
        return Session(session_key=key, session_data=data, expire_date=expires)

    def load(self) -> dict[str, Any]:
        stored = self._get_session_from_db()
        if stored is None:
            return {}
        data = self.decode(stored.session_data)
        age = self.get_session_cookie_age()
        renewed_long_ago = timedelta(seconds=age - min(RENEW_SECONDS, age / 10))
        if "_session_expiry" in data or stored.expire_date - timezone.now() < renewed_long_ago:
            self.modified = True  # SessionMiddleware saves it: a new expiry, the cookie sent again
        return data
