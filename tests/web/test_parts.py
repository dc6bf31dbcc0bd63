"""The report's own parts: summary, decision page, economy commentary, the markup preview."""

from __future__ import annotations

from datetime import date

import pytest

from styrkort.audit.models import Change
from styrkort.economy.models import EconomyText
from styrkort.followup.models import Report
from styrkort.workflow import transitions as workflow
from tests.web.helpers import ANONYMOUS, BASE, assert_matrix, page_data

pytestmark = pytest.mark.django_db
SUMMARY = BASE + "sammanfattning/"
DECISION = BASE + "beslutssida/"
COMMENTARY = BASE + "ekonomi/kommentar/"
PREVIEW = BASE + "forhandsvisa-text/"
WRITERS = {ANONYMOUS: 404, "cecilia": 404, "bertil": 403, "stina": 403, "dag": 403, "rut": 403}
HOSTILE = (
    "<script>alert(1)</script> ”citat” 'apostrof' & {{ mall }} {% tagg %} \u202eomvänd\u202c "
    "مرحبا 你好 🎉\n\n## Underrubrik\n\n- punkt *kursiv*"
)


def report() -> Report:
    return Report.objects.get(organisation__code="sdn-test", period__kind="T1")


def typed(client, url: str, **fields: str) -> dict[str, str]:
    """The page's own form as served, with fields (by their name's ending) typed over."""
    data = page_data(client, url)
    for ending, value in fields.items():
        name = next(name for name in data if name.endswith(f"-{ending}") and not name.startswith("initial-"))
        data[name] = value
    return data


@pytest.mark.parametrize("url", [SUMMARY, DECISION, COMMENTARY])
def test_only_the_committee_controller_and_the_administrator_may_write_a_part(login, url):
    data = typed(login("anna"), url)
    assert_matrix(login, "POST", url, data, {**WRITERS, "anna": 302, "admin": 302})


@pytest.mark.parametrize("url", [SUMMARY, DECISION, COMMENTARY])
def test_those_who_may_see_the_report_see_the_part_and_only_writers_get_inputs(login, url):
    assert_matrix(login, "GET", url, None, {"cecilia": 404, "anna": 200, "rut": 200, "dag": 200})
    assert "<textarea" not in login("rut").get(url).content.decode()
    assert "<textarea" in login("anna").get(url).content.decode() or url == DECISION


def test_the_summary_is_saved_exactly_as_typed_audited_and_escaped_on_the_page(login):
    client = login("anna")
    text = HOSTILE + "\n" + "Lång text. " * 5000
    response = client.post(SUMMARY, typed(client, SUMMARY, summary=text))
    assert response.status_code == 302
    saved = report()
    assert saved.summary == text and saved.version == 2
    assert Change.objects.filter(field="summary", username="anna").exists()
    page = client.get(SUMMARY).content.decode()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page
    assert client.post(SUMMARY, typed(client, SUMMARY)).status_code == 302  # unchanged: nothing written
    assert report().version == 2


def test_a_stale_save_is_a_409_that_keeps_what_the_user_typed(login):
    client = login("anna")
    mine = typed(client, SUMMARY, summary="Min sammanfattning.")
    other = typed(client, SUMMARY, summary="Kollegans sammanfattning.")
    assert client.post(SUMMARY, other).status_code == 302
    response = client.post(SUMMARY, mine)
    page = response.content.decode()
    assert response.status_code == 409
    assert "Min sammanfattning." in page and "Kollegans sammanfattning." in page
    assert report().summary == "Kollegans sammanfattning."


def test_a_report_approved_meanwhile_refuses_the_save_and_keeps_the_text(login):
    client = login("anna")
    data = typed(client, DECISION, officer="Eva Ek", officer_phone="08-123 45 67")
    workflow.submit_for_review(report(), gate=False)
    workflow.approve(report(), gate=False)
    response = client.post(DECISION, data)
    assert response.status_code == 409
    page = response.content.decode()
    assert "Eva Ek" in page and "godkänd" in page
    assert report().officer != "Eva Ek"


def test_the_decision_page_saves_dates_and_names_and_says_what_is_wrong_in_swedish(login):
    client = login("anna")
    data = typed(
        client,
        DECISION,
        title="Tertialrapport 1 för Ekby",
        officer="Eva Ek",
        officer_phone="08-123 45 67",
        recipient="Ekby stadsdelsnämnd",
        report_date="2026-05-12",
        meeting_date="20 maj",
    )
    response = client.post(DECISION, data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "skriv datumet som ÅÅÅÅ-MM-DD" in page and "Eva Ek" in page
    assert report().officer != "Eva Ek"
    data = {
        **data,
        next(n for n in data if n.endswith("-meeting_date") and not n.startswith("initial")): "2026-05-20",
    }
    assert client.post(DECISION, data).status_code == 302
    saved = report()
    assert (saved.officer, saved.officer_phone, saved.meeting_date) == (
        "Eva Ek",
        "08-123 45 67",
        date(2026, 5, 20),
    )
    too_long = typed(client, DECISION, officer_phone="1" * 51)
    response = client.post(DECISION, too_long)
    assert response.status_code == 400 and "som mest 50 tecken" in response.content.decode()


def test_the_commentary_has_a_text_per_section_and_places_tables_chosen_from_a_list(login):
    client = login("anna")
    page = client.get(COMMENTARY).content.decode()
    assert "Uppföljning av driftbudget" in page and "Driftbudget, sammanställning" in page
    texts = list(EconomyText.objects.filter(report=report()).order_by("position"))
    assert {t.section for t in texts} >= {"operating_budget", "investments", "other"}
    data = page_data(client, COMMENTARY)
    prefix = next(
        n.removesuffix("-row") for n, v in data.items() if n.endswith("-row") and v == str(texts[0].pk)
    )
    data[f"{prefix}-text"] = "Prognosen är god."
    data[f"{prefix}-tabell"] = "operating_budget"
    response = client.post(COMMENTARY, {**data, "infoga": prefix})
    assert response.status_code == 200
    assert "Prognosen är god.\n\n{{table:operating_budget}}" in response.content.decode()
    assert EconomyText.objects.get(pk=texts[0].pk).text == texts[0].text  # placing saves nothing
    forged = client.post(COMMENTARY, {**data, "infoga": prefix, f"{prefix}-tabell": "påhittad"})
    assert "{{table:påhittad}}" not in forged.content.decode()  # only tables from the list
    data[f"{prefix}-text"] = "Prognosen är god.\n\n{{table:operating_budget}}"
    assert client.post(COMMENTARY, data).status_code == 302
    assert EconomyText.objects.get(pk=texts[0].pk).text == "Prognosen är god.\n\n{{table:operating_budget}}"


def test_the_preview_shows_what_the_report_prints_and_names_tables(login):
    client = login("anna")
    response = client.post(PREVIEW, {"falt": "t", "t": HOSTILE, "tabeller": ""})
    page = response.content.decode()
    assert response.status_code == 200
    assert "<strong>Underrubrik</strong>" in page and "<li>punkt <em>kursiv</em></li>" in page
    assert "<script>" not in page
    marked = client.post(
        PREVIEW, {"falt": "t", "t": "{{table:investments}}\n\n{{table:okänd}}", "tabeller": "1"}
    )
    text = marked.content.decode()
    assert "Här står tabellen ”Investeringar”" in text and "finns inte i rapporten" in text
    assert login("cecilia").post(PREVIEW, {"falt": "t", "t": "x"}).status_code == 404
