"""The goal tables read as plain rows hold what the model instances hold."""

from __future__ import annotations

import dataclasses

import pytest

from styrkort.goals.models import ActivityFollowUp, GoalAssessment, Measurement
from styrkort.storage.rows import assessment_rows, follow_up_rows, measurement_rows
from styrkort.storage.store import save_followup
from tests.factories import make_followup

pytestmark = pytest.mark.django_db


def same(row, model) -> None:
    for field in dataclasses.fields(row):
        value = getattr(row, field.name)
        if dataclasses.is_dataclass(value):
            same(value, getattr(model, field.name))
        else:
            assert value == getattr(model, field.name), field.name


def test_rows_hold_the_models_values():
    report = save_followup(make_followup())
    cases = [
        (assessment_rows, GoalAssessment.objects.filter(report=report).order_by("position"), "goal"),
        (measurement_rows, Measurement.objects.order_by("position"), "indicator__goal"),
        (follow_up_rows, ActivityFollowUp.objects.filter(report=report).order_by("position"), "activity"),
    ]
    for read, query, related in cases:
        rows, models = read(query), list(query.select_related(related))
        assert rows and len(rows) == len(models)
        for row, model in zip(rows, models, strict=True):
            same(row, model)
            assert row.pk == model.pk
