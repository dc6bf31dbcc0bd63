"""Saving edits with optimistic locking: a stale version is refused, nothing is saved partially.

Every editable row carries a ``version``. The page sends back the version it showed; a save
first *claims* the row by raising its version only where the stored version still equals the
one shown (one conditional UPDATE, race-free on every database), then saves the new values
with ``save()`` so the lock and the audit trail see them. All edits of one request are one
transaction: one conflict and nothing is saved.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import models, transaction
from django.db.models import F

from styrkort.domain.numbers import same_figure


@dataclass
class Edit:
    """New values for one versioned row (and, optionally, for a row it guards, e.g. an activity)."""

    row: Any
    shown_version: int
    values: dict[str, Any]
    guarded: Any = None
    guarded_values: dict[str, Any] = field(default_factory=dict)

    def changed(self) -> bool:
        return bool(
            _changes(self.row, self.values) or (self.guarded and _changes(self.guarded, self.guarded_values))
        )


class ConflictError(Exception):
    """Someone saved these rows after the user loaded them."""

    def __init__(self, rows: list[models.Model]):
        super().__init__(f"{len(rows)} rader har ändrats av någon annan")
        self.rows = rows


def _changes(row: models.Model, values: dict[str, Any]) -> dict[str, Any]:
    """The values that differ from the row's; a figure's precision counts (1,0 is not 1)."""
    return {name: value for name, value in values.items() if not _same(getattr(row, name), value)}


def _same(stored: Any, value: Any) -> bool:
    if isinstance(stored, Decimal) or isinstance(value, Decimal):
        return (
            isinstance(stored, Decimal | None)
            and isinstance(value, Decimal | None)
            and same_figure(stored, value)
        )
    return bool(stored == value)


def save_edits(edits: list[Edit]) -> list[models.Model]:
    """Save the edits that change something; ConflictError (and nothing saved) on a stale version."""
    saved, conflicts = [], []
    with transaction.atomic():
        for edit in edits:
            if not edit.changed():
                continue
            model: Any = type(edit.row)
            claimed = model.objects.filter(pk=edit.row.pk, version=edit.shown_version).update(
                version=F("version") + 1
            )
            if not claimed:
                conflicts.append(edit.row)
                continue
            changes = _changes(edit.row, edit.values)
            for name, value in changes.items():
                setattr(edit.row, name, value)
            edit.row.version = edit.shown_version + 1
            edit.row.save(update_fields=[*changes, "version"])
            if edit.guarded is not None:
                guarded_changes = _changes(edit.guarded, edit.guarded_values)
                for name, value in guarded_changes.items():
                    setattr(edit.guarded, name, value)
                if guarded_changes:
                    edit.guarded.save(update_fields=list(guarded_changes))
            saved.append(edit.row)
        if conflicts:
            transaction.set_rollback(True)
    if conflicts:
        raise ConflictError(conflicts)
    return saved
