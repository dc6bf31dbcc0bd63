"""A committee's report with indicators and an operating budget, and personas with rights on it."""

from __future__ import annotations

from io import BytesIO

import openpyxl
import pytest

from styrkort.spreadsheets.export import export_workbook
from styrkort.storage.store import find_report
from tests.web.conftest import (  # noqa: F401 - the web tests' personas and report
    PASSWORD,
    documents_cache,
    fast_password_hashing,
    login,
    report,
    users,
)

SHARE = "Andel legitimerade förskollärare"
VISITS = "Antal besök"


@pytest.fixture
def exported(report):  # noqa: F811
    """The report's workbook, opened for editing as a user would."""
    return openpyxl.load_workbook(BytesIO(export_workbook(find_report("sdn-test", "2026-T1"))))


def row_of(book, indicator: str) -> int:
    sheet = book["Indikatorer"]
    for row in sheet.iter_rows(min_row=2):
        if row[1].value == indicator:
            return row[0].row
    raise AssertionError(indicator)


def column_of(book, header: str) -> int:
    return [cell.value for cell in book["Indikatorer"][1]].index(header) + 1


def set_cell(book, indicator: str, header: str, value, text: bool = False) -> None:
    """Type into a cell; ``text``: as text even where Excel would see a formula (a leading ')."""
    cell = book["Indikatorer"].cell(row=row_of(book, indicator), column=column_of(book, header))
    cell.value = value
    if text:
        cell.data_type = "s"


def save(book, path) -> str:
    book.save(path)
    return str(path)
