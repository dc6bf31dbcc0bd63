"""The overview assesses each indicator once and shows what the rules give, in every kind of period."""

from __future__ import annotations

import pytest

from styrkort.demo import generate_demo
from styrkort.domain.goals import suggest_assessments
from styrkort.domain.indicators import assess_indicator
from styrkort.followup.models import Report
from styrkort.storage.load import GoalRows
from styrkort.storage.store import save_followup
from styrkort.web import queries
from tests.factories import make_followup

pytestmark = pytest.mark.django_db


def test_statuses_and_suggestions_are_the_rules_for_every_kind_of_period():
    """sdn-norra's reports of 2025 and 2026 (tertials and annual reports) and an annual report
    whose suggestion differs from its statuses: each goal's indicator
    statuses are ``assess_indicator`` with the period's kind, and its suggestion is
    ``suggest_assessments`` as the check makes it (no period kind; an annual report differs)."""
    for followup in generate_demo():
        if followup.organisation.code == "sdn-norra":
            save_followup(followup)
    # An annual report where it matters: a tertial indicator's outcome (38,2) misses the target
    # that its forecast (39,5) meets.
    save_followup(make_followup(kind="AR"))
    reports = Report.objects.filter(organisation__code__in=["sdn-norra", "sdn-test"])
    reports = reports.select_related("period__municipality")
    assert {r.period.kind for r in reports} == {"T1", "T2", "AR"}
    for report in reports:
        overview = queries.overview_of(report)
        goals = GoalRows(report, report.period.municipality).goals()
        scale = queries.scale_for(report)
        expected = {s.goal_number: s for s in suggest_assessments(goals, scale)}

        def visit(node, report=report, scale=scale, expected=expected):
            kind = report.period.kind
            assert node.statuses == [
                assess_indicator(i, scale, period_kind=kind) for i in node.goal.indicators
            ]
            assert node.suggestion == expected[node.goal.number]
            for child in node.children:
                visit(child)

        for node in overview.tree:
            visit(node)
