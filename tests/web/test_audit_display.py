"""The audit trail as people read it: full names, Swedish field names, values and figures."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType

from styrkort.audit.display import describe, value_words, who
from styrkort.audit.models import Change
from styrkort.followup.models import Report
from styrkort.goals.models import GoalAssessment, Measurement
from tests.web.helpers import BASE, assessment, goal_data, grid_data, measurement

pytestmark = pytest.mark.django_db

SHARE = "Andel legitimerade förskollärare"
THIN = "\u202f"


def entry(model, field: str, old, new, **extra) -> Change:
    return Change(
        content_type=ContentType.objects.get_for_model(model), field=field, old=old, new=new, **extra
    )


def test_a_grid_save_shows_the_full_name_the_field_and_swedish_figures(login, users):
    users["rut"].last_name = "Rapportör"
    users["rut"].save()
    row = measurement(SHARE)
    client = login("rut")
    client.post(BASE + "indikatorer/", grid_data((row, {"outcome": "2 471,8", "forecast": ""})))
    page = client.get(BASE + "indikatorer/").content.decode()
    assert "<td>Rut Rapportör</td>" in page and "<td>rut</td>" not in page
    assert "<td>utfall</td><td>38,2</td><td>2" + THIN + "471,8</td>" in page
    assert "<td>prognos helår</td><td>39,5</td><td>–</td>" in page  # emptied: shown as missing
    assert f"Ändrad: {SHARE}" in page  # the row by its indicator, not "Measurement object"


def test_an_assessment_shows_the_scales_words_not_codes(login, users):
    goal = assessment("1.1.1")
    client = login("anna")
    client.post(BASE + f"mal/{goal.pk}/", goal_data(goal, own_goal=True, status="met"))
    page = client.get(BASE + f"mal/{goal.pk}/").content.decode()
    assert "<td>bedömning</td><td>Uppfylls delvis</td><td>Uppfylls helt</td>" in page
    assert "<td>partly_met</td>" not in page


@pytest.mark.parametrize(
    ("model", "field", "stored", "shown"),
    [
        (Measurement, "outcome", "1.0", "1,0"),  # as recorded: the precision is kept
        (Measurement, "outcome", "-12345.67", "-12" + THIN + "345,67"),
        (Measurement, "outcome", "not a number", "not a number"),
        (Measurement, "assessment", "not_met", "Uppfylls inte"),
        (Measurement, "assessment", "not_assessed", "Ej bedömd"),
        (GoalAssessment, "status", "unknown-code", "unknown-code"),
        (Report, "state", "in_review", "Under granskning"),
        (Measurement, "analysis", "Text <b>som den är</b>", "Text <b>som den är</b>"),
        (Measurement, "no_such_field", "x", "x"),
        (Measurement, "outcome", None, ""),
    ],
)
def test_values_are_shown_in_swedish_by_the_kind_of_field(model, field, stored, shown):
    assert value_words(entry(model, field, stored, None), field, stored) == shown


def test_flags_read_yes_and_no():
    change = entry(get_user_model(), "is_active", "True", "False")
    assert describe(change)["old"] == "ja" and describe(change)["new"] == "nej"
    assert describe(change)["field"] == "aktiv"


def test_who_is_the_full_name_else_the_username_kept_else_the_system(users):
    users["anna"].last_name = "Andersson"
    assert who(Change(user=users["anna"], username="anna")) == "Anna Andersson"
    nameless = get_user_model().objects.create_user("utan-namn")
    assert who(Change(user=nameless, username="utan-namn")) == "utan-namn"
    assert who(Change(user=None, username="importör")) == "importör"
    assert who(Change(user=None, username="")) == "Systemet"


def test_a_removed_records_last_values_are_listed_in_swedish():
    values = {"outcome": "38.2", "assessment": "partly_met", "analysis": "Kvar"}
    change = entry(Measurement, "", json.dumps(values), None, action="deleted")
    assert describe(change)["old"] == "utfall: 38,2; bedömning: Uppfylls delvis; analys: Kvar"
    broken = entry(Measurement, "", "{not json", None, action="deleted")
    assert describe(broken)["old"] == "{not json"
