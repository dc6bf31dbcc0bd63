"""The audit trail: one row per changed field of any record, never edited afterwards."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models


class ImmutableError(Exception):
    """An audit entry was about to be changed or deleted."""


class Change(models.Model):
    """One changed field of one record: who, when, old and new value, and why where asked."""

    class Action(models.TextChoices):
        CREATED = "created", "Skapad"
        CHANGED = "changed", "Ändrad"
        DELETED = "deleted", "Borttagen"

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    username = models.CharField(max_length=150, blank=True, help_text="kept when the user is removed")
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField(max_length=300, blank=True)
    action = models.CharField(max_length=10, choices=Action.choices, default=Action.CHANGED)
    field = models.CharField(max_length=100, blank=True)
    old = models.TextField(null=True, blank=True)  # noqa: DJ001 - None: there was no value
    new = models.TextField(null=True, blank=True)  # noqa: DJ001 - None: there is no value
    reason = models.TextField(blank=True)
    source = models.CharField(
        max_length=50, blank=True, help_text="where the values came from when not typed (Kolada)"
    )

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="audit_change_object")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.object_repr} {self.field}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise ImmutableError("en post i ändringsloggen kan inte ändras")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableError("en post i ändringsloggen kan inte tas bort")
