"""`styrkort decide-past-periods`: the demo's past years are decided, so a fresh demo has published reports."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from styrkort.followup.models import Report
from styrkort.storage.store import save_followup
from tests.factories import make_followup

pytestmark = pytest.mark.django_db


def test_it_decides_the_years_before_and_leaves_the_rest_and_a_second_run_changes_nothing(capsys, client):
    for year, kind in ((2025, "T1"), (2025, "AR"), (2026, "T1")):
        save_followup(make_followup(year=year, kind=kind))
    call_command("decide-past-periods", "--municipality", "testkommun", "--before", "2026")
    assert "2 rapporter före 2026 beslutade" in capsys.readouterr().out
    states = dict(Report.objects.values_list("period__year", "state").order_by("period__year"))
    assert states == {2025: "decided", 2026: "open"}
    assert all(r.snapshots.count() == 1 for r in Report.objects.filter(period__year=2025))
    call_command("decide-past-periods", "--municipality", "testkommun", "--before", "2026")
    assert "0 rapporter" in capsys.readouterr().out
    page = client.get("/").content.decode()
    assert page.count('href="/rapporter/sdn-test/2025-') == 2


def test_an_unknown_municipality_is_said_in_swedish():
    with pytest.raises(CommandError, match="kommunen ”ingenstans” finns inte"):
        call_command("decide-past-periods", "--municipality", "ingenstans", "--before", "2026")
