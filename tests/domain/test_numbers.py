"""Swedish number parsing and formatting, and the exchange notation."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from styrkort.domain.numbers import (
    THIN_NBSP,
    format_number,
    from_exchange,
    normalise,
    parse_number,
    split_number,
    to_exchange,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("38,2", Decimal("38.2")),
        ("38,2 %", Decimal("38.2")),
        ("2 471,8", Decimal("2471.8")),
        ("2\u00a0471,8", Decimal("2471.8")),
        (f"2{THIN_NBSP}471,8", Decimal("2471.8")),
        ("-8 192,0", Decimal("-8192")),
        ("\u22128 192,0", Decimal("-8192")),
        ("0,0", Decimal("0")),
        ("1 315", Decimal("1315")),
        ("14,8 barn/avd.", Decimal("14.8")),
        ("  ", None),
        ("", None),
        (None, None),
    ],
)
def test_it_parses_what_people_type(text, expected):
    assert parse_number(text) == expected


@pytest.mark.parametrize("text", ["abc", "Ökning", "12,3,4 ", "3 x 4"])
def test_it_refuses_what_is_not_a_number_with_a_swedish_message(text):
    with pytest.raises(ValueError, match="är inte ett tal"):
        parse_number(text)


def test_split_number_returns_the_unit_after_the_figure():
    assert split_number("14,8 barn/avd.") == (Decimal("14.8"), "barn/avd.")
    assert split_number("Tas fram av nämnd") is None


@pytest.mark.parametrize(
    ("value", "decimals", "unit", "expected"),
    [
        (Decimal("2471.8"), 1, "", f"2{THIN_NBSP}471,8"),
        (Decimal("38.2"), None, "%", "38,2\u00a0%"),
        (Decimal("-8192"), 1, "", f"-8{THIN_NBSP}192,0"),
        (Decimal("-0.04"), 1, "", "0,0"),
        (Decimal("1000000"), None, "", f"1{THIN_NBSP}000{THIN_NBSP}000"),
        (None, 1, "%", ""),
    ],
)
def test_it_formats_the_swedish_way_and_leaves_missing_values_empty(value, decimals, unit, expected):
    assert format_number(value, decimals, unit) == expected


def test_normalise_strips_trailing_zeros_without_exponents():
    assert str(normalise(Decimal("100"))) == "100"
    assert str(normalise(Decimal("1.50"))) == "1.5"
    assert str(normalise(Decimal("-0.0"))) == "0"


@pytest.mark.parametrize("text", ["1.5e3", "1,5", "", " 1", "1."])
def test_the_exchange_notation_admits_only_plain_figures(text):
    with pytest.raises(ValueError):
        from_exchange(text)


@given(st.decimals(allow_nan=False, allow_infinity=False, places=4, min_value=-(10**9), max_value=10**9))
def test_exchange_notation_round_trips_every_figure(value):
    assert from_exchange(to_exchange(value)) == value


@given(st.decimals(allow_nan=False, allow_infinity=False, places=2, min_value=-(10**9), max_value=10**9))
def test_what_is_formatted_parses_back_to_the_same_figure(value):
    assert parse_number(format_number(value)) == value
