"""Role and privilege changes are in the product's audit trail: memberships, the superuser,
staff and active flags, group memberships and permissions; a password change without its hash."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

from styrkort.accounts.models import Membership, Role
from styrkort.audit.models import Change
from styrkort.audit.trail import audit_context
from styrkort.organisations.models import Organisation

pytestmark = pytest.mark.django_db


def changes(obj, field: str) -> list[tuple]:
    return list(
        Change.objects.filter(content_type__model=obj._meta.model_name, object_id=str(obj.pk), field=field)
        .order_by("id")
        .values_list("username", "old", "new")
    )


def test_granting_superuser_through_the_admin_is_recorded_with_who_did_it(client, users):
    anna = users["anna"]
    client.force_login(users["admin"])
    page = client.get(f"/admin/auth/user/{anna.pk}/change/")
    data = {
        key: value
        for key, value in page.context["adminform"].form.initial.items()
        if value is not None
        and key not in ("groups", "user_permissions", "password", "last_login", "date_joined")
    }
    data.update(
        {
            "is_superuser": "on",
            "is_staff": "on",
            "is_active": "on",
            "date_joined_0": "2026-01-01",
            "date_joined_1": "08:00:00",
        }
    )
    response = client.post(f"/admin/auth/user/{anna.pk}/change/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert changes(anna, "is_superuser") == [("admin", "False", "True")]
    assert changes(anna, "is_staff") == [("admin", "False", "True")]


def test_groups_and_permissions_are_recorded_both_ways(users):
    anna, stina = users["anna"], users["stina"]
    editors = Group.objects.create(name="Redaktörer")
    permission = Permission.objects.get(codename="change_goal")
    with audit_context(user=users["admin"]):
        anna.groups.add(editors)
        editors.user_set.add(stina)
        anna.user_permissions.add(permission)
        editors.permissions.add(permission)
        anna.groups.clear()
        anna.user_permissions.remove(permission)
    assert changes(anna, "groups") == [("admin", None, "Redaktörer"), ("admin", "Redaktörer", None)]
    assert changes(stina, "groups") == [("admin", None, "Redaktörer")]
    assert changes(anna, "user_permissions") == [
        ("admin", None, "goals.change_goal"),
        ("admin", "goals.change_goal", None),
    ]
    assert changes(editors, "permissions") == [("admin", None, "goals.change_goal")]


def test_memberships_are_recorded_and_a_password_change_never_shows_the_hash(users):
    bertil = users["bertil"]
    with audit_context(user=users["admin"]):
        membership = Membership.objects.create(
            user=bertil, organisation=Organisation.objects.get(code="testkommun"), role=Role.ADMINISTRATOR
        )
        user = get_user_model().objects.get(pk=bertil.pk)
        user.set_password("ett-nytt-lösenord-123")
        user.save()
    assert Change.objects.filter(
        content_type__model="membership", object_id=str(membership.pk), action="created", username="admin"
    ).exists()
    assert changes(bertil, "password") == [("admin", None, None)]
    assert (
        not Change.objects.filter(new__contains="md5$").exists()
        and not Change.objects.filter(new__contains="pbkdf2").exists()
    )
