"""Saving edits of stored rows: field by field, never overwriting anyone silently.

The rule (``merge``): per field, three values: what the user was shown, what the user sends
("mine") and what is stored now ("theirs"). The user changed a field when mine differs from what
was shown; only those fields are written. A conflict arises only where someone else changed the
same field too (stored ≠ shown) and to something else (stored ≠ mine).

``save_edits`` reads the rows again under a row lock, merges, and either writes every change
(each row's ``version`` raised once, through ``save()`` so the report lock and the audit trail
see it) or, on any conflict, nothing: ``ConflictError`` names each field with both values and
who changed it last. A save that changes nothing writes nothing: no version, no audit row.

The web pages (``styrkort.web.editing``) and the spreadsheet import (``styrkort.spreadsheets``)
both save through here, so a figure typed on a page and one read from a file follow one rule.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import Q

from styrkort.accounts.access import EDITABLE_STATES
from styrkort.audit.models import Change
from styrkort.followup.lock import LockedReportError, report_filter
from styrkort.followup.models import Report


class _Unknown:
    """A value the page did not send back: equal to nothing, so it never hides a change."""

    def __repr__(self) -> str:
        return "UNKNOWN"


UNKNOWN: Any = _Unknown()
Same = Callable[[str, Any, Any], bool]


def _equal(name: str, a: Any, b: Any) -> bool:
    return a is not UNKNOWN and b is not UNKNOWN and a == b


# --- the rule, pure --------------------------------------------------------------------------


@dataclass(frozen=True)
class Merged:
    """What a save writes into one row, and the fields where it must ask the user first."""

    writes: dict[str, Any]
    conflicts: tuple[str, ...]


def merge(
    shown: dict[str, Any],
    mine: dict[str, Any],
    stored: dict[str, Any],
    same: Same = _equal,
    keep_theirs: Iterable[str] = (),
) -> Merged:
    """Field by field: write what the user changed from what the page showed, unless someone else
    changed the same field to something else since (a conflict). Fields the user left as shown,
    and fields where the user chose to take the other value, are never written."""
    writes: dict[str, Any] = {}
    conflicts: list[str] = []
    for name, value in mine.items():
        was = shown.get(name, UNKNOWN)
        if name in keep_theirs or same(name, value, was):
            continue  # not changed by the user
        if same(name, value, stored[name]):
            continue  # already as the user wants it
        if same(name, stored[name], was):
            writes[name] = value
        else:
            conflicts.append(name)
    return Merged(writes, tuple(conflicts))


# --- saving ----------------------------------------------------------------------------------


@dataclass
class Edit:
    """What one form asks of one stored row: the values the page showed and those the user sent."""

    row: models.Model
    shown: dict[str, Any]
    mine: dict[str, Any]
    same: Same = _equal
    keep_theirs: frozenset[str] = frozenset()
    key: str = ""  # where on the page: the form's prefix
    derive: Callable[[Any], dict[str, Any]] | None = None  # columns computed from the merged row

    def changes(self) -> bool:
        """Whether the user changed any field from what the page showed."""
        return any(
            name not in self.keep_theirs and not self.same(name, value, self.shown.get(name, UNKNOWN))
            for name, value in self.mine.items()
        )


@dataclass(frozen=True)
class FieldConflict:
    """A field the user changed that someone else changed too, to something else."""

    key: str  # the form's prefix
    field: str
    mine: Any
    theirs: Any
    row: Any = None  # the row as stored now; None: it no longer exists
    by: str = ""
    at: datetime | None = None


class ConflictError(Exception):
    """Someone else changed fields the user changed; nothing was saved."""

    def __init__(self, conflicts: list[FieldConflict], fresh: dict[tuple[type, Any], Any] | None = None):
        super().__init__(f"{len(conflicts)} fält har ändrats av någon annan")
        self.conflicts = conflicts
        self.fresh = fresh or {}


def save_edits(edits: Iterable[Edit], report: Report | None = None) -> list[models.Model]:
    """Save what the user changed, field by field, in one transaction; ConflictError (and nothing
    saved) where someone else changed the same field. Returns the rows written (each with its
    version raised once); an edit that changes nothing writes nothing.

    The rows are read again at the save, under a row lock (one query per model), and merged with
    what is stored then. Nothing can slip in between the read and the write: PostgreSQL holds the
    row locks until the commit; SQLite lets one transaction write at a time and refuses ("database
    is locked") a write based on a read another write has overtaken, which the pages answer with
    the typed text kept. Rows shared by a year's reports (a goal's texts, an activity's dates) are
    not guarded by the report lock; given ``report``, writing one first checks, under a row lock,
    that the report is still open (``require_open``).
    """
    pending = [edit for edit in edits if edit.changes()]
    if not pending:
        return []
    with transaction.atomic():
        return _save(pending, report)


def _save(edits: list[Edit], report: Report | None) -> list[models.Model]:
    fresh = _read_locked(edits)
    plans: list[tuple[Edit, Any, dict[str, Any]]] = []
    conflicts: list[FieldConflict] = []
    for edit in edits:
        current = fresh.get((type(edit.row), edit.row.pk))
        if current is None:  # deleted since the page was shown
            conflicts += [FieldConflict(edit.key, name, value, None) for name, value in edit.mine.items()]
            continue
        stored = {name: getattr(current, name) for name in edit.mine}
        merged = merge(edit.shown, edit.mine, stored, edit.same, edit.keep_theirs)
        conflicts += [
            FieldConflict(edit.key, name, edit.mine[name], stored[name], current) for name in merged.conflicts
        ]
        plans.append((edit, current, merged.writes))
    if conflicts:
        raise ConflictError(_attributed(conflicts), fresh)
    if report is not None and any(writes and report_filter(row) is None for _, row, writes in plans):
        require_open(report)
    saved = []
    for edit, current, writes in plans:
        if not writes:
            continue
        for name, value in writes.items():
            setattr(current, name, value)
        derived = edit.derive(current) if edit.derive else {}
        values = {
            **writes,
            **{name: value for name, value in derived.items() if getattr(current, name) != value},
        }
        for name, value in values.items():
            setattr(current, name, value)
        current.version += 1
        current.save(update_fields=[*values, "version"])
        saved.append(current)
    return saved


def _read_locked(edits: list[Edit]) -> dict[tuple[type, Any], Any]:
    """The edited rows as stored now, locked until the transaction ends (one query per model)."""
    ids: dict[Any, set[Any]] = {}
    for edit in edits:
        ids.setdefault(type(edit.row), set()).add(edit.row.pk)
    return {
        (model, row.pk): row
        for model, pks in ids.items()
        for row in model._default_manager.select_for_update().filter(pk__in=pks)
    }


def _attributed(conflicts: list[FieldConflict]) -> list[FieldConflict]:
    """The conflicts with who changed each field last, and when (the audit trail; one query)."""
    query = Q(pk__in=[])
    for conflict in conflicts:
        if conflict.row is not None:
            content_type = ContentType.objects.get_for_model(type(conflict.row))
            query |= Q(content_type=content_type, object_id=str(conflict.row.pk), field=conflict.field)
    latest: dict[tuple[int, str, str], Change] = {}
    for change in Change.objects.filter(query, action=Change.Action.CHANGED).order_by("-at", "-pk"):
        latest.setdefault((change.content_type_id, change.object_id, change.field), change)
    attributed = []
    for conflict in conflicts:
        last = None
        if conflict.row is not None:
            content_type = ContentType.objects.get_for_model(type(conflict.row))
            last = latest.get((content_type.pk, str(conflict.row.pk), conflict.field))
        attributed.append(replace(conflict, by=last.username, at=last.at) if last else conflict)
    return attributed


class LostRowsError(Exception):
    """The user changed rows that are gone, or no longer theirs to change; nothing was saved."""


def require_open(report: Report) -> None:
    """Refuse (LockedReportError) a save into a report that is no longer open or in review; read
    under a row lock, so an approval cannot slip between this check and the save."""
    current = Report.objects.select_for_update().filter(pk=report.pk).values_list("state", flat=True).first()
    if current not in EDITABLE_STATES:
        raise LockedReportError("rapporten är inte längre öppen")
