"""Sheet Driftbudget read back by the economy page's rules: the controller's, deviation and total derived."""

from __future__ import annotations

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from styrkort.economy.models import OperatingBudgetRow
from tests.spreadsheets.conftest import save

pytestmark = pytest.mark.django_db


def operating(area: str | None) -> OperatingBudgetRow:
    rows = OperatingBudgetRow.objects.filter(report__organisation__code="sdn-test")
    return rows.get(is_total=True) if area is None else rows.get(area__name=area)


def set_operating(book, label: str, header: str, value) -> None:
    sheet = book["Driftbudget"]
    column = [cell.value for cell in sheet[1]].index(header) + 1
    row = next(r[0].row for r in sheet.iter_rows(min_row=2) if r[0].value == label)
    sheet.cell(row=row, column=column).value = value


def run(path, *args: str) -> str:
    out = StringIO()
    call_command("import-xlsx", str(path), *args, stdout=out)
    return out.getvalue()


def test_an_edited_budget_and_outcome_land_with_the_deviation_and_the_total_derived(exported, tmp_path):
    set_operating(exported, "Förskoleverksamhet", "Budget", 61)
    set_operating(exported, "Förskoleverksamhet", "Utfall", "14,2")
    set_operating(exported, "Individ- och familjeomsorg", "Utfall", 3)
    run(save(exported, tmp_path / "in.xlsx"))
    row = operating("Förskoleverksamhet")
    assert (row.budget, row.outcome) == (Decimal("61.0"), Decimal("14.2"))
    assert row.deviation == Decimal("1.0")  # 61 − 2 − 58
    total = operating(None)
    assert total.outcome == Decimal("17.2") and total.budget == Decimal("101.0")


def test_the_total_row_and_a_reporter_are_refused(exported, tmp_path, users):
    set_operating(exported, "Totalt", "Budget", 1)
    message = ""
    with pytest.raises(CommandError) as refused:
        run(save(exported, tmp_path / "in.xlsx"))
    message = str(refused.value)
    assert "Driftbudget, rad" in message and "kolumn Budget: summaraden räknas fram" in message
    set_operating(exported, "Totalt", "Budget", 100)
    set_operating(exported, "Förskoleverksamhet", "Utfall", 1)
    with pytest.raises(CommandError, match="ekonomin ändras av nämndens controller"):
        run(save(exported, tmp_path / "in2.xlsx"), "--user", "rut")
    assert operating("Förskoleverksamhet").outcome is None


def test_too_many_decimals_for_mnkr_are_refused_not_rounded(exported, tmp_path):
    set_operating(exported, "Förskoleverksamhet", "Utfall", 14.25)
    with pytest.raises(CommandError, match="kolumn Utfall: talet 14,25 har 2 decimaler"):
        run(save(exported, tmp_path / "in.xlsx"))
