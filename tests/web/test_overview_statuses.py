"""The overview assesses each indicator once and shows what the rules give, in every kind of period;
what it stores with the report's counts (``storage.overview``) is that, and stays current."""

from __future__ import annotations

from collections import Counter

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from styrkort.demo import generate_demo
from styrkort.domain.goals import suggest_assessments
from styrkort.domain.indicators import assess_indicator
from styrkort.domain.scales import GRADE_ORDER, STOCKHOLM
from styrkort.followup.models import Report, ReportCounts
from styrkort.goals.models import GoalAssessment, Measurement
from styrkort.storage import overview as stored
from styrkort.storage.counts import counts_for
from styrkort.storage.load import GoalRows
from styrkort.storage.store import save_followup
from styrkort.web import queries
from styrkort.web.report_row import report_by_key
from tests.factories import make_followup

pytestmark = pytest.mark.django_db


def levels_of(statuses) -> list:
    counted = Counter(status.level for status in statuses)
    return sorted(counted.items(), key=lambda item: GRADE_ORDER.index(item[0].grade))


def visit(node, goal, kind: str, expected: dict, everything: list) -> int:
    """Compares a stored goal and those beneath it with the rules; how many differ from their
    suggestion."""
    statuses = [assess_indicator(i, STOCKHOLM, period_kind=kind) for i in goal.indicators]
    everything.extend(statuses)
    assert (node.number, node.title, node.level) == (goal.number, goal.title, goal.level)
    assert node.status == goal.assessment.status
    assert node.levels == levels_of(statuses)
    assert node.suggestion == expected[goal.number].status
    assert node.differs == expected[goal.number].differs
    assert len(node.children) == len(goal.children)
    children = zip(node.children, goal.children, strict=True)
    return node.differs + sum(visit(child, sub, kind, expected, everything) for child, sub in children)


def test_statuses_and_suggestions_are_the_rules_for_every_kind_of_period():
    """sdn-norra's reports of 2025 and 2026 (tertials and annual reports) and an annual report
    whose suggestion differs from its statuses: each goal's indicators per status are
    ``assess_indicator`` with the period's kind, and its suggestion is ``suggest_assessments``
    as the check makes it (no period kind; an annual report differs)."""
    for followup in generate_demo():
        if followup.organisation.code == "sdn-norra":
            save_followup(followup)
    # An annual report where it matters: a tertial indicator's outcome (38,2) misses the target
    # that its forecast (39,5) meets.
    save_followup(make_followup(kind="AR"))
    reports = Report.objects.filter(organisation__code__in=["sdn-norra", "sdn-test"])
    reports = reports.select_related("period__municipality", "counts")
    assert {r.period.kind for r in reports} == {"T1", "T2", "AR"}
    differing = 0
    for report in reports:
        overview = stored.stored_overview(report, counts_for([report])[report.pk])
        goals = GoalRows(report, report.period.municipality).goals()
        assert queries.scale_for(report) is STOCKHOLM
        expected = {s.goal_number: s for s in suggest_assessments(goals, STOCKHOLM)}
        everything: list = []
        assert len(overview.tree) == len(goals)
        for node, goal in zip(overview.tree, goals, strict=True):
            differing += visit(node, goal, report.period.kind, expected, everything)
        counted = Counter(status.level for status in everything)
        assert sum(n for _, n in overview.counts) == len(everything)
        assert all(counted[level] == n for level, n in overview.counts)
    assert differing  # the annual report's suggestion differs somewhere


@pytest.fixture
def t1(django_capture_on_commit_callbacks) -> Report:
    """The test report with its counts stored, as they are once its import commits."""
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        save_followup(make_followup())
    return report_by_key("sdn-test", 2026, "T1")


def test_a_change_stores_a_new_overview_with_the_new_counts(t1, django_capture_on_commit_callbacks):
    report = t1
    first = stored.stored_overview(report, report.counts)
    assessment = GoalAssessment.objects.filter(report=report).exclude(status="met").first()
    assessment.status = "met"
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        assessment.save()  # on commit, the counts are computed again, with the overview
    again = report_by_key("sdn-test", 2026, "T1")
    assert again.counts.computed != report.counts.computed
    with CaptureQueriesContext(connection) as queries_made:
        changed = stored.stored_overview(again, again.counts)
    assert len(queries_made) == 1  # the stored column (not read with the report), nothing computed
    assert again.counts.overview["version"] == stored.VERSION  # computed with the counts
    assert changed.filled.assessed[assessment.goal_id] == "met" != first.filled.assessed[assessment.goal_id]


def test_an_overview_computed_late_is_stored_only_into_the_counts_it_was_read_with(
    t1, django_capture_on_commit_callbacks
):
    """Counts made without an overview (as ``generate-demo`` stores them): the first view computes
    it and stores it; one computed from counts that a change has replaced meanwhile is not."""
    report = t1
    ReportCounts.objects.filter(report=report).update(overview={})
    report = report_by_key("sdn-test", 2026, "T1")
    stale = report_by_key("sdn-test", 2026, "T1")
    overview = stored.stored_overview(report, report.counts)
    assert ReportCounts.objects.get(report=report).overview == stored.overview_json(report)
    assert overview.filled.measurements
    # A change commits (new counts); a view that read the counts before it computes, not stores.
    measurement = Measurement.objects.filter(organisation=report.organisation, outcome__isnull=False).first()
    measurement.outcome = None
    measurement.forecast = None
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        measurement.save()
    ReportCounts.objects.filter(report=report).update(overview={})
    stale.counts.overview = {}
    stored.stored_overview(stale, stale.counts)
    assert ReportCounts.objects.get(report=report).overview == {}
    fresh = report_by_key("sdn-test", 2026, "T1")
    shown = stored.stored_overview(fresh, fresh.counts)
    assert measurement.indicator_id not in shown.filled.with_figures


def test_counts_dropped_after_they_were_read_give_the_overview_computed(t1):
    """The stored column is read after the counts row (deferred): a change that dropped the row
    in between leaves nothing to read, and the overview is computed, not stored anywhere."""
    report = report_by_key("sdn-test", 2026, "T1")
    assert "overview" in report.counts.get_deferred_fields()
    expected = stored.overview_json(report)
    ReportCounts.objects.filter(report=report).delete()
    overview = stored.stored_overview(report, report.counts)
    assert overview == stored.overview_from_json(expected, queries.scale_for(report))
    assert not ReportCounts.objects.filter(report=report).exists()


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"version": stored.VERSION - 1, "tree": []},
        {"version": stored.VERSION, "tree": [{"number": "1"}]},
        {
            "version": stored.VERSION,
            "tree": [],
            "counts": [["no-such-level", 1]],
            "missing": [],
            "filled": {},
        },
        [],
        "text",
        "unknown status",
    ],
)
def test_a_stored_overview_of_another_form_is_computed_again(t1, data):
    report = t1
    expected = stored.overview_json(report)
    if data == "unknown status":  # a goal whose stored status no page could show
        data = {**expected, "tree": [{**expected["tree"][0], "status": "great"}, *expected["tree"][1:]]}
    ReportCounts.objects.filter(report=report).update(overview=data)
    report = report_by_key("sdn-test", 2026, "T1")
    overview = stored.stored_overview(report, report.counts)
    assert ReportCounts.objects.get(report=report).overview == expected
    assert overview == stored.overview_from_json(expected, queries.scale_for(report))


def test_an_overview_that_cannot_be_stored_is_shown_all_the_same(t1, client, monkeypatch, caplog):
    """The database refuses the write (locked, say): the page shows what was computed."""
    from django.contrib.auth import get_user_model
    from django.db import OperationalError
    from django.db.models import QuerySet

    from styrkort.accounts.models import Membership, Role

    user = get_user_model().objects.create_user("kontroller")
    Membership.objects.create(user=user, organisation=t1.organisation, role=Role.COMMITTEE_CONTROLLER)
    ReportCounts.objects.filter(report=t1).update(overview={})

    def refused(self, **values):
        raise OperationalError("database is locked")

    monkeypatch.setattr(QuerySet, "update", refused)
    client.force_login(user)
    response = client.get("/rapporter/sdn-test/2026-T1/")
    assert response.status_code == 200 and "Mål och bedömningar" in response.content.decode()
    assert "computed but not stored" in caplog.text
    monkeypatch.undo()
    assert ReportCounts.objects.get(report=t1).overview == {}
