"""`styrkort demo-users`: one login per role, printed, that can sign in."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.management import CommandError, call_command

from styrkort.accounts.access import report_access
from styrkort.accounts.models import Assignment, Membership, Role
from styrkort.followup.models import Report
from styrkort.storage.store import save_followup
from tests.factories import make_followup

pytestmark = pytest.mark.django_db


def test_it_creates_one_login_per_role_and_prints_them(capsys, settings, client):
    settings.DEBUG = True
    save_followup(make_followup("sdn-test"))
    call_command("demo-users", "--municipality", "testkommun", "--committee", "sdn-test")
    out = capsys.readouterr().out
    for role in Role:
        assert role.label in out
    assert "rapportor\tstyrkort-demo\tRapportör\tsdn-test" in out
    assert client.login(username="stadscontroller", password="styrkort-demo")
    assert client.get("/admin/goals/goal/").status_code == 302  # no admin: set-up is on the product's pages
    stadscontroller = Membership.objects.get(role=Role.CITY_CONTROLLER).user
    assert not stadscontroller.is_staff and not stadscontroller.user_permissions.exists()
    assert client.login(username="controller", password="styrkort-demo")
    assert client.get("/rapporter/sdn-test/2026-T1/").status_code == 200
    reporter = Assignment.objects.get().user
    access = report_access(reporter, Report.objects.get())
    assert access.is_reporter and access.can_edit and not access.can_manage


def test_it_says_what_to_do_when_there_is_no_demo_data(settings):
    settings.DEBUG = True
    with pytest.raises(CommandError, match="generate-demo"):
        call_command("demo-users")


def test_it_never_resets_or_promotes_an_account_that_is_not_a_demo_login(capsys, settings):
    settings.DEBUG = True
    save_followup(make_followup("sdn-test"))
    real = get_user_model().objects.create_user("admin", email="it@kommun.se", password="eget-lösenord-123")
    real.user_permissions.add(Permission.objects.get(codename="view_goal"))
    call_command("demo-users", "--municipality", "testkommun", "--committee", "sdn-test")
    assert "admin: kontot finns redan och är inget demokonto" in capsys.readouterr().err
    real.refresh_from_db()
    assert real.check_password("eget-lösenord-123") and not real.is_superuser and not real.is_staff
    assert not Membership.objects.filter(user=real).exists()
    assert real.user_permissions.count() == 1
    # a second run resets the demo logins themselves (and only them)
    controller = get_user_model().objects.get(username="controller")
    controller.set_password("annat")
    controller.save()
    call_command("demo-users", "--municipality", "testkommun", "--committee", "sdn-test")
    controller.refresh_from_db()
    assert controller.check_password("styrkort-demo")


def test_it_refuses_outside_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("demo-users")
