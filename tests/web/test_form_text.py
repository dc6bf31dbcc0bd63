"""The web forms' text fields take any text a person can type and drop what nobody types."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from styrkort.web.forms import AssessmentForm, FundApplicationForm, MeasurementForm, ProposalForm


def test_long_text_keeps_what_was_typed_without_control_characters():
    form = MeasurementForm(
        {"analysis": "Analys\x07 med\x00 emoji 😀\r\noch 中文\uffff\ud800", "version": "1"}
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["analysis"] == "Analys med emoji 😀\noch 中文"


def test_short_text_fields_drop_control_characters_too():
    form = FundApplicationForm({"fund": "\x1bKompetens\x7fmedel", "purpose": "Syfte\x0c", "version": "1"})
    assert form.is_valid(), form.errors
    assert (form.cleaned_data["fund"], form.cleaned_data["purpose"]) == ("Kompetensmedel", "Syfte")


def test_a_text_of_nothing_but_control_characters_counts_as_empty():
    form = ProposalForm({"text": "\x00\x07\uffff", "version": "1"})
    assert not form.is_valid()
    assert "ett tomt förslag kan inte sparas" in str(form.errors["text"])


@given(st.text(alphabet=st.characters(codec=None)))
def test_nothing_a_browser_can_send_reaches_storage_with_a_control_character(text):
    form = AssessmentForm({"status": "met", "analysis": text, "description": text, "version": "1"})
    assert form.is_valid(), form.errors
    for name in ("analysis", "description"):
        cleaned = form.cleaned_data[name]
        assert all(c in "\t\n" or not (ord(c) < 32 or 0x7F <= ord(c) <= 0x9F) for c in cleaned)
        assert "\uffff" not in cleaned and "\ufffe" not in cleaned
        cleaned.encode("utf-8")
