"""`styrkort check-report`: a stored report's findings as text or JSON, exit 1 on errors; `check` is Django's."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal as D
from io import StringIO

import pytest
from django.core.management import call_command, get_commands
from django.core.management.base import CommandError

from styrkort.domain import document as d
from styrkort.storage.store import save_followup

MUNICIPALITY = d.Organisation("testkommun", "Testkommun", "municipality")


def make_report(code: str, costs: D) -> d.FollowUp:
    """A report whose gross changes (row and total) balance unless ``costs`` differs from 2,5; an activity ended 30 April."""
    goal = d.Goal(
        "1.1",
        "area_goal",
        "Mål",
        assessment=d.Assessment("met"),
        activities=(d.Activity("Kartlägga närvaron", date(2026, 1, 1), date(2026, 4, 30)),),
    )
    return d.FollowUp(
        d.Organisation(code, f"Nämnd {code}", "committee", MUNICIPALITY),
        d.PeriodRef(2026, "T1"),
        d.ReportInfo(report_date=date(2026, 5, 12)),
        goals=(goal,),
        economy=d.Economy(
            gross_changes=(d.GrossChangeRow("Äldreomsorg", costs, D("-2.5")),),
            gross_changes_total=d.GrossChangeRow("Summa", costs, D("-2.5")),
        ),
    )


def run(*args: str) -> str:
    out = StringIO()
    call_command("check-report", *args, stdout=out)
    return out.getvalue()


def test_check_is_djangos_own_and_the_report_check_is_check_report():
    assert get_commands()["check"] == "django.core"
    assert get_commands()["check-report"] == "styrkort.workflow"
    out = StringIO()
    call_command("check", stdout=out)
    assert "System check identified no issues" in out.getvalue()


@pytest.mark.django_db
def test_it_lists_findings_as_text_and_exits_1_on_errors():
    save_followup(make_report("sdn-fel", D("2.6")))
    out = StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("check-report", "--organisation", "sdn-fel", "--period", "2026-T1", stdout=out)
    assert raised.value.returncode == 1
    text = out.getvalue()
    assert "FEL [gross_change_balance] Omslutningsförändringar › Äldreomsorg" in text
    assert "VARNING [activity_overdue]" in text
    assert "väntat: -2.6  funnet: -2.5" in text
    assert "2 fel, 1 varningar, 0 upplysningar" in text


@pytest.mark.django_db
def test_it_lists_findings_as_json_with_figures_as_strings():
    save_followup(make_report("sdn-fel", D("2.6")))
    out = StringIO()
    with pytest.raises(CommandError):
        call_command(
            "check-report", "--organisation", "sdn-fel", "--period", "2026-T1", "--format", "json", stdout=out
        )
    findings = json.loads(out.getvalue())
    assert [item["rule"] for item in findings] == [
        "activity_overdue",
        "gross_change_balance",
        "gross_change_balance",
    ]
    balance = findings[1]
    assert set(balance) == {"severity", "rule", "where", "message", "expected", "found", "part"}
    assert balance["part"] == "gross_changes"
    assert (balance["severity"], balance["expected"], balance["found"]) == ("error", "-2.6", "-2.5")
    assert findings[0]["expected"] is None


@pytest.mark.django_db
def test_a_report_without_errors_exits_normally_and_today_is_an_argument():
    save_followup(make_report("sdn-ok", D("2.5")))
    text = run("--organisation", "sdn-ok", "--period", "2026-T1", "--today", "2026-04-30")
    assert text.strip() == "0 fel, 0 varningar, 0 upplysningar"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--organisation", "finns-inte", "--period", "2026-T1"), "finns-inte"),
        (("--organisation", "sdn-ok"), "--period"),
    ],
)
def test_it_explains_what_is_missing(args, message):
    save_followup(make_report("sdn-ok", D("2.5")))
    with pytest.raises(CommandError, match=message):
        run(*args)
