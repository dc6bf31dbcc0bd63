"""The audit trail reads a record's stored values only when the record is saved."""

from __future__ import annotations

from decimal import Decimal

import pytest

from styrkort.audit.models import Change
from styrkort.audit.trail import changes_for
from styrkort.domain.numbers import plain
from styrkort.goals.models import GoalAssessment, Measurement
from styrkort.storage.store import save_followup
from tests.factories import make_followup

pytestmark = pytest.mark.django_db


@pytest.fixture
def report():
    return save_followup(make_followup())


def test_loading_rows_takes_no_snapshot(report, django_assert_num_queries):
    with django_assert_num_queries(1):
        rows = list(Measurement.objects.all())
    assert rows and not any("_audit_values" in row.__dict__ for row in rows)


def test_a_stale_record_saved_over_a_newer_one_is_recorded_as_the_change_it_makes(report):
    pk = Measurement.objects.exclude(outcome=Decimal("12.5")).first().pk
    first, second = Measurement.objects.get(pk=pk), Measurement.objects.get(pk=pk)
    original = None if first.outcome is None else plain(first.outcome)
    first.outcome = Decimal("12.5")
    first.save()
    second.analysis = "Ny analys"  # loaded before the first save: it writes the old outcome back
    second.save()
    outcome = Change.objects.filter(object_id=str(pk), field="outcome").order_by("id")
    assert [(c.old, c.new) for c in outcome] == [(original, "12.5"), ("12.5", original)]
    assert Change.objects.filter(object_id=str(pk), field="analysis", new="Ny analys").exists()


def test_only_the_fields_written_are_compared(report):
    assessment = GoalAssessment.objects.first()
    assessment.analysis = "Inte skriven"
    assessment.status = "met" if assessment.status != "met" else "not_met"
    assessment.save(update_fields=["status"])
    fields = {change.field for change in changes_for(assessment)}
    assert fields == {"status"}


def test_a_deleted_record_keeps_its_last_values(report):
    assessment = GoalAssessment.objects.exclude(analysis="").first()
    pk, analysis = assessment.pk, assessment.analysis
    assessment.delete()
    deleted = Change.objects.get(object_id=str(pk), action="deleted")
    assert analysis in deleted.old
