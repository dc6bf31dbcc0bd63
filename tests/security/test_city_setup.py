"""The city's set-up on the product's pages: goals, indicators with targets, periods; rights,
audit, per-field conflicts and the lock on periods of approved or decided reports."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from styrkort.accounts.models import Membership, Role
from styrkort.audit.models import Change
from styrkort.followup.lock import LockedReportError
from styrkort.followup.models import Period, Report
from styrkort.goals.models import Goal, Indicator
from styrkort.organisations.models import Organisation
from styrkort.workflow import transitions as workflow
from tests.web.helpers import ANONYMOUS, assert_matrix

pytestmark = pytest.mark.django_db
CITY = "/stad/testkommun/"


@pytest.fixture
def ulla(users):
    """A reader on the municipality itself: sees the city's view, not its set-up."""
    user = get_user_model().objects.create_user("ulla")
    Membership.objects.create(
        user=user, organisation=Organisation.objects.get(code="testkommun"), role=Role.READER
    )
    users["ulla"] = user
    return user


def goal_data(**values) -> dict:
    data = {
        "number": "9",
        "level": "aim",
        "parent": "",
        "title": "En ny stad",
        "description": "",
        "expected_results": "",
    }
    data.update(values)
    return data


def shown(goal: Goal, **typed) -> dict:
    """The form as the page showed it for ``goal`` (hidden initial values included), with typed values."""
    values = {
        "number": goal.number,
        "level": goal.level,
        "parent": str(goal.parent_id or ""),
        "title": goal.title,
        "description": goal.description,
        "expected_results": "\n".join(goal.expected_results),
    }
    data = {**values, **{f"initial-{name}": value for name, value in values.items()}}
    data.update(typed)
    return data


def test_only_the_citys_controller_and_administrators_get_the_set_up(login, users, ulla):
    expected = {ANONYMOUS: 404, "anna": 404, "bertil": 404, "cecilia": 404, "rut": 404, "ulla": 404}
    expected |= {"stina": 200, "admin": 200}
    for page in ("installningar/", "mal/2026/", "mal/2026/ny/", "perioder/ny/"):
        assert_matrix(login, "GET", CITY + page, None, expected)
    committee_goal = Goal.objects.get(number="1.1.1", organisation__code="sdn-test")
    assert login("stina").get(f"{CITY}mal/2026/{committee_goal.pk}/").status_code == 404  # not the city's


def test_the_city_controller_adds_and_changes_a_goal_and_the_trail_records_who(login, users):
    client = login("stina")
    response = client.post(
        CITY + "mal/2027/ny/", goal_data(expected_results="- Fler jobb\n\nTryggare gator\n")
    )
    assert response.status_code == 302 and response.url == CITY + "mal/2027/"
    goal = Goal.objects.get(organisation__code="testkommun", year=2027, number="9")
    assert goal.expected_results == ["Fler jobb", "Tryggare gator"]
    response = client.post(f"{CITY}mal/2027/{goal.pk}/", shown(goal, title="En stad för alla"), follow=True)
    assert "Det är sparat (mål)." in response.content.decode()
    goal.refresh_from_db()
    assert goal.title == "En stad för alla"
    change = Change.objects.get(object_id=str(goal.pk), field="title")
    assert (change.username, change.old, change.new) == ("stina", "En ny stad", "En stad för alla")


def test_bad_input_is_refused_in_swedish_and_kept(login, users):
    client = login("stina")
    response = client.post(CITY + "mal/2026/ny/", goal_data(number="1", level="area_goal", title="Dubblett"))
    page = response.content.decode()
    assert response.status_code == 400
    assert "det finns redan ett mål 1 för 2026" in page
    assert "ett mål för verksamhetsområdet hör till ett inriktningsmål" in page
    assert "Dubblett" in page
    assert not Goal.objects.filter(title="Dubblett").exists()


def test_two_people_changing_the_same_field_conflict_and_different_fields_merge(login, users):
    goal = Goal.objects.get(organisation__code="testkommun", number="1")
    url = f"{CITY}mal/2026/{goal.pk}/"
    page_for_stina, page_for_admin = shown(goal), shown(goal)
    assert login("stina").post(url, {**page_for_stina, "title": "Stinas rubrik"}).status_code == 302
    # admin changed another field on the page loaded before: saved, stina's title kept
    assert login("admin").post(url, {**page_for_admin, "description": "Adminens text"}).status_code == 302
    goal.refresh_from_db()
    assert (goal.title, goal.description) == ("Stinas rubrik", "Adminens text")
    # admin changed the same field: nothing saved, both values shown, the typed value kept
    response = login("admin").post(url, {**page_for_admin, "title": "Adminens rubrik"})
    page = response.content.decode()
    assert response.status_code == 409
    assert "någon annan hann före" in page and "Mål: ”Stinas rubrik”" in page and "Adminens rubrik" in page
    goal.refresh_from_db()
    assert goal.title == "Stinas rubrik"
    # saving again, having seen the conflict, writes the admin's value
    again = {**page_for_admin, "title": "Adminens rubrik", "initial-title": "Stinas rubrik"}
    assert login("admin").post(url, again).status_code == 302
    goal.refresh_from_db()
    assert goal.title == "Adminens rubrik"


def test_the_city_controller_adds_an_indicator_with_a_target_and_changes_the_target(login, users):
    goal = Goal.objects.get(organisation__code="testkommun", number="1.1")
    client = login("stina")
    data = {
        "name": "Andel  nöjda   brukare",
        "unit": "%",
        "direction": "higher",
        "frequency": "annual",
        "city_target": " Ökning ",
    }
    assert client.post(f"{CITY}mal/2026/{goal.pk}/ny-indikator/", data).status_code == 302
    indicator = Indicator.objects.get(goal=goal, name="Andel nöjda brukare")
    assert indicator.city_target == "Ökning" and indicator.organisation.code == "testkommun"
    fields = ("name", "unit", "direction", "frequency", "decimals", "kolada_id", "city_target")
    values = {name: str(getattr(indicator, name) or "") for name in fields}
    values["gender_split"] = ""
    data = {**values, **{f"initial-{n}": v for n, v in values.items()}, "initial-gender_split": "False"}
    data["city_target"] = "85"
    assert client.post(f"{CITY}indikatorer/{indicator.pk}/", data).status_code == 302
    indicator.refresh_from_db()
    assert indicator.city_target == "85"
    assert Change.objects.filter(
        object_id=str(indicator.pk), field="city_target", new="85", username="stina"
    ).exists()


def test_periods_are_added_and_changed_until_a_report_of_theirs_is_approved(login, users, report):
    client = login("stina")
    data = {"year": "2027", "kind": "T1", "starts": "2027-01-01", "ends": "2027-05-01"}
    assert client.post(CITY + "perioder/ny/", data).status_code == 302
    again = client.post(CITY + "perioder/ny/", data)
    assert again.status_code == 400 and "perioden 2027-T1 finns redan" in again.content.decode()
    t1 = Period.objects.get(municipality__code="testkommun", year=2026, kind="T1")
    shown_dates = {"starts": "2026-01-01", "ends": "2026-05-01"}
    t1.starts, t1.ends = shown_dates["starts"], shown_dates["ends"]
    t1.save()
    form = {**shown_dates, **{f"initial-{k}": v for k, v in shown_dates.items()}, "ends": "2026-04-30"}
    assert client.post(f"{CITY}perioder/{t1.pk}/", form).status_code == 302
    workflow.submit_for_review(report, gate=False)
    workflow.approve(report, gate=False)
    assert "perioden är låst" in client.get(f"{CITY}perioder/{t1.pk}/").content.decode()
    form = {**form, "initial-ends": "2026-04-30", "ends": "2026-04-29"}
    response = client.post(f"{CITY}perioder/{t1.pk}/", form, follow=True)
    assert "Inget sparades: rapporten är godkänd eller beslutad och därför låst" in response.content.decode()
    t1.refresh_from_db()
    assert str(t1.ends) == "2026-04-30"
    with pytest.raises(LockedReportError):  # every write path, not only this page
        t1.save()
    assert Report.objects.get(pk=report.pk).state == "approved"
