"""Figures of any length are read exactly: no digit lost, no decimal context error."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from styrkort.domain.numbers import from_exchange, normalise, split_number, to_exchange


def test_a_figure_longer_than_the_decimal_context_is_read_exactly():
    nines = "9" * 5000
    assert to_exchange(split_number(nines)[0]) == nines
    assert to_exchange(from_exchange("1" + "0" * 40)) == "1" + "0" * 40
    assert (
        to_exchange(from_exchange("12345678901234567890123456789.500")) == "12345678901234567890123456789.5"
    )


@given(st.decimals(allow_nan=False, allow_infinity=False))
def test_normalise_keeps_the_value_and_drops_only_trailing_zeros(value):
    normal = normalise(value)
    assert normal == value
    text = format(normal, "f")
    assert "E" not in text.upper()
    if "." in text:
        assert not text.endswith("0")
