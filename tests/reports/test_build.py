"""ReportData from a follow-up: snapshot, wording, formatting and the order of tables."""

from __future__ import annotations

import json
import os
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from styrkort.domain import document as d
from styrkort.reports.build import format_target, report_data_from_followup, stated
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


def test_the_decision_page_has_the_recipient_and_the_contents_list_each_attachment(followup, report):
    assert report.recipient == followup.organisation.name  # none given: the committee itself
    assert report.attachment_contents == (
        "Bilaga 1: Ekonomisk uppföljning per enhet",
        "Bilaga 2: Ansökan om budgetjustering för belysning i Ekparken",
    )
    addressed = replace(followup, report=replace(followup.report, recipient="Kommunstyrelsen"))
    assert report_data_from_followup(addressed).recipient == "Kommunstyrelsen"


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
        ("table", "volumes:0"),
    ]


def test_each_volume_table_stands_under_its_own_text(followup):
    first = followup.economy.volumes[0]
    second = replace(first, title="Äldreomsorg", area="Äldreomsorg")
    third = replace(first, title="Ekonomiskt bistånd", area="Ekonomiskt bistånd")
    text = (
        "## Förskoleverksamhet\n\nBarnen.\n\n{{table:volumes:0}}\n\nLokalerna.\n\n"
        "## Äldreomsorgen\n\nPlatserna.\n\n{{table:volumes:1}}\n\n## Ekonomiskt bistånd\n\n"
        "Hushållen.\n\n{{table:volumes:2}}"
    )
    economy = replace(followup.economy, volumes=(first, second, third), texts=(("operating_budget", text),))
    blocks = report_data_from_followup(replace(followup, economy=economy)).economy[0].blocks
    order = [b.table.caption if b.table else "".join(s.text for s in b.spans) for b in blocks]
    tail = order[order.index("Förskoleverksamhet") :][:10]  # unmarked tables follow the last placed one
    assert tail == [
        "Förskoleverksamhet",
        "Barnen.",
        "Förskola",
        "Lokalerna.",
        "Äldreomsorgen",
        "Platserna.",
        "Äldreomsorg",
        "Ekonomiskt bistånd",
        "Hushållen.",
        "Ekonomiskt bistånd",
    ]


def _section(report, key: str):
    return next(section for section in report.economy if section.heading.anchor.endswith(key))


def _texts(section) -> list[str]:
    found = []
    for block in section.blocks:
        if block.table is not None:
            found.append(f"[{block.table.key}]")
        found += ["".join(s.text for s in block.spans)] if block.spans else []
        found += ["".join(s.text for s in item) for item in block.items]
    return found


def test_typed_lists_print_from_the_data_where_no_text_states_them(report):
    investments = _texts(_section(report, "investeringar"))
    assert investments[:4] == [
        "[investments]",
        "Parkinvesteringar 5,5 mnkr:",
        "3,5 mnkr Ny lekplats i Ekparken",
        "2,0 mnkr Parkbänkar",
    ]
    adjustments = _texts(_section(report, "budgetjusteringar"))
    assert "[budget_adjustments]" in adjustments
    assert adjustments[-2:] == ["Ansökan om kompetensutvecklingsmedel", "[fund_applications]"]


def test_imported_prose_is_printed_as_written_and_nothing_is_regenerated(followup):
    economy = replace(
        followup.economy,
        texts=(
            (
                "investments",
                "{{table:investments}}\n\nMedlen fördelas enligt poster nedan.\n\nPlanerade parkinvesteringar,"
                "\n\n- 3,5 mnkr för ny lekplats i *Ekparken*.\n- 2,0 mnkr för  parkbänkar.",
            ),
            ("budget_adjustments", "Trygghetsinvestering:\n\n- 1,2 mnkr för belysning i Ekparken."),
        ),
    )
    proposal = d.DecisionProposal(
        5, "Stadsdelsnämnden ansöker om kompetensutvecklingsmedel, utbildning i demensvård, 245 300 kr."
    )
    followup = replace(followup, economy=economy, decision_proposals=(*followup.decision_proposals, proposal))
    report = report_data_from_followup(followup)
    assert _texts(_section(report, "investeringar"))[:4] == [
        "[investments]",
        "Medlen fördelas enligt poster nedan.",
        "Planerade parkinvesteringar,",
        "3,5 mnkr för ny lekplats i Ekparken.",
    ]
    assert "Parkinvesteringar 5,5 mnkr:" not in _texts(_section(report, "investeringar"))
    assert _texts(_section(report, "budgetjusteringar")) == [
        "Trygghetsinvestering:",
        "1,2 mnkr för belysning i Ekparken.",
    ]


@pytest.mark.parametrize(
    ("text", "phrase", "found"),
    [
        (
            "- 3,0 mnkr för upprustning av  Hässelängens lekplats.",
            "upprustning av Hässelängens lekplats",
            True,
        ),
        ("Ansöker om *grundutbildning* i demensvård.", "Grundutbildning i demensvård.", True),
        ("Ansöker om budgetjustering.", "belysning", False),
        ("Något", "", False),
    ],
)
def test_a_text_states_a_phrase_regardless_of_case_spacing_and_emphasis(text, phrase, found):
    assert stated(text, phrase) is found


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
    assert rows["Sjukfrånvaro"].status_basis == "Beräknad: prognos mot årsmål"
    # Annual, no figure yet and nothing set by the reporter: "Ej bedömd", said in words.
    annual = rows["Inskrivningsgrad i förskola"]
    assert (annual.status.grade, annual.status.label, annual.status_basis) == (
        "no_data",
        "Ej bedömd",
        "Ingen bedömning angiven",
    )
    indicator_rows = [row for goal in report.goals if goal.indicators for row in goal.indicators.rows]
    assert indicator_rows and all(
        row.status and row.status.label and row.status_basis for row in indicator_rows
    )


def test_the_reporter_sets_the_status_where_no_figure_decides_it(followup):
    def set_annual(goal: d.Goal) -> d.Goal:
        indicators = tuple(
            replace(i, assessment="partly_met")
            if i.frequency == "annual"
            else replace(i, assessment="not_met")
            for i in goal.indicators
        )
        return replace(goal, indicators=indicators, children=tuple(set_annual(c) for c in goal.children))

    report = report_data_from_followup(replace(followup, goals=tuple(set_annual(g) for g in followup.goals)))
    rows = {row.cells[0]: row for table in report.tables() for row in table.rows}
    annual = rows["Inskrivningsgrad i förskola"]
    assert (annual.status.grade, annual.status.label, annual.status_basis) == (
        "partly_met",
        "Uppfylls delvis",
        "Förvaltningens bedömning",
    )
    # Where the figures decide, the reporter's word does not override them.
    assert (rows["Sjukfrånvaro"].status.grade, rows["Sjukfrånvaro"].status_basis) == (
        "not_met",
        "Beräknad: prognos mot årsmål",
    )
    assert rows["Antal barn per grupp"].status.grade == "partly_met"


def test_the_web_pages_and_the_documents_show_a_status_from_the_same_level(report):
    from styrkort.web.templatetags.styrkort import assessment_level

    for goal in report.goals:
        assert (
            assessment_level(goal.status.grade if goal.status.grade != "no_data" else "not_assessed")
            is goal.status
        )
