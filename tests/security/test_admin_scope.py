"""The admin applies the product's rule of rights and the workflow's lock.

Reproduces the issue: the other city's controller changed a Hässelby outcome through /admin/,
an approved report's figure, and a decided report's period dates."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.forms.models import model_to_dict

from styrkort.accounts.models import Membership, Role
from styrkort.domain.numbers import format_number
from styrkort.followup.models import Period, Report
from styrkort.goals.models import Goal, Measurement
from styrkort.organisations.models import Organisation
from styrkort.workflow import transitions as workflow
from tests.web.helpers import measurement

pytestmark = pytest.mark.django_db
SHARE = "Andel legitimerade förskollärare"
PERMISSIONS = (
    "view_measurement",
    "change_measurement",
    "view_goal",
    "change_goal",
    "view_period",
    "change_period",
)


def staff(user, *codenames: str):
    user.is_staff = True
    user.save()
    user.user_permissions.set(Permission.objects.filter(codename__in=codenames))
    return user


@pytest.fixture
def olle(users):
    """The controller of another municipality, with the model permissions the old demo gave."""
    other = Organisation.objects.create(code="annanstad", name="Annanstad", kind="municipality")
    user = get_user_model().objects.create_user("olle")
    Membership.objects.create(user=user, organisation=other, role=Role.CITY_CONTROLLER)
    return staff(user, *PERMISSIONS)


def form_data(obj) -> dict:
    """What the admin's change form posts for the object as it stands (figures the Swedish way)."""

    def posted(value):
        if value is None:
            return ""
        if isinstance(value, Decimal):
            return format_number(value)
        return json.dumps(value) if isinstance(value, dict) else value

    data = {key: posted(value) for key, value in model_to_dict(obj).items()}
    data["expected_results"] = "[]" if "expected_results" in data else None
    return {key: value for key, value in data.items() if value is not None}


def test_another_citys_controller_neither_sees_nor_changes_this_citys_objects(client, olle):
    row = measurement(SHARE)
    client.force_login(olle)
    assert row.indicator.name not in client.get("/admin/goals/measurement/").content.decode()
    change = f"/admin/goals/measurement/{row.pk}/change/"
    assert client.get(change).status_code == 302  # "does not exist" for them
    client.post(change, {**form_data(row), "outcome": "99"})
    assert measurement(SHARE).outcome != 99
    goal = Goal.objects.get(number="1", organisation__code="testkommun")
    assert client.get(f"/admin/goals/goal/{goal.pk}/change/").status_code == 302


def test_a_committee_controller_changes_only_their_own_committees_figures(client, users):
    anna = staff(users["anna"], *PERMISSIONS)
    client.force_login(anna)
    mine, other = measurement(SHARE), measurement(SHARE, code="sdn-other")
    listing = client.get("/admin/goals/measurement/").content.decode()
    assert f"/admin/goals/measurement/{mine.pk}/change/" in listing
    assert f"/admin/goals/measurement/{other.pk}/change/" not in listing
    assert client.get(f"/admin/goals/measurement/{other.pk}/change/").status_code == 302
    response = client.post(
        f"/admin/goals/measurement/{mine.pk}/change/", {**form_data(mine), "analysis": "Via admin"}
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert measurement(SHARE).analysis == "Via admin"
    # the organisation choices of the form are limited to what she manages
    page = client.get(f"/admin/goals/measurement/{mine.pk}/change/").content.decode()
    assert "sdn-other" not in page


def test_the_city_controller_manages_the_citys_definitions_not_the_committees_figures(client, users):
    stina = staff(users["stina"], *PERMISSIONS)
    client.force_login(stina)
    city_goal = Goal.objects.get(number="1", organisation__code="testkommun")
    assert client.get(f"/admin/goals/goal/{city_goal.pk}/change/").status_code == 200
    assert client.get(f"/admin/goals/measurement/{measurement(SHARE).pk}/change/").status_code == 302


def test_nothing_in_an_approved_report_changes_through_the_admin_not_even_for_a_superuser(
    client, users, report
):
    workflow.submit_for_review(report, gate=False)
    workflow.approve(report, gate=False)
    client.force_login(users["admin"])
    row = measurement(SHARE)
    change = f"/admin/goals/measurement/{row.pk}/change/"
    page = client.get(change).content.decode()
    assert 'name="outcome"' not in page  # shown read-only
    assert client.post(change, {**form_data(row), "outcome": "99"}).status_code == 403
    assert measurement(SHARE).outcome != 99
    report_page = client.get(f"/admin/followup/report/{report.pk}/change/").content.decode()
    assert 'name="decision_proposals-0-text"' not in report_page


def test_a_decided_reports_period_dates_do_not_change_through_the_admin(client, users, report):
    workflow.submit_for_review(report, gate=False)
    workflow.approve(report, gate=False)
    workflow.decide(report, "anna", render=False)
    client.force_login(users["admin"])
    period = Period.objects.get(pk=report.period_id)
    response = client.post(
        f"/admin/followup/period/{period.pk}/change/", {**form_data(period), "ends": "2026-06-01"}
    )
    assert response.status_code == 403
    assert Period.objects.get(pk=period.pk).ends == period.ends


def test_the_workflow_state_is_not_an_admin_field(client, users, report):
    client.force_login(users["admin"])
    page = client.get(f"/admin/followup/report/{report.pk}/change/").content.decode()
    assert 'name="state"' not in page
    assert Report.objects.get(pk=report.pk).state == "open"


def test_users_groups_and_the_trail_are_for_superusers_only(client, users):
    anna = staff(users["anna"], "view_user", "change_user", "view_group", "change_group", "view_change")
    client.force_login(anna)
    assert client.get(f"/admin/auth/user/{anna.pk}/change/").status_code == 403
    assert client.post(f"/admin/auth/user/{anna.pk}/change/", {"is_superuser": "on"}).status_code == 403
    assert client.get("/admin/audit/change/").status_code == 403
    anna.refresh_from_db()
    assert not anna.is_superuser
    client.force_login(users["admin"])
    assert client.get(f"/admin/auth/user/{anna.pk}/change/").status_code == 200
    assert Measurement.objects.exists()
