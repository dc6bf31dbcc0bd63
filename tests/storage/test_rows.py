"""The goal tables read as plain rows hold what the model instances hold."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest

from styrkort.goals.models import ActivityFollowUp, GoalAssessment, Measurement
from styrkort.storage.rows import assessment_rows, follow_up_rows, measurement_rows
from styrkort.storage.store import save_followup
from tests.factories import make_followup

pytestmark = pytest.mark.django_db


def same(row, model) -> None:
    for field in dataclasses.fields(row):
        value, expected = getattr(row, field.name), getattr(model, field.name)
        if dataclasses.is_dataclass(value):
            same(value, expected)
        else:
            assert type(value) is type(expected) and value == expected, field.name
            if isinstance(value, Decimal):  # "1.0" stays "1.0"
                assert value.as_tuple() == expected.as_tuple(), field.name


def _assessments(report_id):
    return GoalAssessment.objects.filter(report_id=report_id).order_by("position")


def _all_measurements():
    return Measurement.objects.order_by("position")


def _follow_ups(report_id):
    return ActivityFollowUp.objects.filter(report_id=report_id).order_by("position")


def test_rows_hold_the_models_values():
    report = save_followup(make_followup())
    cases = [
        (assessment_rows, _assessments, (report.pk,), "goal"),
        (measurement_rows, _all_measurements, (), "indicator__goal"),
        (follow_up_rows, _follow_ups, (report.pk,), "activity"),
    ]
    for read, build, values, related in cases:
        rows, models = read(build, values), list(build(*values).select_related(related))
        assert rows and len(rows) == len(models)
        for row, model in zip(rows, models, strict=True):
            same(row, model)
            assert row.pk == model.pk
