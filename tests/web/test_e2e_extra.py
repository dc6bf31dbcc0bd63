"""End to end in headless Chromium for the economy, proposal, attachment, history and city pages.

Set ``STYRKORT_SCREENSHOTS`` to a folder to also save a screenshot of the economy page there
(that is how ``docs/screenshot-economy.png`` is made).
"""

from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path

import pytest

from styrkort.economy.models import OperatingBudgetRow
from styrkort.goals.models import Indicator
from tests.browser import serious_axe_violations
from tests.web import test_e2e
from tests.web.helpers import BASE

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
session = test_e2e.session  # the core's signed-in pages, reused (browser: tests/conftest.py)


def test_the_controller_edits_an_operating_budget_row_and_sees_the_deviation_update(session):
    row = OperatingBudgetRow.objects.get(
        report__organisation__code="sdn-test", area__name="Förskoleverksamhet"
    )
    anna = session("anna")
    anna.goto(BASE + "ekonomi/")
    deviation = anna.locator("#o-0-deviation")
    assert "0,0" in deviation.inner_text()
    anna.get_by_label("Budget, Förskoleverksamhet").fill("70,5")
    deviation.get_by_text("10,5 (överskott)").wait_for()  # 70,5 − 2 − 58, recomputed as typed via htmx
    anna.locator("#o-totalt-budget").get_by_text("110,5").wait_for()
    anna.get_by_label("Prognos efter resultatöverföringar, Förskoleverksamhet").fill("1 000")
    deviation.get_by_text("-931,5 (underskott)").wait_for()
    anna.get_by_label("Prognos efter resultatöverföringar, Förskoleverksamhet").fill("58")
    deviation.get_by_text("10,5 (överskott)").wait_for()
    folder = os.environ.get("STYRKORT_SCREENSHOTS")
    if folder:
        anna.set_viewport_size({"width": 1600, "height": 1000})
        anna.evaluate("document.activeElement.blur()")
        anna.evaluate("document.querySelectorAll('.table-scroll').forEach(e => { e.scrollLeft = 0; })")
        anna.locator("#drift-rubrik").scroll_into_view_if_needed()
        anna.screenshot(path=str(Path(folder) / "screenshot-economy.png"), full_page=False)
    anna.get_by_role("button", name="Spara ekonomin").click()
    anna.get_by_text("Sparat: 1 rad ändrad.").wait_for()
    row.refresh_from_db()
    assert (row.budget, row.deviation) == (Decimal("70.5"), Decimal("10.5"))
    assert "10,5" in anna.locator("#o-0-deviation").inner_text()


def test_the_new_pages_have_no_serious_accessibility_violations(session):
    indicator = Indicator.objects.get(name="Andel legitimerade förskollärare", goal__year=2026)
    anna = session("anna")
    for path in ("ekonomi/", "forslag/", "bilagor/", f"indikatorer/{indicator.pk}/historik/"):
        anna.goto(BASE + path)
        assert serious_axe_violations(anna) == [], path
    anna.goto(BASE + "bilagor/")
    anna.get_by_role("button", name="Spara bilagan").click()  # nothing chosen: the error page
    anna.get_by_text("välj en fil att bifoga").first.wait_for()
    assert serious_axe_violations(anna) == []
    stina = session("stina")
    stina.goto("/stad/testkommun/2026-T1/")
    stina.get_by_text("Uppfylls helt").first.wait_for()
    assert serious_axe_violations(stina) == []
    bertil = session("bertil")
    bertil.goto(BASE + "ekonomi/")
    assert serious_axe_violations(bertil) == []


def test_the_economy_form_is_usable_by_keyboard(session):
    anna = session("anna")
    anna.goto(BASE + "ekonomi/")
    field = anna.get_by_label("Budget, Förskoleverksamhet")
    field.focus()
    anna.keyboard.press("Tab")
    focused = anna.evaluate("document.activeElement.id")
    assert focused.endswith("-requested_adjustments")
