"""One definition of a figure for the models and the forms.

``FigureField`` is the model field of every figure column. It stores the figure exactly, with
the precision it was given (``Decimal("1.0")`` stays ``1.0``): PostgreSQL as ``numeric``
without precision or scale (which keeps each value's scale), SQLite as ``text`` (SQLite's
NUMERIC affinity would turn decimals into binary floats, and a value of 10^14 or more would
then come back in exponent notation that no longer reads as the figure).

Each column is bounded by its kind's ``Bounds`` (integer digits and decimals at most; the table
of kinds and the reasons are in ``styrkort.domain.numbers``): indicator figures 12 digits and 4
decimals, mnkr tables 6 and 1, result units in tkr 9 and 1, fund applications in kronor 12 and 0,
volumes 9 and 2. A figure out of bounds is refused
when it is saved, with ``FigureError`` (a ``ValueError``) and a Swedish message naming the
column and the limit; it is never rounded, truncated or stored. Reading never fails: a value
put into the database by hand that is out of bounds reads as it is; one that is no figure at
all (``NaN``, text, a blob, an absurd exponent) reads as missing (``None``) and is logged.

``SwedishNumberField`` is the form field of a figure: strict Swedish input
(``styrkort.domain.numbers.parse_number``), the column's bounds and unit, and an input that
shows the figure as recorded, so what a page shows parses back to the identical ``Decimal``.
It is the model field's form field too (the admin uses it).
"""

from __future__ import annotations

import logging
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.core import checks
from django.core.exceptions import ValidationError
from django.db import models

from styrkort.domain.numbers import (
    INDICATOR,
    Bounds,
    FigureError,
    figure_problem,
    format_number,
    from_exchange,
    parse_number,
    plain,
)

logger = logging.getLogger(__name__)

# No figure is typed longer than this (12 digits, separators, 4 decimals, a sign and a unit).
_LONGEST_INPUT = 100
# Beyond these a value read from the database is no figure anyone entered (see ``_read``).
_SANE_DIGITS = 100


class FigureField(models.Field):
    """A figure column: exact Decimal with its scale, bounded by integer digits and decimals."""

    description = "A figure (a Decimal with its recorded precision, bounded)"
    empty_strings_allowed = False

    def __init__(self, *args: Any, digits: int, decimals: int, unit: str = "", **kwargs: Any) -> None:
        self.bounds = Bounds(digits, decimals, unit)
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        kwargs.update(digits=self.bounds.digits, decimals=self.bounds.decimals)
        if self.bounds.unit:
            kwargs["unit"] = self.bounds.unit
        return name, path, args, kwargs

    def check(self, **kwargs: Any) -> list[checks.CheckMessage]:
        errors = super().check(**kwargs)
        if self.bounds.digits < 1 or self.bounds.decimals < 0:
            errors.append(checks.Error("digits must be at least 1, decimals at least 0", obj=self))
        return errors

    def db_type(self, connection: Any) -> str:
        return "numeric" if connection.vendor == "postgresql" else "text"

    def get_internal_type(self) -> str:
        return "FigureField"

    # -- Python ↔ database ------------------------------------------------------------------

    def to_python(self, value: Any) -> Decimal | None:
        if value is None or isinstance(value, Decimal):
            return value
        if isinstance(value, int):
            return Decimal(value)
        if isinstance(value, str):
            try:  # the plain notation of fixtures and value_to_string ("38.2"), else Swedish ("38,2")
                return from_exchange(value.strip())
            except ValueError:
                pass
            try:
                return parse_number(value, self.bounds)
            except FigureError as error:
                raise ValidationError(str(error), code="invalid") from error
        raise ValidationError(f"{value!r} är inte ett tal", code="invalid")

    def get_prep_value(self, value: Any) -> Decimal | None:
        value = super().get_prep_value(value)
        if value is None:
            return None
        if isinstance(value, int) and not isinstance(value, bool):
            value = Decimal(value)
        if not isinstance(value, Decimal):
            raise FigureError(f"{self._where()}: {value!r} är inte ett tal")
        problem = figure_problem(value, self.bounds)
        if problem is not None:
            raise FigureError(f"{self._where()}: talet {format_number(value)} {problem}")
        return value.copy_abs() if value.is_zero() else value

    def get_db_prep_value(self, value: Any, connection: Any, prepared: bool = False) -> Any:
        if not prepared:
            value = self.get_prep_value(value)
        if value is None or connection.vendor == "postgresql":
            return value
        return plain(value)

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Decimal | None:
        return self._read(value)

    def _read(self, value: Any) -> Decimal | None:
        if value is None:
            return None
        figure = _figure_or_none(value)
        if figure is None:
            logger.warning("%s: the stored value %r is no figure; it reads as missing", self._where(), value)
        return figure

    def _where(self) -> str:
        return str(self.verbose_name)

    def value_to_string(self, obj: models.Model) -> str:
        value = self.value_from_object(obj)
        return "" if value is None else plain(value)

    def formfield(self, form_class: Any = None, choices_form_class: Any = None, **kwargs: Any) -> Any:
        return super().formfield(
            form_class=form_class or SwedishNumberField,
            choices_form_class=choices_form_class,
            **{"bounds": self.bounds, **kwargs},
        )


def _figure_or_none(value: Any) -> Decimal | None:
    """A stored value as a figure, or None where it is none (NaN, text, a blob, an absurd exponent)."""
    if isinstance(value, bytes | bool):
        return None
    try:
        figure = value if isinstance(value, Decimal) else Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        return None
    if not figure.is_finite():
        return None
    _, digits, exponent = figure.as_tuple()
    if len(digits) > _SANE_DIGITS or abs(int(exponent)) > _SANE_DIGITS:
        return None
    if isinstance(exponent, int) and exponent > 0:  # "1E+2" typed into the database: 100
        figure = figure.quantize(Decimal(1))
    return figure


def figure(kind: Bounds, verbose_name: str | None = None) -> FigureField:
    """A nullable figure column of a kind (``numbers.MNKR`` …): missing is NULL, never 0."""
    return FigureField(
        verbose_name, digits=kind.digits, decimals=kind.decimals, unit=kind.unit, null=True, blank=True
    )


class SwedishNumberField(forms.CharField):
    """A figure typed the Swedish way ("38,2", "38,2 %", "2 471,8", "−5"); empty is None (missing).

    ``bounds`` limits the figure (digits and decimals) and names the unit that may be typed
    after it; ``unit`` overrides that unit (an indicator's unit is per row). The input shows a
    stored figure as recorded ("1,0" stays "1,0"), so it parses back to the identical Decimal;
    what the user typed is shown back as typed.
    """

    def __init__(self, *, bounds: Bounds = INDICATOR, unit: str | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.pop("max_length", None)  # the model field's formfield passes none; a figure is short
        self.bounds = bounds
        self.unit = bounds.unit if unit is None else unit
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        return value if isinstance(value, str) or value is None else format_number(value)

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        text = super().to_python(value) or ""
        if len(text) > _LONGEST_INPUT:
            raise ValidationError(
                f"för lång text för ett tal ({len(text)} tecken); skriv t.ex. {format_number(Decimal('2471.8'))}",
                code="invalid",
            )
        try:
            return parse_number(text, self.bounds, self.unit)
        except FigureError as error:
            raise ValidationError(str(error), code="invalid") from error

    def has_changed(self, initial: Any, data: Any) -> bool:
        try:
            typed = self.to_python(data)
        except ValidationError:
            return True
        shown = initial if isinstance(initial, Decimal) or initial is None else self.to_python(initial)
        if typed is None or shown is None:
            return typed is not shown
        return plain(typed) != plain(shown)
