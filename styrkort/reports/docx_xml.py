"""WordprocessingML pieces as text: runs, paragraphs and the cleaning of what goes into them.

The Word document is written as XML text with style ids (see ``docx.py`` for why). Everything
a user typed passes ``clean`` on its way in: characters XML 1.0 forbids (control characters,
lone surrogates, U+FFFE/U+FFFF) are dropped, since no Word document can hold them. In a
run, a line break becomes ``w:br``, a tab ``w:tab`` and a soft hyphen (U+00AD) Word's
optional hyphen ``w:softHyphen``, so that no text is lost and nothing breaks the markup.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape, quoteattr

from styrkort.reports.data import Span

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
SPECIAL = re.compile("(\r\n|[\n\r\t\u00ad])")
PIECES = {"\n": "<w:br/>", "\r\n": "<w:br/>", "\r": "<w:br/>", "\t": "<w:tab/>", "\u00ad": "<w:softHyphen/>"}


def clean(text: str) -> str:
    """The text without the characters an XML document cannot contain."""
    return NOT_XML.sub("", text)


def attribute(text: str) -> str:
    """A quoted attribute value (alternative texts, captions): cleaned and escaped."""
    return quoteattr(clean(text), {"\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})


def rpr(bold: bool = False, italic: bool = False, size: int | None = None, colour: str | None = None) -> str:
    """Run properties in the schema's order; ``size`` in half-points."""
    inner = "<w:b/><w:bCs/>" if bold else ""
    inner += "<w:i/><w:iCs/>" if italic else ""
    inner += f'<w:color w:val="{colour}"/>' if colour else ""
    inner += f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>' if size else ""
    return f"<w:rPr>{inner}</w:rPr>" if inner else ""


def run(
    text: str, bold: bool = False, italic: bool = False, size: int | None = None, colour: str | None = None
) -> str:
    """A run of text; line breaks, tabs and soft hyphens become their own elements."""
    content = []
    for piece in SPECIAL.split(clean(text)):
        if piece in PIECES:
            content.append(PIECES[piece])
        elif piece:
            content.append(f'<w:t xml:space="preserve">{escape(piece)}</w:t>')
    return f"<w:r>{rpr(bold, italic, size, colour)}{''.join(content)}</w:r>" if content else ""


def runs(spans: tuple[Span, ...], bold: bool = False, size: int | None = None) -> str:
    """Spans of text, emphasis as italic."""
    return "".join(run(s.text, bold=bold, italic=s.emphasis, size=size) for s in spans)


def paragraph(
    content: str,
    style: str | None = None,
    align: str | None = None,
    keep_next: bool = False,
    page_break: bool = False,
    indent: int = 0,
    space_before: int | None = None,
    size: int | None = None,
) -> str:
    """A paragraph; ``indent`` and ``space_before`` in twips, ``size`` (half-points) that of
    its mark, which sets the height of an empty one (an empty table cell)."""
    properties = f'<w:pStyle w:val="{style}"/>' if style else ""
    properties += "<w:keepNext/>" if keep_next else ""
    properties += "<w:pageBreakBefore/>" if page_break else ""
    properties += f'<w:spacing w:before="{space_before}"/>' if space_before is not None else ""
    properties += f'<w:ind w:left="{indent}"/>' if indent else ""
    properties += f'<w:jc w:val="{align}"/>' if align else ""
    properties += rpr(size=size) if size else ""
    return f"<w:p>{f'<w:pPr>{properties}</w:pPr>' if properties else ''}{content}</w:p>"


def field(instruction: str, result: str, size: int | None = None) -> str:
    """A field Word computes (PAGE, NUMPAGES, SEQ), with the result shown until it does."""
    return (
        f'<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> {instruction} </w:instrText></w:r>'
        f'<w:r><w:fldChar w:fldCharType="separate"/></w:r>{run(result, size=size)}'
        f'<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )
