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
