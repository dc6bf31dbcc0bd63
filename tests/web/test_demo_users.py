"""`styrkort demo-users`: one login per role, printed, that can sign in."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from styrkort.accounts.access import report_access
from styrkort.accounts.models import Assignment, Role
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
    assert client.get("/admin/goals/goal/").status_code == 200  # defines the city's goals there
    assert client.get("/admin/accounts/membership/").status_code == 403
    assert client.login(username="controller", password="styrkort-demo")
    assert client.get("/rapporter/sdn-test/2026-T1/").status_code == 200
    reporter = Assignment.objects.get().user
    access = report_access(reporter, Report.objects.get())
    assert access.is_reporter and access.can_edit and not access.can_manage


def test_it_says_what_to_do_when_there_is_no_demo_data(settings):
    settings.DEBUG = True
    with pytest.raises(CommandError, match="generate-demo"):
        call_command("demo-users")


def test_it_refuses_outside_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("demo-users")
