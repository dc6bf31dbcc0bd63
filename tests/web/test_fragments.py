"""The cached parts of the report's pages (``styrkort.web.fragments``): every kind of change shows
on the very next view of each cached page, and users with different rights never share a part.

Each test views the page first (so its parts are cached), changes the data the way the change
happens in the application (a save, a workflow step, an assignment, a bulk ``QuerySet.update``
announced with ``note_changed``), and views it again.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from styrkort.accounts.models import Assignment
from styrkort.economy.models import OperatingBudgetRow
from styrkort.followup.models import Report
from styrkort.goals.models import Goal, Measurement
from styrkort.organisations.models import Organisation
from styrkort.storage.counts import note_changed
from tests.web.conftest import REPORTED_INDICATOR
from tests.web.helpers import BASE, assessment, measurement, page_text, the_report

pytestmark = pytest.mark.django_db
ECONOMY = BASE + "ekonomi/"


def goal_url(number: str) -> str:
    return f"{BASE}mal/{assessment(number).pk}/"


def test_an_indicator_value_shows_on_the_goal_page_and_the_overview(login, users):
    client = login("anna")
    url = goal_url("1.1")
    assert '<td class="num">38,2</td>' in page_text(client, url)
    before = page_text(client, BASE)
    row = measurement(REPORTED_INDICATOR)
    row.outcome = Decimal("41.7")
    row.save()
    shown = page_text(client, url)
    assert '<td class="num">41,7</td>' in shown and '<td class="num">38,2</td>' not in shown
    assert page_text(client, BASE) != before  # the statuses rest on the value


def test_a_goal_assessment_shows_on_the_overview_and_the_goal_page(login, users):
    client = login("anna")
    assert "1.1.1 Barn har en trygg fritid: bedömning saknas" not in page_text(client, BASE)
    url = goal_url("1.1")
    page_text(client, url)
    row = assessment("1.1.1")
    row.status = "not_assessed"
    row.save()
    assert "1.1.1 Barn har en trygg fritid: bedömning saknas" in page_text(client, BASE)


def test_an_economy_figure_shows_on_the_economy_page(login, users):
    client = login("anna")
    assert 'value="60"' in page_text(client, ECONOMY)
    row = OperatingBudgetRow.objects.get(report=the_report(), area__name="Förskoleverksamhet")
    row.budget = Decimal("63.5")
    row.save()
    shown = page_text(client, ECONOMY)
    assert 'value="63,5"' in shown and 'value="60"' not in shown


def test_a_renamed_activity_area_shows_on_the_economy_page(login, users):
    client = login("anna")
    assert "Förskola och pedagogisk omsorg" not in page_text(client, ECONOMY)
    area = OperatingBudgetRow.objects.get(report=the_report(), area__name="Förskoleverksamhet").area
    area.name = "Förskola och pedagogisk omsorg"
    area.save()  # as the admin does: no row of the report is saved
    assert "Förskola och pedagogisk omsorg" in page_text(client, ECONOMY)


def test_a_workflow_step_shows_on_each_page(login, users):
    client = login("anna")
    urls = (BASE, goal_url("1.1"), ECONOMY)
    assert 'name="o-0-budget"' in page_text(client, ECONOMY)
    before = {url: page_text(client, url) for url in urls}
    report = the_report()
    report.state, report.version = Report.State.APPROVED, report.version + 1
    report.save(update_fields=["state", "version"])  # as the workflow does: the counts stay
    assert 'name="o-0-budget"' not in page_text(client, ECONOMY)
    assert 'name="g-0-status"' not in page_text(client, goal_url("1.1"))
    for url in urls:
        assert page_text(client, url) != before[url]


def test_an_assignment_shows_on_the_reporters_goal_page(login, users):
    client = login("rut")
    url = goal_url("1.1")
    assert 'name="g-0-status"' not in page_text(client, url)
    Assignment.objects.create(
        user=users["rut"],
        organisation=Organisation.objects.get(code="sdn-test"),
        goal=assessment("1.1").goal,
    )
    assert 'name="g-0-status"' in page_text(client, url)


def test_a_change_of_the_citys_goal_text_shows_on_the_overview_and_the_goal_page(login, users):
    client = login("anna")
    assert "En stad som håller samman" in page_text(client, BASE)
    goal = Goal.objects.get(number="1", organisation__code="testkommun")
    goal.title = "En stad för alla"
    goal.save()
    assert "En stad för alla" in page_text(client, BASE)
    parent = Goal.objects.get(number="1.1", organisation__code="testkommun")
    url = goal_url("1.1")
    page_text(client, url)
    parent.title = "Alla barn ska ha lika villkor"
    parent.save()
    assert "Alla barn ska ha lika villkor" in page_text(client, url)


def test_a_bulk_update_announced_with_note_changed_shows(login, users):
    client = login("anna")
    url = goal_url("1.1")
    assert '<td class="num">38,2</td>' in page_text(client, url)
    Measurement.objects.filter(pk=measurement(REPORTED_INDICATOR).pk).update(outcome=Decimal("12.3"))
    note_changed(the_report())
    assert '<td class="num">12,3</td>' in page_text(client, url)
    assert 'value="60"' in page_text(client, ECONOMY)
    OperatingBudgetRow.objects.filter(report=the_report(), area__name="Förskoleverksamhet").update(
        budget=Decimal("71.1")
    )
    note_changed(the_report())
    assert 'value="71,1"' in page_text(client, ECONOMY)


@pytest.mark.parametrize("first", ["anna", "dag"])
def test_users_with_different_rights_never_share_a_part(login, users, first):
    pages = {}
    for name in (first, "dag" if first == "anna" else "anna"):
        pages[name] = page_text(login(name), ECONOMY)
    assert 'name="o-0-budget"' in pages["anna"]  # the controller edits
    assert 'name="o-0-budget"' not in pages["dag"]  # the approver reads


@pytest.mark.parametrize("first", ["anna", "rut"])
def test_a_reporter_and_the_controller_get_their_own_goal_page(login, users, first):
    url = goal_url("1.1")  # rut is assigned 1.1.1 and one indicator, not goal 1.1
    pages = {}
    for name in (first, "rut" if first == "anna" else "anna"):
        pages[name] = page_text(login(name), url)
    assert 'name="g-0-status"' in pages["anna"]
    assert 'name="g-0-status"' not in pages["rut"]


def test_no_cached_part_carries_a_csrf_token(login, users):
    import pickle

    from django.core.cache import cache

    client = login("anna")
    for url in (BASE, goal_url("1.1"), ECONOMY):
        page_text(client, url)
    stored = [pickle.loads(value) for value in cache._cache.values()]  # type: ignore[attr-defined]
    parts = [value for value in stored if isinstance(value, dict)]
    assert parts
    for part in parts:
        for value in part.values():
            assert "csrfmiddlewaretoken" not in str(value)


def test_the_checks_findings_show_on_the_overview_cached_or_not(login, users):
    """Every stored finding, with its severity, in the overview's findings table (read with the
    counts, beside the stored goal tree)."""
    from django.utils.html import escape

    from styrkort.storage.counts import stored_findings

    findings = stored_findings(the_report())
    assert {f.severity for f in findings} >= {"error", "warning"}
    client = login("anna")
    for page in (page_text(client, BASE), page_text(client, BASE)):
        table = page.split('id="kontroll-rubrik"')[1].split("</table>")[0]
        for finding in findings:
            assert escape(finding.message) in table
        assert table.count('<tr class="finding-error"><td>Fel</td>') == sum(
            f.severity == "error" for f in findings
        )
