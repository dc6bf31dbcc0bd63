"""Storing a follow-up in the database and reading it back loses nothing."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest

from styrkort.exchange.document import to_dict
from styrkort.followup.lock import LockedReportError
from styrkort.followup.models import Report
from styrkort.goals.models import Goal, Indicator, Measurement
from styrkort.storage.store import find_report, load_followup, save_followup
from tests.factories import make_followup

pytestmark = pytest.mark.django_db


def test_a_saved_followup_reads_back_equal():
    followup = make_followup()
    save_followup(followup)
    assert load_followup("sdn-test", "2026-T1") == followup


def test_the_reporters_indicator_assessment_and_the_recipient_are_stored():
    followup = make_followup()
    save_followup(followup)
    measurement = Measurement.objects.get(indicator__name="Antal besök", period__kind="T1")
    assert measurement.assessment == "partly_met"
    assert Report.objects.get().recipient == "Norra stadsdelsnämnden"
    loaded = load_followup("sdn-test", "2026-T1")
    assert [i.assessment for _, i in loaded.all_indicators()] == [
        "not_assessed",
        "not_assessed",
        "partly_met",
    ]
    assert loaded.report.recipient == "Norra stadsdelsnämnden"


def test_saving_the_same_report_twice_replaces_and_never_duplicates():
    followup = make_followup()
    save_followup(followup)
    counts = (Goal.objects.count(), Indicator.objects.count(), Measurement.objects.count())
    save_followup(followup)
    assert (Goal.objects.count(), Indicator.objects.count(), Measurement.objects.count()) == counts
    assert load_followup("sdn-test", "2026-T1") == followup


def test_a_changed_report_replaces_the_old_content():
    save_followup(make_followup())
    changed = make_followup(summary="Ny sammanfattning.", decision_proposals=())
    save_followup(changed)
    assert load_followup("sdn-test", "2026-T1") == changed


def test_last_years_annual_outcome_is_a_measurement_of_last_years_annual_report():
    save_followup(make_followup())
    measurement = Measurement.objects.get(
        indicator__name="Andel legitimerade förskollärare", period__kind="AR"
    )
    assert (measurement.period.year, measurement.outcome) == (2025, Decimal("39.2"))


def _with_first_city_indicator(followup, **changes):
    aim = followup.goals[0]
    area_goal = aim.children[0]
    indicator = dataclasses.replace(area_goal.indicators[0], **changes)
    area_goal = dataclasses.replace(area_goal, indicators=(indicator, *area_goal.indicators[1:]))
    return dataclasses.replace(followup, goals=(dataclasses.replace(aim, children=(area_goal,)),))


def test_last_years_annual_report_supplies_the_previous_outcome():
    save_followup(_with_first_city_indicator(make_followup(year=2025, kind="AR"), outcome=Decimal("40.1")))
    save_followup(_with_first_city_indicator(make_followup(), previous_annual=None))
    loaded = load_followup("sdn-test", "2026-T1")
    assert loaded.goals[0].children[0].indicators[0].previous_annual == Decimal("40.1")
    assert (
        Measurement.objects.filter(
            period__year=2025, indicator__name="Andel legitimerade förskollärare"
        ).count()
        == 1
    )


def test_a_newer_report_corrects_last_years_annual_outcome_in_place():
    save_followup(_with_first_city_indicator(make_followup(year=2025, kind="AR"), outcome=Decimal("40.1")))
    save_followup(make_followup())  # prints 39.2 as last year's outcome
    last_year = load_followup("sdn-test", "2025-AR")
    assert last_year.goals[0].children[0].indicators[0].outcome == Decimal("39.2")
    assert (
        Measurement.objects.filter(
            period__year=2025, indicator__name="Andel legitimerade förskollärare"
        ).count()
        == 1
    )


def test_city_goals_and_indicators_are_shared_by_committees():
    save_followup(make_followup("sdn-a"))
    save_followup(make_followup("sdn-b"))
    assert Goal.objects.filter(number="1.1").count() == 1
    assert Goal.objects.filter(number="1.1.1").count() == 2
    assert Indicator.objects.filter(name="Andel legitimerade förskollärare").count() == 1
    assert load_followup("sdn-b", "2026-T1") == make_followup("sdn-b")


@pytest.mark.parametrize("state", [Report.State.APPROVED, Report.State.DECIDED])
def test_an_approved_or_decided_report_cannot_be_replaced(state):
    save_followup(make_followup())
    Report.objects.update(state=state)
    with pytest.raises(LockedReportError):
        save_followup(make_followup(summary="Ändrad"))
    assert load_followup("sdn-test", "2026-T1").summary == make_followup().summary


def test_a_failed_save_changes_nothing():
    broken = make_followup(
        decision_proposals=(make_followup().decision_proposals[0],) * 2
    )  # duplicate number
    with pytest.raises(Exception):  # noqa: B017 - the database's unique constraint, whichever class it raises
        save_followup(broken)
    assert Report.objects.count() == 0
    assert Goal.objects.count() == 0


def test_unknown_organisation_or_period_gives_a_clear_message():
    save_followup(make_followup())
    with pytest.raises(LookupError, match="ingen organisation"):
        find_report("okänd", "2026-T1")
    with pytest.raises(LookupError, match="ingen rapport för 2026-T2"):
        find_report("sdn-test", "2026-T2")
    with pytest.raises(ValueError, match="okänd period"):
        find_report("sdn-test", "2026-T9")


def test_the_exported_dict_of_a_loaded_followup_matches_the_original():
    followup = make_followup()
    save_followup(followup)
    assert to_dict(load_followup("sdn-test", "2026-T1")) == to_dict(followup)


def test_a_replacing_import_is_audited_once_with_the_document_it_replaced():
    from styrkort.audit.models import Change
    from styrkort.exchange.document import to_json

    first = make_followup()
    report = save_followup(first)
    before = Change.objects.count()
    save_followup(make_followup(summary="Ny sammanfattning."), source="import-json ny.json")
    entries = list(Change.objects.order_by("id")[before:])
    assert len(entries) == 1
    assert (entries[0].object_id, entries[0].field, entries[0].action) == (
        str(report.pk),
        "import",
        "changed",
    )
    assert entries[0].old == to_json(first)
    assert entries[0].new.startswith("import-json ny.json: 3 mål")


def test_an_uploaded_attachment_file_survives_a_reimport():
    from django.core.files.base import ContentFile

    from styrkort.followup.models import Attachment

    report = save_followup(make_followup())
    uploaded = Attachment(report=report, number=9, title="Uppladdad bilaga")
    uploaded.file.save("bilaga.pdf", ContentFile(b"%PDF-1.7 test"), save=True)
    save_followup(make_followup())
    assert list(report.attachments.order_by("number").values_list("number", "title")) == [
        (1, "Bilaga ett"),
        (9, "Uppladdad bilaga"),
    ]
