"""End to end in headless Chromium: two people on one page never overwrite each other, and text
typed into a report that is approved meanwhile comes back (issue 8, defects 3 and 5)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from styrkort.audit.models import Change
from tests.web import test_e2e
from tests.web.helpers import BASE, assessment, measurement, state, step_in_browser

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
session = test_e2e.session  # the core's signed-in pages, reused (browser: tests/conftest.py)
ROW_A = "Andel legitimerade förskollärare"  # rut's indicator
ROW_B = "Antal vräkningar som berör barn"


def test_a_save_of_another_row_leaves_a_colleagues_saved_row_alone(session):
    """Defect 3: the reporter saves row A; the controller, whose page was opened before, changes
    only row B's forecast and saves: B is saved, A is untouched, and no conflict is shown."""
    rut, anna = session("rut"), session("anna")
    anna.goto(BASE + "indikatorer/")  # opened first, showing A as 38,2
    rut.goto(BASE + "indikatorer/")
    rut.get_by_label(f"Utfall, {ROW_A}").fill("40,1")
    rut.get_by_label(f"Analys: {ROW_A}").fill("Fler förskollärare har anställts under våren.")
    rut.get_by_role("button", name="Spara alla ändringar").click()
    rut.get_by_text("Sparat: 1 indikator ändrad.").wait_for()

    anna.get_by_label(f"Prognos helår, {ROW_B}").fill("3")
    anna.get_by_role("button", name="Spara alla ändringar").click()
    anna.get_by_text("Sparat: 1 indikator ändrad.").wait_for()
    assert anna.locator(".conflict-choice").count() == 0
    assert "hann före" not in anna.content()

    row_a, row_b = measurement(ROW_A), measurement(ROW_B)
    assert row_a.outcome == Decimal("40.1")
    assert row_a.analysis == "Fler förskollärare har anställts under våren."
    assert row_b.forecast == Decimal("3")
    assert row_a.version == 2  # rut's save only
    assert not Change.objects.filter(object_id=str(row_a.pk), username="anna").exists()
    # anna's page, after the save, shows rut's figure
    assert anna.get_by_label(f"Utfall, {ROW_A}").input_value() == "40,1"


def test_text_typed_while_the_report_is_approved_comes_back_with_the_reason(session):
    """Defect 5: a reporter writes a goal analysis while the director approves the report."""
    goal = assessment("1.1.1")
    rut = session("rut")
    rut.goto(f"{BASE}mal/{goal.pk}/")
    text = "Ett långt resonemang om målet – med “citat”, 😀 och\n\nett andra stycke."
    rut.get_by_label("Analys", exact=True).fill(text)
    grid = rut.context.new_page()  # the grid in a second tab, typed in too
    grid.goto(BASE + "indikatorer/")
    grid.get_by_label(f"Utfall, {ROW_A}").fill("41,7")
    grid.get_by_label(f"Analys: {ROW_A}").fill("Analys skriven i rutnätet.")

    anna, dag = session("anna"), session("dag")
    anna.goto(BASE)
    step_in_browser(anna, "Skicka till granskning", "Rapporten är skickad till granskning.")
    dag.goto(BASE)
    step_in_browser(dag, "Godkänn rapporten", "Rapporten är godkänd.")
    assert state() == "approved"

    rut.get_by_role("button", name="Spara bedömningen").click()
    rut.get_by_text("Inget sparades: rapporten är godkänd").wait_for()
    assert rut.get_by_label("Analys", exact=True).input_value() == text
    assert rut.get_by_role("button", name="Spara bedömningen").count() == 0
    goal.refresh_from_db()
    assert goal.analysis != text and goal.version == 1

    # The grid drops nothing either.
    grid.get_by_role("button", name="Spara alla ändringar").click()
    grid.get_by_text("Inget sparades: rapporten är godkänd").wait_for()
    assert grid.get_by_label(f"Utfall, {ROW_A}").input_value() == "41,7"
    assert grid.get_by_label(f"Analys: {ROW_A}").input_value() == "Analys skriven i rutnätet."
    assert measurement(ROW_A).outcome == Decimal("38.2")
