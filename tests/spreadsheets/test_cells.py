"""Decimal ↔ cell: every figure a column holds comes back from a saved .xlsx exactly as recorded."""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from styrkort.domain.numbers import INDICATOR, MNKR, FigureError
from styrkort.spreadsheets import cells


def figures(digits: int, decimals: int):
    return st.builds(
        lambda whole, places, sign: Decimal(f"{sign}{whole}.{places}" if places else f"{sign}{whole}"),
        st.integers(0, 10**digits - 1),
        st.one_of(
            st.just(""),
            st.integers(0, decimals).flatmap(lambda n: st.text("0123456789", min_size=n, max_size=n)),
        ),
        st.sampled_from(["", "-"]),
    ).map(lambda value: value.copy_abs() if value.is_zero() else value)


def round_trip(values: list[Decimal | None], bounds=INDICATOR) -> list[Decimal | None]:
    book = openpyxl.Workbook()
    sheet = book.active
    for row, value in enumerate(values, 1):
        cells.write_figure(sheet.cell(row=row, column=1), value)
    out = BytesIO()
    book.save(out)
    read = openpyxl.load_workbook(BytesIO(out.getvalue())).active
    return [cells.read_figure(read.cell(row=row, column=1), bounds) for row in range(1, len(values) + 1)]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(st.none(), figures(12, 4)), min_size=1, max_size=30))
def test_indicator_figures_come_back_with_their_precision(values):
    back = round_trip(values)
    assert [None if v is None else str(v) for v in back] == [None if v is None else str(v) for v in values]


@settings(max_examples=40, deadline=None)
@given(st.lists(figures(6, 1), min_size=1, max_size=20))
def test_mnkr_figures_come_back_with_their_precision(values):
    assert [str(v) for v in round_trip(values, MNKR)] == [str(v) for v in values]


@pytest.mark.parametrize(
    "value", ["1.0", "2471.8", "0.0001", "999999999999.9999", "-0.5", "100", "38.20", "123456789012.3456"]
)
def test_edge_figures(value):
    assert str(round_trip([Decimal(value)])[0]) == value


def cell_with(value, number_format="General", data_type=None):
    book = openpyxl.Workbook()
    cell = book.active.cell(row=1, column=1)
    cell.value = value
    cell.number_format = number_format
    if data_type:
        cell.data_type = data_type
    return cell


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2,471.8", "går inte att läsa säkert"),
        ("1.234", "går inte att läsa säkert"),
        ("tretton", "är inte ett tal"),
        (True, "”SANT” är inte ett tal"),
        ("=A1+1", "formel"),
        (1.23456, "har 5 decimaler"),
        (float("nan"), "inget tal"),
    ],
)
def test_what_is_no_figure_is_refused_in_swedish(value, message):
    with pytest.raises(FigureError, match=message):
        cells.read_figure(cell_with(value))


@pytest.mark.parametrize(
    ("value", "number_format", "expected"),
    [
        ("2 471,8", "@", "2471.8"),
        ("−5", "@", "-5"),
        (3, "0.0", "3.0"),
        (2.5, "#,##0.00", "2.50"),
        (7, "General", "7"),
    ],
)
def test_text_and_number_cells_read_strictly(value, number_format, expected):
    assert str(cells.read_figure(cell_with(value, number_format))) == expected


@given(st.text(max_size=200))
@settings(max_examples=200, deadline=None)
def test_any_text_is_a_figure_or_a_swedish_refusal(text):
    try:
        book = openpyxl.Workbook()
        cell = book.active.cell(row=1, column=1)
        cells.write_text(cell, text)
        cells.read_figure(cell)
    except FigureError as error:
        assert str(error)
