"""The report's tables in the Word document: column widths from the font, rows as the PDF has them.

Column widths. ``Table.widths`` are shares; printed as they are, a narrow figure column
would break a header word mid-word ("män/pojka r"), since Word (and LibreOffice) break a
word that is wider than its cell anywhere. So every column gets at least the width of its
widest unbreakable word, measured with the report's font (Carlito, whose advance widths are
Calibri's): a column that needs more takes it from the others in proportion to their shares
(``layout``). A figure may break after "/" ("14,5 barn/" "avd."), as in the PDF. Where the
words cannot fit the page even at 7.5 pt, header words are left to the table text's automatic
hyphenation (Swedish, see ``styles.xml``), which breaks them at syllables.

Rows follow the PDF: a status on the row's first line, an analysis in a row below whose
first cell is the name cell, merged across both (the PDF's rowspan), header rows repeated
on every page, rows never split and a row kept with its analysis.
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache
from pathlib import Path

from styrkort.domain.scales import StatusLevel
from styrkort.reports.data import Block, Row, Table
from styrkort.reports.docx_xml import attribute, paragraph, run, runs

FONTS = Path(__file__).resolve().parent / "fonts"
TEXT_WIDTH = 9638  # twips: A4 less 2 cm margins
CELL_PADDING = 2 * 70 + 20  # twips: the table style's left and right cell margins, and a little air
BREAKS = re.compile(r"[ \t\n\r\u1680\u2000-\u200b\u205f\u3000]+|(?<=-)")
BODY_BREAKS = re.compile(r"[ \t\n\r\u1680\u2000-\u200b\u205f\u3000]+|(?<=[-/])")


@lru_cache(maxsize=2)
def _advances(bold: bool) -> tuple[dict[int, float], float]:
    """Advance width per code point as a fraction of the font size, and the width of a missing one."""
    from fontTools.ttLib import TTFont

    logging.getLogger("fontTools.ttLib.tables._h_e_a_d").setLevel(logging.ERROR)  # Carlito's dates
    font = TTFont(FONTS / ("Carlito-Bold.ttf" if bold else "Carlito-Regular.ttf"), lazy=True)
    units = font["head"].unitsPerEm
    metrics = font["hmtx"]
    widths = {code: metrics[glyph][0] / units for code, glyph in font.getBestCmap().items()}
    return widths, 1.0


def word_width(text: str, size: int, bold: bool, breaks: re.Pattern[str] = BREAKS) -> int:
    """The widest unbreakable part of the text in twips, at ``size`` half-points."""
    widths, missing = _advances(bold)
    words = (word for word in breaks.split(text) if word)
    widest = max((sum(widths.get(ord(c), missing) for c in word) for word in words), default=0)
    return round(widest * size * 10)  # half-points → twips: × 10


def layout(table: Table) -> tuple[int, list[int]]:
    """The text size (half-points) and column widths (twips, adding up to the text width).

    The PDF's sizes (8.5 pt, 7.5 pt from eight columns on) where every column gets its widest
    word; else 7.5 pt; else the body's words are kept whole and the header's hyphenated (Word's
    Swedish hyphenation, on for table text); else the shares as they are.
    """
    total = sum(table.widths) or 1
    shares = [TEXT_WIDTH * share / total for share in table.widths]
    sizes = (15,) if len(table.columns) >= 8 else (17, 15)
    for size in sizes:
        header, body = _needs(table, size)
        found = _fit(shares, [max(h, b) for h, b in zip(header, body, strict=True)])
        if found:
            break
    else:
        found = _fit(shares, body) or _fit(shares, header) or shares
    widths = [int(width) for width in found]
    widths[0] += TEXT_WIDTH - sum(widths)
    return size, widths


def _needs(table: Table, size: int) -> tuple[list[int], list[int]]:
    """The width each column needs for its header's widest word, and for its body's."""
    header = [word_width(column, size, bold=True) + CELL_PADDING for column in table.columns]
    body = [CELL_PADDING] * len(header)
    for row in table.rows:
        bold = row.kind in ("total", "group")
        for number, cell in enumerate(row.cells[: len(body)]):
            body[number] = max(body[number], word_width(cell, size, bold, BODY_BREAKS) + CELL_PADDING)
    return header, body


def _fit(shares: list[float], needs: list[int]) -> list[float] | None:
    """Each column at least its need, the rest shared by the shares; None where it cannot fit."""
    if sum(needs) > TEXT_WIDTH:
        return None
    fixed: dict[int, float] = {}
    while True:
        free = TEXT_WIDTH - sum(fixed.values())
        rest = [i for i in range(len(shares)) if i not in fixed]
        weight = sum(shares[i] for i in rest)
        if not rest or weight <= 0:
            # every column got its need: the space left goes to the columns by their shares
            spare = free / (sum(shares) or 1)
            return [fixed[i] + shares[i] * spare for i in range(len(shares))]
        widths = {i: free * shares[i] / weight for i in rest}
        short = [i for i in rest if widths[i] < needs[i]]
        if not short:
            return [fixed.get(i, widths.get(i, 0.0)) for i in range(len(shares))]
        for i in short:
            fixed[i] = needs[i]


def status(level: StatusLevel, size: int | None = None, basis: str = "") -> str:
    """A status as its scale shows it: the level's symbol in its colour and its words (never colour
    alone), then what it rests on where that is said."""
    dot = round((size or 21) * 1.3)  # the symbol is larger than the text, as in the PDF
    found = run(level.symbol, colour=level.colour.lstrip("#").upper(), size=dot)
    found += run(f" {level.label}", bold=True, size=size)
    if basis:
        found += "<w:r><w:br/></w:r>" + run(basis, size=size)
    return found


def table(data: Table) -> str:
    """A data table followed by an empty paragraph (two tables in a row would merge)."""
    size, widths = layout(data)
    aligns = ["right" if numeric else None for numeric in data.numeric]
    header = "".join(
        _cell(
            paragraph(run(c, bold=True, size=size), style="TableText", align=a, keep_next=True, size=size),
            w,
            head=True,
        )
        for c, w, a in zip(data.columns, widths, aligns, strict=True)
    )
    rows = [f"<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>{header}</w:tr>"]
    for row in data.rows:
        rows += _row(row, widths, aligns, size)
    return (
        "<w:tbl><w:tblPr>"
        '<w:tblStyle w:val="ReportTable"/><w:tblW w:w="5000" w:type="pct"/><w:tblLayout w:type="fixed"/>'
        '<w:tblLook w:val="0420" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>'
        f"<w:tblCaption w:val={attribute(data.caption)}/></w:tblPr>"
        f"<w:tblGrid>{''.join(_grid_column(w) for w in widths)}</w:tblGrid>"
        f"{''.join(rows)}</w:tbl>"
        + (paragraph(run(data.source, size=size), style="TableText") if data.source else "")
        + paragraph("", style="TableGap")
    )


def _grid_column(width: int) -> str:
    return f'<w:gridCol w:w="{width}"/>'


def _cell(content: str, width: int, span: int = 1, merge: str | None = None, head: bool = False) -> str:
    """A cell; a header cell is shaded and bottom-aligned here too, not only by the table style."""
    properties = f'<w:tcW w:w="{width}" w:type="dxa"/>'
    properties += f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
    properties += '<w:vMerge w:val="restart"/>' if merge == "restart" else "<w:vMerge/>" if merge else ""
    properties += (
        '<w:shd w:val="clear" w:color="auto" w:fill="E8E8E8"/><w:vAlign w:val="bottom"/>' if head else ""
    )
    return f"<w:tc><w:tcPr>{properties}</w:tcPr>{content}</w:tc>"


def _row(row: Row, widths: list[int], aligns: list[str | None], size: int) -> list[str]:
    bold = row.kind in ("total", "group")
    italic = row.kind == "sub"
    keep = bool(row.note)
    first = run(row.cells[0], bold, italic, size)
    if row.status:
        first = status(row.status, size, row.status_basis) + "<w:r><w:br/></w:r>" + first
    name = paragraph(first, style="TableText", keep_next=keep, indent=160 if italic else 0, size=size)
    cells = [_cell(name, widths[0], merge="restart" if keep else None)]
    cells += [
        _cell(paragraph(run(c, bold, italic, size), style="TableText", align=a, keep_next=keep, size=size), w)
        for c, w, a in zip(row.cells[1:], widths[1:], aligns[1:], strict=True)
    ]
    found = [f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{''.join(cells)}</w:tr>"]
    if row.note:
        note = _cell(_note(row.note, size), sum(widths[1:]), span=len(widths) - 1)
        merged = _cell(paragraph("", style="TableText", size=size), widths[0], merge="continue")
        found.append(f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{merged}{note}</w:tr>")
    return found


def _note(blocks: tuple[Block, ...], size: int) -> str:
    """An analysis as the PDF prints it: "Analys" in bold on its own line, then its text."""
    found = [paragraph(run("Analys", bold=True, size=size), style="TableText")]
    for block in blocks:
        if block.kind in ("paragraph", "heading"):
            text = runs(block.spans, bold=block.kind == "heading", size=size)
            found.append(paragraph(text, style="TableText", space_before=80 if len(found) > 1 else None))
        elif block.kind == "bullets":
            found += [paragraph(runs(item, size=size), style="TableBullet") for item in block.items]
    return "".join(found)
