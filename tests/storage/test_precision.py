"""Figures keep their precision through storage and the exchange format, and out-of-bounds ones stop an import.

Decimal equality ignores the scale (``Decimal("1.0") == 1``), so these tests compare the exchange
JSON, where "1.0" and "1" differ. Runs on the database of the run (SQLite or PostgreSQL).
"""

from __future__ import annotations

import dataclasses
import io
import json
from decimal import Decimal as D

import pytest
from django.core.management import call_command

from styrkort.domain import document as d
from styrkort.domain.numbers import FigureError
from styrkort.exchange.document import from_json, to_json
from styrkort.followup.models import Report
from styrkort.goals.models import Measurement
from styrkort.storage.store import load_followup, save_followup
from tests.factories import make_followup

pytestmark = pytest.mark.django_db


def with_precision() -> d.FollowUp:
    """The factory's report with figures whose scale matters: 1,0 %, 13 st, 99,6 %, 0,0, 2,0 mnkr …"""
    followup = make_followup()
    area_goal = followup.goals[0].children[0]
    share, evictions = area_goal.indicators
    share = dataclasses.replace(
        share,
        outcome=D("1.0"),
        outcome_men=D("0.0"),
        outcome_women=D("2.00"),
        previous_annual=D("99.6"),
        forecast=D("14.5"),
        target="1.0",
        printed_units=(("previous_annual", ""), ("forecast", "st")),  # in the order of INDICATOR_FIGURES
    )
    evictions = dataclasses.replace(evictions, outcome=D("13"), previous_annual=D("13.0"))
    area_goal = dataclasses.replace(area_goal, indicators=(share, evictions))
    economy = dataclasses.replace(
        followup.economy,
        operating_budget=(
            d.BudgetRow("Förskoleverksamhet", D("2.0"), D("0.0"), None, D("2.0"), D("2.0"), D("0.0")),
        ),
        result_units=(
            d.ResultUnit("301 Område 1", "Förskolor", D("79774.0"), D("-8192.0"), D("215"), D("7977.0")),
        ),
        volumes=(
            d.VolumeTable(
                "Förskola",
                ("Utfall",),
                (d.VolumeRow("1-3 år", (D("772"),)), d.VolumeRow("Snitt", (D("3.25"),))),
            ),
        ),
        fund_applications=(d.FundApplication("kompetensutvecklingsmedel", "stöd", D("330480")),),
    )
    aim = dataclasses.replace(followup.goals[0], children=(area_goal,))
    return dataclasses.replace(followup, goals=(aim,), economy=economy)


def test_every_figure_reads_back_with_the_precision_it_was_stored_with():
    followup = with_precision()
    save_followup(followup)
    assert to_json(load_followup("sdn-test", "2026-T1")) == to_json(followup)
    stored = Measurement.objects.get(indicator__name="Andel legitimerade förskollärare", period__year=2026)
    assert (str(stored.outcome), str(stored.outcome_men), str(stored.outcome_women)) == ("1.0", "0.0", "2.00")
    assert stored.printed_units == {"forecast": "st", "previous_annual": ""}


def test_a_change_of_precision_alone_is_stored_by_a_new_import():
    save_followup(make_followup())
    followup = with_precision()
    save_followup(followup)
    changed = dataclasses.replace(followup.goals[0].children[0].indicators[1], previous_annual=D("13"))
    area_goal = dataclasses.replace(
        followup.goals[0].children[0], indicators=(followup.goals[0].children[0].indicators[0], changed)
    )
    again = dataclasses.replace(
        followup, goals=(dataclasses.replace(followup.goals[0], children=(area_goal,)),)
    )
    save_followup(again)
    assert to_json(load_followup("sdn-test", "2026-T1")) == to_json(again)


def test_the_exchange_document_keeps_the_scale_and_the_printed_units():
    text = to_json(with_precision())
    assert '"outcome": "1.0"' in text and '"previous_annual": "99.6"' in text and '"target": "1.0"' in text
    indicator = json.loads(text)["goals"][0]["children"][0]["indicators"][0]
    assert indicator["printed_units"] == {"previous_annual": "", "forecast": "st"}
    assert to_json(from_json(text)) == text


def test_export_import_export_is_identical_at_every_precision(tmp_path):
    save_followup(with_precision())
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    call_command("export-json", "--organisation", "sdn-test", "--period", "2026-T1", "-o", str(first))
    Report.objects.all().delete()
    call_command("import-json", str(first), stdout=io.StringIO())
    call_command("export-json", "--organisation", "sdn-test", "--period", "2026-T1", "-o", str(second))
    assert first.read_text(encoding="utf-8") == second.read_text(encoding="utf-8")
    assert '"outcome": "1.0"' in first.read_text(encoding="utf-8")


def test_a_figure_out_of_bounds_stops_the_import_saying_where_and_nothing_is_stored():
    followup = with_precision()
    area_goal = followup.goals[0].children[0]
    share = dataclasses.replace(area_goal.indicators[0], outcome=D("123456789012345678"))
    huge = dataclasses.replace(
        followup,
        goals=(
            dataclasses.replace(
                followup.goals[0],
                children=(dataclasses.replace(area_goal, indicators=(share, area_goal.indicators[1])),),
            ),
        ),
        economy=dataclasses.replace(
            followup.economy, budget_adjustments=(d.BudgetAdjustment("operating", "x", D("0.95")),)
        ),
    )
    with pytest.raises(FigureError) as refused:
        save_followup(huge)
    message = str(refused.value).replace("\u202f", " ")
    assert message.startswith("2 tal får inte plats i sina kolumner; inget sparades:")
    assert "”Andel legitimerade förskollärare”, utfall: talet 123 456 789 012 345 678 är för stort" in message
    assert "”x”, belopp: talet 0,95 har 2 decimaler; här får det vara högst en decimal" in message
    assert not Report.objects.exists() and not Measurement.objects.exists()
