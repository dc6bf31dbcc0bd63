"""The grid for real work in headless Chromium: filters, Enter down a column, a save that keeps
the filter and the row, layouts at 1366 and 390 px, and axe-core on the changed pages."""

from __future__ import annotations

import re

import pytest

from tests.browser import serious_axe_violations
from tests.web import test_e2e
from tests.web.helpers import BASE, measurement

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
session = test_e2e.session  # the core's signed-in pages, reused (browser: tests/conftest.py)

SHARE = "Andel legitimerade förskollärare"
VISITS = "Antal besök"
EVICTIONS = "Antal vräkningar som berör barn"


def test_a_reporter_filters_moves_down_with_enter_and_returns_to_her_row_after_saving(session):
    share, visits = measurement(SHARE), measurement(VISITS)
    rut = session("rut")
    rut.goto(BASE + "indikatorer/")
    rut.get_by_label("Bara mina (de jag får ändra)").check()
    rut.get_by_role("button", name="Visa").click()
    rut.wait_for_url(re.compile(r"mina=1"))
    assert rut.locator(f"#rad-{measurement(EVICTIONS).pk}").count() == 0
    assert "Filtrerat: 2 indikatorer av 3" in rut.locator("#grid-caption").inner_text()

    first = rut.get_by_label(f"Utfall, {SHARE}")
    first.fill("38,6")
    first.press("Enter")  # down the column, as in a spreadsheet; nothing is submitted
    below = rut.get_by_label(f"Utfall, {VISITS}")
    assert below.evaluate("field => field === document.activeElement")
    below.press("Shift+Enter")
    assert first.evaluate("field => field === document.activeElement")
    first.press("Enter")
    rut.keyboard.type("14 900")
    below.press("Control+Enter")  # saves the grid

    rut.wait_for_url(re.compile(rf"\?mina=1#rad-{visits.pk}$"))
    rut.get_by_text("Sparat: 2 indikatorer ändrade.").wait_for()
    assert rut.get_by_label("Bara mina (de jag får ändra)").is_checked()
    assert rut.get_by_label(f"Utfall, {VISITS}").evaluate("field => field === document.activeElement")
    assert str(measurement(SHARE).outcome) == "38.6" and str(measurement(VISITS).outcome) == "14900"
    assert share.pk != visits.pk


def test_the_grid_fits_1366_and_390_pixels_with_its_header_and_first_column_in_view(session):
    anna = session("anna")
    for width in (1366, 683, 390):  # 683: 1 366 px at 200 % zoom
        anna.set_viewport_size({"width": width, "height": 768})
        anna.goto(BASE + "indikatorer/")
        assert (
            anna.evaluate("document.documentElement.scrollWidth") <= width
        )  # the page never scrolls sideways
        box = anna.locator(".grid-form .table-scroll")
        box.evaluate("box => { box.scrollTop = box.scrollHeight; box.scrollLeft = box.scrollWidth; }")
        header = anna.get_by_role("columnheader", name="Indikator").bounding_box()
        scroller = box.bounding_box()
        assert header is not None and scroller is not None
        assert (
            abs(header["x"] - scroller["x"]) < 3 and abs(header["y"] - scroller["y"]) < 3
        )  # sticky both ways
    anna.set_viewport_size({"width": 1366, "height": 768})
    anna.goto(BASE + "indikatorer/")
    status = anna.get_by_role("columnheader", name="Status").bounding_box()
    assert status is not None and status["x"] + status["width"] <= 1366 - 20  # not cut off at 1 366 px


def test_the_changed_pages_have_no_serious_accessibility_violations(session):
    anna = session("anna")
    for path in ("indikatorer/", "indikatorer/?mina=1&status=met", "sok/?q=barn", "sok/?q=x", ""):
        anna.goto(BASE + path)
        assert serious_axe_violations(anna) == [], path
    anna.set_viewport_size({"width": 390, "height": 844})
    anna.goto(BASE + "indikatorer/")
    assert serious_axe_violations(anna) == []


def test_a_page_of_goals_asks_before_leaving_unsaved_text_and_a_save_returns_to_that_page(
    session, monkeypatch
):
    from styrkort.web import grid_rows

    monkeypatch.setattr(grid_rows, "PAGE_ROWS", 2)  # goal 1.1's two rows, then goal 1.1.1's one
    visits = measurement(VISITS)
    anna = session("anna")
    anna.goto(BASE + "indikatorer/")
    assert "sida 1 av 2" in anna.locator("#grid-caption").inner_text()
    anna.get_by_label(f"Utfall, {SHARE}").fill("38,9")
    asked = []

    def stay(dialog):
        asked.append(dialog.type)
        dialog.dismiss()  # "stay on the page"

    anna.on("dialog", stay)
    anna.get_by_role("link", name="Nästa sida: mål 1.1.1 →").click()
    anna.wait_for_timeout(300)
    assert asked == ["beforeunload"]
    assert anna.get_by_label(f"Utfall, {SHARE}").input_value() == "38,9"  # nothing lost
    anna.get_by_label(f"Utfall, {SHARE}").press("Control+Enter")  # a save does not ask
    anna.get_by_text("Sparat: 1 indikator ändrad.").wait_for()
    anna.get_by_role("link", name="Nästa sida: mål 1.1.1 →").click()  # nothing typed: no question
    anna.wait_for_url(re.compile(r"\?sida=2$"))
    assert asked == ["beforeunload"]
    anna.get_by_label(f"Utfall, {VISITS}").fill("15 100")
    anna.get_by_role("button", name="Spara alla ändringar").click()
    anna.wait_for_url(re.compile(rf"\?sida=2#rad-{visits.pk}$"))
    assert str(measurement(VISITS).outcome) == "15100" and str(measurement(SHARE).outcome) == "38.9"
    assert serious_axe_violations(anna) == []
    anna.set_viewport_size({"width": 390, "height": 844})
    assert anna.evaluate("document.documentElement.scrollWidth") <= 390
    assert serious_axe_violations(anna) == []
