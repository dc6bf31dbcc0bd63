"""Memberships (a user's role on an organisation) and assignments (what a reporter reports).

The rule of rights, in one sentence: a membership gives its role on its organisation and on
every organisation beneath it in the tree, and nothing above or beside it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from styrkort.organisations.models import Organisation


class Role(models.TextChoices):
    """The roles a user can hold on an organisation."""

    ADMINISTRATOR = "administrator", "Administratör"
    CITY_CONTROLLER = "city_controller", "Stadens controller"
    COMMITTEE_CONTROLLER = "committee_controller", "Nämndens controller"
    REPORTER = "reporter", "Rapportör"
    APPROVER = "approver", "Godkännare (förvaltningschef)"
    READER = "reader", "Läsare"


class Membership(models.Model):
    """A user's role on an organisation (and, by the rule above, on everything beneath it)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=30, choices=Role.choices)

    class Meta:
        ordering = ["organisation__code", "role"]
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation", "role"], name="membership_unique_role"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.organisation.code}"


class Assignment(models.Model):
    """A reporter's part of a committee's report: one goal, indicator or activity (exactly one)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assignments")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="assignments")
    goal = models.ForeignKey("goals.Goal", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    indicator = models.ForeignKey(
        "goals.Indicator", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    activity = models.ForeignKey(
        "goals.Activity", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        ordering = ["organisation__code", "user__username", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(goal__isnull=False, indicator__isnull=True, activity__isnull=True)
                    | models.Q(goal__isnull=True, indicator__isnull=False, activity__isnull=True)
                    | models.Q(goal__isnull=True, indicator__isnull=True, activity__isnull=False)
                ),
                name="assignment_exactly_one_part",
            ),
        ]

    def __str__(self) -> str:
        part = self.goal or self.indicator or self.activity
        return f"{self.user} rapporterar {part} ({self.organisation.code})"


class ApiToken(models.Model):
    """A user's key to the REST API: it acts with the user's rights. Only a hash of the token is
    stored (``styrkort.accounts.tokens``); the token itself is shown once, when it is created."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, blank=True)
    prefix = models.CharField(max_length=16, help_text="the token's first characters, to recognise it")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["user", "-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.user} – {self.prefix}… {self.name}".strip()

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
