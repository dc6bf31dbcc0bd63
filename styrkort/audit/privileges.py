"""Record changes of privilege that are not a field of a record: group memberships and
permissions (many-to-many), in the same trail as every other change.

- a user added to or removed from a group, or given or refused a permission directly;
- a group given or refused a permission.

Each is one ``Change`` on the user or group, field ``groups``, ``user_permissions`` or
``permissions``, with the names added in ``new`` and those removed in ``old``. The fields of
users and groups themselves (the superuser and staff flags among them) are recorded by
``styrkort.audit.trail`` (``PRIVILEGE_FIELDS``); memberships (roles) are Styrkort's own records.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db.models.signals import m2m_changed

from styrkort.audit.trail import record


def _names(model, pks) -> str:
    if model is Permission:
        found = Permission.objects.filter(pk__in=pks).select_related("content_type")
        return ", ".join(sorted(f"{p.content_type.app_label}.{p.codename}" for p in found))
    return ", ".join(sorted(str(obj) for obj in model.objects.filter(pk__in=pks)))


def _changed(field: str):
    """A receiver for one relation; ``reverse`` is e.g. ``group.user_set.add(user)``."""

    def receiver(sender, instance, action, reverse, model, pk_set, **kwargs) -> None:
        if action == "pre_clear":
            related = model.objects.filter(**{field: instance}) if reverse else getattr(instance, field).all()
            instance._audit_cleared = set(related.values_list("pk", flat=True))
            return
        if action == "post_clear":
            action, pk_set = "post_remove", getattr(instance, "_audit_cleared", set())
        if reverse:
            for owner in model.objects.filter(pk__in=pk_set or ()):
                _write(owner, field, action, {instance.pk}, type(instance))
        else:
            _write(instance, field, action, pk_set or set(), model)

    return receiver


def _write(owner, field: str, action: str, pks: set, model) -> None:
    if not pks or action not in ("post_add", "post_remove"):
        return
    names = _names(model, pks)
    if action == "post_add":
        record(owner, "changed", field, None, names)
    else:
        record(owner, "changed", field, names, None)


def connect() -> None:
    user = get_user_model()
    m2m_changed.connect(
        _changed("groups"), sender=user.groups.through, dispatch_uid="audit_user_groups", weak=False
    )
    m2m_changed.connect(
        _changed("user_permissions"),
        sender=user.user_permissions.through,
        dispatch_uid="audit_user_permissions",
        weak=False,
    )
    m2m_changed.connect(
        _changed("permissions"),
        sender=Group.permissions.through,
        dispatch_uid="audit_group_permissions",
        weak=False,
    )
