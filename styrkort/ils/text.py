"""Prose of ILS report text → blocks → the Markdown subset of the follow-up document.

Conventions, stated once:
- Each non-blank line of extracted prose is a paragraph, a bullet ("- …") or a sub-heading.
- A page break splits a paragraph: a line not ending in . ! ? : whose next non-blank line
  starts in lower case is joined to it with one space; a line ending in a dash right after a
  character ("1–", "Hässelby-") is joined to the next without a space.
- A sub-heading is a short line (at most ``HEADING_MAX`` characters) without closing
  punctuation, not starting in lower case, standing alone between blank lines; it becomes
  ``## …``.
- ``<i>…</i>`` becomes ``*…*``; ``**`` artefacts are removed; runs of spaces collapse.
- Markdown: blocks separated by a blank line, consecutive bullets by a single newline.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

from styrkort.ils.lines import Line

HEADING_MAX = 120
_BULLET = re.compile(r"^[-•]\s+")
_DASH_END = re.compile(r"\S[-\u2013]$")


@dataclass(frozen=True)
class Block:
    """A paragraph, bullet or sub-heading; ``first``/``last`` are its input line numbers."""

    first: int
    last: int
    text: str
    kind: Literal["heading", "paragraph", "bullet"] = "paragraph"
    alone_before: bool = True
    alone_after: bool = True


def to_markdown_inline(text: str) -> str:
    """Inline clean-up of one block: emphasis tags to ``*``, artefacts removed, spaces collapsed."""
    text = text.replace("**", "").replace("<i>", "*").replace("</i>", "*")
    return " ".join(text.split())


def _joins(previous: str, following: str) -> str | None:
    """The separator joining two lines split by a page break, or None when they stay apart."""
    if _BULLET.match(following):
        return None
    if _DASH_END.search(previous) and following[:1].isalnum():
        return ""
    if previous[-1:] not in ".!?:" and following[:1].islower():
        return " "
    return None


def _kind(block: Block) -> Literal["heading", "paragraph", "bullet"]:
    text = block.text
    if _BULLET.match(text):
        return "bullet"
    if (
        block.alone_before
        and block.alone_after
        and len(text) <= HEADING_MAX
        and text[-1:] not in ".!?:,;"
        and not text[:1].islower()
        and any(character.isalpha() for character in text)
    ):
        return "heading"
    return "paragraph"


def build_blocks(lines: Sequence[Line]) -> list[Block]:
    """The prose blocks of a run of lines (blank lines included), page-break splits joined."""
    raw: list[Block] = []
    for index, line in enumerate(lines):
        if line.blank:
            continue
        before = index == 0 or lines[index - 1].blank
        after = index == len(lines) - 1 or lines[index + 1].blank
        text = to_markdown_inline(line.text.replace("\t", " "))
        raw.append(Block(line.number, line.number, text, "paragraph", before, after))
    joined: list[Block] = []
    for block in raw:
        separator = _joins(joined[-1].text, block.text) if joined else None
        if separator is None:
            joined.append(block)
            continue
        previous = joined[-1]
        joined[-1] = replace(
            previous,
            last=block.last,
            text=previous.text + separator + block.text,
            alone_after=block.alone_after,
        )
    return [replace(block, kind=_kind(block)) for block in joined]


def render(blocks: Sequence[Block]) -> str:
    """Blocks as Markdown (see module docstring)."""
    parts: list[str] = []
    previous: Block | None = None
    for block in blocks:
        if block.kind == "heading":
            text = "## " + block.text
        elif block.kind == "bullet":
            text = "- " + _BULLET.sub("", block.text)
        else:
            text = block.text
        if parts:
            parts.append(
                "\n" if block.kind == "bullet" and previous and previous.kind == "bullet" else "\n\n"
            )
        parts.append(text)
        previous = block
    return "".join(parts)


def markdown(lines: Sequence[Line]) -> str:
    """A run of prose lines as Markdown."""
    return render(build_blocks(lines))


def bullet_text(block: Block) -> str:
    """A bullet's text without its dash."""
    return _BULLET.sub("", block.text).strip()
