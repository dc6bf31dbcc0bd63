"""export-xlsx and import-xlsx: a round trip, strict cells, all or nothing, conflicts per cell, rights."""

from __future__ import annotations

from decimal import Decimal
from io import StringIO

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from styrkort.audit.models import Change
from tests.spreadsheets.conftest import SHARE, VISITS, column_of, save, set_cell
from tests.web.helpers import measurement

EVICTIONS = "Antal vräkningar som berör barn"

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    text = StringIO()
    call_command("import-xlsx", *args, stdout=text)
    return text.getvalue()


def test_the_export_has_swedish_headers_a_frozen_row_a_hidden_key_and_figures_as_recorded(report, tmp_path):
    path = tmp_path / "ut.xlsx"
    call_command("export-xlsx", "--organisation", "sdn-test", "--period", "2026-T1", "-o", str(path))
    book = openpyxl.load_workbook(path)
    sheet = book["Indikatorer"]
    headers = [cell.value for cell in sheet[1]]
    for header in (
        "Mål",
        "Indikator",
        "Enhet",
        "Periodens utfall",
        "Utfall män/pojkar",
        "Utfall kvinnor/flickor",
        "Prognos helår",
        "Årsmål",
        "Analys",
        "Nyckel",
    ):
        assert header in headers
    assert sheet.freeze_panes == "A2"
    key = openpyxl.utils.get_column_letter(headers.index("Nyckel") + 1)
    assert sheet.column_dimensions[key].hidden
    assert sheet.data_validations.dataValidation
    assert {"Driftbudget", "Resultatenheter", "Investeringar"} <= set(book.sheetnames)
    assert book["Styrkort"].sheet_state == "veryHidden"
    row = next(r for r in sheet.iter_rows(min_row=2) if r[1].value == SHARE)
    outcome = row[headers.index("Periodens utfall")]
    assert outcome.value == pytest.approx(38.2) and outcome.number_format == "#,##0.0"
    assert row[headers.index("Årsmål")].value == "39,5"  # as the grid shows it


def test_an_edited_outcome_lands_and_is_audited(exported, tmp_path):
    set_cell(exported, SHARE, "Periodens utfall", 39.5)
    set_cell(exported, VISITS, "Periodens utfall", "2 471,8")
    set_cell(exported, SHARE, "Analys", "=SUM(A1) är bara text", text=True)
    output = run(save(exported, tmp_path / "in.xlsx"), "--operator", "kalle")
    assert "Periodens utfall" in output and "39,5" in output
    share = measurement(SHARE)
    assert share.outcome == Decimal("39.5") and share.version == 2
    assert share.analysis == "=SUM(A1) är bara text"
    assert measurement(VISITS).outcome == Decimal("2471.8")
    change = Change.objects.get(object_id=str(share.pk), field="outcome")
    assert (change.old, change.new) == ("38.2", "39.5")


def test_a_dry_run_lists_the_changes_and_saves_nothing(exported, tmp_path):
    set_cell(exported, SHARE, "Periodens utfall", 39.5)
    output = run(save(exported, tmp_path / "in.xlsx"), "--dry-run")
    assert f"kolumn Periodens utfall (”{SHARE}”): ”38,2” → ”39,5”" in output
    assert "1 cell skulle ändras; inget sparades" in output
    assert measurement(SHARE).version == 1


def test_an_unchanged_export_writes_nothing(exported, tmp_path):
    output = run(save(exported, tmp_path / "in.xlsx"))
    assert "0 celler ändrade" in output
    assert measurement(SHARE).version == 1


def test_a_bad_cell_is_refused_by_sheet_row_and_column_and_nothing_changes(exported, tmp_path):
    set_cell(exported, SHARE, "Periodens utfall", 40)
    set_cell(exported, VISITS, "Periodens utfall", "2,471.8")
    set_cell(exported, VISITS, "Prognos helår", True)
    with pytest.raises(CommandError) as refused:
        run(save(exported, tmp_path / "in.xlsx"))
    message = str(refused.value)
    row = [r[0].row for r in exported["Indikatorer"].iter_rows(min_row=2) if r[1].value == VISITS][0]
    assert f"Indikatorer, rad {row}, kolumn Periodens utfall: ”2,471.8” går inte att läsa säkert" in message
    assert f"Indikatorer, rad {row}, kolumn Prognos helår: ”SANT” är inte ett tal" in message
    assert "inget importerades" in message
    assert measurement(SHARE).outcome == Decimal("38.2") and measurement(SHARE).version == 1


def test_a_cell_changed_in_styrkort_since_the_export_is_a_conflict_named_per_cell(exported, tmp_path):
    share = measurement(SHARE)
    share.outcome, share.forecast = Decimal("38.9"), Decimal("40.0")
    share.version += 1
    share.save()
    set_cell(exported, SHARE, "Periodens utfall", 41)  # conflict: both changed it
    set_cell(exported, SHARE, "Analys", "Min analys")  # no conflict: only the file changed it
    with pytest.raises(CommandError) as refused:
        run(save(exported, tmp_path / "in.xlsx"))
    message = str(refused.value)
    assert (
        "kolumn Periodens utfall: ändrad i Styrkort efter exporten; i Styrkort nu ”38,9”, i filen ”41,0”"
        in message
    )
    assert "kolumn Analys" not in message and "kolumn Prognos helår" not in message
    assert measurement(SHARE).analysis != "Min analys"


def test_a_cell_styrkort_changed_that_the_file_left_alone_is_no_conflict(exported, tmp_path):
    share = measurement(SHARE)
    share.forecast = Decimal("40.0")
    share.save()
    set_cell(exported, SHARE, "Periodens utfall", 41)
    run(save(exported, tmp_path / "in.xlsx"))
    share = measurement(SHARE)
    assert (share.outcome, share.forecast) == (Decimal("41"), Decimal("40.0"))


def test_a_reporter_may_change_only_their_indicators(exported, tmp_path, users):
    set_cell(exported, EVICTIONS, "Periodens utfall", 1)
    with pytest.raises(CommandError) as refused:
        run(save(exported, tmp_path / "in.xlsx"), "--user", "rut")
    assert f"du får inte ändra indikatorn ”{EVICTIONS}”" in str(refused.value)
    with pytest.raises(CommandError, match="får inte ändra rapporten"):
        run(str(tmp_path / "in.xlsx"), "--user", "bertil")
    exported2 = openpyxl.load_workbook(tmp_path / "in.xlsx")
    set_cell(exported2, EVICTIONS, "Periodens utfall", None)
    set_cell(exported2, SHARE, "Periodens utfall", 12)
    run(save(exported2, tmp_path / "in2.xlsx"), "--user", "rut")
    assert measurement(SHARE).outcome == Decimal("12")


def test_a_decided_report_is_not_changed(exported, tmp_path, report):
    from styrkort.followup.models import Report

    Report.objects.filter(organisation__code="sdn-test").update(state=Report.State.DECIDED)
    set_cell(exported, SHARE, "Periodens utfall", 1)
    with pytest.raises(CommandError, match="beslutad och kan inte ändras"):
        run(save(exported, tmp_path / "in.xlsx"))


def test_a_precision_only_change_is_a_change(exported, tmp_path):
    sheet = exported["Indikatorer"]
    row = [r[0].row for r in sheet.iter_rows(min_row=2) if r[1].value == SHARE][0]
    sheet.cell(row=row, column=column_of(exported, "Periodens utfall")).number_format = "#,##0.00"
    run(save(exported, tmp_path / "in.xlsx"))
    assert str(measurement(SHARE).outcome) == "38.20"


def test_text_that_looks_like_a_formula_is_exported_as_text_and_comes_back_unchanged(report, tmp_path):
    share = measurement(SHARE)
    share.analysis = '=HYPERLINK("http://example.com","klicka")\nrad två'
    share.save()
    path = tmp_path / "ut.xlsx"
    call_command("export-xlsx", "--organisation", "sdn-test", "--period", "2026-T1", "-o", str(path))
    book = openpyxl.load_workbook(path)
    cell = book["Indikatorer"].cell(row=2, column=column_of(book, "Analys"))
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")
    assert "0 celler ändrade" in run(str(path))
