"""The grid a page of goals at a time: whole goals per page, every row on exactly one page, the
page kept through a save, filters across the whole report, and the query budget of any page."""

from __future__ import annotations

from decimal import Decimal

import pytest

from styrkort.followup.models import Report
from styrkort.goals.models import Measurement
from styrkort.web import grid_rows, queries
from styrkort.web.grid_rows import GridFilter, paginate
from styrkort.web.queries import Listed
from tests.web.helpers import BASE, grid_data, measurement, page_data
from tests.web.test_query_budgets import REPORT, counted, demo, signed_in

GRID = BASE + "indikatorer/"
SHARE = "Andel legitimerade förskollärare"  # goal 1.1
EVICTIONS = "Antal vräkningar som berör barn"  # goal 1.1
VISITS = "Antal besök"  # goal 1.1.1
__all__ = ["demo"]  # the demo report's fixture, shared with the query budgets


def listed(*goals: tuple[str, int]) -> list[Listed]:
    """Rows in printed order: (goal number, how many rows it has)."""
    rows, pk = [], 0
    for goal_id, (number, count) in enumerate(goals, start=1):
        for _ in range(count):
            pk += 1
            rows.append(Listed(pk, pk, goal_id, number, f"Mål {number}", f"Indikator {pk}"))
    return rows


def test_pages_hold_whole_goals_as_full_as_the_size_allows():
    pages = paginate(listed(("1.1", 3), ("1.1.1", 2), ("1.2", 4), ("2.1", 1)), size=5)
    assert [page.ids for page in pages] == [(1, 2, 3, 4, 5), (6, 7, 8, 9, 10)]
    assert [page.goals for page in pages] == ["1.1–1.1.1", "1.2–2.1"]
    assert [page.number for page in pages] == [1, 2]


def test_only_a_goal_larger_than_a_page_is_split():
    pages = paginate(listed(("1.1", 2), ("1.2", 7), ("1.3", 1)), size=3)
    assert [page.ids for page in pages] == [(1, 2), (3, 4, 5), (6, 7, 8), (9, 10)]
    assert [page.goals for page in pages] == ["1.1", "1.2", "1.2", "1.2–1.3"]


def test_every_row_is_on_exactly_one_page():
    rows = listed(*((f"{n}.{m}", (n * m) % 5 + 1) for n in range(1, 4) for m in range(1, 7)))
    pages = paginate(rows, size=7)
    assert [pk for page in pages for pk in page.ids] == [row.pk for row in rows]
    assert all(1 <= len(page.ids) <= 7 for page in pages)
    assert paginate([], size=7) == []


@pytest.mark.parametrize(
    ("query", "page", "whole"),
    [
        ("2", 2, False),
        ("alla", 1, True),
        ("0", 1, False),
        ("-2", 1, False),
        ("abc", 1, False),
        ("٣", 1, False),
    ],
)
def test_the_page_parameter_is_read_strictly(query, page, whole):
    shown = GridFilter.from_query({"sida": query})
    assert (shown.page, shown.whole) == (page, whole)


def test_the_page_is_kept_through_a_save_only_without_a_filter():
    assert GridFilter.from_query({"sida": "3"}).query() == "sida=3"
    assert GridFilter.from_query({"sida": "alla"}).query() == "sida=alla"
    assert GridFilter.from_query({"sida": "1"}).query() == ""
    assert GridFilter.from_query({"sida": "3", "mina": "1"}).query() == "mina=1"


# --- through the views, with pages of two rows (goal 1.1's two rows, then goal 1.1.1's one) ------


@pytest.fixture
def small_pages(monkeypatch):
    monkeypatch.setattr(grid_rows, "PAGE_ROWS", 2)


def shown_rows(client, query: str = "") -> list[str]:
    page = client.get(GRID + query).content.decode()
    found = [(page.find(f'id="namn-{measurement(name).pk}"'), name) for name in (SHARE, EVICTIONS, VISITS)]
    return [name for at, name in sorted(found) if at >= 0]


@pytest.mark.django_db
def test_the_grid_shows_a_page_of_whole_goals_and_links_every_page(login, users, small_pages):
    client = login("anna")
    assert shown_rows(client) == [SHARE, EVICTIONS]
    assert shown_rows(client, "?sida=2") == [VISITS]
    assert shown_rows(client, "?sida=alla") == [SHARE, EVICTIONS, VISITS]
    assert shown_rows(client, "?sida=9") == [SHARE, EVICTIONS]  # no such page: the first
    page = client.get(GRID + "?sida=2").content.decode()
    assert "Mål 1.1.1: 1 indikator av 3 (sida 2 av 2)" in page
    assert '<a href="?sida=2" aria-current="page"><span class="visually-hidden">Mål </span>1.1.1</a>' in page
    assert '<a href="?sida=1" rel="prev">← Föregående sida: mål 1.1</a>' in page
    assert 'rel="next"' not in page


@pytest.mark.django_db
def test_a_filter_shows_its_rows_from_every_page(login, users, small_pages):
    assert shown_rows(login("rut"), "?mina=1") == [SHARE, VISITS]
    assert shown_rows(login("anna"), "?mina=1&sida=2") == [SHARE, EVICTIONS, VISITS]
    page = login("anna").get(GRID + "?mina=1").content.decode()
    assert "Filtrerat: 3 indikatorer av 3" in page and 'rel="next"' not in page


@pytest.mark.django_db
def test_a_page_sends_only_its_own_rows_and_a_save_returns_to_that_page(login, users, small_pages):
    client = login("anna")
    sent = page_data(client, GRID + "?sida=2")
    assert sent["m-TOTAL_FORMS"] == "1" and sent["m-0-row"] == str(measurement(VISITS).pk)
    sent["m-0-outcome"] = "15 000"
    response = client.post(GRID + "?sida=2", sent)
    assert response.status_code == 302
    assert response["Location"] == f"{GRID}?sida=2#rad-{measurement(VISITS).pk}"
    assert measurement(VISITS).outcome == Decimal("15000")


@pytest.mark.django_db
def test_a_refused_save_on_a_page_shows_that_page_with_the_typed_text(login, users, small_pages):
    row = measurement(VISITS)
    response = login("anna").post(GRID + "?sida=2", grid_data((row, {"outcome": "tretton"})))
    page = response.content.decode()
    assert response.status_code == 400
    assert 'value="tretton"' in page and f"{VISITS}, utfall: ”tretton” är inte ett tal" in page
    assert shown_rows(login("anna"), "?sida=2") == [VISITS]


@pytest.mark.django_db
def test_an_approver_sees_figures_not_inputs_on_every_page(login, users, small_pages):
    page = login("dag").get(GRID + "?sida=2").content.decode()
    assert 'name="m-0-outcome"' not in page and 'name="m-TOTAL_FORMS" value="0"' in page
    assert "Spara alla ändringar" not in page


# --- the demo's largest committee -----------------------------------------------------------


def test_the_largest_committee_is_paged_by_goals_and_every_row_is_reachable(client, demo):
    client = signed_in(client, "controller")
    rows = Measurement.objects.filter(
        organisation__code="sdn-norra", period__year=2026, period__kind="T1", indicator__goal__year=2026
    )
    seen: list[int] = []
    number = 1
    while True:
        page = client.get(f"{REPORT}indikatorer/?sida={number}").content.decode()
        on_page = [m.pk for m in rows if f'id="namn-{m.pk}"' in page]
        assert 0 < len(on_page) <= grid_rows.PAGE_ROWS
        seen += on_page
        if 'rel="next"' not in page:
            break
        number += 1
    assert number > 3 and sorted(seen) == sorted(m.pk for m in rows)  # each row on exactly one page


@pytest.mark.parametrize("query", ["?sida=2", "?sida=alla", "?saknas=1", "?status=no_data", "?mina=1"])
def test_every_kind_of_grid_page_keeps_the_query_budget(client, demo, query, django_assert_max_num_queries):
    client = signed_in(client, "controller")
    counted(client, f"{REPORT}indikatorer/{query}", django_assert_max_num_queries, 10)


def test_the_status_as_one_types_reads_one_row(client, demo, django_assert_max_num_queries):
    client = signed_in(client, "controller")
    m = Measurement.objects.filter(
        organisation__code="sdn-norra", period__year=2026, period__kind="T1"
    ).first()
    assert m is not None
    url = f"{REPORT}indikatorer/{m.pk}/status/?form=m-0&m-0-outcome=12"
    counted(client, url, django_assert_max_num_queries, 8)  # one for the row and last year's outcome


def test_a_page_of_the_grid_is_a_fraction_of_the_whole(client, demo):
    client = signed_in(client, "controller")
    first = client.get(f"{REPORT}indikatorer/").content
    whole = client.get(f"{REPORT}indikatorer/?sida=alla").content
    assert len(first) * 3 < len(whole)


def test_a_few_rows_read_the_same_previous_outcomes_as_the_whole_report(demo):
    report = Report.objects.get(organisation__code="sdn-norra", period__year=2026, period__kind="T1")
    whole = queries.previous_annual_of(report)
    every, _ = queries.measurements_by_id(report)
    listing = queries.listing_of(report)
    assert len(every) == len(listing) > 100
    found = []
    for start in range(0, len(every), 7):
        ids = [m.pk for m in every[start : start + 7]]
        rows, previous = queries.measurements_by_id(report, ids, listing)
        assert [m.pk for m in rows] == ids
        assert queries.measurements_by_id(report, ids)[1] == previous  # the names looked up instead
        for m in rows:
            shown = queries.domain_indicator(report, m, previous).previous_annual
            assert shown == queries.domain_indicator(report, m, whole).previous_annual, m.indicator.name
            found.append(shown)
    assert sum(value is not None for value in found) > 50
