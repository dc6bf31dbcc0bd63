"""Comments on a goal, an indicator or an activity: rights, mentions, resolving, hostile text."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from styrkort.followup.models import Report
from styrkort.goals.models import Activity, Indicator
from styrkort.workspace.comments import mentioned_names
from styrkort.workspace.models import Comment, Notification
from tests.web.conftest import REPORTED_INDICATOR
from tests.web.helpers import BASE, assert_matrix, assessment

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def goal_thread() -> str:
    return f"{BASE}kommentarer/mal/{assessment('1.1.1').goal_id}/"


def indicator_thread(name: str = REPORTED_INDICATOR) -> str:
    indicator = Indicator.objects.get(name=name, goal__organisation__code__in=["testkommun", "sdn-test"])
    return f"{BASE}kommentarer/indikator/{indicator.pk}/"


def comment(client, url: str, text: str, **extra):
    about = extra.pop("about", None)
    data = {"action": "comment", "text": text, **({"about": about} if about else {})}
    return client.post(url, data, **extra)


def test_who_may_read_a_goals_comments(login):
    expected = {None: 404, "cecilia": 404, "bertil": 403, "stina": 403, "rut": 200, "anna": 200, "dag": 200}
    assert_matrix(login, "GET", goal_thread(), None, {**expected, "admin": 200})


def test_who_may_write_a_comment(login):
    expected = {None: 404, "cecilia": 404, "bertil": 403, "stina": 403, "dag": 302, "rut": 302, "anna": 302}
    assert_matrix(login, "POST", goal_thread(), {"action": "comment", "text": "Ser bra ut."}, expected)
    assert Comment.objects.count() == 3


def test_a_mention_tells_the_person_once_and_never_the_author(login, users):
    client = login("rut")
    response = comment(client, goal_thread(), "@anna och @Dag, kan ni läsa analysen? @anna. @rut", **HTMX)
    assert response.status_code == 200 and "Kommentaren är sparad." in response.content.decode()
    saved = Comment.objects.get()
    assert saved.author_name == "Rut" and {u.username for u in saved.mentions.all()} == {"anna", "dag", "rut"}
    told = Notification.objects.filter(kind=Notification.Kind.MENTION)
    assert sorted(n.user.username for n in told) == ["anna", "dag"]
    note = told.get(user=users["anna"])
    assert note.text.startswith("Rut nämnde dig i en kommentar om målet 1.1.1 ”Barn har en trygg fritid”")
    assert note.path == f"{BASE}mal/{assessment('1.1.1').pk}/"


@pytest.mark.parametrize("who", ["bertil", "cecilia", "stina", "nobody"])
def test_a_mention_of_someone_outside_the_report_saves_nothing_and_keeps_the_text(login, who):
    client = login("anna")
    typed = f"Fråga @{who} om siffrorna <b>nu</b>"
    response = comment(client, goal_thread(), typed, **HTMX)
    page = response.content.decode()
    assert f"”@{who}” kan inte nämnas: ingen med det användarnamnet arbetar med rapporten." in page
    assert "Fråga @" in page and "&lt;b&gt;nu&lt;/b&gt;" in page  # the typed text is given back, escaped
    assert not Comment.objects.exists() and not Notification.objects.filter(kind="mention").exists()
    # Without JavaScript: the page, with a 400 and the same message.
    assert comment(client, goal_thread(), typed).status_code == 400


def test_an_email_address_mentions_no_one():
    assert mentioned_names("Skriv till anna@example.se eller @rut.") == ["rut"]
    assert mentioned_names("@anna, @anna. (@dag) x@y") == ["anna", "dag"]


def test_hostile_and_long_text_is_escaped_and_limited(login):
    client = login("anna")
    hostile = '<script>alert("x")</script><img src=x onerror=alert(1)> ”citat” 👍\u202eevil\x00'
    assert comment(client, goal_thread(), hostile).status_code == 302
    page = client.get(goal_thread()).content.decode()
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page and "👍" in page
    assert "\x00" not in Comment.objects.get().text  # control characters cleaned at input
    too_long = "ö" * 5001
    response = comment(client, goal_thread(), too_long, **HTMX)
    assert "Kommentaren är 5001 tecken lång; den får vara högst 5000." in response.content.decode()
    assert Comment.objects.count() == 1
    assert "Skriv en kommentar" in comment(client, goal_thread(), "  \n ", **HTMX).content.decode()


def test_the_goal_thread_holds_its_indicators_and_activities(login):
    client = login("anna")
    goal = assessment("1.1.1").goal
    indicator = Indicator.objects.get(goal=goal)
    activity = Activity.objects.get(goal=goal)
    assert (
        comment(client, goal_thread(), "Om indikatorn", about=f"indicator-{indicator.pk}").status_code == 302
    )
    assert (
        comment(client, goal_thread(), "Om aktiviteten", about=f"activity-{activity.pk}").status_code == 302
    )
    other = Indicator.objects.exclude(goal=goal).first()
    refused = comment(client, goal_thread(), "Fel ämne", about=f"indicator-{other.pk}", **HTMX)
    assert "Välj vad kommentaren gäller." in refused.content.decode()
    page = client.get(goal_thread()).content.decode()
    assert "om indikatorn ”Antal besök”" in page and "om aktiviteten ”Egen aktivitet”" in page
    # Each is shown where its indicator or activity appears too.
    assert (
        "Om indikatorn"
        in client.get(f"{BASE}kommentarer/indikator/{indicator.pk}/?inline=1", **HTMX).content.decode()
    )
    assert "Om aktiviteten" in client.get(f"{BASE}kommentarer/aktivitet/{activity.pk}/").content.decode()


def test_something_not_in_the_report_has_no_thread(login):
    client = login("anna")
    other_goal = assessment("1.1.1", code="sdn-other").goal_id
    assert client.get(f"{BASE}kommentarer/mal/{other_goal}/").status_code == 404
    assert client.get(f"{BASE}kommentarer/projekt/1/").status_code == 404


def test_resolving_and_reopening(login, users):
    client = login("rut")
    comment(client, indicator_thread(), "Utfallet saknas.")
    saved = Comment.objects.get()
    response = client.post(indicator_thread(), {"action": "resolve", "comment": saved.pk}, **HTMX)
    assert "Kommentaren är markerad som löst." in response.content.decode()
    saved.refresh_from_db()
    assert saved.resolved_at is not None and saved.resolved_by == users["rut"]
    assert "Löst" in response.content.decode() and "Öppna igen" in response.content.decode()
    client.post(indicator_thread(), {"action": "reopen", "comment": saved.pk})
    saved.refresh_from_db()
    assert saved.resolved_at is None
    # A comment of another thread is not resolved from this one.
    missing = client.post(goal_thread(), {"action": "resolve", "comment": saved.pk}, **HTMX)
    assert "Kommentaren finns inte här." in missing.content.decode()
    login("bertil")
    assert client.post(indicator_thread(), {"action": "resolve", "comment": saved.pk}).status_code == 403


def test_a_decided_reports_comments_are_read_only(login, report):
    comment(login("anna"), goal_thread(), "Klart.")
    Report.objects.filter(pk=report.pk).update(state=Report.State.DECIDED)
    client = login("anna")
    assert "Rapporten är beslutad" in client.get(goal_thread()).content.decode()
    assert comment(client, goal_thread(), "Efteråt").status_code == 403
    assert Comment.objects.count() == 1


def test_the_goal_page_loads_its_comments_without_a_query_of_its_own(login):
    client = login("anna")
    url = f"{BASE}mal/{assessment('1.1.1').pk}/"
    with CaptureQueriesContext(connection) as queries:
        page = client.get(url).content.decode()
    assert f'hx-get="{goal_thread()}" hx-trigger="load"' in page
    workspace = [q["sql"] for q in queries.captured_queries if "workspace_" in q["sql"]]
    assert len(workspace) == 1 and "workspace_notification" in workspace[0]  # the header's count


def test_grid_and_activities_offer_each_rows_comments_without_queries(login):
    client = login("anna")
    for page in ("indikatorer/", "aktiviteter/"):
        with CaptureQueriesContext(connection) as queries:
            html = client.get(BASE + page).content.decode()
        assert 'hx-trigger="toggle once"' in html and "?inline=1" in html
        assert sum("workspace_" in q["sql"] for q in queries.captured_queries) == 1
