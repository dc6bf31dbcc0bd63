"""The economy tables' inputs as strings: built from the stored rows for a page that is only shown,
from the bound forms after a refused save.

A large committee's economy page has about 1 700 inputs; building a Django form per row only to
print them cost more than the rest of the page. A page that is only shown builds none: each
editable row gets its ``Inputs`` from the stored row (``stored_inputs``), named and valued as
the row's form in its formset would print them (``<prefix>-<n>-<field>``, the hidden ``row``
input with the row's id, the hidden ``initial-…`` input with the value shown, as Django writes
them). A save binds the forms as always (``web.editing``), and a page shown again after a refused
save takes its inputs from those forms (``bound_inputs``): what was typed, and the errors.
The tests pin both against what the forms themselves print.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Any

from django.utils.safestring import SafeString, mark_safe

from styrkort.web.editing import Row, RowForm, shown_as
from styrkort.web.templatetags.styrkort import shown_initial

MAX_FORMS = 2000  # ``RowForms``' formsets: max_num


def _hidden(name: str, value: str, id_: str) -> SafeString:
    """A hidden input as Django's ``HiddenInput`` writes it (no value attribute for ""): what
    ``render_input`` writes for it, with only the three values escaped (some 300 inputs a page)."""
    shown = f' value="{escape(value)}"' if value else ""
    # SafeString, not mark_safe: the same for a str, without mark_safe's check for lazy strings.
    return SafeString(f'<input type="hidden" name="{escape(name)}"{shown} id="{escape(id_)}">')


@dataclass(frozen=True)
class Cell:
    """An editable cell: its input, the hidden value the page shows, its label and errors.

    Prints itself (``{{ cell }}``) as the economy tables' ``<td>``; ``text`` for a text column."""

    prefix: str  # the row's form prefix ("o-3")
    field: str  # the field's name ("budget")
    value: str  # what the input shows
    label: str  # the field's label and the row's ("Budget, Förskola")
    initial: SafeString  # the hidden ``initial-…`` input
    text: bool = False
    errors: str = ""  # the field's errors, joined

    @property
    def name(self) -> str:
        return f"{self.prefix}-{self.field}"

    @property
    def id(self) -> str:
        return f"id_{self.prefix}-{self.field}"

    @property
    def cell_id(self) -> str:
        return f"{self.prefix}-{self.field}-field"

    def __str__(self) -> str:
        return self.__html__()

    def __html__(self) -> SafeString:
        id_ = escape(self.id)
        invalid = error = ""
        if self.errors:
            invalid = f'aria-invalid="true" aria-describedby="{id_}-fel"'
            error = f'<span class="error-inline" id="{id_}-fel">{escape(self.errors)}</span>'
        kind, mode, size = (
            ("input text", "", "") if self.text else ("input", ' inputmode="decimal"', ' size="8"')
        )
        return SafeString(  # every value is escaped here or by _hidden
            f'<td class="{kind}" id="{escape(self.cell_id)}">\n'
            f'  <label class="visually-hidden" for="{id_}">{escape(self.label)}</label>\n'
            f'  <input type="text"{mode} name="{escape(self.name)}" id="{id_}"'
            f' value="{escape(self.value)}"{size} autocomplete="off"\n'
            f"    {invalid}>\n"
            f"  {self.initial}\n"
            f"  {error}\n"
            "</td>\n"
        )


@dataclass(frozen=True)
class Inputs:
    """An editable row's inputs: its form prefix, the hidden row id and a cell per field (in the
    form's order)."""

    prefix: str
    hidden: SafeString
    cells: dict[str, Cell]


@dataclass
class SheetRow(Row):
    """A row of the economy tables; ``inputs`` where the user may edit it."""

    inputs: Inputs | None = None

    @property
    def dom_id(self) -> str:
        return self.inputs.prefix if self.inputs is not None else super().dom_id


def _is_text(form_class: type[RowForm], name: str) -> bool:
    return name not in getattr(form_class, "FIGURES", ())


def stored_inputs(
    form_class: type[RowForm], prefix: str, obj: Any, label: str, labels: dict[str, str] | None = None
) -> Inputs:
    """The inputs of a stored row as its unbound form (``prefix``) prints them; ``labels``
    overrides fields' labels (a volume cell's column)."""
    fields = form_class.base_fields
    cells = {}
    for name in form_class.base_fields:
        if name == "row":
            continue
        shown = shown_as(fields[name], getattr(form_class.holder(obj, name), name))
        field_label = (labels or {}).get(name) or str(fields[name].label)
        html_name = f"{prefix}-{name}"
        initial = _hidden(f"initial-{html_name}", shown, f"initial-{prefix}-id_{html_name}")
        cells[name] = Cell(
            prefix, name, shown, f"{field_label}, {label}", initial, _is_text(form_class, name)
        )
    row = _hidden(f"{prefix}-row", str(obj.pk), f"id_{prefix}-row")
    return Inputs(prefix, row, cells)


def bound_inputs(form: RowForm, label: str) -> Inputs:
    """The inputs of a row's form as it prints them: what was typed (or shown), and the errors."""
    cells = {}
    prefix = form.prefix or ""
    for bound in form.visible_fields():
        value = bound.value()
        cells[bound.name] = Cell(
            prefix,
            bound.name,
            "" if value is None else str(value),
            f"{bound.label}, {label}",
            mark_safe(str(shown_initial(bound))),  # noqa: S308 - Django's own rendering
            _is_text(type(form), bound.name),
            " ".join(str(error) for error in bound.errors),
        )
    return Inputs(prefix, mark_safe(str(form["row"])), cells)  # noqa: S308 - Django's own rendering


@dataclass
class Management:
    """A formset's management form as a page that is only shown writes it (every form initial)."""

    prefix: str
    forms: int

    def __html__(self) -> SafeString:
        parts = (
            ("TOTAL_FORMS", self.forms),
            ("INITIAL_FORMS", self.forms),
            ("MIN_NUM_FORMS", 0),
            ("MAX_NUM_FORMS", MAX_FORMS),
        )
        return mark_safe(  # noqa: S308 - _hidden escapes
            "".join(_hidden(f"{self.prefix}-{name}", str(n), f"id_{self.prefix}-{name}") for name, n in parts)
        )

    def __str__(self) -> str:
        return self.__html__()
