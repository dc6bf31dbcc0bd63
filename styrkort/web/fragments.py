"""Rendered parts of a report's pages (the overview's goal tree and findings, a goal's indicators
and activities, the economy tables, the indicator grid's table with its inputs), kept in Django's
cache (``CACHES["default"]``).

A part is stored under a key made of everything it shows or depends on:

- the report's revision (``revision``): when its counts were last computed
  (``ReportCounts.computed``). ``storage.counts`` drops a report's counts in the same transaction
  as any change its check reads (the report, its goals' assessments, measurements — last year's
  annual ones too —, activity follow-ups, economy rows, and the shared goals, indicators,
  activities and periods; rows written with ``QuerySet.update``/``bulk_create`` through
  ``note_changed``) and computes them again, as a new row, when it commits; so any such change
  gives the report a new revision, whichever process made it. Workflow steps leave the counts
  alone: the report's state and version are in the key too;
- the user's rights on the report (``ReportAccess``: roles, assigned parts, whether it is
  editable), so two users with different rights never share a part;
- the language and ``TEMPLATE_VERSION`` (raise it when a cached template changes);
- what else the page names (the goal shown, the grid's filter and page).

Nothing stored carries a CSRF token or anything of one user's own (names, read marks, comments,
the audit trail are rendered per request). A part stored under an old key is never read again
and expires (``TIMEOUT``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.utils import translation

from styrkort.accounts.access import ReportAccess
from styrkort.storage.counts import counts_for

TEMPLATE_VERSION = 2
TIMEOUT = 24 * 3600


def revision(access: ReportAccess) -> str:
    """The report's revision: changes with every change a cached part can show."""
    report = access.report
    counts = counts_for([report])[report.pk]  # no query when read with the report
    return f"{counts.computed.isoformat()}|{report.state}|{report.version}"


def rights(access: ReportAccess) -> str:
    """What the user may do with the report, as far as a page can show it."""
    parts = (
        sorted(access.roles),
        sorted(access.goals),
        sorted(access.indicators),
        sorted(access.activities),
        access.is_editable,
    )
    return repr(parts)


def key(name: str, access: ReportAccess, *extra: object) -> str:
    parts = [name, access.report.pk, revision(access), rights(access), translation.get_language()]
    digest = hashlib.sha256(repr((*parts, TEMPLATE_VERSION, *extra)).encode()).hexdigest()
    return f"styrkort:fragment:{name}:{access.report.pk}:{digest}"


def cached(name: str, access: ReportAccess, build: Callable[[], dict[str, Any]], *extra: object) -> dict:
    """The part ``name`` of the report's page for this user: from the cache, else ``build()``
    (rendered HTML and plain values only) stored for the next view."""
    found_key = key(name, access, *extra)
    found = cache.get(found_key)
    if found is None:
        found = build()
        cache.set(found_key, found, TIMEOUT)
    return found
