"""What the store refuses, saying what and where in Swedish, with nothing written.

Every refusal here once ended in a database error (IntegrityError, DataError, OverflowError,
InvalidOperation) or, worse, was stored: a committee renamed and moved, a complete report
replaced by a truncated one.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal

import pytest

from styrkort.domain import document as d
from styrkort.exchange.document import to_json
from styrkort.followup.models import Report
from styrkort.goals.models import Goal
from styrkort.organisations.models import Organisation
from styrkort.storage.store import load_followup, save_followup
from styrkort.storage.validate import InvalidFollowUp, RemovalRefused
from tests.factories import MUNICIPALITY, make_followup

pytestmark = pytest.mark.django_db


def _area_goal(followup: d.FollowUp) -> d.Goal:
    return followup.goals[0].children[0]


def _with_area_goal(followup: d.FollowUp, **changes) -> d.FollowUp:
    aim = followup.goals[0]
    area = dataclasses.replace(_area_goal(followup), **changes)
    return dataclasses.replace(followup, goals=(dataclasses.replace(aim, children=(area,)),))


def _with_indicator(followup: d.FollowUp, **changes) -> d.FollowUp:
    indicators = _area_goal(followup).indicators
    return _with_area_goal(
        followup, indicators=(dataclasses.replace(indicators[0], **changes), *indicators[1:])
    )


def _with_activity(followup: d.FollowUp, **changes) -> d.FollowUp:
    activities = _area_goal(followup).activities
    return _with_area_goal(followup, activities=(dataclasses.replace(activities[0], **changes),))


def _economy(followup: d.FollowUp, **changes) -> d.FollowUp:
    return dataclasses.replace(followup, economy=dataclasses.replace(followup.economy, **changes))


BASE = make_followup()
AREA = _area_goal(BASE)
CASES = {
    "duplicate goal numbers": (
        dataclasses.replace(BASE, goals=(*BASE.goals, BASE.goals[0])),
        [
            "målnumret 1 står två gånger",
            "målnumret 1.1 står två gånger",
            "målnumret 1.1.1 (nämndens) står två gånger",
        ],
    ),
    "duplicate indicator names": (
        _with_area_goal(BASE, indicators=(AREA.indicators[0], AREA.indicators[0])),
        ["mål 1.1 › indikatorn ”Andel legitimerade förskollärare” står två gånger"],
    ),
    "duplicate activity titles": (
        _with_area_goal(BASE, activities=AREA.activities * 2),
        ["mål 1.1 › aktiviteten ”Stadsdelsnämnderna ska göra något” står två gånger"],
    ),
    "an activity ending before it starts": (
        _with_activity(BASE, start=date(2026, 5, 1), end=date(2026, 4, 1)),
        [
            "mål 1.1 › aktiviteten ”Stadsdelsnämnderna ska göra något”: slutar (2026-04-01) före start (2026-05-01)"
        ],
    ),
    "a figure too large for its column": (
        _with_indicator(BASE, outcome=Decimal("123456789012345678901234")),
        ["Andel legitimerade förskollärare", "utfall"],
    ),
    "a figure with more decimals than its column": (
        _with_indicator(BASE, forecast=Decimal("0.12345678901")),
        ["Andel legitimerade förskollärare", "prognos"],
    ),
    "more decimals than an indicator may show": (
        _with_indicator(BASE, decimals=7),
        ["indikatorn ”Andel legitimerade förskollärare”: antal decimaler 7 ligger utanför 0–6"],
    ),
    "a unit longer than its column": (
        _with_indicator(BASE, unit="x" * 51),
        ["› enhet:"],
    ),
    "a goal number longer than its column": (
        _with_area_goal(BASE, number="1." + "1" * 30),
        ["› nummer:"],
    ),
    "a year the database refuses": (
        make_followup(year=3000),
        ["perioden: år 3000 ligger utanför"],
    ),
    "last year's outcome before 2000": (
        make_followup(year=2000),
        ["perioden: år 2000 ligger utanför 2001–2100"],
    ),
    "a huge proposal number": (
        make_followup(decision_proposals=(d.DecisionProposal(10**30, "Text"),)),
        [f"förslag till beslut {10**30}: nummer"],
    ),
    "duplicate proposal numbers": (
        make_followup(decision_proposals=(d.DecisionProposal(1, "A"), d.DecisionProposal(1, "B"))),
        ["förslag till beslut nummer 1 står två gånger"],
    ),
    "proposal number zero": (
        make_followup(decision_proposals=(d.DecisionProposal(0, "A"),)),
        ["förslag till beslut 0: nummer 0 ligger utanför 1–32767"],
    ),
    "duplicate attachment numbers": (
        make_followup(attachments=(d.Attachment(1, "A"), d.Attachment(1, "B"))),
        ["bilaga 1 står två gånger"],
    ),
    "duplicate operating budget areas": (
        _economy(BASE, operating_budget=BASE.economy.operating_budget[:1] * 2),
        ["ekonomi › verksamhetsområdet ”Förskoleverksamhet” står två gånger"],
    ),
    "varav rows two levels deep": (
        _economy(
            BASE,
            operating_budget=(
                d.BudgetRow("A", children=(d.BudgetRow("varav B", children=(d.BudgetRow("varav C"),)),)),
            ),
        ),
        ["ekonomi › ”A”: varav-rader kan bara ligga i en nivå"],
    ),
    "an economy label longer than its column": (
        _economy(BASE, result_unit_groups=(d.ResultUnitGroup("G" * 201),)),
        ["ekonomi › resultatenheter › ”GGG"],
    ),
    "a committee code that is no slug": (
        make_followup(code="Ä Ö"),
        ["organisationen ”Ä Ö” › kod:"],
    ),
    "a committee without a municipality above it": (
        dataclasses.replace(BASE, organisation=d.Organisation("sdn-x", "X", "committee")),
        ["organisationen ”sdn-x” har ingen kommun överst"],
    ),
    "the same code twice in the chain": (
        dataclasses.replace(BASE, organisation=d.Organisation("testkommun", "X", "committee", MUNICIPALITY)),
        ["organisationen ”testkommun” står två gånger i kedjan"],
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_what_cannot_be_stored_is_refused_saying_where_and_nothing_is_written(case):
    followup, expected = CASES[case]
    with pytest.raises(ValueError) as refusal:  # InvalidFollowUp, or a figure's own error where it has one
        save_followup(followup)
    message = str(refusal.value)
    for part in expected:
        assert part in message
    assert Report.objects.count() == 0
    assert Goal.objects.count() == 0
    assert Organisation.objects.count() == 0


def test_an_import_never_renames_an_existing_organisation():
    save_followup(make_followup())
    renamed = dataclasses.replace(
        BASE, organisation=dataclasses.replace(BASE.organisation, name="Södra stadsdelsnämnden")
    )
    with pytest.raises(
        InvalidFollowUp, match="namnet är ”Nämnd sdn-test” i databasen men ”Södra stadsdelsnämnden”"
    ):
        save_followup(renamed)
    assert Organisation.objects.get(code="sdn-test").name == "Nämnd sdn-test"


def test_an_import_never_moves_an_existing_organisation_to_another_parent():
    save_followup(make_followup())
    elsewhere = d.Organisation("annanstad", "Annan stad", "municipality")
    moved = dataclasses.replace(BASE, organisation=dataclasses.replace(BASE.organisation, parent=elsewhere))
    with pytest.raises(InvalidFollowUp, match="ligger under ”testkommun” i databasen men under ”annanstad”"):
        save_followup(moved)
    assert Organisation.objects.get(code="sdn-test").parent.code == "testkommun"
    assert not Organisation.objects.filter(code="annanstad").exists()


def test_an_import_creates_a_new_committee_under_an_existing_municipality():
    save_followup(make_followup())
    save_followup(make_followup("sdn-ny"))
    assert Organisation.objects.get(code="sdn-ny").parent.code == "testkommun"


def test_a_replacement_with_fewer_goals_indicators_or_activities_is_refused_listing_them():
    save_followup(make_followup())
    before = to_json(load_followup("sdn-test", "2026-T1"))
    fewer = _with_area_goal(BASE, indicators=AREA.indicators[1:], activities=(), children=())
    with pytest.raises(RemovalRefused) as refusal:
        save_followup(fewer)
    assert refusal.value.removed == [
        "mål 1.1 › indikatorn ”Andel legitimerade förskollärare”",
        "mål 1.1 › aktiviteten ”Stadsdelsnämnderna ska göra något”",
        "mål 1.1.1 ”Barn har en trygg fritid”",
    ]
    assert "skulle förlora 3" in str(refusal.value)
    assert to_json(load_followup("sdn-test", "2026-T1")) == before
    save_followup(fewer, allow_removal=True)
    assert load_followup("sdn-test", "2026-T1") == fewer


def test_a_replacement_that_keeps_everything_and_adds_is_not_a_removal():
    save_followup(make_followup())
    more = _with_area_goal(BASE, activities=(*AREA.activities, d.Activity("Ny aktivitet")))
    save_followup(more)
    assert load_followup("sdn-test", "2026-T1") == more
