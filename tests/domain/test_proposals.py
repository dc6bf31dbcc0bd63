"""Decision proposals: generated from the data, and edited texts compared with the tables."""

from decimal import Decimal

import pytest

from styrkort.domain.document import (
    BudgetAdjustment,
    DecisionProposal,
    Economy,
    FollowUp,
    FundApplication,
    Goal,
    GrossChangeRow,
    Indicator,
    Organisation,
    PeriodRef,
)
from styrkort.domain.proposals import (
    check_proposals,
    describe_indicator,
    find_target_changes,
    generate_proposals,
)

D = Decimal
NAME = "Antal ungdomar som fått feriejobb i stadens regi"


def report(target="1315", proposals=(), kind="T1", **economy) -> FollowUp:
    goal = Goal(
        "3.2",
        "area_goal",
        "Jobb",
        indicators=(
            Indicator(NAME, unit="st", target=target),
            Indicator("Antal tillhandahållna platser för feriejobb", unit="st", target="1320"),
        ),
    )
    defaults = {
        "budget_adjustments": (
            BudgetAdjustment("investment", "trygghetsinvestering, stärkt trygghet", D("0.9")),
        ),
        "fund_applications": (
            FundApplication("kompetensutvecklingsmedel", "stödassistent LSS", D("498276")),
        ),
        "gross_changes_total": GrossChangeRow("Summa", D("24.9"), D("-24.9")),
    }
    defaults.update(economy)
    return FollowUp(
        Organisation("hv", "Hässelby-Vällingby stadsdelsnämnd"),
        PeriodRef(2026, kind),
        decision_proposals=tuple(DecisionProposal(number, text) for number, text in enumerate(proposals, 1)),
        goals=(goal,),
        economy=Economy(**defaults),
    )


def test_it_generates_proposals_in_the_wording_of_the_decision_page():
    texts = [proposal.text for proposal in generate_proposals(report("1315"), report("1300"))]
    assert texts == [
        "Stadsdelsnämnden godkänner tertialrapport 1 för år 2026 enligt förvaltningens förslag och "
        "överlämnar den till kommunstyrelsen.",
        "Stadsdelsnämnden justerar årsmålet för antalet ungdomar som fått feriejobb i stadens regi från "
        "1\u202f300 till 1\u202f315.",
        "Stadsdelsnämnden ansöker om budgetjustering om 0,9 mnkr trygghetsinvestering, stärkt trygghet.",
        "Stadsdelsnämnden ansöker om kompetensutvecklingsmedel, stödassistent LSS, 498\u202f276 kr.",
        "Stadsdelsnämnden anmäler omslutningar om 24,9 mnkr.",
    ]
    assert [proposal.number for proposal in generate_proposals(report())] == [1, 2, 3, 4]


def test_generated_proposals_pass_the_check():
    current, previous = report("1315"), report("1300")
    proposed = FollowUp(
        current.organisation, current.period, decision_proposals=generate_proposals(current, previous),
        goals=current.goals, economy=current.economy,
    )  # fmt: skip
    assert check_proposals(proposed, previous) == []


def test_it_finds_target_changes_by_indicator_name():
    (change,) = find_target_changes(report("1300"), report("1315"))
    assert (change.goal_number, change.indicator, change.old, change.new) == ("3.2", NAME, "1300", "1315")
    assert find_target_changes(report("1300"), report("1300.0")) == ()


@pytest.mark.parametrize(
    ("name", "phrase"),
    [(NAME, "antalet ungdomar som fått feriejobb i stadens regi"), ("Andel nöjda", "andelen nöjda"),
     ("Sjukfrånvaro", "indikatorn ”Sjukfrånvaro”")],
)  # fmt: skip
def test_it_describes_an_indicator_inside_a_sentence(name, phrase):
    assert describe_indicator(name) == phrase


ALL_GOOD = [
    "Stadsdelsnämnden godkänner tertialrapport 1 för år 2026.",
    "Stadsdelsnämnden justerar årsmålet för antalet ungdomar som fått feriejobb i stadens regi från 1 300 till 1 315.",
    "Stadsdelsnämnden ansöker om budgetjustering om 0,9 mnkr trygghetsinvestering.",
    "Stadsdelsnämnden ansöker om kompetensutvecklingsmedel, stödassistent LSS, 498 276 kr.",
    "Stadsdelsnämnden anmäler omslutningar om 24,9 mnkr.",
]


def edit(index, text):
    texts = list(ALL_GOOD)
    if text is None:
        del texts[index]
    else:
        texts[index] = text
    return texts


@pytest.mark.parametrize(
    ("texts", "previous_target", "expected"),
    [
        (ALL_GOOD, "1300", []),
        (ALL_GOOD, None, []),
        (edit(1, ALL_GOOD[1].replace("till 1 315", "till 1 320")), None, [("error", "proposal_target", D(1315), D(1320))]),
        (ALL_GOOD, "1290", [("error", "proposal_target", D(1290), D(1300))]),
        (edit(1, "Stadsdelsnämnden justerar årsmålet för antalet besökare från 1 till 2."), None, [("warning", "proposal_target", None, None)]),
        (edit(2, ALL_GOOD[2].replace("0,9", "1,9")), None, [("error", "proposal_amount", D("0.9"), D("1.9")), ("warning", "proposal_missing", D("0.9"), None)]),
        (edit(3, ALL_GOOD[3].replace("498 276", "498 267")), None, [("error", "proposal_amount", D(498276), D(498267)), ("warning", "proposal_missing", D(498276), None)]),
        (edit(4, ALL_GOOD[4].replace("24,9", "24,7")), None, [("error", "proposal_amount", D("24.9"), D("24.7"))]),
        (edit(4, None), None, [("warning", "proposal_missing", D("24.9"), None)]),
        (edit(0, None), None, [("warning", "proposal_missing", None, None)]),
        (edit(1, None), "1300", [("warning", "proposal_missing", None, None)]),
    ],
)  # fmt: skip
def test_it_compares_edited_proposals_with_the_tables(texts, previous_target, expected):
    previous = report(previous_target) if previous_target else None
    findings = check_proposals(report("1315", texts), previous)
    assert [(f.severity, f.rule, f.expected, f.found) for f in findings] == expected


def test_a_wrong_target_names_the_indicator_that_has_it():
    texts = edit(1, ALL_GOOD[1].replace("till 1 315", "till 1 320"))
    (finding,) = check_proposals(report("1315", texts))
    assert "”Antal tillhandahållna platser för feriejobb”" in finding.message
    assert finding.where == "Förslag till beslut › punkt 2"
