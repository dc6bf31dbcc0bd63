"""The migrations to FigureField keep every stored figure (goals 0002, economy 0003).

Rows are written through the old models (numeric(20, 6) on PostgreSQL, NUMERIC affinity on
SQLite), the migrations run, and every figure reads back as the old code showed it: the
padding of six decimals is gone, the value is the same. Runs on the database of the run.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from styrkort.economy.models import BudgetAdjustment, ResultUnit
from styrkort.goals.models import Measurement

BEFORE = [
    ("goals", "0001_goals_indicators_activities"),
    ("economy", "0002_versions_of_gross_changes_and_applications"),
    ("followup", "0003_decision_proposal_version"),
]
AFTER = [("goals", "0002_exact_figures_and_printed_units"), ("economy", "0003_exact_figures")]

# (as written through the old column, as read after the migration)
OUTCOMES = [
    ("38.2", "38.2"),
    ("2471.8", "2471.8"),
    ("13", "13"),
    ("13.0", "13"),  # the old code normalised every figure it read: it showed 13
    ("0", "0"),
    ("-8192", "-8192"),
    ("0.000001", "0.000001"),
    # 10^14: what used to crash every read on SQLite. SQLite had already stored it as a binary float
    # (so its last digits were gone before the migration); now it reads, and still reads as a figure.
    ("99999999999999.999999", {"postgresql": "99999999999999.999999", "sqlite": "100000000000000"}),
    (None, None),
]


@pytest.fixture
def old_schema(transactional_db):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    yield executor.loader.project_state(BEFORE).apps
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_existing_figures_lose_nothing(old_schema):
    apps = old_schema
    organisation = apps.get_model("organisations", "Organisation")
    city = organisation.objects.create(code="k", name="Kommun", kind="municipality")
    committee = organisation.objects.create(code="n", name="Nämnd", kind="committee", parent=city)
    period = apps.get_model("followup", "Period").objects.create(
        municipality=city, year=2026, kind="T1", starts=date(2026, 1, 1), ends=date(2026, 5, 1)
    )
    report = apps.get_model("followup", "Report").objects.create(organisation=committee, period=period)
    goal = apps.get_model("goals", "Goal").objects.create(
        organisation=city, year=2026, number="1", level="aim", title="Mål"
    )
    indicator_model = apps.get_model("goals", "Indicator")
    measurement_model = apps.get_model("goals", "Measurement")
    ids = []
    for number, (written, _) in enumerate(OUTCOMES):
        indicator = indicator_model.objects.create(goal=goal, organisation=city, name=f"Indikator {number}")
        ids.append(
            measurement_model.objects.create(
                indicator=indicator,
                organisation=committee,
                period=period,
                outcome=None if written is None else Decimal(written),
                forecast=Decimal("39.5"),
            ).pk
        )
    apps.get_model("economy", "BudgetAdjustment").objects.create(
        report=report, position=0, kind="operating", purpose="x", amount=Decimal("0.9")
    )
    apps.get_model("economy", "ResultUnit").objects.create(
        report=report, position=0, name="301", gross_budget=Decimal("79774.0"), carried_in=Decimal("-8192")
    )

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())  # AFTER and every later migration

    for pk, (_, expected) in zip(ids, OUTCOMES, strict=True):
        m = Measurement.objects.get(pk=pk)
        if isinstance(expected, dict):
            expected = expected[connection.vendor]
        assert (None if m.outcome is None else str(m.outcome)) == expected
        assert str(m.forecast) == "39.5"
        assert m.printed_units == {}
    assert str(BudgetAdjustment.objects.get().amount) == "0.9"
    unit = ResultUnit.objects.get()
    assert (str(unit.gross_budget), str(unit.carried_in), unit.result) == ("79774", "-8192", None)
