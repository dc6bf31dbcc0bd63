"""The demo's figures have the precision a real report prints, and fit their columns."""

from __future__ import annotations

import pytest

from styrkort.demo import generate_demo
from styrkort.domain.document import INDICATOR_FIGURES, figure_problems


@pytest.fixture(scope="module")
def docs():
    return generate_demo(seed=5, committees=3)


def decimals(value) -> int:
    return max(0, -value.as_tuple().exponent)


def test_indicator_figures_have_exactly_the_indicator_s_decimals(docs):
    seen = set()
    for doc in docs:
        for _, indicator in doc.all_indicators():
            for name in INDICATOR_FIGURES:
                value = getattr(indicator, name)
                if value is not None:
                    assert decimals(value) == indicator.decimals, (indicator.name, name, value)
                    assert not (value.is_zero() and value.is_signed())
                    seen.add((indicator.unit, indicator.decimals))
    assert ("%", 1) in seen and ("%", 0) in seen and ("st", 0) in seen


def test_economy_figures_are_printed_the_report_s_way(docs):
    for doc in docs:
        economy = doc.economy
        for row in economy.operating_budget + (economy.operating_total,):
            for value in (row.budget, row.forecast_after_transfers, row.deviation):
                assert value is None or decimals(value) == 1  # mnkr: "53,0"
        for unit in economy.result_units:
            assert decimals(unit.gross_budget) == 1  # tkr: "79 774,0"
        for table in economy.volumes:
            assert all(v is None or decimals(v) == 0 for row in table.rows for v in row.values)
        assert all(decimals(a.amount) == 0 for a in economy.fund_applications)


def test_every_figure_fits_its_column(docs):
    for doc in docs:
        assert figure_problems(doc) == []
