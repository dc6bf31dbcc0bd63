"""``storage.copy.insert_rows`` (COPY on PostgreSQL) stores exactly what ``bulk_create`` stores."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection, transaction

from styrkort.demo import generate_demo
from styrkort.followup.models import ReportCounts
from styrkort.goals.models import Measurement
from styrkort.storage import store
from styrkort.storage.copy import insert_rows
from styrkort.storage.load import followup_from_report
from styrkort.storage.store import save_followups

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="COPY is PostgreSQL's; elsewhere insert_rows is bulk_create"
    ),
]


def _bulk_create(model, rows, using="default"):
    model.objects.using(using).bulk_create(rows)


def _saved(documents, counts_from_documents):
    """Every report as it reads back, with its stored counts (computed time left out)."""
    reports = save_followups(documents, source="test", counts_from_documents=counts_from_documents)
    return [
        (
            followup_from_report(report),
            ReportCounts.objects.filter(report=report)
            .values("errors", "warnings", "goals", "assessed", "findings")
            .first(),
        )
        for report in reports
    ]


@pytest.mark.parametrize("counts_from_documents", [False, True])
def test_the_demo_stored_by_copy_reads_back_as_stored_by_bulk_create(monkeypatch, counts_from_documents):
    documents = generate_demo(seed=11, committees=2)
    with transaction.atomic():
        by_copy = _saved(documents, counts_from_documents)
        transaction.set_rollback(True)
    monkeypatch.setattr(store, "insert_rows", _bulk_create)
    with transaction.atomic():
        by_bulk_create = _saved(documents, counts_from_documents)
        transaction.set_rollback(True)
    assert by_copy == by_bulk_create
    assert [followup for followup, _ in by_copy] == list(documents)


OUTCOMES = [Decimal("1.50"), Decimal("0"), None, Decimal("123456.789"), Decimal("1E+2")]


def _measurements(templates):
    """New measurements in the places of ``templates`` (one each: one per indicator and period)."""
    return [
        Measurement(
            indicator_id=template.indicator_id,
            organisation_id=template.organisation_id,
            period_id=template.period_id,
            outcome=outcome,
            outcome_women=Decimal("-0.05") if i % 2 else None,
            target=None if i % 3 else 'tab\there "quoted" back\\slash\nnew line, 12,5 %',
            printed_units={"outcome": "st ≤ 5"} if i % 2 else {},
            sources={"outcome": {"source": "Kolada", "value": "1.50"}},
            analysis="Åtgärder\r\nvidtas \\N inte null",
            position=i,
        )
        for i, (template, outcome) in enumerate(zip(templates, OUTCOMES, strict=True))
    ]


def test_insert_rows_stores_every_kind_of_value_as_bulk_create_does():
    """Decimals exactly, None as NULL, text with tabs, newlines and backslashes, JSON, defaults;
    the objects get their keys and are marked saved, as bulk_create leaves them."""
    save_followups(generate_demo(seed=11, committees=1, years=(2026,)))
    templates = list(Measurement.objects.order_by("pk")[:5])
    Measurement.objects.all().delete()
    fields = [f.attname for f in Measurement._meta.concrete_fields if not f.primary_key]
    copied = _measurements(templates)
    insert_rows(Measurement, copied)
    assert all(row.pk is not None and not row._state.adding for row in copied)
    stored_by_copy = list(Measurement.objects.order_by("position").values_list(*fields))
    assert [row.pk for row in copied] == list(
        Measurement.objects.order_by("position").values_list("pk", flat=True)
    )
    # a row inserted by COPY can be updated later in the same transaction (generate-demo does)
    copied[1].outcome = Decimal("2.0")
    copied[1].save(update_fields=["outcome"])
    assert Measurement.objects.get(pk=copied[1].pk).outcome == Decimal("2.0")
    Measurement.objects.all().delete()
    created = _measurements(templates)
    Measurement.objects.bulk_create(created)
    assert list(Measurement.objects.order_by("position").values_list(*fields)) == stored_by_copy
    assert Measurement.objects.get(position=0).outcome.as_tuple() == Decimal("1.50").as_tuple()
