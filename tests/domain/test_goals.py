"""Assessment suggestions: what indicators and sub-goals suggest, and a person's word wins."""

from decimal import Decimal

import pytest

from styrkort.domain.document import Assessment, Goal, Indicator
from styrkort.domain.goals import AssessmentRule, combine_bases, suggest_assessments

D = Decimal


def met(name="A") -> Indicator:
    return Indicator(name=name, forecast=D(10), target="10", direction="higher")


def missed(name="B") -> Indicator:
    return Indicator(name=name, forecast=D(1), target="10", direction="higher")


def empty(name="C") -> Indicator:
    return Indicator(name=name, frequency="annual", target="10")


@pytest.mark.parametrize(
    ("grades", "status"),
    [
        ([], "not_assessed"),
        (["met"], "met"),
        (["met", "partly_met"], "partly_met"),
        (["met", "not_met"], "partly_met"),
        (["met", "not_met", "not_met"], "not_met"),
        (["not_met"], "not_met"),
    ],
)
def test_the_default_rule_combines_bases(grades, status):
    assert combine_bases(grades, AssessmentRule()) == status


def test_a_lenient_rule_is_configuration():
    assert combine_bases(["met", "met", "met", "partly_met"], AssessmentRule(met_share=D("0.75"))) == "met"


def test_it_says_what_the_suggestion_rests_on():
    child = Goal("1.1.1", "committee_goal", "Nämndmål", assessment=Assessment("met"))
    goal = Goal(
        "1.1",
        "area_goal",
        "Mål",
        assessment=Assessment("met"),
        indicators=(met("A"), met("B"), met("C"), met("D"), empty("E")),
        children=(child,),
    )
    suggestion = suggest_assessments((goal,))[0]
    assert suggestion.status == "met"
    assert (
        suggestion.reason
        == "4 av 5 indikatorer uppfylls, 1 saknar prognos och utfall; nämndmål 1.1.1 uppfylls helt"
    )
    assert not suggestion.differs


def test_a_persons_assessment_wins_but_a_difference_is_shown():
    goal = Goal("3.4", "area_goal", "Mål", assessment=Assessment("met"), indicators=(met(), missed()))
    suggestion = suggest_assessments((goal,))[0]
    assert (suggestion.assessed, suggestion.status) == ("met", "partly_met")
    assert suggestion.differs and not suggestion.contradicts


def test_an_opposite_assessment_is_a_contradiction():
    goal = Goal(
        "2.1", "area_goal", "Mål", assessment=Assessment("met"), indicators=(missed("X"), missed("Y"))
    )
    assert suggest_assessments((goal,))[0].contradicts


def test_unassessed_sub_goals_count_with_their_suggestion():
    child = Goal("1.1.1", "committee_goal", "N", indicators=(missed(),))
    top = Goal("1", "aim", "I", children=(Goal("1.1", "area_goal", "V", children=(child,)),))
    suggestions = suggest_assessments((top,))
    assert [s.goal_number for s in suggestions] == ["1", "1.1", "1.1.1"]
    assert [s.status for s in suggestions] == ["not_met", "not_met", "not_met"]
    assert "(förslag)" in suggestions[0].reason


def test_no_bases_gives_no_suggestion():
    suggestion = suggest_assessments((Goal("9", "aim", "T", indicators=(empty(),)),))[0]
    assert suggestion.status == "not_assessed"
