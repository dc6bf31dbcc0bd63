"""A comment's text as shown: any text is escaped; only saved mentions are marked (hypothesis)."""

from __future__ import annotations

import html
import re
from types import SimpleNamespace

from hypothesis import given
from hypothesis import strategies as st

from styrkort.workspace.comments import mentioned_names
from styrkort.workspace.templatetags.workspace import comment_text

NAMES = st.sampled_from(["anna", "rut", "Dag", "x.y", "a+b"])


class Mentions:
    def __init__(self, names):
        self.users = [SimpleNamespace(username=name) for name in names]

    def all(self):
        return self.users


def shown(text: str, names: list[str]) -> str:
    return str(comment_text(SimpleNamespace(text=text, mentions=Mentions(names))))


@given(
    st.text(max_size=300) | st.from_regex(r"[<>&\"' @a-z\n]{0,60}", fullmatch=True),
    st.lists(NAMES, max_size=3),
)
def test_any_text_is_shown_escaped_and_whole(text, names):
    page = shown(text, names)
    # Only the tags the filter writes: paragraphs, line breaks and marked mentions.
    assert set(re.findall(r"<(/?[^ >]*)", page)) <= {"p", "/p", "br", "strong", "/strong"}
    # What is read is exactly what was typed (line breaks become paragraphs and <br>).
    visible = html.unescape(re.sub(r"<[^>]+>", "", page)).replace("\n", "")
    typed = text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "")
    assert visible == typed


@given(st.lists(NAMES, min_size=1, max_size=4), st.sampled_from([" ", ", ", "\n", " (", " och "]))
def test_mentions_are_found_in_any_order_once(names, separator):
    text = separator.join(f"@{name}" for name in names) + "."
    assert mentioned_names(text) == list(dict.fromkeys(names))


def test_only_saved_mentions_are_marked():
    page = shown("@anna och @rut <b>", ["anna"])
    assert '<strong class="mention">@anna</strong>' in page and "@rut" in page and "&lt;b&gt;" in page
    assert '<strong class="mention">@rut' not in page
