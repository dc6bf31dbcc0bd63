"""Fixtures for the report tests: the invented follow-up, its ReportData and rendered documents."""

from __future__ import annotations

import pytest

from styrkort.reports.build import report_data_from_followup
from tests.reports.fixture import make_followup


@pytest.fixture(scope="session")
def followup():
    return make_followup()


@pytest.fixture(scope="session")
def report(followup):
    return report_data_from_followup(followup)
