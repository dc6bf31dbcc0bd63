"""The grid for real work: filters kept through a save, the saved row's place, hostile parameters."""

from __future__ import annotations

from decimal import Decimal

import pytest

from styrkort.goals.models import Goal
from tests.web.helpers import BASE, grid_data, measurement

pytestmark = pytest.mark.django_db

GRID = BASE + "indikatorer/"
SHARE = "Andel legitimerade förskollärare"
VISITS = "Antal besök"
EVICTIONS = "Antal vräkningar som berör barn"


def names_shown(client, query: str = "") -> set[str]:
    page = client.get(GRID + query).content.decode()
    return {name for name in (SHARE, VISITS, EVICTIONS) if f'id="namn-{measurement(name).pk}"' in page}


def test_mine_shows_a_reporter_only_the_rows_she_may_change(login, users):
    assert names_shown(login("rut")) == {SHARE, VISITS, EVICTIONS}
    assert names_shown(login("rut"), "?mina=1") == {SHARE, VISITS}
    assert names_shown(login("anna"), "?mina=1") == {SHARE, VISITS, EVICTIONS}


def test_a_goal_filter_shows_that_goals_indicators(login, users):
    own = Goal.objects.get(organisation__code="sdn-test", number="1.1.1")
    assert names_shown(login("anna"), f"?mal={own.pk}") == {VISITS}


def test_a_status_filter_shows_the_rows_of_that_status(login, users):
    assert names_shown(login("anna"), "?status=met") == {SHARE}
    assert names_shown(login("anna"), "?status=not_met") == set()


def test_missing_shows_rows_due_in_the_period_without_outcome_and_forecast(login, users):
    assert names_shown(login("anna"), "?saknas=1") == set()  # the annual ones are not due at T1
    row = measurement(SHARE)
    login("anna").post(GRID, grid_data((row, {"outcome": "", "forecast": ""})))
    assert names_shown(login("anna"), "?saknas=1") == {SHARE}


def test_filters_combine_and_say_how_many_rows_they_show(login, users):
    page = login("rut").get(GRID + "?mina=1&status=met").content.decode()
    assert "Filtrerat: 1 indikator av 3" in page
    assert "Visa alla" in page


@pytest.mark.parametrize(
    "query",
    [
        "?mal=abc",
        "?mal=99999999999999999999999",
        "?mal=-1",
        "?status=%3Cscript%3Ealert(1)%3C/script%3E",
        "?mina=%00&saknas=ja",
        "?mal=%D9%A3",  # an Arabic-Indic digit: not an id
    ],
)
def test_hostile_or_unknown_filter_values_are_ignored_not_errors(login, users, query):
    response = login("anna").get(GRID + query)
    assert response.status_code == 200
    page = response.content.decode()
    assert "<script>alert" not in page
    assert "3 indikatorer i rapporten" in page


def test_a_save_keeps_the_filter_and_returns_to_the_row_saved(login, users):
    row = measurement(SHARE)
    client = login("rut")
    response = client.post(GRID + "?mina=1&status=met", grid_data((row, {"outcome": "38,4"})))
    assert response.status_code == 302
    assert response["Location"] == f"{GRID}?mina=1&status=met#rad-{row.pk}"
    assert measurement(SHARE).outcome == Decimal("38.4")
    page = client.get(response["Location"].split("#")[0]).content.decode()
    assert "Sparat: 1 indikator ändrad." in page


def test_a_save_returns_to_the_row_the_user_was_in(login, users):
    row, visits = measurement(SHARE), measurement(VISITS)
    data = {**grid_data((row, {"outcome": "38,4"}), (visits, {})), "plats": str(visits.pk)}
    response = login("rut").post(GRID, data)
    assert response["Location"] == f"{GRID}#rad-{visits.pk}"


@pytest.mark.parametrize("place", ["999999", "rad-1", "<b>", "1e3", ""])
def test_a_place_that_is_not_a_row_on_the_page_falls_back_to_the_saved_row(login, users, place):
    row = measurement(SHARE)
    response = login("rut").post(GRID, {**grid_data((row, {"outcome": "38,4"})), "plats": place})
    assert response["Location"] == f"{GRID}#rad-{row.pk}"


def test_an_unchanged_save_keeps_the_filter_without_a_place(login, users):
    row = measurement(SHARE)
    response = login("rut").post(GRID + "?mina=1", grid_data((row, {})))
    assert response["Location"] == f"{GRID}?mina=1"


def test_a_refused_save_under_a_filter_keeps_the_rows_sent_and_the_typed_text(login, users):
    row = measurement(SHARE)
    response = login("rut").post(GRID + "?status=not_met", grid_data((row, {"outcome": "tretton"})))
    page = response.content.decode()
    assert response.status_code == 400
    assert 'value="tretton"' in page and f'id="namn-{row.pk}"' in page


def test_the_grid_keeps_its_query_budget_under_a_filter(login, users, django_assert_max_num_queries):
    client = login("anna")
    with django_assert_max_num_queries(40):
        assert client.get(GRID + "?saknas=1&status=no_data").status_code == 200


def test_the_status_filter_offers_the_scales_own_words(login, users):
    page = login("anna").get(GRID + "?status=partly_met").content.decode()
    assert '<option value="partly_met" selected>Uppfylls delvis</option>' in page
    assert '<option value="no_data">Ej bedömd</option>' in page
