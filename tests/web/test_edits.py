"""Edits through the pages never overwrite anyone silently and never lose what a user typed.

Each editing page (grid, goal, activities, economy, proposals): a save of the page as served
writes nothing; two people changing different fields of one row both keep their work; the same
field changed by both is a conflict shown with both values and a choice per field; a save into
a report approved meanwhile comes back with the text. Goal texts and activity dates are shared
by a year's reports and guarded across them (issue 8: defects 3–6).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from styrkort.audit.models import Change
from styrkort.economy.models import OperatingBudgetRow
from styrkort.followup.models import DecisionProposal, Report
from styrkort.goals.models import ActivityFollowUp, GoalAssessment, Measurement
from styrkort.storage.store import save_followup
from styrkort.workflow import transitions as workflow
from tests.factories import make_followup
from tests.web.helpers import (
    BASE,
    activity_data,
    assessment,
    field_name,
    follow_up,
    goal_data,
    grid_data,
    measurement,
    page_data,
)

pytestmark = pytest.mark.django_db
GRID, ACTIVITIES, ECONOMY, PROPOSALS = (
    BASE + page for page in ("indikatorer/", "aktiviteter/", "ekonomi/", "forslag/")
)
ROW_A, ROW_B = "Andel legitimerade förskollärare", "Antal vräkningar som berör barn"
HOSTILE = "<script>alert(1)</script> ”citat” ＆ ümlaut 中文 😀\u00a0382\u00a0976 kr.\n\n  indrag  "


def goal_url(row: GoalAssessment) -> str:
    return f"{BASE}mal/{row.pk}/"


def approve() -> None:
    report = Report.objects.get(organisation__code="sdn-test", period__kind="T1")
    workflow.submit_for_review(report, gate=False)
    workflow.approve(report, gate=False)


def changes() -> int:
    return Change.objects.filter(action="changed").count()


# --- a save of what the page showed writes nothing ----------------------------------------------


@pytest.mark.parametrize("page", ["indikatorer/", "aktiviteter/", "ekonomi/", "forslag/", "goal"])
def test_saving_a_page_unchanged_writes_nothing_even_with_awkward_text(login, users, page):
    # Text a browser could change on the way: leading line break, non-breaking and double spaces, CRLF.
    awkward = "\nFörsta raden\r\nandra  raden,\u00a0382\u00a0976 kr. "
    Measurement.objects.filter(indicator__name=ROW_A).update(analysis=awkward)
    GoalAssessment.objects.filter(goal__number="1.1.1").update(analysis=awkward)
    ActivityFollowUp.objects.update(analysis=awkward)
    DecisionProposal.objects.update(text="Nämnden godkänner  rapporten,\u00a0382\u00a0976 kr.")
    url = goal_url(assessment("1.1.1")) if page == "goal" else BASE + page
    client = login("anna")
    before = changes()
    response = client.post(url, page_data(client, url))
    assert response.status_code == 302
    assert "Inget var ändrat." in client.get(response.url).content.decode()
    assert changes() == before
    versions = [
        *Measurement.objects.values_list("version", flat=True),
        *GoalAssessment.objects.values_list("version", flat=True),
        *ActivityFollowUp.objects.values_list("version", flat=True),
        *DecisionProposal.objects.values_list("version", flat=True),
        *OperatingBudgetRow.objects.values_list("version", flat=True),
    ]
    assert set(versions) == {1}
    assert DecisionProposal.objects.first().text == "Nämnden godkänner  rapporten,\u00a0382\u00a0976 kr."


def test_text_is_saved_exactly_as_typed_and_shown_escaped(login, users):
    row = measurement(ROW_A)
    assert login("anna").post(GRID, grid_data((row, {"analysis": HOSTILE}))).status_code == 302
    assert measurement(ROW_A).analysis == HOSTILE.replace("\r\n", "\n")
    page = login("anna").get(GRID).content.decode()
    assert "<script>alert(1)" not in page and "&lt;script&gt;" in page


# --- the grid: defect 3 -------------------------------------------------------------------------


def test_a_save_of_row_b_leaves_row_a_saved_meanwhile_alone(login, users):
    row_a, row_b = measurement(ROW_A), measurement(ROW_B)
    controllers_page = grid_data((row_a, {}), (row_b, {"forecast": "3"}))  # opened before
    reporters_save = grid_data((row_a, {"outcome": "40,1", "analysis": "Rapportörens analys."}))
    assert login("rut").post(GRID, reporters_save).status_code == 302
    response = login("anna").post(GRID, controllers_page)
    assert response.status_code == 302
    row_a, row_b = measurement(ROW_A), measurement(ROW_B)
    assert (row_a.outcome, row_a.analysis, row_a.version) == (Decimal("40.1"), "Rapportörens analys.", 2)
    assert row_b.forecast == Decimal("3")
    assert not Change.objects.filter(object_id=str(row_a.pk), username="anna").exists()


def test_two_people_changing_different_fields_of_one_row_both_keep_their_work(login, users):
    row = measurement(ROW_A)
    annas = grid_data((row, {"forecast": "40"}))
    ruts = grid_data((row, {"analysis": "Ruts analys."}))
    assert login("anna").post(GRID, annas).status_code == 302
    assert login("rut").post(GRID, ruts).status_code == 302
    row = measurement(ROW_A)
    assert (row.forecast, row.analysis, row.version) == (Decimal("40"), "Ruts analys.", 3)


def test_the_same_field_changed_by_two_shows_both_and_lets_the_user_choose(login, users):
    row = measurement(ROW_A)
    ruts = grid_data((row, {"forecast": "41,5", "analysis": "Ruts analys."}))
    assert login("anna").post(GRID, grid_data((row, {"forecast": "40"}))).status_code == 302
    response = login("rut").post(GRID, ruts)
    page = response.content.decode()
    assert response.status_code == 409
    assert "Prognos helår: ändrat både av dig och av Anna" in page
    assert 'value="41,5"' in page and 'name="initial-m-0-forecast" value="40"' in page
    assert 'name="m-0-forecast-keep" id="m-0-forecast-keep-mine" value="mine" checked' in page
    assert page.count('class="conflict-choice"') == 1  # the analysis is hers alone
    assert measurement(ROW_A).analysis == "Färre män."  # nothing saved
    # She takes anna's forecast: her analysis is saved, the forecast stays 40.
    again = dict(ruts, **{"initial-m-0-forecast": "40", "m-0-forecast-keep": "theirs"})
    assert login("rut").post(GRID, again).status_code == 302
    row = measurement(ROW_A)
    assert (row.forecast, row.analysis) == (Decimal("40"), "Ruts analys.")
    # Keeping hers instead would have written 41,5 over the 40 she has now seen.
    keep = grid_data((row, {"forecast": "41,5"}))
    assert login("rut").post(GRID, keep).status_code == 302
    assert measurement(ROW_A).forecast == Decimal("41.5")


def test_the_grid_after_a_lock_keeps_every_figure_and_text(login, users):
    data = grid_data((measurement(ROW_A), {"outcome": "tretton", "analysis": HOSTILE}))
    approve()
    response = login("rut").post(GRID, data)
    page = response.content.decode()
    assert response.status_code == 409
    assert "Inget sparades: rapporten är godkänd" in page and "skicka tillbaka" in page
    assert 'value="tretton"' in page and "&lt;script&gt;" in page
    assert "Spara alla ändringar" not in page


def test_rows_that_vanished_while_the_user_typed_are_given_back(login, users):
    data = grid_data((measurement(ROW_A), {"analysis": "Text i en rad som försvinner."}))
    Measurement.objects.filter(indicator__name=ROW_A).delete()  # e.g. the report was imported again
    response = login("anna").post(GRID, data)
    page = response.content.decode()
    assert response.status_code == 409
    assert "inte längre finns" in page and "Text i en rad som försvinner." in page


# --- the goal page ------------------------------------------------------------------------------


def test_the_goal_page_never_writes_back_a_status_the_user_did_not_touch(login, users):
    row = assessment("1.1.1")
    ruts = goal_data(row, analysis="Ruts nya analys.")  # opened while the status was "partly met"
    assert login("anna").post(goal_url(row), goal_data(row, status="met")).status_code == 302
    assert login("rut").post(goal_url(row), ruts).status_code == 302
    row.refresh_from_db()
    assert (row.status, row.analysis) == ("met", "Ruts nya analys.")
    assert not Change.objects.filter(object_id=str(row.pk), field="status", username="rut").exists()


def test_a_goal_analysis_typed_while_the_report_is_approved_comes_back(login, users):
    row = assessment("1.1.1")
    data = goal_data(row, analysis=HOSTILE)
    approve()
    response = login("rut").post(goal_url(row), data)
    page = response.content.decode()
    assert response.status_code == 409
    assert "Inget sparades: rapporten är godkänd" in page and "kan inte ändras nu" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "中文" in page
    assert "Spara bedömningen" not in page
    row.refresh_from_db()
    assert row.analysis != HOSTILE


# --- year-shared objects: goal texts and activity dates -----------------------------------------


@pytest.fixture
def t2(report):
    """The committee's T2 report of the same year: it shares the goals and activities of T1."""
    return save_followup(make_followup(kind="T2"))


def test_a_goal_description_saved_through_two_reports_is_a_conflict_not_an_overwrite(login, users, t2):
    t1_row = assessment("1.1.1")
    t2_row = GoalAssessment.objects.get(goal=t1_row.goal, report=t2)
    assert t1_row.goal_id == t2_row.goal_id
    through_t1 = goal_data(t1_row, own_goal=True, description="Beskrivning från T1.")
    through_t2 = goal_data(t2_row, own_goal=True, description="Beskrivning från T2.")
    assert login("anna").post(goal_url(t1_row), through_t1).status_code == 302
    response = login("anna").post(f"/rapporter/sdn-test/2026-T2/mal/{t2_row.pk}/", through_t2)
    page = response.content.decode()
    assert response.status_code == 409
    assert "Beskrivning: ändrat både av dig och av Anna" in page and "Beskrivning från T1." in page
    goal = t1_row.goal
    goal.refresh_from_db()
    assert (goal.description, goal.version) == ("Beskrivning från T1.", 2)
    assert (
        Change.objects.filter(object_id=str(goal.pk), field="description", content_type__model="goal").count()
        == 1
    )


def test_activity_dates_saved_through_two_reports_are_guarded_by_the_activitys_version(login, users, t2):
    t1_row = follow_up()
    t2_row = ActivityFollowUp.objects.select_related("activity").get(activity=t1_row.activity, report=t2)
    through_t1 = activity_data((t1_row, {"end": "2026-09-30"}))
    through_t2 = activity_data((t2_row, {"end": "2026-10-31", "analysis": "T2:s analys."}))
    assert login("anna").post(ACTIVITIES, through_t1).status_code == 302
    response = login("anna").post("/rapporter/sdn-test/2026-T2/aktiviteter/", through_t2)
    assert (
        response.status_code == 409
        and "Slutdatum: ändrat både av dig och av Anna" in response.content.decode()
    )
    activity = follow_up().activity
    assert (activity.end, activity.version) == (date(2026, 9, 30), 2)
    # The start, changed through T2 only, is no conflict.
    only_start = activity_data((t2_row, {"start": "2026-02-01"}))
    assert login("anna").post("/rapporter/sdn-test/2026-T2/aktiviteter/", only_start).status_code == 302
    activity.refresh_from_db()
    assert (activity.start, activity.end, activity.version) == (date(2026, 2, 1), date(2026, 9, 30), 3)


def test_activities_after_a_lock_keep_the_text(login, users):
    data = activity_data((follow_up(), {"deviation": "Försenad två månader", "end": "2026-10-31"}))
    approve()
    response = login("anna").post(ACTIVITIES, data)
    page = response.content.decode()
    assert response.status_code == 409
    assert "Försenad två månader" in page and 'value="2026-10-31"' in page
    assert follow_up().activity.end == date(2026, 8, 31)


def test_an_import_raises_the_version_of_a_goal_it_changes(login, users, report):
    goal = assessment("1.1.1").goal
    changed = make_followup()
    own = changed.goals[0].children[0].children[0]
    assert own.number == "1.1.1"
    from dataclasses import replace

    area = replace(changed.goals[0].children[0], children=(replace(own, description="Importerad."),))
    save_followup(replace(changed, goals=(replace(changed.goals[0], children=(area,)),)))
    goal.refresh_from_db()
    assert (goal.description, goal.version) == ("Importerad.", 2)


# --- proposals: defect 4 --------------------------------------------------------------------------


def test_a_proposal_conflict_shows_both_texts(login, users):
    first = DecisionProposal.objects.filter(report__organisation__code="sdn-test").order_by("number").first()
    data = page_data(login("anna"), PROPOSALS)
    DecisionProposal.objects.filter(pk=first.pk).update(text="Ändrad av någon annan.")
    name = field_name(data, "p", first.pk, "text")
    response = login("anna").post(PROPOSALS, dict(data, **{name: "Min text."}))
    page = response.content.decode()
    assert response.status_code == 409
    assert "Ändrad av någon annan." in page and "Min text." in page and "någon annan)" not in page
    assert DecisionProposal.objects.get(pk=first.pk).text == "Ändrad av någon annan."


def test_a_reason_written_for_a_step_that_can_no_longer_be_taken_comes_back(login, users):
    report = Report.objects.get(organisation__code="sdn-test", period__kind="T1")
    workflow.submit_for_review(report, gate=False)
    client = login("anna")
    page = client.get(BASE).content.decode()
    assert "Motivering för att skicka tillbaka" in page
    workflow.send_back(report, "Någon annan skickade tillbaka först.")  # meanwhile
    response = client.post(f"{BASE}arbetsflode/send_back/", {"reason": "Analysen av 1.1 saknas."})
    page = response.content.decode()
    assert response.status_code == 409
    assert "Det gick inte" in page and "Analysen av 1.1 saknas." in page
