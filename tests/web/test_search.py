"""Search in one report: what it finds, where the hits lead, who may search, hostile input."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from styrkort.goals.models import Measurement
from tests.web.helpers import BASE, assessment, follow_up, measurement

pytestmark = pytest.mark.django_db

SEARCH = BASE + "sok/"
SHARE = "Andel legitimerade förskollärare"


def test_it_finds_indicators_goals_and_activities_and_links_each_to_its_row(login, users):
    page = login("anna").get(SEARCH, {"q": "förskollärare"}).content.decode()
    assert f'href="{BASE}indikatorer/#rad-{measurement(SHARE).pk}"' in page
    page = login("anna").get(SEARCH, {"q": "trygg fritid"}).content.decode()
    assert f'href="{BASE}mal/{assessment("1.1.1").pk}/"' in page
    page = login("anna").get(SEARCH, {"q": "försenad"}).content.decode()  # an activity's deviation
    assert f'href="{BASE}aktiviteter/#aktivitet-{follow_up().pk}"' in page
    assert "1 träff på ”försenad”" in page


def test_case_is_ignored_for_swedish_letters_too(login, users):
    page = login("anna").get(SEARCH, {"q": "FÖRSKOLLÄRARE"}).content.decode()
    assert "1 träff" in page and "<mark>förskollärare</mark>" in page


def test_an_analysis_is_found_with_the_words_around_it(login, users):
    page = login("anna").get(SEARCH, {"q": "färre"}).content.decode()
    assert "Analys: <mark>Färre</mark> män." in page


def test_nothing_found_says_so(login, users):
    page = login("anna").get(SEARCH, {"q": "zebrafink"}).content.decode()
    assert "0 träffar på ”zebrafink”" in page and "Inget i rapporten innehåller" in page


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("anna", 200),
        ("rut", 200),
        ("dag", 200),
        ("stina", 302),
        ("cecilia", 404),
        ("bertil", 302),
        (None, 404),
    ],
)
def test_only_those_who_work_on_the_report_search_it(login, users, persona, status):
    response = login(persona).get(SEARCH, {"q": "barn"})
    assert response.status_code == status
    if status == 302:  # readers and the city get the reading view, as on every working page
        assert response["Location"] == BASE + "las/"


def test_another_committees_rows_are_never_found(login, users):
    others = Measurement.objects.filter(organisation__code="sdn-other")
    page = login("anna").get(SEARCH, {"q": "förskollärare"}).content.decode()
    assert others and all(f'#rad-{other.pk}"' not in page for other in others)


@pytest.mark.parametrize(
    ("term", "status"),
    [
        ("x", 400),
        ("x" * 201, 400),
        ("%%", 200),
        ("__", 200),
        ("' OR 1=1 --", 200),
        ("<script>alert(1)</script>", 200),
        ("\x00\x01barn", 200),
        ("\u202ebarn", 200),
        ("ß", 400),
        ("ﬁ" * 3, 200),
    ],
)
def test_hostile_terms_are_answered_safely(login, users, term, status):
    response = login("anna").get(SEARCH, {"q": term})
    assert response.status_code == status
    page = response.content.decode()
    assert "<script>alert" not in page
    if term in ("%%", "__"):
        assert "0 träffar" in page  # a wildcard of SQL's LIKE is an ordinary character here


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(term=st.text(max_size=60))
def test_any_text_gives_a_page_never_an_error(login, users, term):
    response = login("anna").get(SEARCH, {"q": term})
    assert response.status_code in (200, 400)
