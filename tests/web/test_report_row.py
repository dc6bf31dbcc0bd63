"""``web.report_row.report_by_key`` gives the report exactly as the ORM's select_related did: the
same values of the same types on every object, the same objects attached (no query to reach them),
nothing where a LEFT JOIN found nothing, and one query."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from styrkort.followup.models import Period, Report, ReportCounts
from styrkort.organisations.models import Organisation
from styrkort.web.report_row import report_by_key

pytestmark = pytest.mark.django_db
PATHS = (
    "organisation",
    "organisation.parent",
    "organisation.parent.parent",
    "organisation.parent.parent.parent",
)


def tree(depth: int) -> Organisation:
    """A municipality and ``depth - 1`` levels beneath it; the lowest is returned."""
    node = Organisation.objects.create(code="stad", name="Stad", kind="municipality")
    kinds = ["committee", "department", "unit", "unit", "unit"]
    for level in range(depth - 1):
        node = Organisation.objects.create(
            code=f"niva-{level}", name=f"Nivå {level} <&>", kind=kinds[level], parent=node
        )
    return node


def a_report(organisation: Organisation, **fields) -> Report:
    municipality = Organisation.objects.get(code="stad")
    period = Period.objects.create(
        municipality=municipality, year=2026, kind="T1", starts=date(2026, 1, 1), ends=date(2026, 5, 1)
    )
    return Report.objects.create(organisation=organisation, period=period, **fields)


def by_orm(code: str) -> Report:
    return (
        Report.objects.select_related(
            "organisation__parent__parent__parent", "period__municipality", "counts"
        )
        .filter(organisation__code=code, period__year=2026, period__kind="T1")
        .get()
    )


def values(obj) -> list[tuple[str, object, type]]:
    return [
        (f.attname, getattr(obj, f.attname), type(getattr(obj, f.attname))) for f in obj._meta.concrete_fields
    ]


def follow(obj, path: str):
    for name in path.split("."):
        obj = getattr(obj, name)
    return obj


@pytest.mark.parametrize("depth", [2, 3, 5])
def test_the_report_and_what_is_attached_are_those_the_orm_reads(depth):
    lowest = tree(depth)
    report = a_report(lowest, title="Rapport ”å” <b>", report_date=date(2026, 5, 20), summary="Rad 1\nRad 2")
    ReportCounts.objects.create(
        report=report, errors=1, warnings=2, goals=3, assessed=0, findings=[{"rule": "x", "found": "1,5"}]
    )
    expected = by_orm(lowest.code)
    with CaptureQueriesContext(connection) as queries:
        found = report_by_key(lowest.code, 2026, "T1")
        attached = [follow(found, path) for path in PATHS[: min(depth, 4)]]
        period, municipality, counts = found.period, found.period.municipality, found.counts
        above = follow(found, PATHS[depth]) if depth < 4 else None
    assert len(queries) == 1
    assert counts.report is found
    assert counts.get_deferred_fields() == {"overview"}  # read where it is computed again only
    assert found is not None and values(found) == values(expected)
    for obj, path in zip(attached, PATHS, strict=False):
        assert values(obj) == values(follow(expected, path))
    if depth < 4:  # nothing above the municipality: None, known without a query
        assert above is None
    assert values(period) == values(expected.period)
    assert values(municipality) == values(expected.period.municipality)
    assert values(counts) == values(expected.counts)
    assert counts.computed.tzinfo is not None and counts.findings == [{"rule": "x", "found": "1,5"}]
    assert not found._state.adding and found._state.db == "default"


def test_a_report_without_stored_counts_says_so_without_a_query():
    report = a_report(tree(2))
    ReportCounts.objects.filter(report=report).delete()
    found = report_by_key("niva-0", 2026, "T1")
    with CaptureQueriesContext(connection) as queries, pytest.raises(ReportCounts.DoesNotExist):
        assert found.counts is None  # never reached: it raises
    assert len(queries) == 0


def test_no_report_is_none():
    a_report(tree(2))
    assert report_by_key("niva-0", 2026, "T2") is None
    assert report_by_key("okand", 2026, "T1") is None
    assert report_by_key("niva-0", 2025, "T1") is None
