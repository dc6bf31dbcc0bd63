"""The indicator entry grid: Swedish input, statuses, one transaction, no lost updates, audit."""

from __future__ import annotations

from decimal import Decimal

import pytest

from styrkort.audit.models import Change
from tests.web.helpers import BASE, field_name, grid_data, measurement, page_data

pytestmark = pytest.mark.django_db

SHARE = "Andel legitimerade förskollärare"
VISITS = "Antal besök"
GRID = BASE + "indikatorer/"


def test_it_saves_swedish_figures_as_decimals_and_records_who_changed_what(login, users):
    row, visits = measurement(SHARE), measurement(VISITS)
    data = grid_data(
        (row, {"outcome": "38,4 %", "forecast": "39,5", "analysis": "Ny analys."}),
        (visits, {"outcome": "2 471,8"}),
    )
    response = login("anna").post(GRID, data)
    assert response.status_code == 302
    row, visits = measurement(SHARE), measurement(VISITS)
    assert (row.outcome, row.forecast, row.analysis) == (Decimal("38.4"), Decimal("39.5"), "Ny analys.")
    assert visits.outcome == Decimal("2471.8")
    assert row.version == 2 and visits.version == 2
    change = Change.objects.get(object_id=str(row.pk), field="outcome")
    assert (change.username, change.old, change.new) == ("anna", "38.2", "38.4")
    assert Change.objects.filter(object_id=str(row.pk), field="analysis", new="Ny analys.").exists()
    page = login("dag").get(GRID).content.decode()  # the approver works on it without changing it
    assert "Ändringslogg" in page and "<td>Anna</td>" in page and "<td>utfall</td>" in page


def test_an_emptied_field_is_stored_as_missing_never_zero(login, users):
    row = measurement(SHARE)
    login("anna").post(GRID, grid_data((row, {"forecast": ""})))
    assert measurement(SHARE).forecast is None


def test_unchanged_rows_are_not_saved(login, users):
    row = measurement(SHARE)
    login("anna").post(GRID, grid_data((row, {})))
    assert measurement(SHARE).version == 1
    assert not Change.objects.filter(object_id=str(row.pk), action="changed").exists()


def test_bad_input_says_what_and_where_keeps_the_text_and_saves_nothing(login, users):
    row, visits = measurement(SHARE), measurement(VISITS)
    data = grid_data((row, {"outcome": "tretton", "analysis": "Min text"}), (visits, {"outcome": "15 000"}))
    response = login("anna").post(GRID, data)
    page = response.content.decode()
    assert response.status_code == 400
    assert "Inget sparades" in page
    assert f"{SHARE}, utfall: ”tretton” är inte ett tal" in page
    assert 'value="tretton"' in page and "Min text" in page and 'value="15 000"' in page
    assert measurement(SHARE).outcome == Decimal("38.2")
    assert measurement(VISITS).outcome is None  # the valid row was not saved either


def test_the_second_save_of_the_same_row_is_refused_and_shows_what_changed(login, users, client):
    row = measurement(SHARE)
    first = grid_data((row, {"analysis": "Annas analys."}))
    second = grid_data((row, {"analysis": "Ruts analys."}))  # loaded at the same version
    assert login("anna").post(GRID, first).status_code == 302
    response = login("rut").post(GRID, second)
    page = response.content.decode()
    assert response.status_code == 409
    assert "någon annan hann före" in page
    assert "Annas analys." in page and "Ruts analys." in page  # theirs shown, mine kept
    assert "Anna" in page  # who saved it, by name
    assert measurement(SHARE).analysis == "Annas analys."
    # The page now carries the current version: saving again means "mine wins", deliberately.
    again = grid_data((measurement(SHARE), {"analysis": "Sammanslagen analys."}))
    assert login("rut").post(GRID, again).status_code == 302
    assert measurement(SHARE).analysis == "Sammanslagen analys."


def test_the_status_is_recomputed_for_typed_figures_without_saving(login, users):
    row = measurement(SHARE)
    url = f"{GRID}{row.pk}/status/"
    client = login("rut")
    met = client.get(url, {"form": "m-0", "m-0-forecast": "40,0"}).content.decode()
    short = client.get(url, {"form": "m-0", "m-0-forecast": "20"}).content.decode()
    wrong = client.get(url, {"form": "m-0", "m-0-forecast": "abc"}).content.decode()
    assert "Uppfylls helt" in met and "Uppfylls inte" in short
    assert "”abc” är inte ett tal" in wrong
    assert measurement(SHARE).forecast == Decimal("39.5")


def test_the_status_of_a_report_one_may_not_see_is_not_found(login, users):
    row = measurement(SHARE)
    assert login("cecilia").get(f"{GRID}{row.pk}/status/").status_code == 404


def test_the_grid_shows_statuses_in_words_and_labels_every_field(login, users):
    page = login("anna").get(GRID).content.decode()
    assert "Uppfylls helt" in page
    row = measurement(SHARE)
    name = field_name(page_data(login("anna"), GRID), "m", row.pk, "outcome")
    assert f'<label class="visually-hidden" for="id_{name}">Utfall, {SHARE}</label>' in page


def test_targets_are_shown_the_swedish_way(login, users):
    page = login("anna").get(GRID).content.decode()
    assert '<td class="num">39,5</td>' in page and "Tas fram av nämnd" in page
