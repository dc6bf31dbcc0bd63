"""Hypothesis strategies shared by the renderer tests (PDF, HTML, DOCX): any text a person can type.

``typed_text()`` draws text from all of Unicode (control characters, noncharacters, private
use, emoji sequences, right-to-left and combining marks included) mixed with strings known to
have broken a renderer. ``with_text(followup, text)`` puts that text into every free-text field
of a follow-up (names, titles, numbers of goals, analyses, targets, economy commentary…), so
one example tries every place a person types into.
"""

from __future__ import annotations

import dataclasses
import typing
from functools import cache

from hypothesis import strategies as st

from styrkort.domain import document as d

HOSTILE = (
    "😀",
    "👩‍👩‍👧 ✈️ 🇸🇪",
    "漢字テスト 한국어",
    "שלום עולם مرحبا بالعالم",
    "नमस्ते ภาษาไทย",
    "a\x07b",
    "\uffff\ufffe",
    "\ue000 \U000f0000",
    "e\u0301\u0301\u0301\u20dd",
    "{{table:Driftbudget}}",
    "rad ett\n{{table:operating_budget}}\n## rubrik\n- punkt *betoning",
    "1 315 barn och 382 976 kr.",
    "\u202eomvänd\u202c \u200b\u200d\ufeff",
    "<script>alert(1)</script> & \" ' #let x = 1 $ [ ] \\",
    "",
)
# Fields that are identifiers, not text a person types into a report.
NOT_TEXT = {("Organisation", "code"), ("PeriodRef", "kind"), ("Indicator", "kolada_id")}


def typed_text(max_size: int = 30) -> st.SearchStrategy[str]:
    """Text as a person might type or paste it, hostile strings included."""
    anything = st.text(st.characters(exclude_categories=("Cs",)), max_size=max_size)
    return st.one_of(
        anything, st.sampled_from(HOSTILE), st.lists(st.sampled_from(HOSTILE), max_size=3).map(" ".join)
    )


def with_text(value: typing.Any, text: str) -> typing.Any:
    """A copy of a FollowUp (or any part of one) with ``text`` in every free-text field."""
    if isinstance(value, tuple):
        return tuple(with_text(item, text) for item in value)
    if not dataclasses.is_dataclass(value) or isinstance(value, type):
        return value
    changes = {}
    for name, kind in _text_fields(type(value)).items():
        current = getattr(value, name)
        if kind == "str" or kind == "optional" and current is not None:
            changes[name] = text
        elif kind == "strings":
            changes[name] = tuple(text for _ in current)
        elif kind == "texts":  # Economy.texts: (section, text) pairs keep their section
            changes[name] = tuple((section, text) for section, _ in current)
    for item in dataclasses.fields(value):
        if item.name not in changes:
            changes[item.name] = with_text(getattr(value, item.name), text)
    return dataclasses.replace(value, **changes)


@cache
def _text_fields(cls: type) -> dict[str, str]:
    hints = typing.get_type_hints(cls, vars(d))
    found = {}
    for item in dataclasses.fields(cls):
        hint = hints[item.name]
        if (cls.__name__, item.name) in NOT_TEXT:
            continue
        if hint is str:
            found[item.name] = "str"
        elif hint == str | None:
            found[item.name] = "optional"
        elif hint == tuple[str, ...]:
            found[item.name] = "strings"
        elif hint == tuple[tuple[str, str], ...]:
            found[item.name] = "texts"
    return found
