"""Converting stored figures when a column becomes a ``FigureField`` (used by migrations).

Figures used to be ``numeric(20, 6)`` on PostgreSQL, padded to six decimals ("38.200000"), and
binary floats or integers on SQLite. The values themselves are kept; only the padding goes:
PostgreSQL trims the scale with ``trim_scale`` (PostgreSQL 13 or later), SQLite rewrites each
value's text the same way in Python ("38.2", "2471", an old float in exponent notation as its
plain digits). A value that is no figure is left as it is (it reads as missing, see
``fields.FigureField``). The old code normalised every figure it read, so nothing a user saw is
lost.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import Decimal, InvalidOperation
from typing import Any

from styrkort.domain.numbers import normalise, plain


def trim_padded_scales(columns: Iterable[tuple[str, str]]) -> Callable[[Any, Any], None]:
    """A ``RunPython`` function trimming the padded scale of (model name, field name) columns."""
    columns = tuple(columns)

    def run(apps: Any, schema_editor: Any) -> None:
        connection = schema_editor.connection
        quote = connection.ops.quote_name
        for model_label, field_name in columns:
            model = apps.get_model(model_label)
            table = quote(model._meta.db_table)
            column = quote(model._meta.get_field(field_name).column)
            with connection.cursor() as cursor:
                if connection.vendor == "postgresql":
                    cursor.execute(
                        f"UPDATE {table} SET {column} = trim_scale({column}) WHERE {column} IS NOT NULL"
                    )
                    continue
                cursor.execute(f"SELECT id, {column} FROM {table} WHERE {column} IS NOT NULL")
                for pk, stored in cursor.fetchall():
                    text = _trimmed(stored)
                    if text is not None and text != stored:
                        cursor.execute(f"UPDATE {table} SET {column} = %s WHERE id = %s", [text, pk])

    return run


def _trimmed(stored: Any) -> str | None:
    try:
        value = Decimal(str(stored).strip())
    except (InvalidOperation, ValueError):
        return None
    if not value.is_finite():
        return None
    return plain(normalise(value))
