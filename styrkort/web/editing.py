"""Edits that never overwrite anyone silently and never lose what a user typed.

How a page edits stored rows:

- Each editable row is a form of one formset (``RowForm``): a hidden ``row`` (the stored row's
  id) and fields that send back, beside what the user typed, the value the page showed (Django's
  ``show_hidden_initial``: an ``initial-…`` hidden input per field).
- A save compares three values per field (``merge``): what the page showed, what the user sent
  ("mine") and what is stored now ("theirs"). The user changed a field when mine differs from
  what was shown; only those fields are written. A conflict arises only where someone else
  changed the same field too (stored ≠ shown) and to something else (stored ≠ mine). Values are
  compared as the field shows them on the page (``same_as_shown``). The rule and the save live
  in ``styrkort.storage.edits`` (the spreadsheet import saves through them too; re-exported here).
- ``save_edits`` reads the rows again under a row lock, merges, and either writes every change
  (each row's ``version`` raised once, through ``save()`` so the report lock and the audit trail
  see it) or, on any conflict, nothing: ``ConflictError`` names each field with both values and
  who changed it last. A save that changes nothing writes nothing: no version, no audit row.
- ``RowForms`` pairs the forms with the page's rows (``Row``, the one row type of the editable
  tables), turns them into edits, and after a refused save shows everything the user typed
  again; for a conflict with both values and a choice per field, "keep mine" or "take theirs",
  which works without JavaScript.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any, ClassVar

from django import forms
from django.core.exceptions import ValidationError
from django.http import QueryDict

from styrkort.storage.edits import (
    UNKNOWN,
    ConflictError,
    Edit,
    FieldConflict,
    LostRowsError,
    Merged,
    Same,
    merge,
    require_open,
    save_edits,
)

__all__ = [
    "UNKNOWN",
    "ConflictError",
    "Edit",
    "FieldConflict",
    "LostRowsError",
    "Merged",
    "Same",
    "merge",
    "require_open",
    "save_edits",
]

KEEP_MINE, TAKE_THEIRS = "mine", "theirs"


# --- forms: one per row, carrying the values shown ---------------------------------------------


def shown_as(field: forms.Field, value: Any) -> str:
    """A value as the field shows it on the page (``""`` for missing)."""
    if value is None or value is UNKNOWN:
        return ""
    prepared = field.prepare_value(value)
    return "" if prepared is None else str(prepared)


def displayed(field: forms.Field, value: Any) -> str:
    """A value in words for a person: a choice by its label, everything else as shown."""
    if isinstance(field, forms.ChoiceField):
        return str(dict(field.choices).get(value, value))  # type: ignore[arg-type]
    return shown_as(field, value)


def same_as_shown(form: forms.Form) -> Same:
    """Two values are the same where the page shows them alike ("38,2" for 38.2 and 38.200000)."""

    def same(name: str, a: Any, b: Any) -> bool:
        if a is UNKNOWN or b is UNKNOWN:
            return False
        field_ = form.fields[name]
        return shown_as(field_, a) == shown_as(field_, b)

    return same


class RowForm(forms.Form):
    """One stored row's form in a page's formset: the row's id, and fields that carry the value shown.

    ``PARTS`` names, for fields stored on a related row, the attribute that holds it (an
    activity's dates: ``{"start": "activity"}``). ``derive`` computes stored columns from the
    merged row (an operating row's deviation).
    """

    row = forms.IntegerField(widget=forms.HiddenInput)
    PARTS: ClassVar[dict[str, str]] = {}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in self.edited:
            self.fields[name].show_hidden_initial = True

    @property
    def edited(self) -> list[str]:
        return [name for name in self.fields if name != "row"]

    @classmethod
    def holder(cls, obj: Any, name: str) -> Any:
        part = cls.PARTS.get(name)
        return getattr(obj, part) if part else obj

    @classmethod
    def initial_of(cls, obj: Any) -> dict[str, Any]:
        names = [name for name in cls.base_fields if name != "row"]
        return {"row": obj.pk, **{name: getattr(cls.holder(obj, name), name) for name in names}}

    def derive(self, obj: Any) -> dict[str, Any]:
        return {}

    def sent_row(self) -> int | None:
        try:
            return int(self.data.get(self.add_prefix("row"), ""))
        except (TypeError, ValueError):
            return None

    def sent(self, name: str) -> bool:
        """Whether the page had the field (a field it did not show is not edited)."""
        return self.add_prefix(name) in self.data or self.add_initial_prefix(name) in self.data

    def shown(self) -> dict[str, Any]:
        """The values the page showed, as sent back; UNKNOWN where it sent none, or nonsense."""
        values: dict[str, Any] = {}
        for name in self.edited:
            raw = self.data.get(self.add_initial_prefix(name))
            try:
                values[name] = UNKNOWN if raw is None else self.fields[name].to_python(raw)
            except ValidationError:
                values[name] = UNKNOWN
        return values

    def edits(self, obj: Any) -> list[Edit]:
        """The valid form's edits: one per stored row its fields belong to."""
        shown, same = self.shown(), same_as_shown(self)
        keep = frozenset(
            name for name in self.edited if self.data.get(f"{self.add_prefix(name)}-keep") == TAKE_THEIRS
        )
        parts: dict[str, list[str]] = {}
        for name in self.edited:
            if self.sent(name):
                parts.setdefault(self.PARTS.get(name, ""), []).append(name)
        return [
            Edit(
                getattr(obj, part) if part else obj,
                {name: shown[name] for name in names},
                {name: self.cleaned_data[name] for name in names},
                same,
                keep,
                self.prefix or "",
                None if part else self.derive,
            )
            for part, names in parts.items()
        ]


@dataclass(frozen=True)
class ShownConflict:
    """A conflict as the page shows it: both values and the user's choice between them."""

    name: str  # the input's name; the choice is sent as ``<name>-keep``
    label: str
    mine: str
    theirs: str
    by: str
    at: datetime | None
    take_theirs: bool
    gone: bool


@dataclass
class Row:
    """One row of an editable table: the stored row, its form (None where the user may not edit
    it) and what the page shows beside it (figures to compute with, what the rules derive)."""

    obj: Any
    label: str
    form: Any = None
    kind: str = "row"  # "row", "part" (a "varav" row) or "total"
    figures: dict[str, Decimal | None] = field(default_factory=dict)
    derived: dict[str, Any] = field(default_factory=dict)
    extra: Any = None
    key: str = ""
    conflicts: list[ShownConflict] = field(default_factory=list)

    @property
    def dom_id(self) -> str:
        return self.form.prefix if self.form is not None else self.key

    @property
    def total_cells(self) -> list[tuple[str, Decimal | None]]:
        """A total row's cells: (element id, figure), in column order."""
        return [(f"{self.key}-{column}", self.figures.get(column)) for column in self.extra or ()]

    def typed(
        self, names: Iterable[str], stored: Callable[[Any], Any] = lambda value: value
    ) -> dict[str, Any]:
        """The row's values to compute with: typed where the form has a valid value, else stored."""
        values = {name: stored(getattr(self.obj, name)) for name in names}
        if self.form is not None and self.form.is_bound:
            self.form.is_valid()
            values.update(
                {name: self.form.cleaned_data[name] for name in values if name in self.form.cleaned_data}
            )
        return values


class RowForms:
    """A page's editable rows as one formset, each form paired with its row by the row's id."""

    def __init__(
        self,
        form_class: type[RowForm],
        rows: list[Row],
        data: QueryDict | None = None,
        prefix: str = "rad",
        editable: Callable[[Row], bool] = lambda row: True,
        setup: Callable[[Row, Any], None] | None = None,
    ) -> None:
        """``setup(row, form)`` adapts a row's form to its row (e.g. the indicator's unit)."""
        self.form_class, self.rows, self.prefix = form_class, rows, prefix
        self.formset_class = forms.formset_factory(form_class, extra=0, max_num=2000, absolute_max=2000)
        self.notice_title = self.notice = ""  # why nothing was saved (Swedish)
        self.can_save = True
        self.lost: list[RowForm] = []  # forms the user changed whose row is gone or not theirs
        self.setup = setup
        self._bind(data, [row for row in rows if editable(row)])

    def _bind(self, data: QueryDict | None, candidates: list[Row]) -> None:
        """Pair the forms with their rows (and adapt each with ``setup``, again after a conflict)."""
        self._pair(data, candidates)
        if self.setup is not None:
            for row in self.rows:
                if row.form is not None:
                    self.setup(row, row.form)

    def _pair(self, data: QueryDict | None, candidates: list[Row]) -> None:
        for row in self.rows:
            row.form = None
        if data is None:
            initial = [self.form_class.initial_of(row.obj) for row in candidates]
            self.formset = self.formset_class(prefix=self.prefix, initial=initial)
            for row, form in zip(candidates, self.formset.forms, strict=True):
                row.form = form
            return
        self.formset = self.formset_class(data, prefix=self.prefix)
        by_pk = {row.obj.pk: row for row in candidates}
        orphans: list[RowForm] = []
        for form in self.formset.forms:
            shown = {name: value for name, value in form.shown().items() if value is not UNKNOWN}
            form.initial = {"row": form.sent_row(), **shown}  # shown again as it was shown first
            paired = by_pk.pop(form.sent_row(), None)  # type: ignore[arg-type]
            if paired is None:
                orphans.append(form)
            else:
                paired.form = form
        self.lost = [form for form in orphans if _typed_over(form)]

    @property
    def bound(self) -> list[Row]:
        return [row for row in self.rows if row.form is not None and row.form.is_bound]

    def is_valid(self) -> bool:
        """Whether every form sent is valid (a table whose forms were not sent has none)."""
        return all([row.form.is_valid() for row in self.bound])

    @property
    def errors(self) -> list[tuple[Row, str, list[str]]]:
        """(row, field name, messages) of every invalid field, in page order."""
        return [
            (row, name, list(messages))
            for row in self.bound
            for name, messages in row.form.errors.items()
            if name in row.form.fields
        ]

    def edits(self) -> list[Edit]:
        if self.lost:
            raise LostRowsError(f"{len(self.lost)} rader finns inte längre")
        return [edit for row in self.bound for edit in row.form.edits(row.obj)]

    def show_conflicts(self, error: ConflictError) -> None:
        """Show the page again for a conflict: the user's values stay in the fields; each
        conflicting field now counts the other value as shown, with a choice between the two;
        fields the user left alone show what is stored now."""
        conflicts = {(conflict.key, conflict.field): conflict for conflict in error.conflicts}
        data = QueryDict(mutable=True)
        data.update(self.formset.data)
        for row in self.bound:
            form = row.form
            shown, same = form.shown(), same_as_shown(form)
            for name in form.edited:
                conflict = conflicts.get((form.prefix, name))
                if conflict is not None:
                    data[form.add_initial_prefix(name)] = shown_as(form.fields[name], conflict.theirs)
                    continue
                holder = form.holder(row.obj, name)
                now = error.fresh.get((type(holder), holder.pk))
                typed = form.cleaned_data.get(name, UNKNOWN)
                if now is not None and form.sent(name) and same(name, typed, shown[name]):
                    value = shown_as(form.fields[name], getattr(now, name))
                    data[form.add_prefix(name)] = data[form.add_initial_prefix(name)] = value
        had_forms = {id(row) for row in self.bound}
        self._bind(data, [row for row in self.rows if id(row) in had_forms])
        for row in self.bound:
            form = row.form
            form.is_valid()
            row.conflicts = [
                ShownConflict(
                    name=form.add_prefix(name),
                    label=str(form.fields[name].label),
                    mine=displayed(form.fields[name], conflict.mine),
                    theirs=displayed(form.fields[name], conflict.theirs),
                    by=conflict.by,
                    at=conflict.at,
                    take_theirs=data.get(f"{form.add_prefix(name)}-keep") == TAKE_THEIRS,
                    gone=conflict.row is None,
                )
                for name in form.edited
                if (conflict := conflicts.get((form.prefix, name))) is not None
            ]

    @property
    def lost_texts(self) -> list[tuple[str, str]]:
        """What the user typed in rows that are gone: (field label, text)."""
        return [
            (str(form.fields[name].label), form.data.get(form.add_prefix(name), ""))
            for form in self.lost
            for name in form.edited
            if form.data.get(form.add_prefix(name)) != form.data.get(form.add_initial_prefix(name))
        ]


def _typed_over(form: RowForm) -> bool:
    """Whether anything sent differs from what the page showed (as typed: no parsing)."""
    return any(
        form.data.get(form.add_prefix(name)) != form.data.get(form.add_initial_prefix(name))
        for name in form.edited
        if form.sent(name)
    )
