"""The grid's cached part (``web/views/grid.py``, ``styrkort.web.fragments``): every kind of change
shows on the very next view of the grid, the values in its inputs are the stored ones, users with
different rights and different filters never share a part, and no part carries a CSRF token.

As in test_fragments.py, each test views the grid first (so its part is cached), changes the data
the way the application does, and views it again.
"""

from __future__ import annotations

import pickle
from decimal import Decimal

import pytest
from django.core.cache import cache

from styrkort.accounts.models import Assignment
from styrkort.followup.models import Report
from styrkort.goals.models import Indicator, Measurement
from styrkort.organisations.models import Organisation
from styrkort.storage.counts import note_changed
from tests.web.conftest import REPORTED_INDICATOR
from tests.web.helpers import BASE, grid_data, measurement, page_text, the_report

pytestmark = pytest.mark.django_db
GRID = BASE + "indikatorer/"


def page(client, url: str = GRID) -> str:
    return page_text(client, url)


def test_a_saved_value_is_the_value_in_the_input_on_the_next_view(login, users):
    client = login("anna")
    assert 'value="38,2"' in page(client)
    row = measurement(REPORTED_INDICATOR)
    row.outcome = Decimal("41.7")
    row.save()
    shown = page(client)
    assert 'value="41,7"' in shown and 'value="38,2"' not in shown


def test_a_save_through_the_grid_shows_its_value_and_its_change_in_the_log(login, users):
    client = login("anna")
    log = page(client).split('id="andringar-rubrik"')[1]
    assert "41,9" not in log
    response = client.post(GRID, grid_data((measurement(REPORTED_INDICATOR), {"outcome": "41,9"})))
    assert response.status_code == 302
    shown = page(client)
    assert 'value="41,9"' in shown
    assert "41,9" in shown.split('id="andringar-rubrik"')[1]  # the audit trail is read per request


def test_a_bulk_update_announced_with_note_changed_shows(login, users):
    client = login("anna")
    assert 'value="38,2"' in page(client)
    Measurement.objects.filter(pk=measurement(REPORTED_INDICATOR).pk).update(outcome=Decimal("12.3"))
    note_changed(the_report())
    assert 'value="12,3"' in page(client)


def test_a_change_of_the_citys_target_or_the_indicators_name_shows(login, users):
    client = login("anna")
    page(client)
    indicator = Indicator.objects.get(name=REPORTED_INDICATOR)
    indicator.name = "Andel förskollärare med legitimation"
    indicator.save()
    assert "Andel förskollärare med legitimation" in page(client)


def test_a_workflow_step_takes_the_inputs_away(login, users):
    client = login("anna")
    assert 'name="m-0-outcome"' in page(client)
    report = the_report()
    report.state, report.version = Report.State.APPROVED, report.version + 1
    report.save(update_fields=["state", "version"])  # as the workflow does: the counts stay
    shown = page(client)
    assert 'name="m-0-outcome"' not in shown and "kan inte ändras" in shown


def test_an_assignment_gives_the_reporter_inputs_on_the_next_view(login, users):
    client = login("rut")
    url = GRID + "?sida=alla"
    editable = page(client, url).count('inputmode="decimal"')
    assert editable > 0  # rut's assigned indicator and goal 1.1.1's
    others = Measurement.objects.filter(organisation__code="sdn-test", period__year=2026, period__kind="T1")
    others = others.exclude(indicator__name=REPORTED_INDICATOR).exclude(indicator__goal__number="1.1.1")
    Assignment.objects.create(
        user=users["rut"],
        organisation=Organisation.objects.get(code="sdn-test"),
        indicator=others.select_related("indicator").first().indicator,
    )
    assert page(client, url).count('inputmode="decimal"') > editable


@pytest.mark.parametrize("first", ["anna", "dag"])
def test_users_with_different_rights_never_share_a_part(login, users, first):
    pages = {}
    for name in (first, "dag" if first == "anna" else "anna"):
        pages[name] = page(login(name))
    assert 'name="m-0-outcome"' in pages["anna"]  # the controller edits
    assert 'name="m-0-outcome"' not in pages["dag"]  # the approver reads


def test_each_filter_and_page_has_its_own_part(login, users):
    client = login("rut")
    whole = page(client, GRID + "?sida=alla")
    mine = page(client, GRID + "?mina=1")
    assert "Filtrerat:" in mine and "Filtrerat:" not in whole
    assert mine.count("<tbody") < whole.count("<tbody")


def test_no_cached_part_carries_a_csrf_token_and_the_page_has_one(login, users):
    cache.clear()
    client = login("anna")
    shown = page(client)
    assert shown.count('name="csrfmiddlewaretoken"') >= 2  # the grid's form, and signing out
    stored = [pickle.loads(value) for value in cache._cache.values()]  # type: ignore[attr-defined]
    parts = [value for value in stored if isinstance(value, dict) and "table_html" in value]
    assert parts
    for part in parts:
        for value in part.values():
            assert "csrfmiddlewaretoken" not in str(value) and "X-CSRFToken" not in str(value)


def test_a_second_view_of_the_grid_stays_within_its_budget(login, users, django_assert_max_num_queries):
    client = login("anna")
    page(client)
    # the session, the user, the report, the roles, the audit trail
    with django_assert_max_num_queries(5):
        page(client)
