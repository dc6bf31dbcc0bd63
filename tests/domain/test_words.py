"""Swedish words around counts and quotes, and the committee's own kind in generated text."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from styrkort.domain.document import FollowUp, Organisation, PeriodRef
from styrkort.domain.proposals import generate_proposals, name_committee
from styrkort.domain.words import count_words, describe_saved


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (0, "0 indikatorer"),
        (1, "1 indikator"),
        (2, "2 indikatorer"),
        (1234, "1\u202f234 indikatorer"),
        (-1, "-1 indikatorer"),
    ],
)
def test_a_count_takes_the_singular_only_for_exactly_one(count, expected):
    assert count_words(count, "indikator", "indikatorer") == expected


@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_every_count_reads_as_its_figure_and_the_right_noun(count):
    text = count_words(count, "rad", "rader")
    figure, noun = text.rsplit(" ", 1)
    assert noun == ("rad" if count == 1 else "rader")
    assert int(figure.replace("\u202f", "")) == count
    assert "." not in figure and "," not in figure  # no decimals, no English thousands


@given(st.integers(min_value=0, max_value=10**6))
def test_the_save_message_agrees_in_number(count):
    message = describe_saved(count, "rad", "rader")
    if count == 0:
        assert message == "Inget var ändrat."
    elif count == 1:
        assert message == "Sparat: 1 rad ändrad."
    else:
        assert message.startswith("Sparat: ") and message.endswith(" rader ändrade.")


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Norra stadsdelsnämnden", "Stadsdelsnämnden"),
        ("Åsby stadsdelsnämnd", "Stadsdelsnämnden"),
        ("Hässelby-Vällingby stadsdelsnämnd", "Stadsdelsnämnden"),
        ("Kulturnämnden", "Kulturnämnden"),
        ("Förskolenämnd", "Förskolenämnden"),
        ("Kommunstyrelsen", "Kommunstyrelsen"),
        ("Nämnd sdn-test", "Nämnden"),
        ("", "Nämnden"),
    ],
)
def test_generated_text_names_the_committees_own_kind(name, kind):
    followup = FollowUp(Organisation("x", name), PeriodRef(2026, "T1"))
    assert name_committee(followup) == kind


def test_a_district_committees_approval_proposal_starts_with_its_kind():
    followup = FollowUp(Organisation("sdn-norra", "Norra stadsdelsnämnden"), PeriodRef(2026, "T1"))
    first = generate_proposals(followup, dataclasses.replace(followup))[0].text
    assert first.startswith("Stadsdelsnämnden godkänner ")
