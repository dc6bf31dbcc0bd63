"""The ILS parser against the real example report (read from ../shared/seeds, never copied here)."""

from __future__ import annotations

import json
import statistics
import time
from decimal import Decimal

import jsonschema
import pytest

from styrkort.domain.document import FollowUp, Goal, Indicator
from styrkort.exchange.document import SCHEMA_PATH, from_dict, to_dict
from styrkort.ils import IlsResult, parse_ils

pytestmark = pytest.mark.seed


@pytest.fixture(scope="module")
def result(seed_text: str) -> IlsResult:
    return parse_ils(seed_text)


@pytest.fixture(scope="module")
def followup(result: IlsResult) -> FollowUp:
    return result.followup


def indicator(followup: FollowUp, name: str) -> Indicator:
    found = [item for _, item in followup.all_indicators() if item.name == name]
    assert len(found) == 1, f"{name!r} found {len(found)} times"
    return found[0]


def goal_of(followup: FollowUp, name: str) -> Goal:
    return next(goal for goal, item in followup.all_indicators() if item.name == name)


def test_every_line_is_placed(result: IlsResult) -> None:
    assert result.unplaced == ()


def test_it_reads_the_goal_tree_with_35_goals_on_three_levels(followup: FollowUp) -> None:
    goals = followup.all_goals()
    assert len(goals) == 35
    assert [
        sum(goal.level == level for goal in goals) for level in ("aim", "area_goal", "committee_goal")
    ] == [
        3,
        16,
        16,
    ]
    assert [goal.number for goal in followup.goals] == ["1", "2", "3"]
    for aim in followup.goals:
        for area in aim.children:
            assert area.level == "area_goal" and area.number.startswith(aim.number + ".")
            assert all(child.number.startswith(area.number + ".") for child in area.children)
    assert all(goal.assessment.status == "met" for goal in goals)


def test_it_reads_73_indicators_and_47_activities(followup: FollowUp) -> None:
    assert len(followup.all_indicators()) == 73
    assert len(followup.all_activities()) == 47
    for goal, item in followup.all_indicators():
        assert item.owner == ("committee" if goal.level == "committee_goal" else "city")
    for goal, activity in followup.all_activities():
        assert activity.city_assignment == (goal.level != "committee_goal")


def test_the_period_and_the_committee_come_from_the_title(followup: FollowUp) -> None:
    assert followup.period.key == "2026-T1"
    assert followup.organisation.code == "hasselby-vallingby-stadsdelsnamnd"
    assert followup.organisation.name == "Hässelby-Vällingby stadsdelsnämnd"
    assert followup.organisation.parent is not None and followup.organisation.parent.code == "stockholm"
    report = followup.report
    assert (report.report_date.isoformat(), report.meeting_date.isoformat()) == ("2026-05-12", "2026-05-24")
    assert report.officer and report.officer_phone and report.director
    assert report.director_title == "Stadsdelsdirektör"
    assert "**" not in report.officer_phone


def test_the_preschool_teacher_indicator_has_every_column(followup: FollowUp) -> None:
    name = "Andel legitimerade förskollärare av totalt antal anställda (årsarbetare)"
    item = indicator(followup, name)
    assert (item.outcome, item.outcome_men, item.outcome_women) == (
        Decimal("38.2"),
        Decimal("1.3"),
        Decimal("36.9"),
    )
    assert (item.previous_annual, item.forecast) == (Decimal("39.2"), Decimal("39.5"))
    assert (item.target, item.city_target) == ("39.5", "Ökning")
    assert item.period_label(followup.period) == "Tertial 1 2026"
    assert (item.unit, item.decimals, item.gender_split, item.frequency) == ("%", 1, True, "tertial")
    assert item.analysis and not item.analysis.startswith("Analys")
    assert goal_of(followup, name).number == "1.2"


def test_a_name_split_by_a_page_break_is_joined_to_the_row_above_the_header(followup: FollowUp) -> None:
    joined = [
        item
        for _, item in followup.all_indicators()
        if item.name.endswith("som inte upplever diskriminering")
    ]
    assert len(joined) == 2  # one printed whole, one whose tail went over the page break
    assert all(not item.name.startswith("som") for item in joined)
    assert not [item for _, item in followup.all_indicators() if item.name[:1].islower()]


def test_analysis_on_lines_after_a_lone_analys_belongs_to_the_row_before(followup: FollowUp) -> None:
    item = indicator(followup, "Andel placerade barn som har genomgått en tandundersökning.")
    assert item.analysis and "\n" not in item.analysis
    two = indicator(
        followup, "Andel vuxna med långvarigt ekonomiskt bistånd jämfört med samtliga vuxna invånare"
    )
    assert two.analysis.count("\n\n") == 1  # two printed paragraphs
    across_header = indicator(followup, "Aktivt Medskapandeinde x")
    assert across_header.analysis
    assert all(item.analysis[:6] != "Analys" for _, item in followup.all_indicators())


def test_a_row_with_a_dropped_empty_cell_keeps_its_columns(followup: FollowUp) -> None:
    item = indicator(followup, "Antal tillhandahållna platser för feriejobb")
    assert (item.outcome, item.previous_annual, item.forecast) == (Decimal(104), Decimal(1283), Decimal(1315))
    assert (item.target, item.city_target, item.unit) == ("1315", "Tas fram av nämnd/styrelse", "st")
    assert item.outcome_men is None and item.outcome_women is None and not item.gender_split


def test_textual_targets_stay_text(followup: FollowUp) -> None:
    targets = {item.city_target for _, item in followup.all_indicators()}
    assert {
        "Ökning",
        "Minskning",
        "Tas fram av nämnd",
        "Tas fram av nämnd/styrelse",
        "Max 10 personer",
        "+/- 1 %",
    } <= targets
    assert indicator(followup, "Nämndens prognossäkerhet T2").target == "+/- 1 %"


def test_the_operating_budget_rows_and_their_varav_children(followup: FollowUp) -> None:
    rows = {row.area: row for row in followup.economy.operating_budget}
    preschool = rows["Förskoleverksamhet"]
    assert preschool.budget == Decimal("437.6")
    assert preschool.volume_changes == Decimal("-29.2")
    assert (preschool.forecast_before_transfers, preschool.forecast_after_transfers) == (
        Decimal("409.4"),
        Decimal("408.4"),
    )
    assert len(rows["Individ- och familjeomsorg"].children) == 4
    assert [child.area for child in rows["Ekonomiskt bistånd"].children] == ["varav handläggare"]
    assert rows["Övrig verksamhet"].budget is None
    total = followup.economy.operating_total
    assert total is not None and total.budget == sum(row.budget or 0 for row in rows.values())
    kinds = [row.kind for row in followup.economy.operating_summary]
    assert kinds == [
        "net",
        "costs",
        "revenues",
        "before_transfers",
        "transfers_in",
        "transfers_out",
        "after_transfers",
    ]


def test_result_units_volumes_investments_and_gross_changes(followup: FollowUp) -> None:
    economy = followup.economy
    unit = next(unit for unit in economy.result_units if unit.name == "301 Område 1")
    assert (unit.gross_budget, unit.carried_in, unit.result, unit.carried_out) == (
        Decimal("79774.0"),
        Decimal("-8192.0"),
        Decimal("215.0"),
        Decimal("7977.0"),
    )
    assert unit.group == "Förskolor"
    assert [group.name for group in economy.result_unit_groups][:2] == ["Förskolor", "Äldreomsorg"]
    assert economy.result_units_total is not None
    assert economy.result_units_total.carried_out == sum(
        unit.carried_out or 0 for unit in economy.result_units
    )
    assert [table.title for table in economy.volumes] == ["Förskola", "Äldreomsorg", "Ekonomiskt bistånd"]
    assert economy.volumes[0].area == "Förskoleverksamhet" and economy.volumes[0].rows[-1].total
    categories = {row.category: row for row in economy.investments}
    assert [child.category for child in categories["Nycklade medel stadsmiljö"].children] == [
        "varav reinvesteringar"
    ]
    for category in (
        "Parkinvesteringar",
        "Klimatinvesteringar",
        "Trygghetsinvesteringar",
        "Övriga investeringsmedel",
    ):
        projects = categories[category].projects
        assert projects and sum(project.amount or 0 for project in projects) == categories[category].budget
    assert categories["Nycklade medel stadsmiljö"].projects
    assert economy.gross_changes_total is not None and economy.gross_changes_total.costs == Decimal("24.9")
    assert len(economy.gross_changes) == 7  # both halves of the table split by a page break
    assert [len(row.children) for row in economy.gross_changes if row.children] == [2]
    assert [(item.kind, item.amount) for item in economy.budget_adjustments] == [
        ("investment", Decimal("0.9"))
    ]


def test_economy_texts_mark_where_each_table_stood(seed_text: str, followup: FollowUp) -> None:
    texts = dict(followup.economy.texts)
    assert "{{table:operating_summary}}" in texts["operating_budget"]
    assert "{{table:volumes:2}}" in texts["operating_budget"]
    assert texts["result_units"].count("{{table:result_units}}") == 1
    assert texts["gross_changes"].count("{{table:gross_changes}}") == 1
    # The bullet lists are read into data and kept in the text as written, in the source's order.
    economy = seed_text[seed_text.rindex("\nUppföljning av ekonomi\n") :]
    bullets = [line.strip() for line in economy.splitlines() if line.startswith("- ")]
    kept = "\n".join(text for _, text in followup.economy.texts)
    positions = [kept.index(bullet) for bullet in bullets]
    assert len(bullets) == 22 and positions == sorted(positions)
    assert sum(len(row.projects) for row in followup.economy.investments) == 18
    assert len(followup.economy.budget_adjustments) == 1
    assert "{{table:budget_adjustments}}" not in texts["budget_adjustments"]
    assert not texts["operating_budget"].startswith("## Uppföljning av driftbudget")


def test_decision_page_attachments_and_fund_applications(followup: FollowUp) -> None:
    assert [proposal.number for proposal in followup.decision_proposals] == list(range(1, 8))
    assert [attachment.number for attachment in followup.attachments] == list(range(1, 16))
    assert all("<i>" not in attachment.title for attachment in followup.attachments)
    funds = followup.economy.fund_applications
    assert len(funds) == 3 and {fund.fund for fund in funds} == {"kompetensutvecklingsmedel"}
    assert Decimal(498276) in {fund.amount for fund in funds}


def test_texts_are_markdown_without_extraction_artefacts(followup: FollowUp) -> None:
    texts = [followup.summary, *(text for _, text in followup.economy.texts)]
    for goal in followup.all_goals():
        texts += [goal.assessment.analysis, goal.description]
    assert followup.summary.count("\n## ") == 4
    for text in texts:
        assert "<i>" not in text and "**" not in text and "\t" not in text
        assert "\n\n\n" not in text and not text.startswith(" ")
    assert all(goal.assessment.analysis for goal in followup.all_goals() if goal.level != "committee_goal")
    assert all(
        goal.description and goal.expected_results
        for goal in followup.all_goals()
        if goal.level == "committee_goal"
    )


def test_the_exchange_round_trip_keeps_everything(followup: FollowUp) -> None:
    data = to_dict(followup)
    jsonschema.Draft202012Validator(json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))).validate(data)
    assert from_dict(json.loads(json.dumps(data))) == followup


def test_parsing_is_deterministic_and_fast(seed_text: str, followup: FollowUp) -> None:
    durations = []
    for _ in range(5):
        started = time.perf_counter()
        again = parse_ils(seed_text)
        durations.append(time.perf_counter() - started)
    assert again.followup == followup
    assert statistics.median(durations) < 1.0
