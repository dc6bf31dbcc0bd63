"""Record every change to every record of Styrkort's own apps, field by field.

How: a ``pre_save`` receiver reads the stored values of a record about to be changed (only of
records that are saved: loading a page costs nothing here); ``post_save`` compares them with what
was written and writes one ``Change`` per field that differs; ``post_delete`` keeps the deleted
record's last values. Who and why come from
``audit_context`` (the middleware sets the user for every request; views add a reason where
they ask for one; an import from the command line names its operator, the operating system's
user or ``--operator NAME``, see ``operator_name``; values fetched from elsewhere name their
``source``, "Kolada", see ``audit_context``). So changes through the pages, the admin and
management commands are all recorded. Privileges are recorded too (``styrkort.audit.privileges``):
a user's username, names, e-mail and staff, superuser and active flags (a password change as
"changed", never the hash), a group's name, and who was added to or removed from which group or
permission. An import that replaces a whole report (``save_followup``) is recorded as one
entry on the report holding the exchange document it replaced, not field by field. Not
recorded: ``QuerySet.update``, ``version`` counters, and binary contents.
"""

from __future__ import annotations

import contextvars
import datetime
import functools
import getpass
import json
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import connections, models
from django.db.models.signals import post_delete, post_save, pre_save

from styrkort.domain.numbers import plain
from styrkort.ops.compiled import instances

TRACKED_APPS = frozenset({"organisations", "followup", "goals", "economy", "accounts"})
UNTRACKED_MODELS = frozenset({"followup.reportsnapshot", "followup.reportcounts"})
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
_source: contextvars.ContextVar[str] = contextvars.ContextVar("audit_source", default="")


@contextmanager
def audit_context(
    user: Any = None, reason: str | None = None, operator: str | None = None, source: str | None = None
) -> Iterator[None]:
    """Attribute the changes made inside to ``user`` (when given), with ``reason`` (when given);
    ``operator`` names who made them where there is no signed-in user (a command line);
    ``source`` names where the values came from when no person typed them ("Kolada")."""
    tokens = []
    if user is not None:
        tokens.append((_user, _user.set(user if user.is_authenticated else None)))
    if reason is not None:
        tokens.append((_reason, _reason.set(reason)))
    if operator is not None:
        tokens.append((_operator, _operator.set(operator)))
    if source is not None:
        tokens.append((_source, _source.set(source)))
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


def current_user() -> Any:
    """The signed-in user the changes being made now are attributed to (None from a command line)."""
    return _user.get()


def current_reason() -> str:
    """The reason given for the changes being made now ("" when none was asked for)."""
    return _reason.get()


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


def _stored_values(sender, instance, raw=False, using=None, update_fields=None, **kwargs) -> None:
    """Before a row is changed: its stored values, read from the database only now, for the rows
    that are saved (a page that loads thousands of rows and saves three reads three)."""
    if raw or _suspended.get() or not _tracked(sender) or instance._state.adding or instance.pk is None:
        return
    names = _attnames(sender)
    if update_fields is not None:  # only these are written
        written = {sender._meta.get_field(name).attname for name in update_fields}
        names = tuple(name for name in names if name in written)
    stored = sender._base_manager.using(using).filter(pk=instance.pk).values(*names).first()
    instance._audit_values = stored or {}


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
            source=_source.get(),
        )
        for name, old, new in changes
    )


def _saved(sender, instance, created, raw=False, **kwargs) -> None:
    if raw or _suspended.get() or not _tracked(sender):
        return
    before = {name: _text(value) for name, value in instance.__dict__.pop("_audit_values", {}).items()}
    if created:
        _write(instance, "created", [("", None, None)])
        return
    changes = []
    for f in _fields(sender):
        new = _text(getattr(instance, f.attname))
        old = before.get(f.attname)
        if f.attname in before and old != new:
            changes.append((f.name, None, None) if f.name in HIDDEN_FIELDS else (f.name, old, new))
    if changes:
        _write(instance, "changed", changes)


def _deleted(sender, instance, **kwargs) -> None:
    """One entry per deleted record, its last values kept as JSON in ``old``."""
    if _tracked(sender) and not _suspended.get():
        names = {f.attname: f.name for f in _fields(sender)}
        loaded = instance.__dict__
        values = {
            name: _text(loaded[attname])
            for attname, name in names.items()
            if attname in loaded and loaded[attname] not in (None, "") and name not in HIDDEN_FIELDS
        }
        _write(instance, "deleted", [("", json.dumps(values, ensure_ascii=False), None)])


def connect() -> None:
    pre_save.connect(_stored_values, dispatch_uid="audit_stored_values")
    post_save.connect(_saved, dispatch_uid="audit_saved")
    post_delete.connect(_deleted, dispatch_uid="audit_deleted")


def changes_for(*objects: models.Model, limit: int = 200):
    """The recorded changes of these records, newest first (``styrkort.audit.display`` shows them)."""
    by_type: dict[type[models.Model], list[Any]] = {}
    for obj in objects:
        by_type.setdefault(type(obj), []).append(obj.pk)
    return changes_in(by_type, limit)


def changes_of(model: type[models.Model], ids: Iterable[Any], limit: int = 200):
    """The recorded changes of the model's records with these ids (a page that has no instances)."""
    return changes_in({model: list(ids)}, limit)


def _users(*user_ids: int) -> Any:
    from django.contrib.auth import get_user_model

    return get_user_model()._default_manager.filter(pk__in=user_ids).order_by()


def changes_in(by_type: dict[type[models.Model], list[Any]], limit: int = 200) -> list[Any]:
    """The recorded changes of the records with these ids, per model, newest first, each with its
    content type and user attached (a page that has no instances: making one per id only to name
    it costs more than the query).

    Written as SQL, bound to the ids: every page with a change log asks for the changes of its
    rows, up to hundreds of ids, and the ORM built that OR of IN lists anew on every view (2-3 ms
    of CPU on the economy page, a third of a view from the cache). Their users are read through a
    statement built once per process and number of users (``ops.compiled``). The rows are the ORM's:
    ``tests/audit/test_changes_in.py`` compares them on SQLite and PostgreSQL."""
    from django.contrib.auth import get_user_model

    from styrkort.audit.models import Change

    groups = [
        (ContentType.objects.get_for_model(model).pk, [str(pk) for pk in ids])
        for model, ids in by_type.items()
        if ids
    ]
    if not groups:
        return []
    quote = connections[Change.objects.db].ops.quote_name
    meta = Change._meta
    column = {field.name: f"{quote(meta.db_table)}.{quote(field.column)}" for field in meta.concrete_fields}
    where = " OR ".join(
        f"({column['content_type']} = %s AND {column['object_id']} IN ({', '.join(['%s'] * len(ids))}))"
        for _, ids in groups
    )
    sql = (
        f"SELECT {', '.join(column.values())} FROM {quote(meta.db_table)} WHERE {where}"
        f" ORDER BY {column['at']} DESC, {column['id']} DESC LIMIT %s"
    )
    params: list[Any] = [value for content_type, ids in groups for value in (content_type, *ids)]
    changes = list(Change.objects.raw(sql, [*params, limit]))
    if changes:
        user_ids = sorted({change.user_id for change in changes if change.user_id is not None})
        found = instances(_users, user_ids, (get_user_model(), ""))[0] if user_ids else []
        users = {user.pk: user for user in found}
        for change in changes:
            change.content_type = ContentType.objects.get_for_id(change.content_type_id)
            change.user = users.get(change.user_id)
    return changes
