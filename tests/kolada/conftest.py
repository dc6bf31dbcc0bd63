"""A local Kolada (tests/kolada/fake.py) and an annual report whose indicators carry Kolada ids."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from styrkort.domain import document as d
from styrkort.goals.models import Measurement
from styrkort.organisations.models import Organisation
from styrkort.storage.store import save_followup
from tests.kolada.fake import FakeKolada

MUNICIPALITY = d.Organisation("testkommun", "Testkommun", "municipality")
COMMITTEE = d.Organisation("sdn-test", "Nämnd test", "committee", MUNICIPALITY)


def kolada_followup(
    kpis: list[str], organisation: d.Organisation = COMMITTEE, year: int = 2025, kind: str = "AR"
) -> d.FollowUp:
    """A report with one indicator per KPI id, and one indicator without a Kolada id."""
    indicators = tuple(
        d.Indicator(
            f"Indikator {kpi}",
            unit="%",
            owner="committee",
            frequency="annual",
            gender_split=True,
            kolada_id=kpi,
        )
        for kpi in kpis
    )
    typed = d.Indicator("Egen indikator", unit="st", owner="committee", outcome=D("12"))
    goal = d.Goal("1", "aim", "Ett mål", owner="committee", indicators=(*indicators, typed))
    return d.FollowUp(organisation=organisation, period=d.PeriodRef(year, kind), goals=(goal,))


def figures(code: str = "sdn-test", year: int = 2025) -> dict[str, tuple]:
    """Each measurement's (outcome, women, men) of the annual report, by indicator name."""
    rows = Measurement.objects.filter(organisation__code=code, period__year=year, period__kind="AR")
    return {
        m.indicator.name: (m.outcome, m.outcome_women, m.outcome_men)
        for m in rows.select_related("indicator")
    }


@pytest.fixture
def kolada(settings):
    fake = FakeKolada()
    settings.KOLADA_BASE_URL = fake.base_url
    settings.KOLADA_PAUSE_MS = 0
    settings.KOLADA_TIMEOUT_SECONDS = 5
    settings.KOLADA_RETRIES = 1
    yield fake
    fake.close()


@pytest.fixture
def annual_report(db):
    """sdn-test's 2025-AR with indicators N00001..N00003; Testkommun is 0180 in Kolada."""
    report = save_followup(kolada_followup(["N00001", "N00002", "N00003"]))
    Organisation.objects.filter(code="testkommun").update(kolada_id="0180")
    return report
