"""The demo at scale: up to 300 committees and 290 municipalities, deterministic, refused in Swedish beyond."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from styrkort.demo import generate_demo
from styrkort.demo.scale import MAX_COMMITTEES, MAX_MUNICIPALITIES, committee_specs, municipalities
from styrkort.followup.models import Report
from styrkort.organisations.models import Organisation


def test_the_scale_names_300_committees_and_290_municipalities_uniquely_and_always_alike():
    specs = committee_specs(MAX_COMMITTEES)
    assert len({s.code for s in specs}) == len({s.name for s in specs}) == MAX_COMMITTEES
    assert all(re.fullmatch(r"[a-z0-9-]+", s.code) for s in specs)
    assert specs[:15] == committee_specs(15)  # Exempelstad's own come first, unchanged
    places = municipalities(MAX_MUNICIPALITIES)
    assert len({m.code for m in places}) == len({m.name for m in places}) == MAX_MUNICIPALITIES
    assert places[0].code == "exempelstad"
    assert all(re.fullmatch(r"[a-z0-9]+", m.code) for m in places)
    # the same counts name the same committees and municipalities whatever came before
    assert committee_specs(20) == specs[:20] and municipalities(3) == places[:3]


def test_two_committees_in_two_municipalities_are_deterministic_and_keep_exempelstad_as_it_is():
    docs = generate_demo(seed=5, committees=2, municipalities=2)
    assert docs == generate_demo(seed=5, committees=2, municipalities=2)
    assert docs != generate_demo(seed=6, committees=2, municipalities=2)
    assert len(docs) == 2 * 2 * 6
    other = municipalities(2)[1]
    codes = [d.organisation.code for d in docs[:4]]
    assert codes == ["sdn-norra", "sdn-sodra", f"{other.code}-sdn-norra", f"{other.code}-sdn-sodra"]
    assert {d.organisation.parent.code for d in docs if d.organisation.parent} == {"exempelstad", other.code}
    # Exempelstad's reports are those of the ordinary demo; the other municipality's differ
    assert [d for d in docs if d.organisation.parent.code == "exempelstad"] == generate_demo(
        seed=5, committees=2
    )
    mine = {(d.organisation.code, d.period.key): d for d in docs}
    assert mine[("sdn-norra", "2026-T1")].summary != mine[(f"{other.code}-sdn-norra", "2026-T1")].summary


def test_more_committees_than_exempelstads_own_are_invented_district_councils():
    docs = generate_demo(seed=5, committees=17, years=(2026,))
    names = {d.organisation.code: d.organisation.name for d in docs}
    assert len(names) == 17 and len(docs) == 17 * 3
    extra = [spec for spec in committee_specs(17)[15:]]
    assert all(names[s.code].endswith("stadsdelsnämnd") for s in extra)


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--committees", "0"], "--committees: ange ett antal nämnder från 1 till 300 (inte ”0”)"),
        (["--committees", "301"], "--committees: ange ett antal nämnder från 1 till 300 (inte ”301”)"),
        (["--committees", "tre"], "--committees: ange ett antal nämnder från 1 till 300 (inte ”tre”)"),
        (["--municipalities", "0"], "--municipalities: ange ett antal kommuner från 1 till 290 (inte ”0”)"),
        (["--municipalities", "291"], "--municipalities: ange ett antal kommuner från 1 till 290"),
        (["--municipalities", "2,5"], "--municipalities: ange ett antal kommuner från 1 till 290"),
    ],
)
def test_generate_demo_refuses_counts_out_of_range_in_swedish_and_writes_nothing(db, arguments, message):
    with pytest.raises(CommandError, match=re.escape(message)):
        call_command("generate-demo", *arguments)
    assert not Organisation.objects.exists()


def test_the_limits_are_those_the_issue_asks_for():
    assert (MAX_COMMITTEES, MAX_MUNICIPALITIES) == (300, 290)


def test_generate_demo_stores_two_committees_in_each_of_two_municipalities(db, capsys):
    call_command("generate-demo", "--committees", "2", "--municipalities", "2", "--seed", "3")
    assert "2 kommuner: 4 nämnder, 24 rapporter" in capsys.readouterr().out
    other = municipalities(2)[1]
    committee = Organisation.objects.get(code=f"{other.code}-sdn-sodra")
    assert committee.parent.code == other.code and committee.parent.kind == "municipality"
    assert Report.objects.filter(organisation=committee).count() == 6
    assert Report.objects.filter(period__municipality__code=other.code).count() == 12
