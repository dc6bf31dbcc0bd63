"""The admin obeys the workflow lock: what is stored in a decided report is shown read-only.

The other apps register their models in the admin; here (this app is installed after them)
each of those registrations that holds report content is wrapped so that a decided report's
rows cannot be changed or deleted there. The model-level lock (``followup.workflow``) refuses
such writes anyway; this keeps the admin from offering them.
"""

from __future__ import annotations

from django.contrib import admin

from styrkort.followup.workflow import is_locked

LOCKED_APPS = ("followup", "goals", "economy")


class DecidedReportReadOnly:
    """Admin mixin: no change or delete for objects of a decided report."""

    def has_change_permission(self, request, obj=None) -> bool:
        if obj is not None and is_locked(obj):
            return False
        return super().has_change_permission(request, obj)  # type: ignore[misc]

    def has_delete_permission(self, request, obj=None) -> bool:
        if obj is not None and is_locked(obj):
            return False
        return super().has_delete_permission(request, obj)  # type: ignore[misc]


def wrap_registered_admins(site: admin.AdminSite = admin.site) -> None:
    for model, model_admin in list(site._registry.items()):
        if model._meta.app_label not in LOCKED_APPS or isinstance(model_admin, DecidedReportReadOnly):
            continue
        base = type(model_admin)
        wrapped = type(f"Locked{base.__name__}", (DecidedReportReadOnly, base), {})
        site.unregister(model)
        site.register(model, wrapped)


wrap_registered_admins()
