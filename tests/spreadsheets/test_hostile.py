"""Hostile and broken files: each refused with a Swedish message, nothing changed, no traceback."""

from __future__ import annotations

import io
import zipfile
from io import StringIO

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from styrkort.spreadsheets.importing import ImportRefused, open_workbook
from tests.spreadsheets.conftest import SHARE, save, set_cell
from tests.web.helpers import measurement

pytestmark = pytest.mark.django_db


def refused(path) -> str:
    with pytest.raises(CommandError) as error:
        call_command("import-xlsx", str(path), stdout=StringIO())
    return str(error.value)


def test_a_file_that_is_no_zip(tmp_path, report):
    path = tmp_path / "a.xlsx"
    path.write_bytes(b"%PDF-1.7 not a workbook")
    assert "är ingen Excel-fil" in refused(path)


def test_a_zip_bomb(tmp_path, report, settings):
    settings.STYRKORT_MAX_ZIP_RATIO = 100
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", b"0" * 5_000_000)
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(data.getvalue())
    assert "zip-bomb" in refused(path)


def test_a_word_document_named_xlsx(tmp_path, report):
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w/>")
    path = tmp_path / "doc.xlsx"
    path.write_bytes(data.getvalue())
    assert "ingen Excel-fil" in refused(path)


def test_a_damaged_workbook(tmp_path, report):
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<not-closed")
    path = tmp_path / "bad.xlsx"
    path.write_bytes(data.getvalue())
    assert "skadad Excel-fil" in refused(path)


def test_a_workbook_styrkort_did_not_write(tmp_path, report):
    book = openpyxl.Workbook()
    book.active.title = "Blad1"
    assert "inte exporterad från Styrkort" in refused(save(book, tmp_path / "other.xlsx"))


def test_wrong_sheets_and_a_removed_column(exported, tmp_path):
    exported["Indikatorer"].title = "Mina siffror"
    exported["Driftbudget"].title = "Min budget"
    assert "filen har inget blad ”Indikatorer” eller ”Driftbudget”" in refused(
        save(exported, tmp_path / "a.xlsx")
    )
    exported["Mina siffror"].title = "Indikatorer"
    exported["Indikatorer"].delete_cols(4)
    assert "kolumnen ”Periodens utfall” saknas" in refused(save(exported, tmp_path / "b.xlsx"))


def test_a_formula_a_tampered_key_and_a_new_row(exported, tmp_path):
    set_cell(exported, SHARE, "Periodens utfall", "=1+1")
    sheet = exported["Indikatorer"]
    sheet.cell(row=3, column=10).value = "m:99999:1:x"
    sheet.append(["Nytt mål", "Ny indikator", "st", 5])
    message = refused(save(exported, tmp_path / "a.xlsx"))
    assert "kolumn Periodens utfall: cellen innehåller en formel" in message
    assert "rad 3: kolumnen Nyckel är ändrad" in message
    assert "raden har ingen nyckel" in message
    assert measurement(SHARE).version == 1


@given(st.binary(max_size=2000))
@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_fuzzed_bytes_are_refused_in_swedish(data):
    try:
        open_workbook(b"PK\x03\x04" + data, "fuzz.xlsx")
    except ImportRefused as error:
        assert error.problems and all("fuzz.xlsx" in p for p in error.problems)
