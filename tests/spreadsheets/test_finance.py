"""import-outcome: a finance export (CSV and Excel) with both example mappings, strict and all or nothing."""

from __future__ import annotations

from decimal import Decimal
from io import StringIO
from pathlib import Path

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from styrkort.economy.models import OperatingBudgetRow
from styrkort.storage.store import load_followup

pytestmark = pytest.mark.django_db

MAPPINGS = Path(__file__).resolve().parents[2] / "docs" / "mappings"
AGRESSO, RAINDANCE = MAPPINGS / "agresso.toml", MAPPINGS / "raindance.json"

AGRESSO_CSV = """Verksamhet;Period;Belopp
410 Förskola;202601;4 500 000,00
410 Förskola;202602;4 650 000,50
410 Förskola;202604;5 000 000
410 Förskola;202605;9 999 999
510 Individ- och familjeomsorg;202601;3 000 000
511 IFO barn och unga;202603;−250 000
900 Övrigt;202602;-1 234,5
"""


def outcome(area: str) -> Decimal | None:
    return OperatingBudgetRow.objects.get(report__organisation__code="sdn-test", area__name=area).outcome


def total_outcome() -> Decimal | None:
    return OperatingBudgetRow.objects.get(report__organisation__code="sdn-test", is_total=True).outcome


def run(path: Path, mapping: Path, period: str = "2026-T1") -> str:
    out = StringIO()
    call_command(
        "import-outcome",
        str(path),
        "--organisation",
        "sdn-test",
        "--period",
        period,
        "--mapping",
        str(mapping),
        stdout=out,
    )
    return out.getvalue()


def test_an_agresso_csv_lands_in_the_operating_budget_up_to_the_periods_last_month(report, tmp_path):
    path = tmp_path / "agresso.csv"
    path.write_text(AGRESSO_CSV, encoding="utf-8")
    output = run(path, AGRESSO)
    assert outcome("Förskoleverksamhet") == Decimal("14.2")  # Jan, Feb, Apr; May is after T1
    assert outcome("Individ- och familjeomsorg") == Decimal("3.0")
    assert outcome("varav barn") == Decimal("-0.3")  # U+2212 minus, rounded half up as the mapping says
    assert outcome("Övrig verksamhet") == Decimal("0.0")
    assert total_outcome() == Decimal("17.2")  # the top-level areas
    assert "1 rader för senare månader" in output
    economy = load_followup("sdn-test", "2026-T1").economy
    assert economy.operating_budget[0].outcome == Decimal("14.2")


def test_an_agresso_excel_export_reads_number_and_text_cells(report, tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Verksamhet", "Period", "Belopp"])
    sheet.append(["410 Förskola", 202601, 1_000_000])
    sheet.append(["410 Förskola", "2026-02", "2 500 000,5"])
    sheet.append(["900 Övrigt", 3, -49_999.99])
    book.save(tmp_path / "agresso.xlsx")
    run(tmp_path / "agresso.xlsx", AGRESSO)
    assert outcome("Förskoleverksamhet") == Decimal("3.5")
    assert str(outcome("Övrig verksamhet")) == "0.0"  # -0,05 rounds to zero, printed without a sign


def raindance_rows():
    months = ["Jan", "Feb", "Mar", "Apr", "Maj", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dec"]
    return [
        ["Utfall per verksamhet och månad"],
        ["Sdn Test, tkr"],
        ["Verksamhet", *months],
        ["Förskola", "1 000", "1 100,5", "1 200", "1 300", "9 000", *[""] * 7],
        ["IFO", "500", "500", "", "", *[""] * 8],
    ]


def test_a_raindance_excel_export_with_months_in_columns(report, tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Utfall"
    for row in raindance_rows():
        sheet.append(row)
    book.save(tmp_path / "raindance.xlsx")
    run(tmp_path / "raindance.xlsx", RAINDANCE, "2026-T1")
    assert outcome("Förskoleverksamhet") == Decimal("4.6")  # 4 600,5 tkr, January to April
    assert outcome("Individ- och familjeomsorg") == Decimal("1.0")
    assert outcome("Övrig verksamhet") is None  # not in the export: still missing, never 0


def test_a_raindance_csv_in_windows_1252(report, tmp_path):
    path = tmp_path / "raindance.csv"
    path.write_bytes("\n".join(";".join(row) for row in raindance_rows()).encode("cp1252"))
    run(path, RAINDANCE)
    assert outcome("Förskoleverksamhet") == Decimal("4.6")


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("410 Förskola;202601;2,471.8", "rad 3: ”2,471.8” går inte att läsa säkert"),
        ("999 Okänt;202601;5", "rad 3: okänt verksamhetsområde ”999 Okänt”"),
        ("410 Förskola;202513;5", "rad 3: ”202513” är ingen månad"),
        ("410 Förskola;202501;5", "rad 3: månaden ”202501” hör till ett annat år än 2026"),
        ("410 Förskola;202601;tretton", "rad 3: ”tretton” är inte ett tal"),
    ],
)
def test_a_bad_row_is_refused_by_number_and_nothing_changes(report, tmp_path, line, message):
    path = tmp_path / "agresso.csv"
    path.write_text(f"Verksamhet;Period;Belopp\n410 Förskola;202601;1 000 000\n{line}\n", encoding="utf-8")
    with pytest.raises(CommandError) as refused:
        run(path, AGRESSO)
    assert f"agresso.csv, {message}" in str(refused.value) and "inget importerades" in str(refused.value)
    assert outcome("Förskoleverksamhet") is None


def test_without_rounding_a_sum_with_too_many_decimals_is_refused(report, tmp_path):
    mapping = tmp_path / "m.toml"
    mapping.write_text(AGRESSO.read_text(encoding="utf-8").replace('round = "half_up"', ""), encoding="utf-8")
    path = tmp_path / "agresso.csv"
    path.write_text("Verksamhet;Period;Belopp\n410 Förskola;202601;1 234 567\n", encoding="utf-8")
    with pytest.raises(CommandError, match="har 6 decimaler"):
        run(path, mapping)
    path.write_text("Verksamhet;Period;Belopp\n410 Förskola;202601;1 200 000\n", encoding="utf-8")
    run(path, mapping)
    assert outcome("Förskoleverksamhet") == Decimal("1.2")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('area_column = "Verksamhet"\n', "ange antingen"),
        ("not toml at all [", "mappningen kan inte läsas"),
        ('area_column = "V"\nmonth_column = "P"\namount_column = "B"\nunit = "öre"\n', "”unit” ska vara"),
        ('area_column = "V"\nmonth_column = "P"\namount_column = "B"\ncolour = 1\n', "okänd nyckel ”colour”"),
    ],
)
def test_a_bad_mapping_says_what(report, tmp_path, content, message):
    mapping = tmp_path / "m.toml"
    mapping.write_text(content, encoding="utf-8")
    path = tmp_path / "a.csv"
    path.write_text(AGRESSO_CSV, encoding="utf-8")
    with pytest.raises(CommandError, match=message):
        run(path, mapping)


def test_a_missing_column_is_named(report, tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("Verksamhet;Månad;Belopp\n410 Förskola;1;5\n", encoding="utf-8")
    with pytest.raises(CommandError, match="kolumnen ”Period” saknas"):
        run(path, AGRESSO)


def test_a_decided_report_is_not_changed(report, tmp_path):
    from styrkort.followup.models import Report

    Report.objects.filter(organisation__code="sdn-test").update(state=Report.State.DECIDED)
    path = tmp_path / "agresso.csv"
    path.write_text(AGRESSO_CSV, encoding="utf-8")
    with pytest.raises(CommandError, match="inget importerades"):
        run(path, AGRESSO)
    assert outcome("Förskoleverksamhet") is None


def test_a_json_mapping_that_is_no_table_and_a_bad_header_row(report, tmp_path):
    path = tmp_path / "a.csv"
    path.write_text(AGRESSO_CSV, encoding="utf-8")
    mapping = tmp_path / "m.json"
    mapping.write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(CommandError, match="en tabell av nycklar"):
        run(path, mapping)
    mapping.write_text(
        '{"area_column": "V", "month_column": "P", "amount_column": "B", "header_row": 0, "delimiter": 5}',
        encoding="utf-8",
    )
    with pytest.raises(CommandError) as refused:
        run(path, mapping)
    assert "”header_row” ska vara" in str(refused.value) and "”delimiter” har fel typ" in str(refused.value)


@given(st.text(max_size=300))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_fuzzed_csv_is_read_or_refused_in_swedish(report, tmp_path, text):
    path = tmp_path / "fuzz.csv"
    path.write_text("Verksamhet;Period;Belopp\n" + text, encoding="utf-8", errors="surrogatepass")
    try:
        run(path, AGRESSO)
    except CommandError as error:
        assert "inget importerades" in str(error)


def test_the_economy_page_shows_the_imported_outcome(login, users, tmp_path):
    path = tmp_path / "agresso.csv"
    path.write_text(AGRESSO_CSV, encoding="utf-8")
    run(path, AGRESSO)
    page = login("anna").get("/rapporter/sdn-test/2026-T1/ekonomi/").content.decode()
    assert "Utfall hittills" in page and '<td class="num">14,2</td>' in page and "17,2" in page


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=13) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=20,
)
KEYS = [
    "area_column",
    "amount_column",
    "month_column",
    "month_columns",
    "areas",
    "unit",
    "negate",
    "round",
    "delimiter",
    "encoding",
    "sheet",
    "header_row",
    "other",
]


@given(st.dictionaries(st.sampled_from(KEYS), JSON, max_size=8))
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_json_mapping_is_read_or_refused_in_swedish(tmp_path, data):
    import json

    from styrkort.spreadsheets.finance import Mapping, read_mapping
    from styrkort.spreadsheets.importing import ImportRefused

    path = tmp_path / "m.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    try:
        assert isinstance(read_mapping(path), Mapping)
    except ImportRefused as error:
        assert error.problems and all(str(path) in problem for problem in error.problems)
