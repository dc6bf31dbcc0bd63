"""A committee's report of a period, read the way every report page needs it, in one plain query.

``report_by_key(code, year, kind)`` returns the ``Report`` with the objects every page reads of it
already attached, exactly as ``Report.objects.select_related("organisation__parent__parent__parent",
"period__municipality", "counts")`` attaches them (``tests/web/test_report_row.py`` compares the
two field by field): its organisation and the three levels above it, its period and the period's
municipality, and its stored counts (none: reading ``report.counts`` raises without a query).

Why not the ORM: every request of a report page read the report so, and Django spent ~1 ms of CPU
building that eight-table statement again each time (the select_related columns and joins, the
model's ordering across three tables), more than the database spent on it; the ordering and its
``LIMIT`` also tripled PostgreSQL's planning time (~1.3 -> ~0.5 ms). The statement here is written
once per process from the models' own fields and columns, without ORDER BY or LIMIT (a committee's
code is unique and it has one report per period), and every value goes through the converters the
ORM applies (dates, times with their zone, JSON).
"""

from __future__ import annotations

from functools import cache
from typing import Any

from django.db import connection
from django.db.models import Model

from styrkort.followup.models import Period, Report, ReportCounts
from styrkort.organisations.models import Organisation

# (alias, model, (join, alias joined from, its foreign key)); the row's columns come in this order.
_TABLES: tuple[tuple[str, type[Model], tuple[str, str, str] | None], ...] = (
    ("r", Report, None),
    ("o", Organisation, ("INNER", "r", "organisation")),
    ("o1", Organisation, ("LEFT OUTER", "o", "parent")),
    ("o2", Organisation, ("LEFT OUTER", "o1", "parent")),
    ("o3", Organisation, ("LEFT OUTER", "o2", "parent")),
    ("p", Period, ("INNER", "r", "period")),
    ("m", Organisation, ("INNER", "p", "municipality")),
)


@cache
def _loaded(model: type[Model]) -> list[Any]:
    """The model's fields read with the report: all but the stored overview (``storage.overview``),
    read only where the overview is computed again."""
    return [f for f in model._meta.concrete_fields if not (model is ReportCounts and f.name == "overview")]


@cache
def _statement() -> tuple[str, list[tuple[type[Model], list[Any]]]]:
    """The SQL and, per table, its model and each column's (converters, column expression)."""
    qn = connection.ops.quote_name
    models = {alias: model for alias, model, _ in _TABLES}
    columns, joins, readers = [], [], []
    for alias, model, join in _TABLES:
        if join is not None:
            kind, source, name = join
            field: Any = models[source]._meta.get_field(name)
            joins.append(
                f"{kind} JOIN {qn(model._meta.db_table)} {alias} ON {alias}.{qn(model._meta.pk.column)}"
                f" = {source}.{qn(field.column)}"
            )
    counts_key = ReportCounts._meta.get_field("report").column
    joins.append(
        f"LEFT OUTER JOIN {qn(ReportCounts._meta.db_table)} c ON c.{qn(counts_key)}"
        f" = r.{qn(Report._meta.pk.column)}"
    )
    tables: list[tuple[str, type[Model]]] = [(a, m) for a, m, _ in _TABLES]
    tables.append(("c", ReportCounts))
    for alias, table in tables:
        fields = []
        for field in _loaded(table):
            columns.append(f"{alias}.{qn(field.column)}")
            col = field.get_col(alias)
            fields.append((connection.ops.get_db_converters(col) + col.get_db_converters(connection), col))
        readers.append((table, fields))
    code, year, kind = (
        qn(Organisation._meta.get_field("code").column),
        qn(Period._meta.get_field("year").column),
        qn(Period._meta.get_field("kind").column),
    )
    sql = (
        f"SELECT {', '.join(columns)} FROM {qn(Report._meta.db_table)} r {' '.join(joins)}"
        f" WHERE o.{code} = %s AND p.{year} = %s AND p.{kind} = %s"
    )
    return sql, readers


def _objects(row: tuple, readers: list) -> list[Any]:
    """One object per table of the row (None where a LEFT JOIN found nothing), converted as the
    ORM converts them."""
    found: list[Any] = []
    position = 0
    for model, fields in readers:
        values = list(row[position : position + len(fields)])
        position += len(fields)
        for index, (converters, col) in enumerate(fields):
            for converter in converters:
                values[index] = converter(values[index], col, connection)
        loaded = _loaded(model)
        pk_index = loaded.index(model._meta.pk)
        names = None if len(loaded) == len(model._meta.concrete_fields) else [f.attname for f in loaded]
        found.append(None if values[pk_index] is None else model.from_db(connection.alias, names, values))
    return found


def report_by_key(code: str, year: int, kind: str) -> Report | None:
    """The committee's report of the period (year and kind), with its organisation's chain, its
    period, municipality and stored counts attached; None if there is none."""
    sql, readers = _statement()
    with connection.cursor() as cursor:
        cursor.execute(sql, [code, year, kind])
        rows = cursor.fetchall()
    reports = []
    for row in rows:
        report, organisation, parent1, parent2, parent3, period, municipality, counts = _objects(row, readers)
        assert isinstance(report, Report)  # an INNER row: never None
        parent = Organisation._meta.get_field("parent")
        Report._meta.get_field("organisation").set_cached_value(report, organisation)
        for child, above in ((organisation, parent1), (parent1, parent2), (parent2, parent3)):
            if child is None:
                break
            parent.set_cached_value(child, above)
        Report._meta.get_field("period").set_cached_value(report, period)
        Period._meta.get_field("municipality").set_cached_value(period, municipality)
        counts_field = ReportCounts._meta.get_field("report")
        counts_field.remote_field.set_cached_value(report, counts)
        if counts is not None:
            counts_field.set_cached_value(counts, report)
        reports.append(report)
    # The model's order (organisation, period) if ever two: the earlier period.
    return min(reports, key=lambda r: (r.period.ends, r.pk), default=None)
