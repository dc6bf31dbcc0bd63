"""Queries built once per process (``ops.compiled``) give the ORM's rows, for any values."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db.models import Q

from styrkort.economy import models as em
from styrkort.followup.models import Period, Report
from styrkort.goals.models import Measurement
from styrkort.ops import compiled
from styrkort.ops.compiled import select
from styrkort.storage import load, rows
from styrkort.storage.load import EconomyRows, GoalRows
from styrkort.storage.store import save_followup
from tests.factories import make_followup

pytestmark = pytest.mark.django_db


def exactly(rows):
    """Rows with each value's type and a figure's recorded precision ("1.0" is not "1")."""
    return [tuple((type(v), v.as_tuple() if isinstance(v, Decimal) else v) for v in row) for row in rows]


def by_orm(build, values, names):
    return list(build(*values).values_list(*names))


@pytest.fixture
def reports():
    first = save_followup(make_followup("sdn-a"))
    second = save_followup(make_followup("sdn-b", summary="Annan."))
    last_year = save_followup(make_followup("sdn-a", year=2025, kind="AR"))
    return first, second, last_year


def _period_of_year(year):
    return Period.objects.filter(year=year).order_by("pk")


def _year_before(year):  # a parameter computed from the value: no place of a value
    return Period.objects.filter(year=year - 1).order_by("pk")


def _by_kind(kind):
    return Period.objects.filter(kind=kind).order_by("pk")


def _by_kind_containing(kind):  # the ORM wraps the value in %…%: no place of a value
    return Period.objects.filter(kind__contains=kind).order_by("pk")


def _reports_of(organisation_id, kind):
    return Report.objects.filter(Q(organisation_id=organisation_id) | Q(period__kind=kind)).order_by("pk")


NAMES = ("id", "year", "kind")


def test_the_goal_and_economy_reads_equal_the_orms_for_each_report(reports, django_assert_num_queries):
    """Each of the read path's shapes, for two reports in turn: the second call binds its own
    values to the statement the first built (none of the first report's values is a constant)."""
    measurement_names = rows._MEASUREMENT_NAMES
    for report in reports:
        period = report.period
        keys = (report.organisation_id, period.id, period.year, period.municipality_id, period.year - 1)
        assert exactly(select(load._measurements, keys, measurement_names)) == exactly(
            by_orm(load._measurements, keys, measurement_names)
        )
        for build in (load._assessments, load._follow_ups):
            names = rows._ASSESSMENT_NAMES if build is load._assessments else rows._FOLLOW_UP_NAMES
            assert exactly(select(build, (report.pk,), names)) == exactly(by_orm(build, (report.pk,), names))
        for build in (
            load._summary,
            load._units,
            load._gross,
            load._texts,
            load._operating,
            load._volume_tables,
        ):
            model = build(report.pk).model
            names = tuple(f.attname for f in model._meta.concrete_fields)
            assert exactly(select(build, (report.pk,), names)) == exactly(by_orm(build, (report.pk,), names))
        with django_assert_num_queries(1):
            select(load._measurements, keys, measurement_names)
    ours = {
        shape[0].co_name: st
        for shape, st in compiled._statements.items()
        if shape[0].co_filename == load.__file__
    }
    assert "_measurements" in ours and all(st is not None for st in ours.values()), ours


def test_the_economy_rows_are_the_models_instances_as_the_orm_reads_them(reports):
    report = reports[0]
    tables = EconomyRows(report)
    for found, model in (
        (tables.summary, em.OperatingSummaryRow),
        (tables.operating, em.OperatingBudgetRow),
        (tables.units, em.ResultUnit),
        (tables.gross, em.GrossChangeRow),
        (tables.texts, em.EconomyText),
        (tables.investments, em.InvestmentRow),
        (tables.volume_tables, em.VolumeTable),
    ):
        expected = list(model.objects.filter(report=report).order_by("position"))
        assert [r.pk for r in found] == [e.pk for e in expected]
        for row, other in zip(found, expected, strict=True):
            for field in model._meta.concrete_fields:
                a, b = getattr(row, field.attname), getattr(other, field.attname)
                assert type(a) is type(b) and a == b, (model.__name__, field.attname)
            assert row._state.adding is False and row._state.db == "default"
    for row in tables.operating:  # attached as select_related attaches it: no query
        assert row.area == (em.ActivityArea.objects.get(pk=row.area_id) if row.area_id else None)


def test_goal_rows_read_through_the_statements_and_through_the_orm_alike(reports):
    """The whole report's goal rows and each goal's subtree (a goal page): the rows the ORM reads,
    for two reports in turn, each subtree size through its own compiled statement."""
    for report in reports[:2]:
        period = report.period
        keys = (report.organisation_id, period.id, period.year, period.municipality_id, period.year - 1)
        whole = GoalRows(report, period.municipality)
        assert [m.pk for m in whole.measurements] == list(
            Measurement.objects.filter(period=period, organisation=report.organisation)
            .order_by("position")
            .values_list("pk", flat=True)
        )
        for assessment in whole.assessments:
            part = GoalRows(report, period.municipality, root=assessment.goal_id)
            subtree = tuple(part._subtree(assessment.goal_id))
            expected = by_orm(load._subtree_measurements, (*keys, *subtree), ("id",))
            assert [(m.pk,) for m in part.measurements] == [
                row for row in expected if row[0] in {m.pk for m in whole.measurements}
            ]
            assert [f.pk for f in part.follow_ups] == [
                pk for (pk,) in by_orm(load._subtree_follow_ups, (report.pk, *subtree), ("id",))
            ]
            assert part.goals()[0] == whole.build(
                next(a for a in whole.assessments if a.goal_id == assessment.goal_id)
            )
    ours = {shape[0].co_name for shape, st in compiled._statements.items() if st}
    assert {"_subtree_measurements", "_subtree_follow_ups"} <= ours


@pytest.mark.parametrize(
    ("build", "values"),
    [
        (_period_of_year, (2026,)),
        (_period_of_year, (2025,)),
        (_year_before, (2026,)),
        (_year_before, (2027,)),
        (_by_kind, ("AR",)),
        (_by_kind, ("T1",)),
        (_by_kind, ("%",)),
        (_by_kind_containing, ("T",)),
        (_by_kind_containing, ("A",)),
        (_reports_of, (0, "T1")),
    ],
)
def test_any_values_give_the_orms_rows(reports, build, values):
    """A shape is built with the first values it meets and then bound with others; where a
    parameter is no value as given (``year - 1``, ``%T%``) the ORM reads it every time."""
    names = ("id",) if build is _reports_of else NAMES
    assert select(build, values, names) == by_orm(build, values, names)
    second = tuple(v + 1 if type(v) is int else v + "1" for v in values)
    assert select(build, second, names) == by_orm(build, second, names)


def test_a_computed_parameter_makes_the_shape_the_orms():
    select(_year_before, (2026,), NAMES)
    shape = next(shape for shape in compiled._statements if shape[0] is _year_before.__code__)
    assert compiled._statements[shape] is None


def test_none_and_other_types_are_read_by_the_orm(reports):
    assert select(_by_kind, (None,), NAMES) == by_orm(_by_kind, (None,), NAMES) == []
    assert select(_period_of_year, (True,), NAMES) == by_orm(_period_of_year, (True,), NAMES)


def test_a_build_that_closes_over_a_value_is_refused():
    year = 2026

    def closing():
        return Period.objects.filter(year=year)

    with pytest.raises(TypeError, match="close over"):
        select(closing, (), NAMES)


def test_roles_are_read_through_one_statement_per_depth_of_the_tree(reports):
    """``roles_on`` (every report page) binds the user and the organisation's ancestors to a
    compiled statement and gives the ORM's answer: a role above counts, one beside does not."""
    from django.contrib.auth import get_user_model

    from styrkort.accounts import access
    from styrkort.accounts.models import Membership, Role

    first, second = reports[0].organisation, reports[1].organisation
    assert first.parent is not None and first.parent == second.parent
    user = get_user_model().objects.create_user("roller")
    other = get_user_model().objects.create_user("annan")
    Membership.objects.create(user=user, organisation=first.parent, role=Role.READER)
    Membership.objects.create(user=user, organisation=second, role=Role.COMMITTEE_CONTROLLER)
    Membership.objects.create(user=other, organisation=first, role=Role.APPROVER)
    assert access.roles_on(user, first) == {Role.READER}
    assert access.roles_on(user, second) == {Role.READER, Role.COMMITTEE_CONTROLLER}
    assert access.roles_on(user, first.parent) == {Role.READER}
    assert access.roles_on(other, first) == {Role.APPROVER}
    assert access.roles_on(other, second) == frozenset()
    depths = {  # the user and the ids of a committee and its municipality, or of the municipality
        len(shape[3]) - 1: statement
        for shape, statement in compiled._statements.items()
        if shape[0] is access._memberships.__code__
    }
    assert depths[1] is not None and depths[2] is not None
