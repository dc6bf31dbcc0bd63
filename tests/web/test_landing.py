"""A start page per role: readers land on the reading view, the city's controller on the city view."""

from __future__ import annotations

import pytest

from tests.web.helpers import BASE

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("page", ["", "indikatorer/", "aktiviteter/", "ekonomi/", "sok/", "forhandsgranska/"])
def test_a_reader_asking_for_a_working_page_gets_the_reading_view(login, users, page):
    response = login("bertil").get(BASE + page)
    assert response.status_code == 302 and response["Location"] == BASE + "las/"


def test_a_readers_start_page_links_the_report_to_its_reading_view_only(login, users):
    page = login("bertil").get("/").content.decode()
    assert f'href="{BASE}las/"' in page
    assert f'href="{BASE}"' not in page


def test_staff_start_pages_link_to_the_working_view(login, users):
    page = login("anna").get("/").content.decode()
    assert f'href="{BASE}"' in page


def test_the_city_controller_lands_on_the_city_view(login, users):
    response = login("stina").get("/")
    assert response.status_code == 302 and response["Location"].startswith("/stad/testkommun/")


def test_the_list_of_reports_decides_every_link_in_queries_that_do_not_grow_with_the_reports(login, users):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from styrkort.storage.store import save_followup
    from tests.factories import make_followup

    def queries() -> int:
        client = login("admin")
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/").status_code == 200
        return len(captured)

    before = queries()
    for number in range(4):
        save_followup(make_followup(f"sdn-extra-{number}"))
    assert queries() == before
    page = login("rut").get("/").content.decode()
    assert f'href="{BASE}"' in page  # a reporter with parts works on the open report
