"""The organisation tree: municipality → committee → department → unit.

The tree has no cycles: ``clean`` and ``save`` refuse a parent that is the organisation itself
or lies beneath it, and the database holds the same rule (a CHECK that the parent is not the
row itself; a trigger for longer cycles, see migration 0002), for writes that bypass the model.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models

# Kolada's ids go into its URLs: letters and digits only (a municipality "0180", a unit "V15E018000301").
KOLADA_ID = RegexValidator(r"^[A-Z0-9]{1,20}\Z", "ett Kolada-id består av versaler A–Z och siffror")
KOLADA_MUNICIPALITY_ID = RegexValidator(r"^[0-9]{4}\Z", "en kommuns Kolada-id är fyra siffror, t.ex. 0180")


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
    # A default in the database too, so rows written past the model (older code, SQL) get "".
    kolada_id = models.CharField(
        "Kolada-id",
        max_length=20,
        blank=True,
        default="",
        db_default="",
        validators=[KOLADA_ID],
        help_text="a municipality: its Kolada municipality id (0180); a unit: its Kolada OU id",
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
            models.CheckConstraint(
                condition=~models.Q(parent=models.F("pk")), name="organisation_parent_is_not_itself"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def save(self, *args, **kwargs) -> None:
        self.check_no_cycle()
        super().save(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        self.check_no_cycle()
        if self.kind == self.Kind.MUNICIPALITY and self.kolada_id:
            try:
                KOLADA_MUNICIPALITY_ID(self.kolada_id)
            except ValidationError as error:
                raise ValidationError({"kolada_id": error.messages}) from None

    def check_no_cycle(self) -> None:
        """Refuse (``ValidationError``, in Swedish) a parent that is this organisation or lies beneath it."""
        if self.pk is None or self.parent_id is None:
            return  # a new organisation has nothing beneath it
        seen = {self.pk}
        node_id: int | None = self.parent_id
        while node_id is not None:
            if node_id in seen:
                raise ValidationError(
                    {
                        "parent": f"”{self.code}” kan inte ligga under sig själv eller under en egen underorganisation"
                    }
                )
            seen.add(node_id)
            node_id = Organisation.objects.filter(pk=node_id).values_list("parent_id", flat=True).first()
