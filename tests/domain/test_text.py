"""Text a person can type: what no one means to type is removed, everything else kept."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from styrkort.domain.text import clean_text


def _unwanted(character: str) -> bool:
    code = ord(character)
    return (
        (unicodedata.category(character) == "Cc" and character not in "\t\n")
        or 0xD800 <= code <= 0xDFFF
        or 0xFDD0 <= code <= 0xFDEF
        or code & 0xFFFE == 0xFFFE
    )


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("Analys\x07 av\x00 målet", "Analys av målet"),
        ("före\uffffefter\ufffe", "föreefter"),
        ("lone \ud800 surrogate \udfff", "lone  surrogate "),
        ("rad ett\r\nrad två\rrad tre\u2028rad fyra\u2029slut", "rad ett\nrad två\nrad tre\nrad fyra\nslut"),
        ("tab\tkvar\nrad", "tab\tkvar\nrad"),
        ("C1 \x85\x9f tecken\x7f", "C1  tecken"),
        ("\U0010ffff\U0001fffe", ""),
        ("Emoji 😀, kinesiska 中文, arabiska العربية, 2\u202f471\u00a0kr, a\u200db", None),
    ],
)
def test_it_removes_what_no_one_types_and_keeps_the_rest(typed, kept):
    assert clean_text(typed) == (typed if kept is None else kept)


@given(st.text(alphabet=st.characters(codec=None, exclude_categories=())))
def test_nothing_unwanted_survives_and_the_result_is_utf8_and_stable(text):
    cleaned = clean_text(text)
    assert not any(_unwanted(character) for character in cleaned)
    assert "\r" not in cleaned
    cleaned.encode("utf-8")  # a lone surrogate would raise
    assert clean_text(cleaned) == cleaned


@given(st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Cn", "Zl", "Zp"))))
def test_text_without_anything_unwanted_is_kept_exactly(text):
    assert clean_text(text) == text
