"""The demo municipality stored in the database reads back exactly as generated, every period."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from styrkort.demo import generate_demo
from styrkort.goals.models import Measurement
from styrkort.storage.store import load_followup, save_followup

pytestmark = pytest.mark.django_db


def test_every_generated_report_reads_back_equal_after_all_are_stored():
    documents = generate_demo(seed=7, committees=1)
    for followup in documents:
        save_followup(followup)
    for followup in documents:
        assert load_followup(followup.organisation.code, followup.period.key) == followup


def test_last_years_outcome_is_stored_once_as_the_annual_reports_measurement():
    documents = generate_demo(seed=7, committees=1)
    for followup in documents:
        save_followup(followup)
    committee = documents[0].organisation.code
    ar_2025 = Measurement.objects.filter(organisation__code=committee, period__year=2025, period__kind="AR")
    # Every 2025 annual outcome hangs on a 2025 indicator; the 2026 reports added no copies.
    assert ar_2025.exclude(indicator__goal__year=2025).count() == 0


def test_generate_demo_command_creates_the_committees(capsys):
    call_command("generate-demo", "--committees", "2", "--seed", "3")
    assert "2 nämnder, 12 rapporter" in capsys.readouterr().out


def test_generate_demo_if_missing_does_nothing_the_second_time(capsys):
    call_command("generate-demo", "--committees", "1", "--seed", "3", "--if-missing")
    capsys.readouterr()
    call_command("generate-demo", "--committees", "1", "--seed", "3", "--if-missing")
    assert "finns redan" in capsys.readouterr().out


def _stored(documents):
    from styrkort.audit.models import Change

    reports = {
        (f.organisation.code, f.period.key): load_followup(f.organisation.code, f.period.key)
        for f in documents
    }
    audit = sorted((c.object_repr, c.action, c.field, c.new) for c in Change.objects.all())
    return reports, audit


def test_the_bulk_store_reads_back_what_the_one_by_one_store_does(django_db_blocker):
    """save_followups (generate-demo's bulk mode) and save_followup one report at a time leave the
    same reports and one audit entry per report; everything reads back equal to the documents."""
    from django.db import transaction

    from styrkort.storage.store import save_followups

    documents = generate_demo(seed=7, committees=2, municipalities=2)
    with transaction.atomic():
        for followup in documents:
            save_followup(followup, source="one")
        one_by_one = _stored(documents)
        transaction.set_rollback(True)
    with transaction.atomic():
        save_followups(documents, source="one")
        in_bulk = _stored(documents)
        transaction.set_rollback(True)
    assert in_bulk == one_by_one
    assert in_bulk[0] == {(f.organisation.code, f.period.key): f for f in documents}
    # one audit entry per report (and one per organisation and period created), none per field
    assert len([entry for entry in in_bulk[1] if entry[2] == "import"]) == len(documents)
    assert {(action, field) for _, action, field, _ in in_bulk[1]} == {("created", "import"), ("created", "")}


def test_the_bulk_store_refuses_a_batch_whole(django_db_blocker):
    import dataclasses

    from styrkort.followup.models import Report
    from styrkort.storage.store import save_followups
    from styrkort.storage.validate import InvalidFollowUp

    documents = generate_demo(seed=7, committees=1, years=(2026,))
    broken = dataclasses.replace(
        documents[-1], report=dataclasses.replace(documents[-1].report, title="x" * 10_000)
    )
    with pytest.raises(InvalidFollowUp):
        save_followups([*documents[:-1], broken])
    assert not Report.objects.exists()
