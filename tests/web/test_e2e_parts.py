"""End to end in headless Chromium: a committee writes every part of its report in the browser,
decides it with the meeting's date and §, and finds each text in the decided PDF.

Set ``STYRKORT_SCREENSHOTS`` to a folder to also save the new pages there at 1 366 px (that is
how ``docs/screenshot-summary.png``, ``-decision-page.png``, ``-commentary.png`` and
``-economy-volumes.png`` are made).
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

from styrkort.followup.models import ReportSnapshot
from tests.browser import serious_axe_violations
from tests.web import test_e2e
from tests.web.helpers import BASE, assessment, decide_in_browser, follow_up, state, step_in_browser

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
session = test_e2e.session  # the core's signed-in pages, reused (browser: tests/conftest.py)
SHARE = "Andel legitimerade förskollärare"
WRITTEN = {
    "summary": "Sammanfattningen skrevs i webben.",
    "goal": "Målanalysen skrevs i webben.",
    "indicator": "Indikatoranalysen skrevs i webben.",
    "activity": "Aktivitetsanalysen skrevs i webben.",
    "commentary": "Ekonomikommentaren skrevs i webben.",
    "officer": "Ebba Webbsson",
    "proposal": "Nämnden noterar att rapporten skrevs i webben.",
    "volume": "813,25",  # a volume cell (Förskola, 1-3 år, Planering), printed as recorded
    "project": "4,3 mnkr Lekplats skriven i webben",  # an investment project, printed as a bullet
}
NEW_PAGES = ("sammanfattning/", "beslutssida/", "ekonomi/kommentar/")


def screenshot(page, name: str) -> None:
    folder = os.environ.get("STYRKORT_SCREENSHOTS")
    if folder:
        page.set_viewport_size({"width": 1366, "height": 900})
        page.evaluate("document.activeElement && document.activeElement.blur()")
        page.screenshot(path=str(Path(folder) / f"screenshot-{name}.png"), full_page=False)


def nav(page, name: str) -> None:
    """Follow a link of the report's navigation."""
    page.get_by_role("navigation", name="Rapportens sidor").get_by_role("link", name=name, exact=True).click()


def pdf_text(pdf: bytes) -> str:
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    return re.sub(r"\s+", " ", text.replace("-\n", ""))


def test_a_committee_writes_every_part_and_finds_it_in_the_decided_pdf(session):
    activity = follow_up()
    goal = assessment("1.1.1")

    rut = session("rut")  # the reporter: an indicator's value and analysis, a goal's analysis
    rut.goto(BASE + "indikatorer/")
    rut.get_by_label(f"Utfall, {SHARE}").fill("38,6 %")
    rut.get_by_label(f"Analys: {SHARE}").fill(WRITTEN["indicator"])
    rut.get_by_role("button", name="Spara alla ändringar").click()
    rut.get_by_text("Sparat: 1 indikator ändrad.").wait_for()
    rut.goto(f"{BASE}mal/{goal.pk}/")
    rut.get_by_label("Analys", exact=True).fill(WRITTEN["goal"])
    rut.get_by_role("button", name="Spara bedömningen").click()
    rut.get_by_text("Bedömningen är sparad.").wait_for()
    rut.goto(BASE)
    rut.get_by_role("button", name="Markera mina delar som klara").click()
    rut.get_by_text("Dina delar är markerade som klara.").wait_for()

    anna = session("anna")  # the committee controller: everything else
    anna.goto(BASE + "aktiviteter/")
    anna.locator(f"#aktivitet-{activity.pk}").get_by_label("Analys").fill(WRITTEN["activity"])
    anna.get_by_role("button", name="Spara alla ändringar").click()
    anna.get_by_text("Sparat: 1 aktivitet ändrad.").wait_for()

    nav(anna, "Sammanfattning")
    anna.get_by_label("Sammanfattande analys").fill(f"{WRITTEN['summary']}\n\n## Läget\n\n- *en punkt*")
    preview = anna.locator(".preview-box")
    preview.get_by_text("en punkt").wait_for()  # the live preview, through htmx
    assert preview.locator("em").first.inner_text() == "en punkt"
    assert serious_axe_violations(anna) == []
    screenshot(anna, "summary")
    anna.get_by_role("button", name="Spara sammanfattningen").click()
    anna.get_by_text("Sparat.").wait_for()

    nav(anna, "Ekonomins kommentarer")
    anna.get_by_label("Kommentar till Uppföljning av driftbudget").fill(WRITTEN["commentary"])
    anna.locator("select").first.select_option(label="Driftbudget, sammanställning")
    anna.get_by_role("button", name="Placera tabellen").first.click()
    field = anna.get_by_label("Kommentar till Uppföljning av driftbudget")
    assert field.input_value().endswith("{{table:operating_summary}}\n")
    anna.locator(".preview-box").first.get_by_text(
        "Här står tabellen ”Driftbudget, sammanställning”"
    ).wait_for()
    assert serious_axe_violations(anna) == []
    screenshot(anna, "commentary")
    anna.get_by_role("button", name="Spara kommentarerna").click()
    anna.get_by_text("Sparat: 1 kommentar ändrad.").wait_for()

    nav(anna, "Ekonomi")
    anna.get_by_label("Planering, Förskola: 1-3 år").fill(WRITTEN["volume"])
    anna.get_by_label("Projekt, Parkinvesteringar, projekt 1").fill("Lekplats skriven i webben")
    anna.get_by_label("Belopp, Parkinvesteringar, projekt 1").fill("4,3")
    assert serious_axe_violations(anna) == []
    if os.environ.get("STYRKORT_SCREENSHOTS"):
        anna.set_viewport_size({"width": 1366, "height": 900})
        anna.evaluate("document.getElementById('volym-rubrik').scrollIntoView()")
        anna.screenshot(path=str(Path(os.environ["STYRKORT_SCREENSHOTS"]) / "screenshot-economy-volumes.png"))
    anna.get_by_role("button", name="Spara ekonomin").click()
    anna.get_by_text("Sparat: 2 rader ändrade.").wait_for()
    assert anna.get_by_label("Planering, Förskola: 1-3 år").input_value() == WRITTEN["volume"]

    nav(anna, "Beslutssida")
    anna.get_by_label("Handläggare").fill(WRITTEN["officer"])
    anna.get_by_label("Telefon").fill("08-508 000 00")
    assert serious_axe_violations(anna) == []
    screenshot(anna, "decision-page")
    anna.get_by_role("button", name="Spara beslutssidan").click()
    anna.get_by_text("Sparat.").wait_for()

    nav(anna, "Förslag till beslut")
    anna.get_by_label("Nytt förslag").fill(WRITTEN["proposal"])
    anna.get_by_role("button", name="Lägg till förslaget").click()
    anna.get_by_text("Förslaget är tillagt.").wait_for()

    nav(anna, "Översikt")
    step_in_browser(anna, "Skicka till granskning", "Rapporten är skickad till granskning.")

    dag = session("dag")
    dag.goto(BASE)
    step_in_browser(dag, "Godkänn rapporten", "Rapporten är godkänd.")

    anna.goto(BASE)
    decide_in_browser(anna)
    assert state() == "decided"
    with anna.expect_download() as download:
        anna.get_by_role("link", name="Ladda ner som PDF").click()
    pdf = Path(download.value.path()).read_bytes()
    assert pdf == bytes(ReportSnapshot.objects.get().pdf)
    text = pdf_text(pdf)
    for what, written in WRITTEN.items():
        assert written in text, what
    assert "Beslutad vid nämndens sammanträde 2026-05-20, § 45" in text


def test_the_new_pages_pass_axe_for_writers_and_readers(session):
    anna, bertil = session("anna"), session("bertil")
    for path in NEW_PAGES:
        anna.goto(BASE + path)
        assert serious_axe_violations(anna) == [], path
    anna.goto(BASE + "forslag/")
    anna.get_by_role("button", name="Lägg till förslaget").click()  # empty: the error page
    anna.get_by_text("ett tomt förslag kan inte läggas till").first.wait_for()
    assert serious_axe_violations(anna) == []
    anna.goto(BASE)
    anna.get_by_role("button", name="Skicka till granskning").click()
    if state() == "open":
        anna.get_by_text("Det här är inte klart").wait_for()
        assert serious_axe_violations(anna) == []
    for path in NEW_PAGES:
        bertil.goto(BASE + path)  # a reader: the reading view
        assert serious_axe_violations(bertil) == [], path
