"""The lock on approved and decided reports: nothing stored in one may change.

An approved report is what the approver saw; a decided one is what the committee decided. Both
are frozen for every write path (the pages, the admin, management commands, imports) until the
report is sent back (approved) or reopened by an administrator (decided). ``connect()``, called
by this app's ``ready()``, installs ``pre_save``/``pre_delete`` receivers that refuse such a
write with ``LockedReportError``; the workflow's own transitions run inside ``unlocked()``.

What counts as stored in a report: every row of the followup, goals and economy apps that points
at a report (``report_id``), a measurement of the report's committee and period, and rows that
hang on such a row (``LOCKED_THROUGH`` names the foreign key, e.g. a volume table's row), but
not the report's counts (``ReportCounts``: what the check finds, computed from those rows).
A period is frozen while any report of it is approved or decided (its dates are part of what
was decided). Goal, indicator and activity *definitions* are shared by a year's reports and
stay editable; a decided report is read from its snapshot, not from live data.
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.contrib import admin
from django.db import models
from django.db.models import Q
from django.db.models.signals import pre_delete, pre_save

from styrkort.followup.models import Report

LOCKED_APPS = ("followup", "goals", "economy")
UNLOCKED_MODELS = frozenset(
    {"followup.reportsnapshot", "followup.reopening", "followup.report", "followup.reportcounts"}
)
LOCKED_STATES = ("approved", "decided")


class LockedReportError(Exception):
    """The report is approved or decided and locked: nothing in it may change (message in Swedish)."""


_unlocking: contextvars.ContextVar[bool] = contextvars.ContextVar("report_unlocking", default=False)


@contextmanager
def unlocked() -> Iterator[None]:
    """Let the workflow's own transitions write to a locked report's row."""
    token = _unlocking.set(True)
    try:
        yield
    finally:
        _unlocking.reset(token)


def report_filter(instance: models.Model) -> Q | None:
    """Which report(s) the object is stored in, as a filter on reports; None: not report content."""
    meta = instance._meta
    if meta.label_lower == "followup.report":
        return Q(pk=instance.pk) if instance.pk else None
    if meta.label_lower == "followup.period":
        return Q(period_id=instance.pk) if instance.pk else None
    if meta.app_label not in LOCKED_APPS or meta.label_lower in UNLOCKED_MODELS:
        return None
    if meta.label_lower == "goals.measurement":
        values = instance.__dict__
        return Q(organisation_id=values["organisation_id"], period_id=values["period_id"])
    report_id = getattr(instance, "report_id", None)
    if report_id is not None:
        return Q(pk=report_id)
    through = getattr(type(instance), "LOCKED_THROUGH", None)
    if through is not None and getattr(instance, f"{through}_id", None) is not None:
        return report_filter(getattr(instance, through))
    return None


def _locked(where: Q) -> bool:
    return Report.objects.filter(where, state__in=LOCKED_STATES).exists()


def is_locked(instance: models.Model) -> bool:
    """Whether the object is, or is stored in, an approved or decided report."""
    if instance._meta.label_lower == "followup.report":
        return getattr(instance, "state", None) in LOCKED_STATES and _locked(Q(pk=instance.pk))
    where = report_filter(instance)
    return where is not None and _locked(where)


def _refuse_locked(sender, instance, raw=False, origin=None, **kwargs) -> None:
    if raw or _unlocking.get():
        return
    where = report_filter(instance)
    if where is None:
        return
    # A delete of many rows (a queryset, a cascade) asks once per report, not once per row.
    cache = origin.__dict__.setdefault("_styrkort_locks", {}) if hasattr(origin, "__dict__") else {}
    key = str(where)
    if key not in cache:
        cache[key] = _locked(where)
    if cache[key]:
        raise LockedReportError(
            f"rapporten är godkänd eller beslutad och därför låst; ”{instance}” kan inte ändras eller tas bort"
        )


def connect() -> None:
    pre_save.connect(_refuse_locked, dispatch_uid="followup_refuse_locked_save")
    pre_delete.connect(_refuse_locked, dispatch_uid="followup_refuse_locked_delete")


class ReadOnlyWhenLocked(admin.ModelAdmin):
    """Admin base: objects of an approved or decided report are shown, never changed or deleted."""

    def has_change_permission(self, request, obj: Any = None) -> bool:
        if obj is not None and is_locked(obj):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj: Any = None) -> bool:
        if obj is not None and is_locked(obj):
            return False
        return super().has_delete_permission(request, obj)
