"""An indicator's history: the same figures in the chart and the table, across periods and years."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from styrkort.goals.models import Indicator, Measurement
from styrkort.storage.store import save_followup
from styrkort.web.views.history import Point, draw_chart
from tests.factories import make_followup
from tests.web.helpers import ANONYMOUS, BASE, assert_matrix
from tests.web.test_economy import decide_report

pytestmark = pytest.mark.django_db
SHARE = "Andel legitimerade förskollärare"


def indicator(year: int = 2026) -> Indicator:
    return Indicator.objects.get(name=SHARE, goal__year=year)


def url(pk: int) -> str:
    return f"{BASE}indikatorer/{pk}/historik/"


@pytest.fixture
def last_year(report):
    """Last year's T1 of the same committee, with an outcome of 35,0 and a target of 38."""
    save_followup(make_followup("sdn-test", 2025, "T1"))
    Measurement.objects.filter(
        indicator__name=SHARE, organisation__code="sdn-test", period__year=2025, period__kind="T1"
    ).update(outcome=Decimal("35.0"), target="38")


def rows(page: str) -> list[list[str]]:
    body = page.split('id="historik-caption"')[1].split("</table>")[0]
    found = []
    for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)[1:]:
        found.append(
            [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row)]
        )
    return found


def test_the_history_shows_every_period_oldest_first_matched_by_owner_and_name(login, users, last_year):
    page = login("dag").get(url(indicator().pk)).content.decode()
    table = rows(page)
    labels = [row[0] for row in table]
    assert labels == ["VB 2024", "T1 2025", "VB 2025", "T1 2026"]
    assert table[1][1:] == ["35,0", "39,5", "38"]  # as recorded: the target was set as "38"
    assert table[2][1] == "39,2"  # last year's annual outcome, stored with this year's report
    assert table[3][1:] == ["38,2", "39,5", "39,5"]


def test_the_chart_draws_the_same_figures_with_a_text_alternative(login, users, last_year):
    page = login("dag").get(url(indicator().pk)).content.decode()
    assert 'role="img" aria-labelledby="diagram-titel diagram-beskrivning"' in page
    assert "Utfallet har 4 värden, från 39,2 % (VB 2024) till 38,2 % (T1 2026)." in page
    assert "Årsmålet för T1 2026 är 39,5 %." in page
    outcome = re.search(r'stroke="#00529b" stroke-width="3" points="([^"]+)"', page).group(1).split()
    assert len(outcome) == 4
    ys = [Decimal(point.split(",")[1]) for point in outcome]
    assert ys[1] > ys[3] > ys[0] == ys[2]  # 35,0 lowest (largest y), 39,2 highest


def test_only_those_who_may_see_the_report_see_the_history(login, users):
    expected = {ANONYMOUS: 404, "cecilia": 404, "bertil": 302, "rut": 200, "dag": 200, "anna": 200}
    assert_matrix(login, "GET", url(indicator().pk), None, expected)


def test_an_indicator_outside_the_report_is_not_found(login, users):
    other = Indicator.objects.exclude(measurements__organisation__code="sdn-test").first()
    client = login("anna")
    assert client.get(url(999999)).status_code == 404
    if other is not None:
        assert client.get(url(other.pk)).status_code == 404


def test_a_visitor_of_a_decided_report_gets_the_reading_view_not_the_working_history(login, users, last_year):
    decide_report()
    for persona in (ANONYMOUS, "bertil", "anna"):
        response = login(persona).get(url(indicator().pk))
        assert response.status_code == 302 and response.url == BASE + "las/"


def test_chart_coordinates_are_exact_decimals_inside_the_box():
    points = [
        Point("T1 2025", Decimal("10"), None, "20", Decimal("20")),
        Point("T1 2026", Decimal("20"), None, None, None),
    ]
    chart = draw_chart(points, 0)
    assert chart.outcome == [("72.0", "243.7"), ("616.0", "40.3")]
    assert chart.target == [("72.0", "40.3")]
    assert chart.ticks[0][1] == "9" and chart.ticks[-1][1] == "21"
    assert draw_chart([Point("T1 2026", None, None, None, None)]) is None
    single = draw_chart([Point("T1 2026", Decimal("5"), None, None, None)])
    assert single.outcome == [("344.0", "142.0")]


def test_the_grid_and_the_goal_page_link_to_the_history(login, users):
    from tests.web.helpers import assessment

    href = f'href="{url(indicator().pk)}"'
    assert href in login("dag").get(BASE + "indikatorer/").content.decode()
    goal = assessment("1.1")
    assert href in login("dag").get(f"{BASE}mal/{goal.pk}/").content.decode()
