"""``get_assessment_for_user`` gives the goal's assessment exactly as the ORM's select_related did:
the same values of the same types on the assessment, its goal and the goal's parent (None where a
goal has none), attached without a query; 404 for a goal of another report or an id beyond the
column's range (PostgreSQL would refuse the value)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext

from styrkort.goals.models import GoalAssessment
from styrkort.web.getters import get_assessment_for_user

pytestmark = pytest.mark.django_db


class _Access:
    def __init__(self, report):
        self.report = report

    def can_edit_goal(self, goal_id):
        return goal_id


def _fields(obj):
    return [
        (f.attname, getattr(obj, f.attname), type(getattr(obj, f.attname))) for f in obj._meta.concrete_fields
    ]


def test_every_assessment_reads_as_the_orms_select_related(report):
    expected = list(GoalAssessment.objects.select_related("goal", "goal__parent").filter(report=report))
    assert any(a.goal.parent_id is None for a in expected) and any(a.goal.parent_id for a in expected)
    for orm in expected:
        with CaptureQueriesContext(connection) as queries:
            found, can_edit = get_assessment_for_user(_Access(report), orm.pk)
            assert _fields(found) == _fields(orm)
            assert _fields(found.goal) == _fields(orm.goal)
            if orm.goal.parent is None:
                assert found.goal.parent is None
            else:
                assert _fields(found.goal.parent) == _fields(orm.goal.parent)
        assert len(queries) == 1
        assert can_edit == orm.goal_id
        assert not found._state.adding and found._state.db == "default"


def test_a_goal_of_another_report_or_an_impossible_id_is_not_found(report):
    other = GoalAssessment.objects.exclude(report=report).first()
    assert other is not None
    for pk in (other.pk, 0, -1, 2**31, 2**63, 10**30):
        with pytest.raises(Http404):
            get_assessment_for_user(_Access(report), pk)


def test_the_goal_page_answers_404_for_an_id_beyond_any_column(login, report):
    client = login("anna")
    known = GoalAssessment.objects.filter(report=report).first()
    assert client.get(f"/rapporter/sdn-test/2026-T1/mal/{known.pk}/").status_code == 200
    for pk in ("0", "2147483648", "9223372036854775808", "9" * 40):
        assert client.get(f"/rapporter/sdn-test/2026-T1/mal/{pk}/").status_code == 404
