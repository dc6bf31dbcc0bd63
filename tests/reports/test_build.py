"""ReportData from a follow-up: snapshot, wording, formatting and the order of tables."""

from __future__ import annotations

import json
import os
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from styrkort.domain import document as d
from styrkort.reports.build import format_target, report_data_from_followup
from styrkort.reports.data import as_jsonable
from styrkort.reports.text import parse_blocks

SNAPSHOT = Path(__file__).with_name("snapshots") / "report_data.json"


def test_report_data_matches_the_committed_snapshot(report):
    current = json.dumps(as_jsonable(report), ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    if os.environ.get("UPDATE_SNAPSHOTS"):
        SNAPSHOT.write_text(current, encoding="utf-8")
    assert current == SNAPSHOT.read_text(encoding="utf-8"), (
        "run with UPDATE_SNAPSHOTS=1 after checking the diff"
    )


def test_indicator_rows_have_nine_columns_and_missing_values_print_empty(report):
    table = report.goals[2].indicators
    assert table.columns[4] == "Utfall VB 2025"
    assert all(len(row.cells) == 9 for row in table.rows)
    assert table.rows[0].cells == (
        "Andel nöjda vårdnadshavare",
        "",
        "",
        "",
        "88\u00a0%",
        "",
        "89\u00a0%",
        "",
        "2026",
    )


def test_figures_use_swedish_formatting(report):
    cells = [cell for table in report.tables() for row in table.rows for cell in row.cells]
    assert "51\u202f234,0" in cells  # tkr with one decimal and a thin no-break space
    assert "41,3\u00a0%" in cells
    assert "-8\u202f000,0" in cells
    assert "0,0" in cells and "0" not in cells and "None" not in cells


@pytest.mark.parametrize(
    ("target", "unit", "printed"),
    [
        ("39.5", "%", "39,5\u00a0%"),
        ("1315", "st", "1\u202f315\u00a0st"),
        ("Ökning", "%", "Ökning"),
        (None, "%", ""),
    ],
)
def test_targets_print_as_figures_in_the_unit_or_as_their_words(target, unit, printed):
    assert format_target(d.Indicator("x", unit=unit), target) == printed


def test_goal_headings_carry_level_prefixes_and_assessment_words(report):
    first, area, committee = report.goals[:3]
    assert first.heading.text == "KF:s inriktningsmål: 1. Ett Ekby där alla får en god start i livet"
    assert area.heading.text.startswith("KF:s mål för verksamhetsområdet: 1.1 ")
    assert committee.heading.text.startswith("Nämndmål: 1.1.1 ") and not committee.heading.in_toc
    assert (area.status.grade, area.status.label) == ("partly_met", "Uppfylls delvis")


def test_markers_place_economy_tables_in_the_commentary(report):
    operating = report.economy[0]
    kinds = [(b.kind, b.table.key if b.table else "") for b in operating.blocks]
    assert kinds == [
        ("paragraph", ""),
        ("table", "operating_summary"),
        ("paragraph", ""),
        ("table", "operating_budget"),
        ("chart", ""),
        ("heading", ""),
        ("paragraph", ""),
        ("table", "volumes:1"),
    ]


def test_tables_without_a_marker_are_still_printed(followup):
    economy = replace(followup.economy, texts=())
    report = report_data_from_followup(replace(followup, economy=economy))
    keys = [t.key for t in report.tables()]
    assert {"operating_summary", "result_units", "investments", "gross_changes", "fund_applications"} <= set(
        keys
    )


def test_charts_have_a_text_alternative_with_every_figure(report):
    chart = report.charts()[0]
    assert (
        "Andel förskollärare med legitimation: utfall 41,3\u00a0%, prognos 42\u00a0%, årsmål 42\u00a0%"
        in chart.alt
    )
    assert chart.panels[0].bars[0].value == Decimal("41.3")


def test_the_markdown_subset_parses_into_blocks():
    blocks = parse_blocks("Ett *två*\ntre\n\n## Rubrik\n- a\n- b\n{{table:investments}}", markers=True)
    assert [b.kind for b in blocks] == ["paragraph", "heading", "bullets", "table"]
    assert [(s.text, s.emphasis) for s in blocks[0].spans] == [
        ("Ett ", False),
        ("två", True),
        (" tre", False),
    ]
    assert len(blocks[2].items) == 2 and blocks[3].spans[0].text == "investments"


def test_indicator_rows_carry_the_computed_status_in_words(report):
    rows = {row.cells[0]: row for table in report.tables() for row in table.rows}
    assert (rows["Sjukfrånvaro"].status.grade, rows["Sjukfrånvaro"].status.label) == (
        "not_met",
        "Uppfylls inte",
    )
    assert rows["Antal barn per grupp"].status.grade == "partly_met"
    assert rows["Inskrivningsgrad i förskola"].status is None  # annual, no figure yet: no symbol


def test_the_web_pages_and_the_documents_show_a_status_from_the_same_level(report):
    from styrkort.web.templatetags.styrkort import assessment_level

    for goal in report.goals:
        assert (
            assessment_level(goal.status.grade if goal.status.grade != "no_data" else "not_assessed")
            is goal.status
        )
