"""The demo generator: order, determinism, continuity across periods and years, no floats, exchange."""

from __future__ import annotations

import dataclasses
import re
from collections import Counter, defaultdict
from decimal import Decimal

import pytest

from styrkort.demo import LARGEST_COMMITTEE_CODE, generate_demo
from styrkort.domain.document import FollowUp
from styrkort.domain.numbers import format_number
from styrkort.exchange.document import from_dict, to_dict

DEFINITION = ("name", "unit", "owner", "frequency", "direction", "gender_split", "decimals")


@pytest.fixture(scope="module")
def docs() -> list[FollowUp]:
    return generate_demo()


def by_committee(docs: list[FollowUp]) -> dict[str, dict[tuple[int, str], FollowUp]]:
    found: dict[str, dict[tuple[int, str], FollowUp]] = defaultdict(dict)
    for doc in docs:
        found[doc.organisation.code][(doc.period.year, doc.period.kind)] = doc
    return found


def indicators_by_key(doc: FollowUp):
    return {(goal.number, indicator.name): indicator for goal, indicator in doc.all_indicators()}


def test_the_same_seed_gives_equal_documents_and_another_seed_other_ones():
    first = generate_demo(seed=7, committees=3)
    assert first == generate_demo(seed=7, committees=3)
    assert first != generate_demo(seed=8, committees=3)


def test_it_returns_one_document_per_committee_and_period_in_storage_order(docs):
    assert len(docs) == 13 * 6
    keys = [(doc.period.year, ("T1", "T2", "AR").index(doc.period.kind)) for doc in docs]
    assert keys == sorted(keys)
    first_period = [doc.organisation for doc in docs[:13]]
    assert len({org.code for org in first_period}) == 13
    for index, doc in enumerate(docs):
        assert doc.organisation == first_period[index % 13]
    for org in first_period:
        assert re.fullmatch(r"[a-z0-9-]+", org.code)
        assert org.kind == "committee"
        assert (
            org.parent is not None and org.parent.code == "exempelstad" and org.parent.kind == "municipality"
        )
    assert LARGEST_COMMITTEE_CODE in {org.code for org in first_period}


def test_it_refuses_committee_counts_it_cannot_name():
    with pytest.raises(ValueError):
        generate_demo(committees=0)
    with pytest.raises(ValueError):
        generate_demo(committees=99)


def test_the_largest_committee_is_clearly_the_largest(docs):
    sizes = {doc.organisation.code: len(doc.all_indicators()) for doc in docs[:13]}
    largest = sizes.pop(LARGEST_COMMITTEE_CODE)
    assert largest >= 100  # about 1,5 × the example's 73 indicators
    assert largest > 1.25 * max(sizes.values())
    ordinary = sorted(sizes.values())[len(sizes) // 2]
    assert 30 <= ordinary <= 90


def prose(doc: FollowUp) -> int:
    goals = sum(len(g.assessment.analysis) + len(g.description) for g in doc.all_goals())
    return len(doc.summary) + goals + sum(len(i.analysis) for _, i in doc.all_indicators())


def test_the_largest_committee_writes_about_half_as_much_again_as_an_ordinary_district(docs):
    sizes = {
        doc.organisation.code: prose(doc) for doc in docs[:13] if doc.organisation.code.startswith("sdn-")
    }
    largest = sizes.pop(LARGEST_COMMITTEE_CODE)
    ordinary = sorted(sizes.values())[len(sizes) // 2]
    assert 60_000 <= ordinary <= 160_000  # the example report has about 110 000 characters of prose
    assert 1.3 * ordinary <= largest <= 2.2 * ordinary


def test_city_goals_are_the_same_for_every_committee_in_a_year(docs):
    def city_goals(doc):
        return [(g.number, g.level, g.title, g.owner) for g in doc.all_goals() if g.owner == "city"]

    for year in (2025, 2026):
        shapes = {tuple(city_goals(doc)) for doc in docs if doc.period.year == year}
        assert len(shapes) == 1
        (shape,) = shapes
        assert [level for _, level, _, _ in shape].count("aim") == 3
        assert [level for _, level, _, _ in shape].count("area_goal") == 16


def test_committee_goals_have_a_description_and_expected_results(docs):
    for doc in docs:
        for goal in doc.all_goals():
            if goal.level == "committee_goal":
                assert goal.owner == "committee" and goal.description and goal.expected_results
                assert goal.number.count(".") == 2


def test_a_city_indicator_is_defined_alike_in_every_committee_and_year(docs):
    definitions = defaultdict(set)
    targets = defaultdict(set)
    for doc in docs:
        for _, indicator in doc.all_indicators():
            if indicator.owner == "city":
                definitions[indicator.name].add(tuple(getattr(indicator, f) for f in DEFINITION))
                targets[(doc.period.year, indicator.name)].add(indicator.city_target)
    assert len(definitions) > 40
    assert all(len(found) == 1 for found in definitions.values())
    assert all(len(found) == 1 for found in targets.values())


def test_definitions_targets_and_activities_are_constant_within_a_year(docs):
    for periods in by_committee(docs).values():
        for year in (2025, 2026):

            def fixed(doc):
                indicators = {
                    key: (
                        tuple(getattr(i, f) for f in DEFINITION),
                        i.target,
                        i.city_target,
                        i.previous_annual,
                    )
                    for key, i in indicators_by_key(doc).items()
                }
                activities = [
                    (g.number, a.title, a.start, a.end, a.city_assignment) for g, a in doc.all_activities()
                ]
                return indicators, activities

            t1, t2, ar = (fixed(periods[(year, kind)]) for kind in ("T1", "T2", "AR"))
            assert t1 == t2 == ar


def test_previous_annual_is_last_years_annual_outcome(docs):
    compared = 0
    for periods in by_committee(docs).values():
        last = indicators_by_key(periods[(2025, "AR")])
        for kind in ("T1", "T2", "AR"):
            for key, indicator in indicators_by_key(periods[(2026, kind)]).items():
                if key in last:
                    assert indicator.previous_annual == last[key].outcome, key
                    compared += 1
    assert compared > 500


def test_annual_indicators_have_figures_only_in_the_annual_report(docs):
    for doc in docs:
        for _, indicator in doc.all_indicators():
            if indicator.frequency == "annual" and doc.period.kind != "AR":
                assert indicator.outcome is None and indicator.forecast is None


def test_gender_split_figures_make_sense(docs):
    split = 0
    for doc in docs:
        for _, i in doc.all_indicators():
            if not i.gender_split:
                assert i.outcome_men is None and i.outcome_women is None
                continue
            assert (i.outcome is None) == (i.outcome_men is None) == (i.outcome_women is None)
            if i.outcome is None:
                continue
            split += 1
            if i.unit == "st":
                assert i.outcome_men + i.outcome_women == i.outcome
            elif i.unit == "%":
                assert 0 <= i.outcome_men <= 100 and 0 <= i.outcome_women <= 100
                assert min(i.outcome_men, i.outcome_women) <= i.outcome <= max(i.outcome_men, i.outcome_women)
    assert split > 100


def test_the_mix_resembles_reality(docs):
    indicators = [i for doc in docs for _, i in doc.all_indicators()]
    assert {"%", "st", "kr", "index", "barn/avd."} <= {i.unit for i in indicators}
    assert {"higher", "lower", "interval"} == {i.direction for i in indicators}
    texts = {i.city_target for i in indicators}
    assert {"Ökning", "Minskning", "Max 10 personer", "Tas fram av nämnd", "+/- 1 %"} <= texts
    assert any(i.analysis for i in indicators)
    assert any(i.outcome is None and i.frequency == "tertial" for i in indicators)
    statuses = Counter(g.assessment.status for doc in docs for g in doc.all_goals())
    assert statuses["met"] > statuses["partly_met"] > statuses["not_met"] > 0
    activities = [a for doc in docs for _, a in doc.all_activities()]
    assert any(a.deviation for a in activities) and any(a.analysis for a in activities)
    assert any(a.city_assignment for a in activities)


def z(value: Decimal | None) -> Decimal:
    return Decimal(0) if value is None else value


def column_sum(rows, name):
    values = [getattr(row, name) for row in rows]
    return None if all(v is None for v in values) else sum(z(v) for v in values)


def assert_budget_row(row):
    assert row.deviation == z(row.budget) + z(row.requested_adjustments) + z(row.volume_changes) - z(
        row.forecast_after_transfers
    ), row.area
    if row.children:
        for name in (
            "budget",
            "requested_adjustments",
            "volume_changes",
            "forecast_before_transfers",
            "forecast_after_transfers",
            "deviation",
        ):
            assert getattr(row, name) == column_sum(row.children, name), (row.area, name)
        for child in row.children:
            assert_budget_row(child)


def assert_economy(doc: FollowUp):
    e = doc.economy
    for row in e.operating_budget:
        assert_budget_row(row)
    for name in (
        "budget",
        "requested_adjustments",
        "volume_changes",
        "forecast_before_transfers",
        "forecast_after_transfers",
        "deviation",
    ):
        assert getattr(e.operating_total, name) == column_sum(e.operating_budget, name), name
    summary = {row.kind: row for row in e.operating_summary}
    for name in ("budget", "changes", "forecast", "deviation"):
        assert z(getattr(summary["net"], name)) == z(getattr(summary["costs"], name)) + z(
            getattr(summary["revenues"], name)
        )
    assert summary["revenues"].budget < 0
    net = summary["net"]
    assert net.deviation == net.budget + z(net.requested_adjustments) + net.changes - net.forecast
    assert summary["before_transfers"].deviation == net.deviation
    assert summary["after_transfers"].deviation == (
        summary["before_transfers"].deviation
        + summary["transfers_in"].deviation
        + summary["transfers_out"].deviation
    )
    assert summary["after_transfers"].deviation == e.operating_total.deviation
    assert net.budget == e.operating_total.budget
    # result units: their results are what separates the forecasts before and after transfers
    results_by_area = defaultdict(Decimal)
    for unit in e.result_units:
        assert unit.carried_out == -(unit.carried_in + unit.result), unit.name
        assert unit.carried_out <= unit.gross_budget / 10 and -unit.carried_in <= unit.gross_budget / 10
        assert unit.result <= unit.gross_budget * Decimal("0.05")
        assert unit.group in {group.name for group in e.result_unit_groups}
        results_by_area[unit.group] += unit.result
    for row in e.operating_budget:
        assert (
            row.forecast_before_transfers - row.forecast_after_transfers == results_by_area[row.area] / 1000
        )
    if e.result_units:
        for name in ("gross_budget", "carried_in", "result", "carried_out"):
            assert getattr(e.result_units_total, name) == sum(getattr(u, name) for u in e.result_units)
        assert summary["transfers_in"].deviation == -e.result_units_total.carried_in / 1000
        assert summary["transfers_out"].deviation == -e.result_units_total.carried_out / 1000
    for table in e.volumes:
        body = [row for row in table.rows if not row.total]
        for total in (row for row in table.rows if row.total):
            assert total.values == tuple(
                sum(z(v) for v in column) for column in zip(*(r.values for r in body), strict=True)
            )
        assert all(len(row.values) == len(table.columns) for row in table.rows)
    for row in e.investments:
        assert row.deviation == row.budget + z(row.requested_adjustments) - row.forecast, row.category
        if row.projects:
            assert sum(p.amount for p in row.projects) == row.budget, row.category
    for name in ("budget", "requested_adjustments", "forecast", "deviation"):
        assert getattr(e.investments_total, name) == column_sum(e.investments, name), name
    for row in e.gross_changes:
        assert row.costs + row.revenues == 0
        if row.children:
            assert row.costs == sum(child.costs for child in row.children)
            assert all(child.costs + child.revenues == 0 for child in row.children)
    assert e.gross_changes_total.costs == sum(row.costs for row in e.gross_changes)
    assert e.gross_changes_total.revenues == sum(row.revenues for row in e.gross_changes)
    operating = [a.amount for a in e.budget_adjustments if a.kind == "operating"]
    investment = [a.amount for a in e.budget_adjustments if a.kind == "investment"]
    assert z(e.operating_total.requested_adjustments) == sum(operating, Decimal(0))
    assert z(e.investments_total.requested_adjustments) == sum(investment, Decimal(0))
    assert {section for section, _ in e.texts} >= {"operating_budget", "investments", "gross_changes"}


def test_every_document_adds_up(docs):
    for doc in docs:
        assert_economy(doc)


def test_result_unit_funds_carry_over_from_last_years_annual_report(docs):
    for periods in by_committee(docs).values():
        last = {u.name: u.carried_out for u in periods[(2025, "AR")].economy.result_units}
        for kind in ("T1", "T2", "AR"):
            for unit in periods[(2026, kind)].economy.result_units:
                assert unit.carried_in == -last[unit.name]


def test_decision_proposals_follow_the_data(docs):
    for doc in docs:
        e = doc.economy
        proposals = [p.text for p in doc.decision_proposals]
        assert [p.number for p in doc.decision_proposals] == list(range(1, len(proposals) + 1))
        assert "kommunstyrelsen" in proposals[0] and str(doc.period.year) in proposals[0]
        expected = 1 + len(e.budget_adjustments) + len(e.fund_applications) + (1 if e.gross_changes else 0)
        assert len(proposals) == expected
        if e.gross_changes:
            assert proposals[-1].endswith(
                f"omslutningar om {format_number(e.gross_changes_total.costs, 1, 'mnkr')}."
            )
        for adjustment in e.budget_adjustments:
            assert any(
                format_number(adjustment.amount, 1, "mnkr") in p and adjustment.purpose in p
                for p in proposals
            )
        assert doc.organisation.name in doc.report.title
        assert doc.report.report_date <= doc.report.meeting_date
        assert "## " in doc.summary and doc.attachments


def walk(value, path="doc"):
    if isinstance(value, float):
        raise AssertionError(f"float at {path}")
    if dataclasses.is_dataclass(value):
        for field in dataclasses.fields(value):
            walk(getattr(value, field.name), f"{path}.{field.name}")
    elif isinstance(value, tuple | list):
        for index, item in enumerate(value):
            walk(item, f"{path}[{index}]")


def test_there_is_no_float_anywhere(docs):
    for doc in docs:
        walk(doc)


def test_every_document_survives_the_exchange_round_trip_and_validates(docs):
    for doc in docs:
        assert from_dict(to_dict(doc)) == doc  # from_dict validates against the schema first


def test_indicator_names_and_activities_are_unique_within_a_document(docs):
    for doc in docs:
        names = [indicator.name for _, indicator in doc.all_indicators()]
        assert len(names) == len(set(names))
        activities = [(goal.number, activity.title) for goal, activity in doc.all_activities()]
        assert len(activities) == len(set(activities))


def test_years_with_a_gap_start_afresh_and_years_come_in_order():
    docs = generate_demo(seed=3, committees=2, years=(2026, 2024))
    assert [(doc.period.year, doc.period.kind) for doc in docs[::2]] == [
        (2024, "T1"),
        (2024, "T2"),
        (2024, "AR"),
        (2026, "T1"),
        (2026, "T2"),
        (2026, "AR"),
    ]


def texts_of(doc: FollowUp) -> list[str]:
    """Every text a reader finds in a demo report: summary, analyses, descriptions, economy."""
    found = [doc.summary]
    for goal in doc.all_goals():
        found += [goal.assessment.analysis, goal.description, *goal.expected_results]
        found += [indicator.analysis for indicator in goal.indicators]
        found += [text for activity in goal.activities for text in (activity.analysis, activity.deviation)]
    found += [text for _, text in doc.economy.texts]
    return found


def sentences_of(doc: FollowUp) -> Counter[str]:
    found: Counter[str] = Counter()
    for text in texts_of(doc):
        for line in text.split("\n"):
            if line.startswith(("## ", "{{")):
                continue
            found.update(part for part in re.split(r"(?<=[.!?])\s+", line.strip()) if part)
    return found


def test_no_sentence_repeats_more_than_twice_in_a_report(docs):
    for doc in docs:
        sentences = sentences_of(doc)
        repeated = [(count, sentence) for sentence, count in sentences.items() if count > 2]
        assert not repeated, f"{doc.organisation.code} {doc.period.key}: {sorted(repeated, reverse=True)[:3]}"
        assert len(sentences) > 300


def test_no_paragraph_repeats_a_phrase(docs):
    for doc in docs[:13]:
        for text in texts_of(doc):
            for paragraph in text.split("\n\n"):
                words = paragraph.split()
                phrases = Counter(" ".join(words[i : i + 4]) for i in range(len(words) - 3))
                worst = max(phrases.values(), default=0)
                assert worst <= 2, (doc.organisation.code, phrases.most_common(1))


def printed_figures(indicator) -> set[str]:
    values = (indicator.outcome, indicator.forecast, indicator.previous_annual)
    found = {format_number(v, indicator.decimals, indicator.unit) for v in values if v is not None}
    target = re.match(r"^-?\d+(\.\d+)?$", indicator.target or "")
    if target:
        found.add(format_number(Decimal(indicator.target), indicator.decimals, indicator.unit))
    return found


def test_analyses_cite_the_reports_own_figures(docs):
    for doc in docs[:13] + docs[-13:]:
        cited = 0
        goals = [g for g in doc.all_goals() if g.level != "aim"]
        for goal in goals:
            figures = set().union(*(printed_figures(i) for g in goal.walk() for i in g.indicators))
            if figures:
                assert any(figure in goal.assessment.analysis for figure in figures), (
                    goal.number,
                    doc.period,
                )
                cited += 1
        assert cited >= len(goals) // 2
        net = doc.economy.operating_summary[0].budget
        assert format_number(net, 1, "mnkr") in doc.summary
        operating = dict(doc.economy.texts)["operating_budget"]
        for row in doc.economy.operating_budget:
            if row.deviation:
                assert format_number(abs(row.deviation), 1, "mnkr") in operating
