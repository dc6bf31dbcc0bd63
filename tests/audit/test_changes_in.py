"""``changes_in``: the change log of a page's rows, written as SQL, gives the ORM's rows."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils import timezone

from styrkort.audit.display import describe
from styrkort.audit.models import Change
from styrkort.audit.trail import _users, changes_in
from styrkort.economy.models import FundApplication, OperatingBudgetRow
from styrkort.goals.models import Measurement
from styrkort.ops import compiled

pytestmark = pytest.mark.django_db

MODELS = (Measurement, OperatingBudgetRow, FundApplication)


def by_orm(by_type, limit):
    query = Q(pk__in=[])
    for model, ids in by_type.items():
        if ids:
            query |= Q(
                content_type=ContentType.objects.get_for_model(model), object_id__in=[str(i) for i in ids]
            )
    return list(Change.objects.filter(query).select_related("content_type", "user")[:limit])


@pytest.fixture
def log():
    """Changes of three models' rows 1, 2, 11 and 12 (1 is a prefix of 11 as text), some at the
    same moment (ordered by id then), by a named user, a user since removed, and nobody."""
    users = get_user_model().objects
    named = users.create_user("anna", first_name="Anna", last_name="Berg")
    removed = users.create_user("borta")
    start = timezone.now() - datetime.timedelta(days=1)
    n = 0
    for model in MODELS:
        content_type = ContentType.objects.get_for_model(model)
        for object_id in ("1", "2", "11", "12"):
            for field in ("outcome", "analysis"):
                n += 1
                change = Change.objects.create(
                    user=(named, removed, None)[n % 3],
                    username=("anna", "borta", "")[n % 3],
                    content_type=content_type,
                    object_id=object_id,
                    object_repr=f"{model.__name__} {object_id} <b>&</b>",
                    field=field,
                    old=None if n % 4 == 0 else str(n),
                    new=f"ny {n}",
                )
                Change.objects.filter(pk=change.pk).update(at=start + datetime.timedelta(minutes=n // 5))
    removed.delete()
    return named


@pytest.mark.parametrize("limit", [1, 5, 17, 200])
@pytest.mark.parametrize(
    "by_type",
    [
        {Measurement: [1]},
        {Measurement: [1, 12], OperatingBudgetRow: [2, 11, 99]},
        {Measurement: [], OperatingBudgetRow: [11], FundApplication: [1, 2, 11, 12]},
        {OperatingBudgetRow: [99]},
    ],
)
def test_the_rows_are_the_orms_with_their_content_type_and_user(
    log, by_type, limit, django_assert_num_queries
):
    expected = by_orm(by_type, limit)
    users = any(change.user_id for change in expected)
    with django_assert_num_queries(1 + users):  # the changes, and their users in one query
        found = changes_in(by_type, limit)
        words = [describe(change) for change in found]  # who, field, old, new: nothing more read
    assert [c.pk for c in found] == [c.pk for c in expected]
    for ours, theirs in zip(found, expected, strict=True):
        assert {f.attname: getattr(ours, f.attname) for f in Change._meta.concrete_fields} == {
            f.attname: getattr(theirs, f.attname) for f in Change._meta.concrete_fields
        }
        assert ours.content_type == theirs.content_type and ours.user == theirs.user
    assert words == [describe(change) for change in expected]
    if users:  # their users through a statement built once per process and number of users
        count = len({change.user_id for change in found if change.user_id})
        shapes = [shape for shape in compiled._statements if shape[0] is _users.__code__]
        assert any(len(shape[3]) == count and compiled._statements[shape] for shape in shapes)
    assert any(w["who"] == "Anna Berg" for w in words) or not any(c.user_id for c in found)


def test_no_ids_ask_nothing(log, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert changes_in({}) == []
        assert changes_in({Measurement: [], FundApplication: []}) == []
