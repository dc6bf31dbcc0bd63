"""The city's view: who may see it, and each committee's assessment and error count per cell."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model

from styrkort.accounts.models import Membership, Role
from styrkort.domain.checks import count_by_severity, run_checks
from styrkort.followup.models import Report, ReportCounts
from styrkort.goals.models import Goal, GoalAssessment
from styrkort.organisations.models import Organisation
from styrkort.storage.load import followup_from_report
from tests.web.helpers import ANONYMOUS, assert_matrix

pytestmark = pytest.mark.django_db
CITY = "/stad/testkommun/2026-T1/"


@pytest.fixture
def city_reader(users):
    user = get_user_model().objects.create_user("ulla")
    Membership.objects.create(
        user=user, organisation=Organisation.objects.get(code="testkommun"), role=Role.READER
    )
    users["ulla"] = user
    return user


def cells(page: str) -> dict[str, list[str]]:
    """Each goal row's cells as text, by goal number."""
    body = page.split("<tbody>")[1].split("</tbody>")[0]
    found = {}
    for row in re.findall(r"<tr>(.*?)</tr>", body, re.S):
        number = re.search(r'class="goal-number">([^<]+)<', row).group(1)
        texts = [
            re.sub(r"<[^>]+>|\s+", " ", cell).strip() for cell in re.findall(r"<td>(.*?)</td>", row, re.S)
        ]
        found[number] = [" ".join(text.split()) for text in texts]
    return found


def test_only_the_citys_controllers_administrators_and_readers_see_it(login, users, city_reader):
    expected = {
        ANONYMOUS: 404,
        "anna": 404,
        "bertil": 404,
        "rut": 404,
        "cecilia": 404,
        "stina": 200,
        "ulla": 200,
        "admin": 200,
    }
    assert_matrix(login, "GET", CITY, None, expected)


def test_an_unknown_municipality_or_period_is_not_found(login, users):
    client = login("stina")
    assert client.get("/stad/sdn-test/2026-T1/").status_code == 404  # a committee is no city
    assert client.get("/stad/testkommun/2031-T2/").status_code == 404
    assert client.get("/stad/testkommun/skräp/").status_code == 404


def test_the_cells_show_each_committees_assessment_in_symbol_and_words(login, users):
    GoalAssessment.objects.filter(goal__number="1.1", report__organisation__code="sdn-other").update(
        status="not_met"
    )
    page = login("stina").get(CITY).content.decode()
    table = cells(page)
    assert list(table) == ["1", "1.1"]  # the city's aims and area goals; not committee goals
    columns = re.findall(r'<th scope="col"><a href="/rapporter/([^/]+)/2026-T1/">', page)
    assert columns == ["sdn-other", "sdn-test"]  # by name: "Nämnd sdn-other", "Nämnd sdn-test"
    assert table["1.1"] == ["● Uppfylls inte", "● Uppfylls helt"]
    assert table["1"] == ["● Uppfylls helt", "● Uppfylls helt"]


def test_a_goal_missing_from_a_report_says_so(login, users):
    GoalAssessment.objects.filter(goal__number="1", report__organisation__code="sdn-other").delete()
    assert cells(login("stina").get(CITY).content.decode())["1"] == ["Ingår inte", "● Uppfylls helt"]


def test_each_committee_shows_the_number_of_errors_the_check_finds(login, users):
    report = Report.objects.get(organisation__code="sdn-test")
    errors = count_by_severity(run_checks(followup_from_report(report)))["error"]
    assert errors > 0
    page = login("stina").get(CITY).content.decode()
    footer = page.split("<tfoot>")[1].split("</tfoot>")[0]
    assert footer.count(f"<strong>{errors} fel</strong>") == 2  # both committees hold the same report


def test_names_and_titles_typed_with_markup_are_shown_as_text(login, users):
    hostile = '<script>alert("x")</script> & ”Nämnd” 🙂'
    Organisation.objects.filter(code="sdn-other").update(name=hostile)
    Goal.objects.filter(number="1.1", organisation__code="testkommun").update(title="<b>Mål</b> & mer")
    page = login("stina").get(CITY).content.decode()
    assert "<script>alert" not in page and "<b>Mål</b>" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; ”Nämnd” 🙂" in page
    assert "&lt;b&gt;Mål&lt;/b&gt; &amp; mer" in page
    assert cells(page)["1.1"] == ["● Uppfylls helt", "● Uppfylls helt"]  # the cells are unchanged


def test_counts_never_stored_are_computed_and_stored_with_the_same_figures(login, users):
    page = login("stina").get(CITY).content.decode()
    before = page.split("<tfoot>")[1].split("</tfoot>")[0]
    ReportCounts.objects.filter(report__organisation__code="sdn-test").delete()
    page = login("stina").get(CITY).content.decode()
    assert page.split("<tfoot>")[1].split("</tfoot>")[0] == before
    assert ReportCounts.objects.filter(report__organisation__code="sdn-test").exists()


def test_the_report_pages_link_to_the_new_pages_and_the_city_controller_lands_on_the_citys_view(login, users):
    page = login("anna").get("/rapporter/sdn-test/2026-T1/").content.decode()
    for href in ("ekonomi/", "forslag/", "bilagor/"):
        assert f'href="/rapporter/sdn-test/2026-T1/{href}"' in page
    assert f'href="{CITY}"' not in page
    landing = login("stina").get("/")
    assert landing.status_code == 302 and landing.url == CITY
    assert "Mål, indikatorer och perioder" in login("stina").get(CITY).content.decode()
