"""The exchange format: schema in step with the code, strict validation, lossless round trip."""

from __future__ import annotations

import json

import pytest

from styrkort.exchange.document import SCHEMA_PATH, ExchangeError, from_dict, from_json, to_dict, to_json
from styrkort.exchange.schema import build_schema
from tests.factories import make_followup


def test_the_schema_in_the_repository_is_the_one_the_code_generates():
    assert json.loads(SCHEMA_PATH.read_text(encoding="utf-8")) == build_schema()


def test_a_followup_round_trips_through_json():
    followup = make_followup()
    assert from_json(to_json(followup)) == followup


def test_figures_are_strings_with_a_decimal_point_and_never_floats():
    data = to_dict(make_followup())
    indicator = data["goals"][0]["children"][0]["indicators"][0]
    assert indicator["outcome"] == "38.2"
    assert indicator["period_label"] == "Tertial 1 2026"
    assert data["economy"]["operating_budget"][0]["volume_changes"] == "-2"

    def walk(value):
        assert not isinstance(value, float)
        if isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(data)


def test_the_names_others_rely_on_are_there():
    data = to_dict(make_followup())
    assert set(data["organisation"]) >= {"code", "name"}
    assert set(data["period"]) == {"year", "kind"}
    goal = data["goals"][0]["children"][0]
    assert set(goal) >= {"number", "level", "title", "assessment", "indicators", "activities", "children"}
    assert set(goal["indicators"][0]) >= {
        "name", "unit", "outcome", "outcome_men", "outcome_women", "previous_annual",
        "forecast", "target", "city_target", "period_label", "analysis", "assessment",
    }  # fmt: skip
    assert set(data["report"]) >= {"officer", "officer_phone", "recipient", "report_date", "meeting_date"}
    assert set(goal["activities"][0]) >= {"title", "start", "end", "deviation", "analysis"}
    economy = data["economy"]
    assert set(economy) >= {
        "operating_budget", "volumes", "result_units", "investments", "gross_changes", "budget_adjustments",
    }  # fmt: skip
    assert set(economy["operating_budget"][0]) >= {
        "area", "budget", "requested_adjustments", "volume_changes", "forecast_before_transfers",
        "forecast_after_transfers", "deviation", "children",
    }  # fmt: skip


def _broken(mutate):
    data = to_dict(make_followup())
    mutate(data)
    return data


@pytest.mark.parametrize(
    ("mutate", "where"),
    [
        (
            lambda d: d["goals"][0]["children"][0]["indicators"][0].update(outcome=38.2),
            "/goals/0/children/0/indicators/0/outcome",
        ),
        (
            lambda d: d["goals"][0]["children"][0]["indicators"][0].update(outcome="38,2"),
            "/goals/0/children/0/indicators/0/outcome",
        ),
        (lambda d: d["period"].update(kind="T3"), "/period/kind"),
        (lambda d: d.pop("organisation"), "(dokumentet)"),
        (lambda d: d["economy"]["operating_budget"][0].update(colour="red"), "/economy/operating_budget/0"),
        (lambda d: d["goals"][0].update(level="vision"), "/goals/0/level"),
        (
            lambda d: d["goals"][0]["children"][0]["activities"][0].update(start="2026-13-01"),
            "/goals/0/children/0/activities/0/start",
        ),
        (lambda d: d.update(version=2), "/version"),
        (
            lambda d: d["goals"][0]["children"][0]["indicators"][0].update(assessment="green"),
            "/goals/0/children/0/indicators/0/assessment",
        ),
    ],
)
def test_a_broken_document_is_refused_saying_where(mutate, where):
    with pytest.raises(ExchangeError) as error:
        from_dict(_broken(mutate))
    assert where in str(error.value)


def test_text_that_is_not_json_is_refused_with_line_and_column():
    with pytest.raises(ExchangeError, match="rad 1, kolumn"):
        from_json("{not json")


def test_a_document_without_the_newer_fields_still_reads_with_their_defaults():
    data = to_dict(make_followup())
    data["report"].pop("recipient")
    for goal in data["goals"]:
        for indicator in goal["indicators"]:
            indicator.pop("assessment")
    followup = from_dict(data)
    assert followup.report.recipient == ""
    assert all(
        indicator.assessment == "not_assessed" for goal in followup.goals for indicator in goal.indicators
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"version": ' + "9" * 5000 + "}", "inte JSON som kan läsas"),  # Python's int conversion limit
        ("[" * 100_000 + "]" * 100_000, "nästlat i mer än 32 nivåer"),  # json's own recursion limit
        ('{"goals": ' + "[" * 40 + "]" * 40 + "}", "nästlat i mer än 32 nivåer"),  # walked before the schema
    ],
)
def test_json_that_would_exhaust_the_reader_is_refused_with_a_message(text, message):
    with pytest.raises(ExchangeError, match=message):
        from_json(text)


def test_schema_errors_are_in_swedish():
    data = to_dict(make_followup())
    data["goals"][0]["colour"] = "röd"
    data["goals"][0]["title"] = 5
    with pytest.raises(ExchangeError) as error:
        from_dict(data)
    assert str(error.value).splitlines() == [
        "dokumentet följer inte utbytesformatet:",
        "/goals/0: okänt fält ”colour”",
        "/goals/0/title: ska vara en text, inte ”5”",
    ]
