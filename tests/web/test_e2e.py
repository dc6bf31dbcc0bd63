"""End to end in headless Chromium: the whole period's work, lost updates, and axe-core."""

from __future__ import annotations

import re

import pytest

from tests.browser import serious_axe_violations
from tests.web.conftest import PASSWORD
from tests.web.helpers import (
    BASE,
    assessment,
    decide_in_browser,
    grid_data,
    measurement,
    state,
    step_in_browser,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
SHARE = "Andel legitimerade förskollärare"


@pytest.fixture
def session(browser, live_server, users):
    """A signed-in browser page for a persona (each its own context: separate cookies)."""
    pages = []

    def open_as(name):
        context = browser.new_context(base_url=live_server.url, accept_downloads=True)
        page = context.new_page()
        page.goto("/konto/logga-in/")
        page.get_by_label("Användarnamn").fill(name)
        page.get_by_label("Lösenord").fill(PASSWORD)
        page.get_by_role("button", name="Logga in").click()
        page.wait_for_url(re.compile(r"/$"))
        pages.append(context)
        return page

    yield open_as
    for context in pages:
        context.close()


def test_a_period_from_entry_to_decision_and_the_lock_after_it(session):
    row = measurement(SHARE)
    rut = session("rut")
    rut.goto(BASE + "indikatorer/")
    outcome = rut.get_by_label(f"Utfall, {SHARE}")
    outcome.fill("38,6 %")
    forecast = rut.get_by_label(f"Prognos helår, {SHARE}")
    forecast.fill("20")
    status = rut.locator(f"#status-{row.pk}")
    status.get_by_text("Uppfylls inte").wait_for()  # recomputed as typed, via htmx
    forecast.fill("40,1")
    status.get_by_text("Uppfylls helt").wait_for()
    rut.get_by_label(f"Analys: {SHARE}").fill("Fler förskollärare har anställts.")
    rut.get_by_role("button", name="Spara alla ändringar").click()
    rut.get_by_text("Sparat: 1 indikator ändrad.").wait_for()
    assert str(measurement(SHARE).outcome.normalize()) == "38.6"
    rut.get_by_role("link", name="Översikt").first.click()
    rut.get_by_role("button", name="Markera mina delar som klara").click()
    rut.get_by_text("Dina delar är markerade som klara.").wait_for()

    anna = session("anna")
    anna.goto(BASE)
    assert "Ja, " in anna.locator("#rapportorer-rubrik ~ table").inner_text()
    step_in_browser(anna, "Skicka till granskning", "Rapporten är skickad till granskning.")

    dag = session("dag")
    dag.goto(BASE)
    step_in_browser(dag, "Godkänn rapporten", "Rapporten är godkänd.")

    anna.goto(BASE)
    decide_in_browser(anna)
    assert state() == "decided"
    with anna.expect_download() as download:
        anna.get_by_role("link", name="Ladda ner som PDF").click()
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(4) == b"%PDF"

    anna.goto(BASE + "indikatorer/")
    assert anna.get_by_role("button", name="Spara alla ändringar").count() == 0
    assert anna.url.endswith(BASE + "las/")  # a decided report's working pages lead to the reading view
    assert "Beslutad" in anna.content()
    token = next(c["value"] for c in anna.context.cookies() if c["name"] == "csrftoken")
    refused = anna.context.request.post(
        BASE + "indikatorer/",
        form=grid_data((measurement(SHARE), {"outcome": "1"})),
        headers={"X-CSRFToken": token, "Referer": anna.url},
    )
    assert refused.status == 409 and "Inget sparades: rapporten är beslutad" in refused.text()
    assert str(measurement(SHARE).outcome.normalize()) == "38.6"


def test_two_sessions_editing_one_analysis_lose_nothing(session):
    goal = assessment("1.1.1")
    url = f"{BASE}mal/{goal.pk}/"
    anna, rut = session("anna"), session("rut")
    anna.goto(url)
    rut.goto(url)
    anna.get_by_label("Analys", exact=True).fill("Annas analys av trygg fritid.")
    rut.get_by_label("Analys", exact=True).fill("Ruts analys, skriven samtidigt.")
    anna.get_by_role("button", name="Spara bedömningen").click()
    anna.get_by_text("Bedömningen är sparad.").wait_for()
    rut.get_by_role("button", name="Spara bedömningen").click()
    rut.get_by_text("någon annan hann före").wait_for()
    conflict = rut.locator(".conflict-choice")
    assert "Annas analys av trygg fritid." in conflict.inner_text() and "Anna" in conflict.inner_text()
    assert rut.get_by_label("Analys", exact=True).input_value() == "Ruts analys, skriven samtidigt."
    goal.refresh_from_db()
    assert goal.analysis == "Annas analys av trygg fritid."
    merged = "Annas analys av trygg fritid.\n\nRuts analys, skriven samtidigt."
    rut.get_by_label("Analys", exact=True).fill(merged)
    rut.get_by_label("Behåll ditt värde").check()
    rut.get_by_role("button", name="Spara bedömningen").click()
    rut.get_by_text("Bedömningen är sparad.").wait_for()
    goal.refresh_from_db()
    assert goal.analysis == merged


def test_the_grid_works_with_the_keyboard_alone(session):
    rut = session("rut")
    rut.goto(BASE + "indikatorer/")
    rut.get_by_label(f"Utfall, {SHARE}").focus()
    rut.keyboard.type("39,9")
    rut.keyboard.press("Tab")
    rut.keyboard.type("1,5")
    assert rut.get_by_label(f"Utfall män/pojkar, {SHARE}").input_value() == "1,5"
    anna = session("anna")
    anna.goto(BASE + "indikatorer/")
    first = anna.locator("table.grid input[type=text][name$='-forecast']").first
    first.focus()
    anna.keyboard.press("ArrowDown")  # the small script: same column, next row
    second = anna.locator("table.grid input[type=text][name$='-forecast']").nth(1)
    assert second.evaluate("element => element === document.activeElement")


def test_two_sessions_saving_one_figure_lose_nothing(session):
    anna, rut = session("anna"), session("rut")
    for page in (anna, rut):
        page.goto(BASE + "indikatorer/")
    anna.get_by_label(f"Prognos helår, {SHARE}").fill("40")
    rut.get_by_label(f"Prognos helår, {SHARE}").fill("41,5")
    anna.get_by_role("button", name="Spara alla ändringar").click()
    anna.get_by_text("Sparat: 1 indikator ändrad.").wait_for()
    rut.get_by_role("button", name="Spara alla ändringar").click()
    rut.get_by_text("någon annan hann före").wait_for()
    conflict = rut.locator(".conflict-choice")
    assert "Prognos helår" in conflict.inner_text() and "40" in conflict.inner_text()
    assert rut.get_by_label(f"Prognos helår, {SHARE}").input_value() == "41,5"
    assert measurement(SHARE).forecast == 40
    rut.get_by_label("Ta det sparade värdet").check()  # per field, without JavaScript
    rut.get_by_role("button", name="Spara alla ändringar").click()
    rut.get_by_text("Inget var ändrat.").wait_for()
    assert measurement(SHARE).forecast == 40 and measurement(SHARE).version == 2


@pytest.mark.parametrize(
    "path",
    [
        "/",
        BASE,
        BASE + "indikatorer/",
        BASE + "aktiviteter/",
        BASE + "forhandsgranska/",
        BASE + "rapportorer/",
        "/perioder/oppna/",
        "goal",
        "error",
    ],
)
def test_main_pages_have_no_serious_accessibility_violations(session, path):
    page = session("stina" if path == "/perioder/oppna/" else "anna")
    if path == "goal":
        path = f"{BASE}mal/{assessment('1.1').pk}/"
    if path == "error":
        page.goto(BASE + "indikatorer/")
        page.get_by_label(f"Utfall, {SHARE}").fill("tretton")
        page.get_by_role("button", name="Spara alla ändringar").click()
        page.get_by_text("Inget sparades").wait_for()
    else:
        page.goto(path)
    assert serious_axe_violations(page) == []


def test_the_login_page_has_no_serious_accessibility_violations(browser, live_server):
    page = browser.new_page(base_url=live_server.url)
    page.goto("/konto/logga-in/")
    page.get_by_role("button", name="Logga in").click()  # with the error message shown
    assert serious_axe_violations(page) == []
    page.close()
