"""Parse the report's small Markdown subset into ``Block`` values.

The subset (see ``styrkort.domain.document``): blank-line separated paragraphs, ``## ``
sub-headings, ``- `` bullets, ``*emphasis*``, and in economy commentary a line
``{{table:NAME}}`` marking where a table stands (elsewhere such a line is text like any other).
Anything else is kept as literal text.
"""

from __future__ import annotations

import re

from styrkort.reports.data import Block, Span

TABLE_MARKER = re.compile(r"^\{\{table:([A-Za-z0-9_:.\- åäöÅÄÖ]+)\}\}$")
_EMPHASIS = re.compile(r"\*([^*\n]+)\*")


def parse_spans(text: str) -> tuple[Span, ...]:
    """Split a line of text into plain and emphasised spans."""
    spans: list[Span] = []
    position = 0
    for match in _EMPHASIS.finditer(text):
        if match.start() > position:
            spans.append(Span(text[position : match.start()]))
        spans.append(Span(match.group(1), emphasis=True))
        position = match.end()
    if position < len(text):
        spans.append(Span(text[position:]))
    return tuple(spans)


def parse_blocks(text: str, markers: bool = False) -> tuple[Block, ...]:
    """Blocks of a long text in order.

    With ``markers`` (economy commentary only), a table marker becomes ``Block("table")``
    without a table, which the caller (``build``) replaces with the table it names.
    """
    blocks: list[Block] = []
    paragraph: list[str] = []
    bullets: list[tuple[Span, ...]] = []

    def flush() -> None:
        if paragraph:
            blocks.append(Block("paragraph", spans=parse_spans(" ".join(paragraph))))
            paragraph.clear()
        if bullets:
            blocks.append(Block("bullets", items=tuple(bullets)))
            bullets.clear()

    for raw in text.splitlines():
        line = raw.strip()
        marker = TABLE_MARKER.match(line) if markers else None
        if not line:
            flush()
        elif marker:
            flush()
            blocks.append(Block("table", spans=(Span(marker.group(1).strip()),)))
        elif line.startswith("## "):
            flush()
            blocks.append(Block("heading", spans=parse_spans(line[3:].strip())))
        elif line.startswith("- "):
            if paragraph:
                flush()
            bullets.append(parse_spans(line[2:].strip()))
        else:
            if bullets:
                flush()
            paragraph.append(line)
    flush()
    return tuple(blocks)
