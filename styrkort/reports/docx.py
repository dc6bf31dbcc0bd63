"""Render ReportData as an editable Word document (python-docx, A4, Swedish).

Word's own machinery does the work where it can: headings use the built-in "Heading 1–6"
styles (so the navigation pane and Word's table of contents work), the table of contents
is a TOC field that Word fills in when the document is opened (``updateFields``), and the
footer's "Sida X (Y)" are PAGE and NUMPAGES fields. Tables are real tables with a repeating
header row (``tblHeader``), rows that never split (``cantSplit``) and an analysis row kept
with its row (``keepNext``).

Why WordprocessingML is written as text: python-docx's object API looks every style up by
name and rebuilds cell grids on each access, which made a report of the example's size take
seconds. Building the body as one XML string with style *ids* and parsing it once takes a
fraction of that, and stays readable. Charts are not embedded (Word takes no SVG here); the
indicator and budget tables carry the same figures.
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from docx import Document
from docx.oxml import parse_xml
from docx.shared import Mm

from styrkort.domain.scales import StatusLevel
from styrkort.reports.data import Block, ReportData, Row, Span, Table

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
TEXT_WIDTH = 9638  # twips: A4 less 2 cm margins


def render_docx(report: ReportData) -> bytes:
    """The report as DOCX bytes."""
    document = Document()
    _set_up(document, report)
    parts: list[str] = []
    _decision_page(parts, report)
    _toc(parts)
    _section(
        parts,
        report.summary.heading.level,
        report.summary.heading.text,
        report.summary.blocks,
        page_break=True,
    )
    parts.append(_heading(report.goals_heading.level, report.goals_heading.text, page_break=True))
    parts.append(_heading(report.overview_heading.level, report.overview_heading.text))
    parts.append(_overview(report))
    for goal in report.goals:
        parts.append(_heading(goal.heading.level, goal.heading.text, page_break=goal.level == "aim"))
        parts.append(_paragraph(_status(goal.status)))
        sub = min(goal.heading.level + 1, 6)
        if goal.analysis:
            parts.append(_heading(sub, "Analys"))
            parts += [_block(b, sub + 1) for b in goal.analysis]
        if goal.description:
            parts.append(_heading(sub, "Beskrivning"))
            parts += [_block(b, sub + 1) for b in goal.description]
        if goal.expected_results:
            parts.append(_heading(sub, "Förväntat resultat"))
            parts += [_paragraph(_runs(item), style="ListBullet") for item in goal.expected_results]
        for table in (goal.indicators, goal.activities):
            if table is not None:
                parts.append(_table(table))
    parts.append(_heading(report.economy_heading.level, report.economy_heading.text, page_break=True))
    for section in report.economy:
        _section(parts, section.heading.level, section.heading.text, section.blocks)
    _section(
        parts, report.attachments.heading.level, report.attachments.heading.text, report.attachments.blocks
    )

    body = document.element.body
    fragment = parse_xml(f'<w:body xmlns:w="{W}">{"".join(parts)}</w:body>')
    sect_pr = body[-1]
    for element in list(fragment):
        sect_pr.addprevious(element)
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


# -- document set-up ---------------------------------------------------------------------------


def _set_up(document, report: ReportData) -> None:
    properties = document.core_properties
    properties.title = report.document_title
    properties.author = report.committee
    properties.language = "sv-SE"
    properties.subject = report.report_title
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(20)
    section.top_margin, section.bottom_margin = Mm(22), Mm(20)
    document.styles["Normal"].font.name = "Calibri"
    styles = document.styles.element
    language = styles.find(f"{{{W}}}docDefaults/{{{W}}}rPrDefault/{{{W}}}rPr/{{{W}}}lang")
    if language is not None:
        language.set(f"{{{W}}}val", "sv-SE")
    # The schema orders settings: updateFields comes before the compatibility settings.
    settings = document.settings.element
    update = parse_xml(f'<w:updateFields xmlns:w="{W}" w:val="true"/>')
    later = [
        settings.find(f"{{{W}}}{name}") for name in ("hdrShapeDefaults", "footnotePr", "endnotePr", "compat")
    ]
    later = [element for element in later if element is not None]
    if later:
        later[0].addprevious(update)
    else:
        settings.append(update)
    header = section.header.paragraphs[0]
    header._p.append(
        parse_xml(
            f'<w:r xmlns:w="{W}">{_rpr(size=17)}<w:t xml:space="preserve">{escape(report.committee)}</w:t><w:tab/><w:tab/><w:t xml:space="preserve">{escape(report.report_title)}</w:t></w:r>'
        )
    )
    footer = section.footer.paragraphs[0]
    footer._p.append(parse_xml(f'<w:pPr xmlns:w="{W}"><w:jc w:val="right"/></w:pPr>'))
    for element in _field_runs("Sida ", "PAGE", " (", "NUMPAGES", ")"):
        footer._p.append(parse_xml(element))


def _field_runs(*pieces: str) -> list[str]:
    """Text and fields alternately: ("Sida ", "PAGE", " (", "NUMPAGES", ")")."""
    runs = []
    for number, piece in enumerate(pieces):
        if number % 2 == 0:
            runs.append(
                f'<w:r xmlns:w="{W}">{_rpr(size=17)}<w:t xml:space="preserve">{escape(piece)}</w:t></w:r>'
            )
        else:
            runs.append(
                f'<w:fldSimple xmlns:w="{W}" w:instr="{piece}"><w:r>{_rpr(size=17)}<w:t>1</w:t></w:r></w:fldSimple>'
            )
    return runs


# -- pieces ------------------------------------------------------------------------------------


def _rpr(bold: bool = False, italic: bool = False, size: int | None = None, colour: str | None = None) -> str:
    inner = ("<w:b/>" if bold else "") + ("<w:i/>" if italic else "")
    inner += f'<w:color w:val="{colour}"/>' if colour else ""
    inner += f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>' if size else ""
    return f"<w:rPr>{inner}</w:rPr>" if inner else ""


def _run(
    text: str, bold: bool = False, italic: bool = False, size: int | None = None, colour: str | None = None
) -> str:
    return f'<w:r>{_rpr(bold, italic, size, colour)}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def _runs(spans: tuple[Span, ...], bold: bool = False, size: int | None = None) -> str:
    return "".join(_run(s.text, bold=bold, italic=s.emphasis, size=size) for s in spans)


def _paragraph(
    runs: str,
    style: str | None = None,
    align: str | None = None,
    keep_next: bool = False,
    page_break: bool = False,
) -> str:
    properties = f'<w:pStyle w:val="{style}"/>' if style else ""
    properties += "<w:keepNext/>" if keep_next else ""
    properties += "<w:pageBreakBefore/>" if page_break else ""
    properties += f'<w:jc w:val="{align}"/>' if align else ""
    return f"<w:p><w:pPr>{properties}</w:pPr>{runs}</w:p>"


def _heading(level: int, text: str, page_break: bool = False) -> str:
    return _paragraph(_run(text), style=f"Heading{min(level, 6)}", page_break=page_break)


def _status(level: StatusLevel) -> str:
    return _run(f"{level.symbol} ", colour=level.colour.removeprefix("#")) + _run(level.label, bold=True)


def _block(block: Block, level: int) -> str:
    if block.kind == "paragraph":
        return _paragraph(_runs(block.spans))
    if block.kind == "heading":
        return _paragraph(_runs(block.spans), style=f"Heading{min(level, 6)}")
    if block.kind == "bullets":
        return "".join(_paragraph(_runs(item), style="ListBullet") for item in block.items)
    if block.kind == "table" and block.table is not None:
        return _table(block.table)
    return ""


def _section(
    parts: list[str], level: int, text: str, blocks: tuple[Block, ...], page_break: bool = False
) -> None:
    parts.append(_heading(level, text, page_break=page_break))
    parts += [_block(block, level + 1) for block in blocks]


def _decision_page(parts: list[str], report: ReportData) -> None:
    parts.append(_paragraph(_run(report.report_date)))
    parts.append(_paragraph(_run("Handläggare", bold=True) + f"<w:r><w:br/></w:r>{_run(report.officer)}"))
    if report.officer_phone:
        parts.append(_paragraph(_run(f"Telefon: {report.officer_phone}")))
    parts.append(_paragraph(_run("Till", bold=True) + f"<w:r><w:br/></w:r>{_run(report.committee)}"))
    parts.append(_paragraph(_run(report.meeting_date)))
    parts.append(_paragraph(_run(report.document_title), style="Title"))
    parts.append(_heading(1, "Förslag till beslut"))
    parts += [_paragraph(_run(text), style="ListNumber") for text in report.proposals]
    parts.append(_paragraph(_run(report.director) + f"<w:r><w:br/></w:r>{_run(report.director_title)}"))


def _toc(parts: list[str]) -> None:
    parts.append(_paragraph(_run("Innehållsförteckning", bold=True, size=32), page_break=True))
    parts.append(
        '<w:p><w:r><w:fldChar w:fldCharType="begin" w:dirty="true"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> TOC \\o "1-3" \\h \\z \\u </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        + _run("Innehållsförteckningen fylls i när dokumentet öppnas (uppdatera fält).", italic=True)
        + '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
    )


def _overview(report: ReportData) -> str:
    indents = {"aim": "", "area_goal": "    ", "committee_goal": "        "}
    rows = tuple(
        Row(
            (f"{indents.get(o.level, '')}{o.number} {o.title}", o.status.label),
            kind="total" if o.level == "aim" else "body",
        )
        for o in report.overview
    )
    return _table(
        Table(
            "overview", "Alla mål och deras bedömning", ("Mål", "Bedömning"), (False, False), (75, 25), rows
        )
    )


def _cell(
    text: str,
    width: int,
    align: str | None,
    bold: bool,
    italic: bool,
    keep_next: bool,
    size: int,
    shade: bool = False,
    span: int = 1,
) -> str:
    properties = f'<w:tcW w:w="{width}" w:type="dxa"/>'
    properties += f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
    properties += '<w:shd w:val="clear" w:color="auto" w:fill="E8E8E8"/>' if shade else ""
    return f"<w:tc><w:tcPr>{properties}</w:tcPr>{_paragraph(_run(text, bold, italic, size), align=align, keep_next=keep_next)}</w:tc>"


def _table(table: Table) -> str:
    total = sum(table.widths)
    widths = [TEXT_WIDTH * w // total for w in table.widths]
    size = 15 if len(table.columns) >= 8 else 17
    aligns = ["right" if numeric else None for numeric in table.numeric]
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    header = "".join(
        _cell(c, w, a, True, False, False, size, shade=True)
        for c, w, a in zip(table.columns, widths, aligns, strict=True)
    )
    rows = [f"<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>{header}</w:tr>"]
    for row in table.rows:
        bold = row.kind in ("total", "group")
        italic = row.kind == "sub"
        keep = bool(row.note)
        cells = list(row.cells)
        if row.status:
            cells[0] = f"{row.status.symbol} {row.status.label}: {cells[0]}"
        body = "".join(
            _cell(c, w, a, bold, italic, keep, size) for c, w, a in zip(cells, widths, aligns, strict=True)
        )
        rows.append(f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{body}</w:tr>")
        if row.note:
            text = "".join(
                _paragraph(_run("Analys ", bold=True, size=size) + _runs(block.spans, size=size))
                if number == 0
                else _paragraph(_runs(block.spans, size=size))
                for number, block in enumerate(b for b in row.note if b.kind in ("paragraph", "heading"))
            )
            bullets = "".join(
                _paragraph(_runs(item, size=size), style="ListBullet")
                for block in row.note
                if block.kind == "bullets"
                for item in block.items
            )
            rows.append(
                f'<w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc><w:tcPr><w:tcW w:w="{TEXT_WIDTH}" w:type="dxa"/>'
                f'<w:gridSpan w:val="{len(widths)}"/></w:tcPr>{text or _paragraph("")}{bullets}</w:tc></w:tr>'
            )
    properties = (
        '<w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="5000" w:type="pct"/>'
        '<w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar>'
        '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/>'
        f'<w:tblCaption w:val="{escape(table.caption, {chr(34): "&quot;"})}"/></w:tblPr>'
    )
    return f"<w:tbl>{properties}<w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>" + _paragraph("")
