"""The organisation tree: municipality → committee → department → unit."""

from __future__ import annotations

from django.db import models


class Organisation(models.Model):
    """A node of the organisation tree, identified by a short code."""

    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", "Kommun"
        COMMITTEE = "committee", "Nämnd"
        DEPARTMENT = "department", "Avdelning"
        UNIT = "unit", "Enhet"

    code = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )

    class Meta:
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind="municipality", parent__isnull=True) | ~models.Q(kind="municipality"),
                name="organisation_municipality_is_root",
            ),
            models.CheckConstraint(
                condition=models.Q(kind="municipality") | models.Q(parent__isnull=False),
                name="organisation_non_municipality_has_parent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"
