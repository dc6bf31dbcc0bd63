"""`kolada-sync` against a local Kolada v3: pages, several KPIs, missing values, locks, the audit trail."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from styrkort.audit.models import Change
from styrkort.followup.models import Report
from styrkort.goals.models import Measurement
from styrkort.kolada.client import KoladaError
from styrkort.kolada.models import SyncRun
from styrkort.kolada.sync import sync_organisation
from styrkort.organisations.models import Organisation
from styrkort.storage.load import followup_from_report
from styrkort.storage.store import save_followup
from tests.kolada.conftest import figures, kolada_followup

pytestmark = pytest.mark.django_db


def three_kpis(kolada, year: int = 2025) -> None:
    kolada.values[("N00001", "0180", year)] = {"T": "74.10", "K": "76.5", "M": "null"}
    kolada.values[("N00002", "0180", year)] = {"T": "12", "K": "11.25", "M": "12.75"}
    kolada.values[("N00003", "0180", year)] = {"T": "-0.5"}


def test_it_writes_total_women_and_men_over_several_pages_exactly_as_given(kolada, annual_report):
    three_kpis(kolada)
    kolada.per_page = 1  # three pages
    result = sync_organisation("sdn-test", 2025)
    found = figures()
    assert found["Indikator N00001"] == (D("74.10"), D("76.5"), None)  # null stays missing, never 0
    assert str(found["Indikator N00001"][0]) == "74.10"  # the decimals as Kolada gave them
    assert found["Indikator N00002"] == (D("12"), D("11.25"), D("12.75"))
    assert found["Indikator N00003"] == (D("-0.5"), None, None)
    assert found["Egen indikator"] == (D("12"), None, None)  # no Kolada id: untouched
    assert result.requests == 3 and result.changed == {"sdn-test 2025-AR": 6}
    paths = [path for path, _ in kolada.requests]
    assert paths[0] == "/v3/data/kpi/N00001,N00002,N00003/municipality/0180/year/2025"


def test_it_accepts_next_page_as_well_as_next_url(kolada, annual_report):
    three_kpis(kolada)
    kolada.per_page, kolada.next_key = 2, "next_page"
    sync_organisation("sdn-test", 2025)
    assert figures()["Indikator N00003"][0] == D("-0.5")


def test_more_than_25_kpis_are_asked_for_25_at_a_time(kolada, db):
    kpis = [f"N{number:05d}" for number in range(1, 31)]
    save_followup(kolada_followup(kpis))
    for kpi in kpis:
        kolada.values[(kpi, "0180", 2025)] = {"T": "1.5"}
    sync_organisation("sdn-test", 2025, municipality_id="0180")
    asked = [path.split("/")[4].split(",") for path, _ in kolada.requests]
    assert [len(ids) for ids in asked] == [25, 5]
    assert all(value[0] == D("1.5") for name, value in figures().items() if name != "Egen indikator")


def test_a_null_never_overwrites_an_entered_figure_but_withdraws_its_own(kolada, annual_report):
    measurement = Measurement.objects.get(indicator__name="Indikator N00001")
    measurement.outcome_men = D("70")  # entered by a person
    measurement.save()
    three_kpis(kolada)
    sync_organisation("sdn-test", 2025)
    assert figures()["Indikator N00001"] == (D("74.10"), D("76.5"), D("70"))
    kolada.values[("N00001", "0180", 2025)] = {"T": "null", "K": "76.5", "M": "null"}
    kolada.deleted.add(("N00001", "0180", 2025, "K"))
    sync_organisation("sdn-test", 2025)
    assert figures()["Indikator N00001"] == (None, None, D("70"))


def test_a_second_run_with_the_same_answers_changes_nothing(kolada, annual_report):
    three_kpis(kolada)
    sync_organisation("sdn-test", 2025)
    changes = Change.objects.count()
    versions = list(Measurement.objects.order_by("pk").values_list("version", flat=True))
    result = sync_organisation("sdn-test", 2025)
    assert result.total_changed == 0
    assert Change.objects.count() == changes
    assert list(Measurement.objects.order_by("pk").values_list("version", flat=True)) == versions


def test_every_change_is_audited_with_the_source_kolada(kolada, annual_report):
    three_kpis(kolada)
    call_command("kolada-sync", "--organisation", "sdn-test", "--year", "2025", "--operator", "natt")
    entries = Change.objects.filter(field="outcome_women")
    assert entries.count() == 2
    assert {(e.source, e.username, e.new) for e in entries} == {
        ("Kolada", "natt", "76.5"),
        ("Kolada", "natt", "11.25"),
    }
    assert all(e.reason.startswith("Kolada N0000") and "hämtat" in e.reason for e in entries)


def test_a_decided_or_approved_report_is_skipped_and_not_fetched(kolada, annual_report, capsys):
    three_kpis(kolada)
    for state in ("decided", "approved"):
        Report.objects.filter(pk=annual_report.pk).update(state=state)
        result = sync_organisation("sdn-test", 2025)
        word = {"decided": "beslutad", "approved": "godkänd"}[state]
        assert result.skipped == [f"sdn-test 2025-AR ({word})"]
        assert kolada.requests == [] and result.total_changed == 0
    assert figures()["Indikator N00001"] == (None, None, None)
    call_command("kolada-sync", "--organisation", "sdn-test", "--year", "2025")
    assert "sdn-test 2025-AR (godkänd): hoppades över" in capsys.readouterr().out


def test_from_date_is_passed_and_the_incremental_run_takes_the_last_runs_day(kolada, annual_report):
    three_kpis(kolada)
    call_command("kolada-sync", "--organisation", "sdn-test", "--year", "2025", "--from-date", "2026-03-01")
    assert kolada.requests[0][1] == {"from_date": ["2026-03-01"]}
    run = SyncRun.objects.get()
    assert run.from_date == date(2026, 3, 1) and run.changed == 6
    kolada.requests.clear()
    result = sync_organisation("sdn-test", 2025, incremental=True)
    day = timezone.localdate(run.started)  # the day of the last run, in the municipality's time zone
    assert result.from_date == day
    assert kolada.requests[0][1] == {"from_date": [day.isoformat()]}


def test_paging_keeps_from_date(kolada, annual_report):
    three_kpis(kolada)
    kolada.per_page = 1
    sync_organisation("sdn-test", 2025, from_date=date(2026, 1, 2))
    assert [query for _, query in kolada.requests] == [
        {"from_date": ["2026-01-02"]},
        {"page": ["2"], "from_date": ["2026-01-02"]},
        {"page": ["3"], "from_date": ["2026-01-02"]},
    ]


def test_the_report_cites_kolada_only_for_figures_that_still_hold_its_values(kolada, annual_report):
    three_kpis(kolada)
    sync_organisation("sdn-test", 2025)
    indicators = {i.name: i for _, i in followup_from_report(annual_report).all_indicators()}
    assert indicators["Indikator N00001"].sources == (("outcome", "Kolada"), ("outcome_women", "Kolada"))
    assert indicators["Egen indikator"].sources == ()
    measurement = Measurement.objects.get(indicator__name="Indikator N00001")
    measurement.outcome = D("80")  # a person overwrites Kolada's figure: it is theirs now
    measurement.save()
    indicators = {i.name: i for _, i in followup_from_report(annual_report).all_indicators()}
    assert indicators["Indikator N00001"].sources == (("outcome_women", "Kolada"),)


def test_unit_data_goes_into_the_units_own_report_with_its_ou_id(kolada, annual_report):
    unit = d_unit()
    save_followup(kolada_followup(["U00001"], organisation=unit))
    Organisation.objects.filter(code="enhet-1").update(kolada_id="V15E018000301")
    three_kpis(kolada)
    kolada.values[("U00001", "V15E018000301", 2025)] = {"T": "88.8"}
    result = sync_organisation("sdn-test", 2025)
    assert figures("enhet-1")["Indikator U00001"] == (D("88.8"), None, None)
    assert "/v3/oudata/kpi/U00001/ou/V15E018000301/year/2025" in [path for path, _ in kolada.requests]
    assert result.changed["enhet-1 2025-AR"] == 1


def d_unit():
    from tests.kolada.conftest import COMMITTEE, d

    return d.Organisation("enhet-1", "Enhet 1", "unit", COMMITTEE)


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--organisation", "finns-inte", "--year", "2025"], "ingen organisation med koden ”finns-inte”"),
        (["--organisation", "sdn-test", "--year", "2024"], "ingen verksamhetsberättelse för 2024"),
        (["--organisation", "sdn-test", "--year", "2025", "--from-date", "igår"], "är inget datum"),
        (
            ["--organisation", "sdn-test", "--year", "2025", "--municipality-id", "01/80"],
            "är inget Kolada-id",
        ),
        (["--organisation", "sdn-test"], "ange --year"),
        (["--all"], "--all --enqueue"),
    ],
)
def test_the_command_refuses_in_swedish(kolada, annual_report, arguments, message):
    with pytest.raises(CommandError, match=message):
        call_command("kolada-sync", *arguments)


def test_a_municipality_without_a_kolada_id_is_asked_for_one(kolada, annual_report):
    Organisation.objects.filter(code="testkommun").update(kolada_id="")
    with pytest.raises(KoladaError, match="ange --municipality-id"):
        sync_organisation("sdn-test", 2025)


def test_kolada_ids_are_checked_where_they_are_entered(annual_report):
    from django.core.exceptions import ValidationError

    from styrkort.goals.models import Indicator

    indicator = Indicator.objects.get(name="Indikator N00001")
    for bad in ("n15428", "N1542", "N15428,N1", "../x"):
        indicator.kolada_id = bad
        with pytest.raises(ValidationError, match="N eller U och fem siffror"):
            indicator.full_clean()
    municipality = Organisation.objects.get(code="testkommun")
    municipality.kolada_id = "180"
    with pytest.raises(ValidationError, match="fyra siffror"):
        municipality.full_clean()
    unit = Organisation.objects.get(code="sdn-test")
    unit.kolada_id = "v15e/0180"
    with pytest.raises(ValidationError, match="versaler A–Z och siffror"):
        unit.full_clean()


def test_it_pauses_between_requests_and_waits_after_a_429(kolada, annual_report):
    from styrkort.kolada.client import Client, Options

    three_kpis(kolada)
    kolada.per_page = 1
    kolada.busy["/v3/data/kpi/N00001,N00002,N00003/municipality/0180/year/2025"] = 1
    waits: list[float] = []
    client = Client(Options(base_url=kolada.base_url, pause=0.25, retries=2), sleep=waits.append)
    result = sync_organisation("sdn-test", 2025, client=client)
    assert result.requests == 4  # a 429, then three pages
    assert figures()["Indikator N00003"][0] == D("-0.5")
    assert waits[0] == 0.5  # the wait after the 429 (no Retry-After: twice the pause, at least 0.5 s)
    assert len(waits) == 4 and all(0 < wait <= 0.25 for wait in waits[1:])  # then a pause before each request


def test_last_years_annual_outcome_is_cited_in_this_years_report(kolada, annual_report):
    from styrkort.reports.build import build_report_data

    three_kpis(kolada)
    sync_organisation("sdn-test", 2025)
    save_followup(kolada_followup(["N00001", "N00002", "N00003"], year=2026, kind="T1"))
    table = build_report_data("sdn-test", "2026-T1").goals[0].indicators
    assert table.rows[0].cells[4] == "74,10\u00a0%"  # Utfall VB 2025, as Kolada gave it
    assert table.source.startswith("Källa: Kolada (”Indikator N00001”, ”Indikator N00002”")


def test_the_summary_counts_in_swedish(kolada, annual_report, capsys, db):
    kolada.values[("N00003", "0180", 2025)] = {"T": "1"}
    call_command("kolada-sync", "--organisation", "sdn-test", "--year", "2025")
    assert capsys.readouterr().out.splitlines() == [
        "Kolada 2025: 1 fråga till Kolada",
        "sdn-test 2025-AR: 1 värde ändrat",
    ]
    save_followup(kolada_followup([], year=2024))
    call_command("kolada-sync", "--organisation", "sdn-test", "--year", "2024")
    assert "sdn-test: inga indikatorer med Kolada-id i verksamhetsberättelsen 2024" in capsys.readouterr().out


def test_an_import_with_a_bad_kolada_id_is_refused_in_swedish(db):
    from styrkort.storage.validate import InvalidFollowUp

    with pytest.raises(InvalidFollowUp, match="Kolada-id.*N eller U och fem siffror"):
        save_followup(kolada_followup(["N00001/../../x"]))
    assert not Measurement.objects.exists()


def test_an_incremental_run_fetches_everything_of_a_kpi_linked_since_the_last_run(kolada, annual_report):
    three_kpis(kolada)
    sync_organisation("sdn-test", 2025)
    save_followup(kolada_followup(["N00001", "N00002", "N00003", "N00004"]))
    kolada.values[("N00004", "0180", 2025)] = {"T": "4.4"}
    kolada.requests.clear()
    sync_organisation("sdn-test", 2025, incremental=True)
    day = timezone.localdate(SyncRun.objects.order_by("started").first().started).isoformat()
    assert kolada.requests == [
        ("/v3/data/kpi/N00001,N00002,N00003/municipality/0180/year/2025", {"from_date": [day]}),
        ("/v3/data/kpi/N00004/municipality/0180/year/2025", {}),
    ]
    assert figures()["Indikator N00004"][0] == D("4.4")


def test_an_incremental_run_does_not_start_from_a_run_that_skipped_a_locked_report(kolada, annual_report):
    three_kpis(kolada)
    Report.objects.filter(pk=annual_report.pk).update(state="decided")
    sync_organisation("sdn-test", 2025)  # skipped: fetched nothing
    Report.objects.filter(pk=annual_report.pk).update(state="open")  # reopened
    result = sync_organisation("sdn-test", 2025, incremental=True)
    assert result.from_date is None and kolada.requests[0][1] == {}
    assert figures()["Indikator N00002"] == (D("12"), D("11.25"), D("12.75"))


def test_the_queries_of_a_sync_grow_with_the_figures_written_not_more(
    kolada, db, django_assert_max_num_queries
):
    kpis = [f"N{number:05d}" for number in range(1, 31)]
    save_followup(kolada_followup(kpis))
    for kpi in kpis:
        kolada.values[(kpi, "0180", 2025)] = {"T": "1.5", "K": "2", "M": "null"}
    with django_assert_max_num_queries(20 + 4 * len(kpis)):  # a save, its lock check and audit per row
        sync_organisation("sdn-test", 2025, municipality_id="0180")
    with django_assert_max_num_queries(15):  # nothing to write: a handful, whatever the number of KPIs
        sync_organisation("sdn-test", 2025, municipality_id="0180")
