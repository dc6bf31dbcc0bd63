"""Each report's stored counts (``styrkort.storage.counts``) agree with a fresh check after any
change: a web-style save of a row, a row deleted, a shared goal changed, an import, a rollback."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import transaction

from styrkort.domain.checks import count_by_severity, run_checks
from styrkort.economy.models import OperatingBudgetRow
from styrkort.followup.models import Report, ReportCounts
from styrkort.goals.models import Goal, GoalAssessment
from styrkort.storage import counts
from styrkort.storage.load import followup_from_report
from styrkort.storage.store import save_followup
from tests.factories import make_followup

pytestmark = pytest.mark.django_db


def fresh(report: Report) -> tuple[int, int, int, int]:
    followup = followup_from_report(Report.objects.get(pk=report.pk))
    found = count_by_severity(run_checks(followup))
    goals = followup.all_goals()
    assessed = sum(1 for goal in goals if goal.assessment.status != "not_assessed")
    return found["error"], found["warning"], len(goals), assessed


def stored(report: Report) -> tuple[int, int, int, int] | None:
    row = ReportCounts.objects.filter(report=report).first()
    return None if row is None else (row.errors, row.warnings, row.goals, row.assessed)


@pytest.fixture
def report(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        saved = save_followup(make_followup())
        save_followup(make_followup("sdn-other"))
    return saved


def test_an_import_stores_the_counts_a_fresh_check_finds(report):
    assert stored(report) == fresh(report)


def test_changing_an_assessment_counts_it_as_assessed(report, django_capture_on_commit_callbacks):
    before = stored(report)
    assessment = GoalAssessment.objects.filter(report=report).exclude(status="not_assessed").first()
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        assessment.status = "not_assessed"
        assessment.save()
    assert stored(report) == fresh(report)
    assert stored(report)[3] == before[3] - 1


def test_a_budget_figure_that_breaks_a_sum_is_counted_as_an_error(report, django_capture_on_commit_callbacks):
    before = stored(report)
    row = OperatingBudgetRow.objects.filter(report=report, is_total=False, area__parent=None).first()
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        row.budget = (row.budget or Decimal(0)) + Decimal("1000.0")
        row.save()
    assert stored(report) == fresh(report)
    assert stored(report)[0] > before[0]


def test_a_deleted_row_is_counted_again(report, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        GoalAssessment.objects.filter(report=report, goal__parent__isnull=False).first().delete()
    assert stored(report) == fresh(report)


def test_a_rolled_back_change_leaves_the_next_change_counted(report, django_capture_on_commit_callbacks):
    assessment = GoalAssessment.objects.filter(report=report).first()
    with pytest.raises(RuntimeError), transaction.atomic():
        assessment.status = "met"
        assessment.save()
        raise RuntimeError("rolled back")
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        assessment.status = "not_met"
        assessment.save()
    assert stored(report) == fresh(report)


def test_a_shared_goal_changed_for_many_reports_drops_their_counts_until_asked_for(
    report, django_capture_on_commit_callbacks, monkeypatch
):
    monkeypatch.setattr(counts, "RECOMPUTE_AT_ONCE", 1)
    city_goal = Goal.objects.filter(organisation__kind="municipality", assessments__isnull=False).first()
    assert Report.objects.filter(assessments__goal=city_goal).count() == 2
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        city_goal.title = "Ny rubrik"
        city_goal.save()
    assert ReportCounts.objects.count() == 0
    reports = list(Report.objects.select_related("counts", "organisation__parent", "period__municipality"))
    found = counts.counts_for(reports)
    assert {pk: (c.errors, c.warnings, c.goals, c.assessed) for pk, c in found.items()} == {
        r.pk: fresh(r) for r in reports
    }
    assert ReportCounts.objects.count() == 2


def test_a_workflow_step_does_not_check_the_report_again(report, django_capture_on_commit_callbacks):
    ReportCounts.objects.filter(report=report).update(errors=99)
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        report.state = Report.State.IN_REVIEW
        report.save(update_fields=["state", "version"])
    assert stored(report)[0] == 99


def test_the_stored_findings_are_the_checks_own_with_their_precision(report):
    expected = list(run_checks(followup_from_report(Report.objects.get(pk=report.pk))))
    found = counts.stored_findings(Report.objects.get(pk=report.pk))
    assert expected and found == expected
    assert [(str(f.expected), str(f.found)) for f in found] == [
        (str(f.expected), str(f.found)) for f in expected
    ]


def test_a_finding_keeps_the_precision_of_its_figures():
    from styrkort.domain.findings import Finding

    finding = Finding("error", "sums", "Driftbudget › Totalt", "Summan stämmer inte.", Decimal("1.50"), None)
    again = counts.finding_from_json(counts.finding_to_json(finding))
    assert again == finding and str(again.expected) == "1.50" and again.found is None


def test_counts_read_inside_a_transaction_are_dropped_again_by_the_next_change(report):
    assessment = GoalAssessment.objects.filter(report=report).first()
    with transaction.atomic():
        assessment.status = "met"
        assessment.save()
        counts.counts_for([Report.objects.get(pk=report.pk)])  # computed mid-transaction
        assessment.status = "not_assessed"
        assessment.save()
        assert stored(report) is None
    found = counts.counts_for([Report.objects.get(pk=report.pk)])[report.pk]
    assert (found.errors, found.warnings, found.goals, found.assessed) == fresh(report)
