"""Refusals and missing pages answer in Swedish, inside the product's own layout."""

from __future__ import annotations

from tests.web.helpers import grid_data, measurement

GRID = "/rapporter/sdn-test/2026-T1/indikatorer/"


def test_a_reader_who_tries_to_change_gets_a_swedish_403_page(login):
    row = measurement("Andel legitimerade förskollärare")
    response = login("bertil").post(GRID, grid_data((row, {"outcome": "40"})))
    assert response.status_code == 403
    page = response.content.decode()
    assert "Du kan inte göra den här ändringen" in page
    assert "Du får inte ändra det här: din roll ger dig rätt att läsa rapporten men inte" in page
    assert 'href="#innehall"' in page  # the site's own layout with its skip link


def test_an_outsider_gets_a_swedish_404_page_that_does_not_say_the_report_exists(login):
    response = login("cecilia").get("/rapporter/sdn-test/2026-T1/")
    assert response.status_code == 404
    assert "Sidan finns inte" in response.content.decode()


def test_a_refusal_starts_with_a_capital_letter_even_when_the_reason_does_not(rf):
    from django.core.exceptions import PermissionDenied
    from django.template.loader import render_to_string

    page = render_to_string("403.html", {"exception": PermissionDenied("rapporten är låst")}, rf.get("/"))
    assert "Rapporten är låst" in page
