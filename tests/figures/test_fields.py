"""FigureField: exact storage with the recorded precision, bounds refused at save, reads that never fail.

Runs on the database of the run (SQLite by default, PostgreSQL with DATABASE_URL).
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from styrkort.domain.numbers import INDICATOR, KRONOR, MNKR, FigureError, largest
from styrkort.economy.models import BudgetAdjustment, FundApplication
from styrkort.figures.fields import FigureField, SwedishNumberField
from styrkort.goals.models import Measurement
from styrkort.storage.store import save_followup
from tests.factories import make_followup

pytestmark = pytest.mark.django_db
SHARE = "Andel legitimerade förskollärare"


@pytest.fixture
def row(db) -> Measurement:
    save_followup(make_followup())
    return Measurement.objects.get(indicator__name=SHARE, period__kind="T1")


def reread(m: Measurement) -> Measurement:
    return Measurement.objects.get(pk=m.pk)


def set_by_hand(m: Measurement, text: str) -> None:
    """Put a value into the outcome column with SQL, past every check of the application."""
    table, column = Measurement._meta.db_table, Measurement._meta.get_field("outcome").column
    cast = "::numeric" if connection.vendor == "postgresql" else ""
    with connection.cursor() as cursor:
        cursor.execute(f'UPDATE {table} SET "{column}" = %s{cast} WHERE id = %s', [text, m.pk])


@pytest.mark.parametrize(
    "text", ["1.0", "38.20", "0.0001", "-5", "0", "0.0", "999999999999.9999", "-999999999999.9999", "13"]
)
def test_a_figure_comes_back_exactly_as_it_was_saved(row, text):
    row.outcome = Decimal(text)
    row.save()
    assert str(reread(row).outcome) == text


def test_every_in_bounds_figure_round_trips_with_its_scale(row):
    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(
        st.integers(0, 4).flatmap(
            lambda p: st.integers(-(10 ** (12 + p)) + 1, 10 ** (12 + p) - 1).map(lambda u: (u, p))
        )
    )
    def check(units_places):
        units, places = units_places
        value = Decimal(units).scaleb(-places)
        row.outcome = value
        row.save(update_fields=["outcome"])
        assert str(reread(row).outcome) == str(value)

    check()


def test_an_exponent_is_stored_as_plain_digits_and_negative_zero_as_zero(row):
    row.outcome, row.forecast = Decimal("1E+2"), Decimal("-0.0")
    row.save()
    back = reread(row)
    assert (str(back.outcome), str(back.forecast)) == ("100", "0.0")


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (
            Decimal("123456789012345678"),
            "utfall: talet 123 456 789 012 345 678 är för stort: högst tolv siffror",
        ),
        (Decimal(10) ** 14, "är för stort"),
        (Decimal("0.12345678901"), "har 11 decimaler; här får det vara högst fyra decimaler"),
        (Decimal("NaN"), "är inte ett tal"),
        ("38,2", "är inte ett tal"),
    ],
)
def test_a_figure_out_of_bounds_is_refused_when_saved_and_nothing_is_stored(row, value, message):
    with pytest.raises(FigureError) as refused, transaction.atomic():
        row.outcome = value
        row.save()
    assert message in str(refused.value).replace("\u202f", " ")
    assert reread(row).outcome == Decimal("38.2")


def test_bulk_writes_and_updates_are_bounded_too(row):
    with pytest.raises(FigureError), transaction.atomic():
        Measurement.objects.filter(pk=row.pk).update(outcome=Decimal(10) ** 14)
    with (
        pytest.raises(
            FigureError, match="belopp: talet 2,45 har 2 decimaler; här får det vara högst en decimal"
        ),
        transaction.atomic(),
    ):
        report = row.indicator.goal.assessments.first().report
        BudgetAdjustment.objects.bulk_create(
            [
                BudgetAdjustment(
                    report=report, position=9, kind="operating", purpose="x", amount=Decimal("2.45")
                )
            ]
        )
    assert str(reread(row).outcome) == "38.2"


def test_each_kind_stores_its_largest_figure(row):
    report = row.indicator.goal.assessments.first().report
    adjustment = BudgetAdjustment.objects.create(
        report=report, position=9, kind="operating", purpose="x", amount=-largest(MNKR)
    )
    application = FundApplication.objects.create(
        report=report, position=9, fund="f", purpose="p", amount=largest(KRONOR)
    )
    row.outcome = largest(INDICATOR)
    row.save()
    assert BudgetAdjustment.objects.get(pk=adjustment.pk).amount == -largest(MNKR)
    assert FundApplication.objects.get(pk=application.pk).amount == largest(KRONOR)
    assert reread(row).outcome == largest(INDICATOR)


def test_a_value_stored_by_hand_out_of_bounds_still_reads(row):
    set_by_hand(row, "123456789012345678.123456789")
    assert reread(row).outcome == Decimal("123456789012345678.123456789")


@pytest.mark.parametrize("text", ["NaN", "abc", "1e999999", "", "38,2", "--1"])
def test_a_value_that_is_no_figure_reads_as_missing_and_never_fails(row, text, caplog):
    if connection.vendor == "postgresql" and text != "NaN":
        pytest.skip("PostgreSQL's numeric column admits no text; only NaN can be put there by hand")
    set_by_hand(row, text)
    assert reread(row).outcome is None
    assert "is no figure" in caplog.text


def test_the_model_field_uses_the_strict_swedish_form_field():
    field = Measurement._meta.get_field("outcome")
    assert isinstance(field, FigureField)
    form_field = field.formfield()
    assert isinstance(form_field, SwedishNumberField) and form_field.bounds == INDICATOR
    assert str(form_field.clean("1,0")) == "1.0"
    assert form_field.prepare_value(Decimal("1.0")) == "1,0"
    amount = BudgetAdjustment._meta.get_field("amount").formfield()
    assert str(amount.clean("2,4 mnkr")) == "2.4"


def test_plain_notation_reads_back_for_fixtures_and_serialisation(row):
    field = Measurement._meta.get_field("outcome")
    row.outcome = Decimal("1.0")
    assert field.value_to_string(row) == "1.0"
    assert str(field.to_python("1.0")) == "1.0"
    assert str(field.to_python("2 471,8")) == "2471.8"


def test_the_form_field_sees_a_change_of_precision_and_nothing_else_as_a_change():
    field = SwedishNumberField(bounds=INDICATOR, unit="%")
    assert not field.has_changed(Decimal("38.2"), "38,2")
    assert not field.has_changed(Decimal("38.2"), " 38,2 % ")
    assert not field.has_changed("38,2", "38,2\u00a0%")  # a hidden initial value comes back as text
    assert not field.has_changed(None, "")
    assert field.has_changed(Decimal("38.2"), "38,20")
    assert field.has_changed(Decimal("38.2"), "")
    assert field.has_changed(None, "0")
    assert field.has_changed(Decimal("38.2"), "2,471.8")  # not a figure: the form shows why
