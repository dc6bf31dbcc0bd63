"""Read queries whose SQL Django builds once per process, not once per request.

A report page's first view after a change reads the report's goal and economy tables, a handful
of ``values_list`` queries. Django spends more CPU turning each of them into SQL (resolving the
lookups, the joins, the ordering, the converters: ~0.4-1.2 ms each) than the database spends
answering it, and the SQL is the same every time; only the values differ (the report's id, the
period's). ``select(build, values, names)`` asks Django for the SQL of
``build(*values).values_list(*names)`` once per process and shape, and then only binds the values,
runs it and converts each column as the ORM would (``Field.from_db_value``, the backend's
converters).

Where the values sit among the statement's parameters is found by compiling the query twice,
with two sets of stand-in values: a parameter that is the n-th stand-in in both is the n-th
value, one that is equal in both is the query's own constant, and anything else (a parameter
computed from a value, SQL that depends on a value) makes the shape uncompilable, so it is read
through the ORM every time, as it is for values that are not ``int`` or ``str`` (``None`` turns
``=`` into ``IS NULL``, a list's length shapes ``IN``). A shape is named by ``build``'s code:
``build`` must not close over variables or take defaults, or two calls with different SQL would
share one statement (a ``TypeError`` says so). The values are the keys of rows read before (ids,
years): an integer beyond its column's range, which the ORM answers without a query, is an error
on PostgreSQL here. ``tests/ops/test_compiled.py`` compares the rows with the ORM's on SQLite
and PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import EmptyResultSet, FullResultSet
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Model, QuerySet
from django.db.models.query import ValuesListIterable

# Stand-ins: small integers (an integer lookup beyond its column's range compiles to no SQL at
# all) and strings nobody types; two sets, so a value's place shows as the same stand-in in both.
_BASES = (30001, 31001)
_MOST_VALUES = 500


@dataclass(frozen=True)
class _Statement:
    sql: str
    # Per parameter: (the index of the value, or (the query's constant,); the backend's wrapper).
    sources: tuple[tuple[Any, Callable[[Any], Any] | None], ...]
    converters: list[tuple[int, tuple[list[Callable[..., Any]], Any]]]


_statements: dict[tuple[Any, ...], _Statement | None] = {}


def _stand_in(value: int | str, n: int, base: int) -> int | str:
    return base + n if type(value) is int else f"\ufffestand-in {base} {n}"


def _place(parameter: Any, stand_ins: list[int | str]) -> int | None:
    """Which stand-in the parameter is (by value and kind: an int subclass is an int), if any."""
    for n, stand_in in enumerate(stand_ins):
        if (
            isinstance(parameter, type(stand_in))
            and not isinstance(parameter, bool)
            and parameter == stand_in
        ):
            return n
    return None


def _shape_of(
    build: Callable[..., QuerySet[Any]], values: Sequence[Any], names: tuple[str, ...], using: str
) -> tuple[Any, ...]:
    if build.__closure__ or build.__defaults__ or build.__kwdefaults__:
        raise TypeError(
            f"{build.__qualname__}: a compiled query's build may not close over values or have defaults"
        )
    return (build.__code__, names, using, tuple(type(value) for value in values))


def _compile(
    build: Callable[..., QuerySet[Any]], values: Sequence[Any], names: tuple[str, ...], using: str
) -> _Statement | None:
    compiled = []
    for base in _BASES:
        stand_ins = [_stand_in(value, n, base) for n, value in enumerate(values)]
        try:
            query = build(*stand_ins).values_list(*names)
        except (TypeError, ValueError):  # a stand-in the query cannot take: the ORM says why
            return None
        if (
            query._iterable_class is not ValuesListIterable
            or query.query.annotation_select
            or query.query.extra_select
        ):
            return None  # flat, named or annotated rows: the ORM's own row factory is needed
        compiler = query.query.get_compiler(using=using)
        try:
            sql, params = compiler.as_sql()
        except (TypeError, ValueError, EmptyResultSet, FullResultSet):
            return None
        compiled.append((sql, params, compiler, stand_ins))
    (sql, first, compiler, stand_ins), (other_sql, second, _, other_stand_ins) = compiled
    if sql != other_sql or len(first) != len(second):
        return None
    sources: list[Any] = []
    for a, b in zip(first, second, strict=True):
        n, m = _place(a, stand_ins), _place(b, other_stand_ins)
        if n is not None and n == m and type(a) is type(b):
            # The backend's own wrapper of the value (psycopg's Int2 for a small integer column).
            sources.append((n, None if type(a) is type(stand_ins[n]) else type(a)))
        elif n is None and m is None and type(a) is type(b) and a == b:
            sources.append(((a,), None))
        else:
            return None
    columns = [select[0] for select in compiler.select[: compiler.col_count]]
    return _Statement(sql, tuple(sources), list(compiler.get_converters(columns).items()))


def select(
    build: Callable[..., QuerySet[Any]], values: Sequence[Any], names: tuple[str, ...]
) -> list[tuple[Any, ...]]:
    """The rows of ``build(*values).values_list(*names)``, as the ORM gives them, each a tuple."""
    using = DEFAULT_DB_ALIAS  # the project has one database
    compilable = len(values) <= _MOST_VALUES and all(type(value) in (int, str) for value in values)
    if not compilable:
        return list(build(*values).values_list(*names))
    shape = _shape_of(build, values, names, using)
    if shape not in _statements:
        _statements[shape] = _compile(build, values, names, using)
    statement = _statements[shape]
    if statement is None:
        return list(build(*values).values_list(*names))
    connection = connections[using]
    params = [
        (source[0] if type(source) is tuple else values[source] if wrap is None else wrap(values[source]))
        for source, wrap in statement.sources
    ]
    with connection.cursor() as cursor:
        cursor.execute(statement.sql, params)
        found = cursor.fetchall()
    if not statement.converters or not found:
        return [tuple(row) for row in found]
    columns: list[Sequence[Any]] = list(zip(*found, strict=True))  # converted a column at a time
    for position, (functions, expression) in statement.converters:
        column = columns[position]
        for function in functions:
            column = [function(value, expression, connection) for value in column]
        columns[position] = column
    return list(zip(*columns, strict=True))


def instances(
    build: Callable[..., QuerySet[Any]], values: Sequence[Any], *models: tuple[type[Model], str]
) -> list[list[Any]]:
    """Rows of a table and of the tables it joins (each ``(model, path from the first)``, a path
    such as ``"goal__parent__"``) read in one ``select``, as model instances in the query's order,
    each once (by primary key); an outer join that found nothing gives none."""
    columns = [[f.attname for f in model._meta.concrete_fields] for model, _ in models]
    keys = [fields.index(model._meta.pk.attname) for (model, _), fields in zip(models, columns, strict=True)]
    names = tuple(path + name for (_, path), fields in zip(models, columns, strict=True) for name in fields)
    found: list[dict[Any, Any]] = [{} for _ in models]
    for row in select(build, values, names):
        start = 0
        for n, (model, _) in enumerate(models):
            own = row[start : start + len(columns[n])]
            start += len(columns[n])
            key = own[keys[n]]
            if key is not None and key not in found[n]:
                found[n][key] = model.from_db(DEFAULT_DB_ALIAS, columns[n], own)
    return [list(rows.values()) for rows in found]
