"""The organisation tree has no cycles: the model refuses one, and so does the database."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from styrkort.organisations.models import Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    city = Organisation.objects.create(code="stad", name="Staden", kind="municipality")
    committee = Organisation.objects.create(code="namnd", name="Nämnden", kind="committee", parent=city)
    department = Organisation.objects.create(
        code="avd", name="Avdelningen", kind="department", parent=committee
    )
    unit = Organisation.objects.create(code="enhet", name="Enheten", kind="unit", parent=department)
    return city, committee, department, unit


def test_the_model_refuses_a_parent_that_is_the_organisation_itself(tree):
    committee = tree[1]
    committee.parent = committee
    with pytest.raises(ValidationError, match="kan inte ligga under sig själv"):
        committee.full_clean()
    with pytest.raises(ValidationError):
        committee.save()


def test_the_model_refuses_a_parent_beneath_the_organisation(tree):
    _, committee, _, unit = tree
    committee.parent = unit
    with pytest.raises(ValidationError, match="”namnd” kan inte ligga under"):
        committee.clean()
    with pytest.raises(ValidationError):
        committee.save()
    committee.refresh_from_db()
    assert committee.parent.code == "stad"


def test_moving_within_the_tree_without_a_cycle_is_allowed(tree):
    city, committee, department, unit = tree
    unit.parent = committee
    unit.full_clean()
    unit.save()
    assert Organisation.objects.get(code="enhet").parent == committee


def test_the_database_refuses_a_parent_that_is_the_row_itself(tree):
    committee = tree[1]
    with pytest.raises(IntegrityError), transaction.atomic():
        Organisation.objects.filter(pk=committee.pk).update(parent=committee.pk)
    assert Organisation.objects.get(pk=committee.pk).parent_id == tree[0].pk


@pytest.mark.parametrize("code", ["avd", "enhet"])  # a cycle of two, of three
def test_the_database_refuses_a_longer_cycle_written_past_the_model(tree, code):
    committee = tree[1]
    beneath = Organisation.objects.get(code=code)
    with pytest.raises(IntegrityError), transaction.atomic():
        Organisation.objects.filter(pk=committee.pk).update(parent=beneath.pk)
    assert Organisation.objects.get(pk=committee.pk).parent_id == tree[0].pk
