"""Figures through the pages: any typed text is refused or saved, never a 500; what is shown reads back.

Goes through the real grid and economy POSTs and both htmx endpoints with the test client (which
re-raises any exception of a view), then loads every page of the report. Runs on the database of
the run (SQLite, or PostgreSQL with DATABASE_URL).
"""

from __future__ import annotations

import html
import re
from decimal import Decimal

import pytest
from django.db import connection
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from styrkort.audit.models import Change
from styrkort.domain.numbers import INDICATOR, MNKR, FigureError, parse_number
from styrkort.economy.models import FundApplication, OperatingBudgetRow
from styrkort.goals.models import Measurement
from tests.web.helpers import BASE, field_name, grid_data, measurement, page_data
from tests.web.test_economy import DERIVED, ECONOMY, area_row, economy_data, entry, operating, operating_data

pytestmark = pytest.mark.django_db
SHARE = "Andel legitimerade förskollärare"
GRID = BASE + "indikatorer/"
PAGES = (
    BASE,
    GRID,
    ECONOMY,
    BASE + "forhandsgranska/",
    BASE + "rapport.json",
    BASE + "aktiviteter/",
    BASE + "forslag/",
)
CITY = "/stad/testkommun/2026-T1/"
AMBIGUOUS = {
    "2,471.8": "decimaler skrivs med komma",
    "10/12": "är inte ett tal",
    "3.5.6": "decimaler skrivs med komma",
    "5 abc": "har enheten ”abc”",
    "1.234": "decimaler skrivs med komma",
    "0,12345678901": "högst fyra decimaler",
    "123 456 789 012 345 678": "för stort: högst tolv siffror",
}
NUMBERISH = st.from_regex(
    r"[-−–+]?[0-9 \u00a0\u202f\u2009,.]{0,24}( ?(%|st|mnkr|kr|abc|e5))?", fullmatch=True
)
TYPED = st.one_of(st.text(max_size=60), NUMBERISH, st.sampled_from([*AMBIGUOUS, "9" * 400, "\x00", "NaN"]))
SETTINGS = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def every_page_answers(login) -> None:
    """The report's pages for its controller, the indicators' histories, and the city's page."""
    client = login("anna")
    for url in PAGES:
        response = client.get(url)
        assert response.status_code == 200, url
    for m in Measurement.objects.filter(organisation__code="sdn-test", period__year=2026, period__kind="T1"):
        assert client.get(f"{BASE}indikatorer/{m.indicator_id}/historik/").status_code == 200
    assert login("stina").get(CITY).status_code == 200
    login("anna")


def message_of(page: str) -> str:
    return html.unescape(page).replace("\u202f", " ").replace("\u00a0", " ")


# --- any typed text ---------------------------------------------------------------------------


def test_no_typed_text_makes_the_grid_or_its_status_answer_500(login, users):
    client = login("anna")

    @SETTINGS
    @given(typed=TYPED)
    @example(typed="123 456 789 012 345 678")
    def check(typed):
        row = measurement(SHARE)
        status = client.get(
            f"{GRID}{row.pk}/status/", {"form": "m-0", "m-0-outcome": typed, "m-0-forecast": typed}
        )
        assert status.status_code == 200
        response = client.post(GRID, grid_data((row, {"outcome": typed})))
        assert response.status_code in (302, 400)
        saved = measurement(SHARE).outcome
        try:
            expected = parse_number(typed, INDICATOR, "%")
        except FigureError:
            assert response.status_code == 400 and saved == row.outcome
        else:
            assert response.status_code == 302 and str(saved) == str(expected)
        assert client.get(GRID).status_code == 200

    check()
    every_page_answers(login)


def test_no_typed_text_makes_the_economy_or_its_derived_cells_answer_500(login, users):
    client = login("anna")

    @SETTINGS
    @given(typed=TYPED, column=st.sampled_from(["budget", "forecast_after_transfers", "volume_changes"]))
    @example(typed="999 999,9", column="budget")  # in bounds, but the total no longer fits its column
    def check(typed, column):
        application = FundApplication.objects.get(report__organisation__code="sdn-test")
        data = economy_data(
            operating("Förskoleverksamhet", **{column: typed}),
            operating("Individ- och familjeomsorg", budget=typed),
            entry(application, "f", ("fund", "purpose", "amount"), amount=typed, purpose="p"),
        )
        assert client.get(DERIVED, data).status_code == 200
        response = client.post(ECONOMY, data)
        assert response.status_code in (302, 400), response.status_code
        if response.status_code == 400:
            assert "Inget sparades" in response.content.decode()
        assert client.get(ECONOMY).status_code == 200

    check()
    every_page_answers(login)


# --- the listed ambiguous inputs and the figure that took reports down ------------------------


@pytest.mark.parametrize(("typed", "message"), AMBIGUOUS.items())
def test_ambiguous_input_is_refused_with_a_message_naming_the_row_and_field(login, users, typed, message):
    row = measurement(SHARE)
    response = login("anna").post(GRID, grid_data((row, {"outcome": typed})))
    assert response.status_code == 400
    page = message_of(response.content.decode())
    assert f"{SHARE}, utfall: ”{typed}”" in page and message in page and "Inget sparades" in page
    assert measurement(SHARE).outcome == Decimal("38.2")
    budget = login("anna").post(ECONOMY, operating_data("Förskoleverksamhet", budget=typed))
    assert budget.status_code == 400
    assert f"Förskoleverksamhet, budget: ”{typed}”" in message_of(budget.content.decode())
    assert area_row("Förskoleverksamhet").budget == Decimal("60")


def test_a_figure_of_ten_to_the_fourteen_is_refused_and_every_page_keeps_answering(login, users):
    client = login("anna")
    row = measurement(SHARE)
    response = client.post(GRID, grid_data((row, {"outcome": "123 456 789 012 345 678", "forecast": "40,1"})))
    assert response.status_code == 400
    assert "för stort: högst tolv siffror före decimalkommat" in message_of(response.content.decode())
    assert 'value="40,1"' in response.content.decode()  # what was typed is kept
    assert measurement(SHARE).forecast == Decimal("39.5")
    every_page_answers(login)


def test_a_value_put_into_the_database_by_hand_out_of_bounds_still_shows_everywhere(login, users):
    row = measurement(SHARE)
    table, column = Measurement._meta.db_table, Measurement._meta.get_field("outcome").column
    cast = "::numeric" if connection.vendor == "postgresql" else ""
    with connection.cursor() as cursor:
        cursor.execute(
            f'UPDATE {table} SET "{column}" = %s{cast} WHERE id = %s', ["123456789012345678", row.pk]
        )
    client = login("anna")
    every_page_answers(login)
    assert (
        "123\u202f456\u202f789\u202f012\u202f345\u202f678"
        in client.get(BASE + "forhandsgranska/").content.decode()
    )
    # Saving the row again without touching it keeps it; changing the figure asks for one that fits.
    response = client.post(GRID, grid_data((measurement(SHARE), {"analysis": "Ny."})))
    assert response.status_code == 400
    assert "för stort" in message_of(response.content.decode())


def test_a_total_too_large_for_its_column_is_refused_with_a_message_not_a_500(login, users):
    client = login("anna")
    data = economy_data(
        operating("Förskoleverksamhet", budget="999 999,9"),
        operating("Individ- och familjeomsorg", budget="999 999,9"),
    )
    response = client.post(ECONOMY, data)
    assert response.status_code == 400
    page = message_of(response.content.decode())
    assert "Inget sparades" in page and "för stort" in page and 'value="999 999,9"' in page
    assert area_row("Förskoleverksamhet").budget == Decimal("60")


# --- what the pages show reads back identically -----------------------------------------------


def inputs(page: str) -> dict[str, str]:
    found = {}
    for tag in re.findall(r"<input[^>]*>", page):
        name = re.search(r'name="([^"]+)"', tag)
        value = re.search(r'value="([^"]*)"', tag)
        if name and 'inputmode="decimal"' in tag:
            found[name.group(1)] = html.unescape(value.group(1) if value else "")
    return found


def test_every_figure_shown_in_an_input_parses_back_to_the_identical_decimal(login, users):
    row = measurement(SHARE)
    Measurement.objects.filter(pk=row.pk).update(outcome=Decimal("1.0"), forecast=Decimal("13"))
    OperatingBudgetRow.objects.filter(pk=area_row("Förskoleverksamhet").pk).update(budget=Decimal("2.0"))
    client = login("anna")
    grid = page_data(client, GRID)
    assert grid[field_name(grid, "m", row.pk, "outcome")] == "1,0"
    assert grid[field_name(grid, "m", row.pk, "forecast")] == "13"
    checked = 0
    for url, prefix, model, bounds, unit in (
        (GRID, "m", Measurement, INDICATOR, "%"),
        (ECONOMY, "o", OperatingBudgetRow, MNKR, None),
    ):
        page, data = client.get(url).content.decode(), page_data(client, url)
        for name, text in inputs(page).items():
            match = re.fullmatch(rf"{prefix}-(\d+)-(\w+)", name)
            if match is None:
                continue
            stored = getattr(model.objects.get(pk=int(data[f"{prefix}-{match[1]}-row"])), match[2])
            back = parse_number(text, bounds, unit)
            assert (None if back is None else str(back)) == (None if stored is None else str(stored)), name
            checked += 1
    assert checked >= 8


def test_a_save_of_what_the_page_showed_changes_nothing(login, users):
    client = login("anna")
    Measurement.objects.filter(pk=measurement(SHARE).pk).update(outcome=Decimal("1.0"))
    before = Change.objects.count()
    row = measurement(SHARE)
    response = client.post(GRID, page_data(client, GRID), follow=True)
    assert "Inget var ändrat" in response.content.decode()
    assert Change.objects.count() == before and measurement(SHARE).version == row.version


def test_a_change_of_precision_is_a_change(login, users):
    row = measurement(SHARE)
    response = login("anna").post(GRID, grid_data((row, {"outcome": "38,20"})))
    assert response.status_code == 302
    assert str(measurement(SHARE).outcome) == "38.20"
    change = Change.objects.get(object_id=str(row.pk), field="outcome")
    assert (change.old, change.new) == ("38.2", "38.20")


def test_the_indicator_unit_may_be_typed_and_another_unit_is_refused(login, users):
    row = measurement(SHARE)
    client = login("anna")
    assert client.post(GRID, grid_data((row, {"outcome": "40,1 %"}))).status_code == 302
    assert str(measurement(SHARE).outcome) == "40.1"
    refused = client.post(GRID, grid_data((measurement(SHARE), {"outcome": "40,1 st"})))
    assert refused.status_code == 400
    assert "har enheten ”st”, men enheten här är %" in message_of(refused.content.decode())


# --- the admin uses the same field -------------------------------------------------------------


def test_the_admin_reads_figures_the_same_strict_way(login, users):
    row = measurement(SHARE)
    client = login("admin")
    url = f"/admin/goals/measurement/{row.pk}/change/"
    page = client.get(url).content.decode()
    assert 'value="38,2"' in page
    form = {
        "indicator": row.indicator_id,
        "organisation": row.organisation_id,
        "period": row.period_id,
        "outcome": "2,471.8",
        "outcome_men": "1,3",
        "outcome_women": "36,9",
        "forecast": "39,5",
        "target": row.target,
        "analysis": row.analysis,
        "printed_units": "{}",
        "assessment": row.assessment,
        "position": row.position,
        "version": row.version,
    }
    refused = client.post(url, form)
    assert refused.status_code == 200
    assert "”2,471.8” går inte att läsa säkert" in message_of(refused.content.decode())
    accepted = client.post(url, {**form, "outcome": "1,0"})
    assert accepted.status_code == 302, re.findall(
        r'class="errorlist[^>]*>(.*?)</ul>', accepted.content.decode()
    )
    assert str(measurement(SHARE).outcome) == "1.0"
