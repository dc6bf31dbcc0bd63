"""The web forms' text fields take any text a person can type and drop what nobody types."""

from __future__ import annotations

import pytest
from django import forms
from hypothesis import given
from hypothesis import strategies as st

from styrkort.web import forms as web_forms
from styrkort.web.forms import PlainTextField, TextField


def _text_fields():
    """Every text field of every form in web/forms.py, as (form name, field name, field)."""
    for name, form in vars(web_forms).items():
        if isinstance(form, type) and issubclass(form, forms.BaseForm):
            for field_name, field in form.base_fields.items():
                if type(field) is forms.CharField or isinstance(field, PlainTextField):
                    yield name, field_name, field


def test_every_text_field_of_the_forms_cleans_what_is_typed():
    found = list(_text_fields())
    assert found
    assert [(form, name) for form, name, field in found if not isinstance(field, PlainTextField)] == []


def test_long_text_keeps_what_was_typed_without_control_characters():
    field = TextField()
    assert (
        field.clean("Analys\x07 med\x00 emoji 😀\r\noch 中文\uffff\ud800") == "Analys med emoji 😀\noch 中文"
    )


def test_short_text_drops_control_characters_and_the_spaces_they_hid():
    assert PlainTextField().clean("\x1bKompetens\x7fmedel \x0c") == "Kompetensmedel"


def test_a_text_of_nothing_but_control_characters_counts_as_empty():
    with pytest.raises(forms.ValidationError):
        PlainTextField().clean("\x00\x07\uffff")


@given(st.text(alphabet=st.characters(codec=None)))
def test_nothing_a_browser_can_send_reaches_storage_with_a_control_character(text):
    for field in (TextField(), PlainTextField(required=False)):
        cleaned = field.clean(text)
        assert all(c in "\t\n" or not (ord(c) < 32 or 0x7F <= ord(c) <= 0x9F) for c in cleaned)
        assert "\uffff" not in cleaned and "\ufffe" not in cleaned
        cleaned.encode("utf-8")
