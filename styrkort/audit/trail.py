"""Record every change to every record of Styrkort's own apps, field by field.

How: a ``post_init`` receiver remembers each loaded record's field values; ``post_save`` and
``post_delete`` compare and write one ``Change`` per field that differs. Who and why come from
``audit_context`` (the middleware sets the user for every request; views add a reason where
they ask for one; an import from the command line names its operator, the operating system's
user or ``--operator NAME``, see ``operator_name``). So changes through the pages, the admin and
management commands are all recorded. Privileges are recorded too (``styrkort.audit.privileges``):
a user's username, names, e-mail and staff, superuser and active flags (a password change as
"changed", never the hash), a group's name, and who was added to or removed from which group or
permission. An import that replaces a whole report (``save_followup``) is recorded as one
entry on the report holding the exchange document it replaced, not field by field. Not
recorded: ``QuerySet.update``, ``version`` counters, and binary contents.
"""

from __future__ import annotations

import contextvars
import copy
import datetime
import functools
import getpass
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.signals import post_delete, post_init, post_save

from styrkort.domain.numbers import plain

TRACKED_APPS = frozenset({"organisations", "followup", "goals", "economy", "accounts"})
UNTRACKED_MODELS = frozenset({"followup.reportsnapshot"})
# Models of other apps whose privileges are recorded, with the fields recorded.
PRIVILEGE_FIELDS = {
    "auth.user": (
        "username",
        "first_name",
        "last_name",
        "email",
        "is_staff",
        "is_superuser",
        "is_active",
        "password",
    ),
    "auth.group": ("name",),
}
HIDDEN_FIELDS = frozenset({"password", "token_hash"})  # recorded as changed, never with its value
SKIPPED_FIELDS = frozenset({"version", "position"})

_user: contextvars.ContextVar[Any] = contextvars.ContextVar("audit_user", default=None)
_reason: contextvars.ContextVar[str] = contextvars.ContextVar("audit_reason", default="")
_suspended: contextvars.ContextVar[bool] = contextvars.ContextVar("audit_suspended", default=False)
_operator: contextvars.ContextVar[str] = contextvars.ContextVar("audit_operator", default="")


@contextmanager
def audit_context(user: Any = None, reason: str | None = None, operator: str | None = None) -> Iterator[None]:
    """Attribute the changes made inside to ``user`` (when given), with ``reason`` (when given);
    ``operator`` names who made them where there is no signed-in user (a command line)."""
    tokens = []
    if user is not None:
        tokens.append((_user, _user.set(user if user.is_authenticated else None)))
    if reason is not None:
        tokens.append((_reason, _reason.set(reason)))
    if operator is not None:
        tokens.append((_operator, _operator.set(operator)))
    try:
        yield
    finally:
        for var, token in reversed(tokens):
            var.reset(token)


@contextmanager
def field_changes_suspended() -> Iterator[None]:
    """Record no field-level changes inside: for a whole-report import, which ``record`` notes once."""
    token = _suspended.set(True)
    try:
        yield
    finally:
        _suspended.reset(token)


def operator_name(explicit: str | None = None) -> str:
    """Who runs a command: ``explicit`` when given, else the operating system's user name."""
    if explicit and explicit.strip():
        return explicit.strip()[:150]
    try:
        return getpass.getuser()[:150]
    except (OSError, KeyError):  # no user name in the environment nor in the password database
        return f"uid {os.getuid()}"


def record(instance: models.Model, action: str, field: str, old: str | None, new: str | None) -> None:
    """Write one audit entry for ``instance`` directly (who and why from ``audit_context``)."""
    _write(instance, action, [(field, old, new)])


class AuditMiddleware:
    """Attributes every change made while handling a request to the signed-in user."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with audit_context(user=request.user):
            return self.get_response(request)


def is_tracked(model: type[models.Model]) -> bool:
    meta = model._meta
    if meta.label_lower in PRIVILEGE_FIELDS:
        return True
    return meta.app_label in TRACKED_APPS and meta.label_lower not in UNTRACKED_MODELS


_tracked = functools.cache(is_tracked)


@functools.cache
def _fields(model: type[models.Model]) -> tuple[models.Field, ...]:
    only = PRIVILEGE_FIELDS.get(model._meta.label_lower)
    return tuple(
        f
        for f in model._meta.concrete_fields
        if f.name not in SKIPPED_FIELDS
        and not f.primary_key
        and not isinstance(f, models.BinaryField)
        and (only is None or f.name in only)
    )


@functools.cache
def _attnames(model: type[models.Model]) -> tuple[str, ...]:
    return tuple(f.attname for f in _fields(model))


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, Decimal):
        return plain(value)  # as recorded: 1,0 → 1 is a change
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    if hasattr(value, "name") and hasattr(value, "url"):  # a FieldFile
        return value.name or None
    return str(value)


def _remember(sender, instance, **kwargs) -> None:
    """Keep the loaded values as they are (converted to text only when a save compares them)."""
    if _tracked(sender) and not _suspended.get():
        values = instance.__dict__
        instance._audit_values = {
            name: copy.copy(values[name]) if isinstance(values.get(name), list | dict) else values[name]
            for name in _attnames(sender)
            if name in values
        }


def _write(instance: models.Model, action: str, changes: list[tuple[str, str | None, str | None]]) -> None:
    from styrkort.audit.models import Change

    user = _user.get()
    content_type = ContentType.objects.get_for_model(type(instance))
    representation = str(instance)[:300]
    Change.objects.bulk_create(
        Change(
            user=user,
            username=user.get_username() if user is not None else _operator.get(),
            content_type=content_type,
            object_id=str(instance.pk),
            object_repr=representation,
            action=action,
            field=name,
            old=old,
            new=new,
            reason=_reason.get(),
        )
        for name, old, new in changes
    )


def _saved(sender, instance, created, raw=False, **kwargs) -> None:
    if raw or _suspended.get() or not _tracked(sender):
        return
    before = {name: _text(value) for name, value in getattr(instance, "_audit_values", {}).items()}
    if created:
        _write(instance, "created", [("", None, None)])
        _remember(sender, instance)
        return
    changes = []
    for f in _fields(sender):
        new = _text(getattr(instance, f.attname))
        old = before.get(f.attname)
        if f.attname in before and old != new:
            changes.append((f.name, None, None) if f.name in HIDDEN_FIELDS else (f.name, old, new))
    if changes:
        _write(instance, "changed", changes)
    _remember(sender, instance)


def _deleted(sender, instance, **kwargs) -> None:
    """One entry per deleted record, its last values kept as JSON in ``old``."""
    if _tracked(sender) and not _suspended.get():
        names = {f.attname: f.name for f in _fields(sender)}
        values = {
            names.get(attname, attname): _text(value)
            for attname, value in getattr(instance, "_audit_values", {}).items()
            if value not in (None, "") and names.get(attname, attname) not in HIDDEN_FIELDS
        }
        _write(instance, "deleted", [("", json.dumps(values, ensure_ascii=False), None)])


# Swedish words for the fields people change in the pages (others show their code name).
FIELD_WORDS = {
    "outcome": "utfall",
    "outcome_men": "utfall män/pojkar",
    "outcome_women": "utfall kvinnor/flickor",
    "forecast": "prognos helår",
    "target": "årsmål",
    "analysis": "analys",
    "status": "bedömning",
    "assessment": "bedömning",
    "deviation": "avvikelse",
    "start": "startdatum",
    "end": "slutdatum",
    "state": "läge",
    "summary": "sammanfattande analys",
    "title": "rubrik",
    "description": "beskrivning",
    "expected_results": "förväntat resultat",
}


def connect() -> None:
    post_init.connect(_remember, dispatch_uid="audit_remember")
    post_save.connect(_saved, dispatch_uid="audit_saved")
    post_delete.connect(_deleted, dispatch_uid="audit_deleted")


def changes_for(*objects: models.Model, limit: int = 200):
    """The recorded changes of these records, newest first."""
    from django.db.models import Q

    from styrkort.audit.models import Change

    query = Q(pk__in=[])
    by_type: dict[type, list[str]] = {}
    for obj in objects:
        by_type.setdefault(type(obj), []).append(str(obj.pk))
    for model, ids in by_type.items():
        query |= Q(content_type=ContentType.objects.get_for_model(model), object_id__in=ids)
    return Change.objects.filter(query).select_related("content_type")[:limit]
