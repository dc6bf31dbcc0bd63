"""Figures of any length are read exactly by the importers' readers: no digit lost, no decimal
context error (a 30-digit figure used to raise InvalidOperation, found by fuzzing the importers)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from styrkort.domain.numbers import from_exchange, split_number


@pytest.mark.parametrize("digits", ["9" * 5000, "1" + "0" * 40, "12345678901234567890123456789,500"])
def test_a_figure_longer_than_the_decimal_context_is_read_exactly(digits):
    value, unit = split_number(digits)
    assert (value, unit) == (Decimal(digits.replace(",", ".")), "")
    assert from_exchange(digits.replace(",", ".")) == Decimal(digits.replace(",", "."))
