"""Query budgets of the busiest pages, on the demo's largest committee (``sdn-norra``, 2026-T1).

A page's number of queries must not grow with the size of the report, and the city view's not
with the number of committees: each page is asked for once (so the report's stored counts exist)
and then counted. Speed itself is measured by ``scripts/bench_pages.py`` (``make bench``).
"""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from styrkort.accounts.models import Membership, Role
from styrkort.demo import LARGEST_COMMITTEE_CODE, generate_demo
from styrkort.followup.models import Period, Report, ReportCounts
from styrkort.goals.models import Goal, GoalAssessment
from styrkort.organisations.models import Organisation
from styrkort.storage.store import save_followup

pytestmark = pytest.mark.django_db
PERIOD = "2026-T1"
REPORT = f"/rapporter/{LARGEST_COMMITTEE_CODE}/{PERIOD}/"
CITY = f"/stad/exempelstad/{PERIOD}/"


@pytest.fixture
def demo(db):
    """Every demo committee's 2026-T1 report, and sdn-norra's annual report of 2025 (last year's
    outcomes); a committee controller of sdn-norra and the city's controller."""
    for followup in generate_demo():
        period = (followup.period.year, followup.period.kind)
        if period == (2026, "T1") or (
            period == (2025, "AR") and followup.organisation.code == LARGEST_COMMITTEE_CODE
        ):
            save_followup(followup)
    users = get_user_model().objects
    for name, code, role in (
        ("controller", LARGEST_COMMITTEE_CODE, Role.COMMITTEE_CONTROLLER),
        ("stadscontroller", "exempelstad", Role.CITY_CONTROLLER),
    ):
        user = users.create_user(name)
        Membership.objects.create(user=user, organisation=Organisation.objects.get(code=code), role=role)


def signed_in(client, name: str):
    client.force_login(get_user_model().objects.get(username=name))
    return client


def counted(client, url: str, django_assert_max_num_queries, budget: int) -> None:
    assert client.get(url).status_code == 200  # the first answer may compute stored counts
    with django_assert_max_num_queries(budget):
        response = client.get(url)
    assert response.status_code == 200


def goal_url(client) -> str:
    """The goal of sdn-norra's report with the most indicators (the goal page's worst case)."""
    report = Report.objects.get(
        organisation__code=LARGEST_COMMITTEE_CODE, period__year=2026, period__kind="T1"
    )
    assessments = GoalAssessment.objects.filter(report=report).select_related("goal")
    busiest = max(assessments, key=lambda a: (a.goal.indicators.count(), -a.position))
    assert busiest.goal.indicators.count() > 3
    return f"{REPORT}mal/{busiest.pk}/"


def test_the_overview_stays_within_its_budget(client, demo, django_assert_max_num_queries):
    counted(signed_in(client, "controller"), REPORT, django_assert_max_num_queries, 15)


@pytest.mark.parametrize(
    ("page", "budget", "stored"),
    # Nothing stored: the goal rows read and the tree stored (3 + 1 queries) in a savepoint (2),
    # once per import of a report; 16 against 10 when it is stored.
    [("", 15, True), ("", 16, False), ("ekonomi/", 15, True), ("goal", 12, True)],
    ids=["overview", "overview-nothing-stored", "economy", "goal"],
)
def test_the_first_view_after_a_change_stays_within_the_budget(
    client, demo, django_assert_max_num_queries, page, budget, stored
):
    """The cached parts emptied (``web.fragments``), as after a change; ``stored`` False: the
    overview's goal tree stored with the counts dropped too, as after an import."""
    client = signed_in(client, "controller")
    url = goal_url(client) if page == "goal" else REPORT + page
    assert client.get(url).status_code == 200
    cache.clear()
    if not stored:
        ReportCounts.objects.update(overview={})
    with django_assert_max_num_queries(budget):
        response = client.get(url)
    assert response.status_code == 200


def test_the_grid_stays_within_its_budget(client, demo, django_assert_max_num_queries):
    counted(signed_in(client, "controller"), REPORT + "indikatorer/", django_assert_max_num_queries, 10)


def test_the_goal_page_stays_within_its_budget(client, demo, django_assert_max_num_queries):
    client = signed_in(client, "controller")
    counted(client, goal_url(client), django_assert_max_num_queries, 12)


def test_the_economy_page_stays_within_its_budget(client, demo, django_assert_max_num_queries):
    counted(signed_in(client, "controller"), REPORT + "ekonomi/", django_assert_max_num_queries, 15)


def add_committees(count: int) -> None:
    """``count`` more committees with a report of the period assessing every city goal (rows
    written in bulk: their counts are computed by the first view, as for an import)."""
    municipality = Organisation.objects.get(code="exempelstad")
    period = Period.objects.get(municipality=municipality, year=2026, kind="T1")
    committees = Organisation.objects.bulk_create(
        Organisation(code=f"extra-{n}", name=f"Extra nämnd {n}", kind="committee", parent=municipality)
        for n in range(count)
    )
    reports = Report.objects.bulk_create(Report(organisation=c, period=period) for c in committees)
    goals = list(Goal.objects.filter(organisation=municipality, year=2026))
    GoalAssessment.objects.bulk_create(
        GoalAssessment(report=report, goal=goal, status="met", position=n)
        for report in reports
        for n, goal in enumerate(goals)
    )


@pytest.mark.parametrize("more", [0, 40])
def test_the_city_view_costs_the_same_for_any_number_of_committees(
    client, demo, django_assert_max_num_queries, more
):
    add_committees(more)
    client = signed_in(client, "stadscontroller")
    counted(client, CITY, django_assert_max_num_queries, 30)
    page = client.get(CITY).content.decode()
    assert f"({13 + more} nämnder)" in page
    assert len(re.findall(r"Inga fel|\d+ fel", page)) == 13 + more


def other_municipalities(count: int) -> None:
    """``count`` municipalities of a national installation, each with two committees."""
    cities = Organisation.objects.bulk_create(
        Organisation(code=f"kommun-{n}", name=f"Kommun {n}", kind="municipality") for n in range(count)
    )
    Organisation.objects.bulk_create(
        Organisation(code=f"{city.code}-{k}", name=f"{city.name} nämnd {k}", kind="committee", parent=city)
        for city in cities
        for k in range(2)
    )


@pytest.mark.parametrize("persona", ["anna", "rut", "stina", None])
def test_the_start_page_reads_no_organisation_outside_the_users_own(login, persona):
    client = login(persona)

    def read() -> list[str]:
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/rapporter/")
        assert response.status_code == 200
        return [query["sql"] for query in queries.captured_queries]

    before = read()
    other_municipalities(300)
    after = read()
    # session, user, reports, the roles and parts behind each link (accounts.access.accesses)
    assert len(after) == len(before) <= 15
    assert not any('FROM "organisations_organisation" ORDER BY' in sql for sql in after)
