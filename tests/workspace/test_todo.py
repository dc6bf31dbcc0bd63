"""Deadlines per part, set by the controller, and each person's to-do list."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from styrkort.followup.models import Report
from styrkort.goals.models import Measurement
from styrkort.workspace.models import Deadline
from styrkort.workspace.todo import todo_for
from tests.web.conftest import REPORTED_INDICATOR
from tests.web.helpers import BASE, assert_matrix

pytestmark = pytest.mark.django_db
URL = f"{BASE}tidsfrister/"


def test_who_may_see_and_set_deadlines(login):
    assert_matrix(
        login,
        "GET",
        URL,
        None,
        {None: 404, "cecilia": 404, "bertil": 403, "stina": 403, "rut": 200, "dag": 200, "anna": 200},
    )
    data = {"indicators": "2026-05-05"}
    assert_matrix(
        login, "POST", URL, data, {"cecilia": 404, "bertil": 403, "rut": 403, "dag": 403, "anna": 302}
    )
    assert list(Deadline.objects.values_list("part", "due")) == [("indicators", date(2026, 5, 5))]


def test_a_bad_date_saves_nothing_and_says_which_part(login):
    client = login("anna")
    client.post(URL, {"indicators": "2026-05-05", "summary": "2026-05-20"})
    response = client.post(URL, {"indicators": "2026-06-01", "summary": "31/5", "economy": "2026-02-30"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Sammanfattande analys: skriv datumet som ÅÅÅÅ-MM-DD" in page and "Ekonomi: skriv datumet" in page
    assert 'value="31/5"' in page  # what was typed is kept
    assert dict(Deadline.objects.values_list("part", "due")) == {
        "indicators": date(2026, 5, 5),
        "summary": date(2026, 5, 20),
    }
    # Emptying a field removes that deadline; an unchanged form changes nothing.
    client.post(URL, {"indicators": "2026-05-05"})
    assert list(Deadline.objects.values_list("part", flat=True)) == ["indicators"]
    client.post(URL, {"indicators": "2026-05-05"})
    assert Deadline.objects.get().set_by.username == "anna"


def test_a_reporters_list_holds_their_unfinished_rows_with_their_deadlines(users, report):
    today = timezone.localdate()
    Deadline.objects.create(report=report, part="indicators", due=today - timedelta(days=1))
    Deadline.objects.create(report=report, part="goals", due=today + timedelta(days=7))
    [todo] = todo_for(users["rut"], today)
    texts = {item.text: item for item in todo.items}
    # The reported indicator has an outcome in the factory; the goal's own annual indicator has none.
    assert f"Indikator ”{REPORTED_INDICATOR}”" not in texts
    annual = texts["Indikator ”Antal besök”"]
    assert (
        annual.missing == "utfall och prognos saknas"
        and annual.overdue
        and annual.path == f"{BASE}indikatorer/"
    )
    # Only rows of rut's parts: the other goal's indicator is not his.
    assert "Indikator ”Antal vräkningar som berör barn”" not in texts
    Measurement.objects.filter(indicator__name="Antal besök").update(forecast=15000)
    [todo] = todo_for(users["rut"], today)
    assert "Indikator ”Antal besök”" not in {item.text for item in todo.items}


def test_a_controllers_list_holds_every_unfinished_row_and_the_summary(users, report):
    Report.objects.filter(pk=report.pk).update(summary="")
    [todo] = todo_for(users["anna"], timezone.localdate())
    texts = {item.text for item in todo.items}
    assert {
        "Indikator ”Antal vräkningar som berör barn”",
        "Indikator ”Antal besök”",
        "Sammanfattande analys",
    } <= texts
    assert todo_for(users["bertil"], timezone.localdate()) == []
    assert todo_for(users["cecilia"], timezone.localdate())[0].report.organisation.code == "sdn-other"


def test_the_approver_sees_a_report_waiting_and_the_page_shows_it(login, users, report):
    Report.objects.filter(pk=report.pk).update(state=Report.State.IN_REVIEW)
    page = login("dag").get("/att-gora/").content.decode()
    assert "väntar på ditt godkännande" in page
    page = login("bertil").get("/att-gora/").content.decode()
    assert "Du har inget att göra just nu" in page and "sdn-test" not in page
    assert login(None).get("/att-gora/").status_code == 302


def test_the_workspace_pages_keep_to_a_query_budget(login, users, report, django_assert_max_num_queries):
    for part in ("indicators", "goals", "economy"):
        Deadline.objects.create(report=report, part=part, due=date(2026, 5, 5))
    client = login("anna")
    with django_assert_max_num_queries(25):
        assert client.get("/att-gora/").status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(URL).status_code == 200
    client = login("rut")
    with django_assert_max_num_queries(15):
        assert client.get("/meddelanden/").status_code == 200


def test_the_overview_leads_to_the_deadlines(login):
    page = login("anna").get(BASE).content.decode()
    assert f'href="{URL}">Ange tidsfrister för rapportens delar</a>' in page
    page = login("dag").get(BASE).content.decode()
    assert f'href="{URL}">Tidsfrister för rapportens delar</a>' in page
