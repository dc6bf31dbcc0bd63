"""generate-demo at scale: documents made a committee at a time in a child process, stored in
bulk with their counts; the same documents and the same stored reports as the one-by-one way."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from styrkort.demo import generate_by_committee, generate_demo
from styrkort.demo.stream import documents_made_aside
from styrkort.domain.checks import count_by_severity, run_checks
from styrkort.followup.models import Report, ReportCounts
from styrkort.storage.load import followup_from_report
from styrkort.storage.store import load_followup


def test_a_committee_at_a_time_gives_exactly_the_documents_of_generate_demo():
    by_committee = [f for reports in generate_by_committee(5, 3, (2025, 2026), 2) for f in reports]
    whole = generate_demo(seed=5, committees=3, municipalities=2)
    assert sorted(by_committee, key=whole.index) == whole
    assert len(by_committee) == len(whole) == 3 * 2 * 6
    # each committee's reports come together, in storage order (year, T1, T2, AR)
    first = [(f.organisation.code, f.period.key) for f in by_committee[:6]]
    assert first == [("sdn-norra", f"{y}-{k}") for y in (2025, 2026) for k in ("T1", "T2", "AR")]


def test_the_documents_made_in_a_child_process_are_those_made_here():
    with documents_made_aside(5, 2, 2) as documents:
        made = list(documents)
    assert made == [f for reports in generate_by_committee(5, 2, (2025, 2026), 2) for f in reports]


@pytest.mark.django_db(transaction=True)
def test_generate_demo_stores_every_report_with_the_counts_a_fresh_check_finds(capsys):
    call_command("generate-demo", "--committees", "3", "--municipalities", "2", "--seed", "4")
    assert "2 kommuner: 6 nämnder, 36 rapporter" in capsys.readouterr().out
    reports = Report.objects.select_related("organisation__parent", "period__municipality")
    assert reports.count() == ReportCounts.objects.count() == 36  # more than are computed on commit
    for report in reports:
        followup = followup_from_report(report)
        findings = run_checks(followup)
        found = count_by_severity(findings)
        counts = ReportCounts.objects.get(report=report)
        assessed = sum(1 for goal in followup.all_goals() if goal.assessment.status != "not_assessed")
        assert (counts.errors, counts.warnings, counts.goals, counts.assessed) == (
            found["error"],
            found["warning"],
            len(followup.all_goals()),
            assessed,
        )
        assert len(counts.findings) == len(findings)
    # stored a committee at a time, every report reads back as generated
    for followup in generate_demo(seed=4, committees=3, municipalities=2):
        assert load_followup(followup.organisation.code, followup.period.key) == followup
