"""Render ReportData as an editable Word document: the same report as the PDF.

The same content in the same order as ``templates/reports/report.typ``: the decision page,
the table of contents, the summary, the goals with their assessments, texts, charts and
tables, the economy and the attachments. The look is the report's own template
(``docx_package``: Calibri/Carlito, black headings, grey table headers), not python-docx's.

Word's own machinery does the work where it can: headings use the built-in "Heading 1–6"
styles (the navigation pane and screen readers see them), headings the PDF leaves out of its
contents use look-alike styles the TOC field does not list; the table of contents is a TOC
field, filled in with the headings (linked to bookmarks) and updated by Word with page
numbers when the document opens; the footer's "Sida X (Y)" are PAGE and NUMPAGES fields and
a chart's caption number is a SEQ field. Charts are PNG pictures (``raster``) of the PDF's
SVG, with the chart's text alternative as the picture's alternative text (``descr``).

Why WordprocessingML is written as text: python-docx's object API looks every style up by
name and rebuilds cell grids on each access, which made a report of the example's size take
seconds. Building the body as one XML string with style *ids* and parsing it once takes a
fraction of that, and stays readable. Tables are in ``docx_tables``, the pieces of text in
``docx_xml``; the package (template, header, footer, properties) in ``docx_package``.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from styrkort.reports.charts import chart_svg
from styrkort.reports.data import Block, Chart, GoalSection, Heading, ReportData, Section
from styrkort.reports.docx_package import elements, new_document, set_header_and_footer, set_properties
from styrkort.reports.docx_tables import TEXT_WIDTH, status, table
from styrkort.reports.docx_xml import attribute, field, paragraph, run, runs
from styrkort.reports.raster import chart_pngs

EMU_PER_TWIP = 635
INDENTS = {"aim": 0, "area_goal": 200, "committee_goal": 400}


@dataclass(frozen=True)
class Picture:
    """A chart's PNG in the package: its relationship id and its size in pixels."""

    rid: str
    width: int
    height: int


def render_docx(report: ReportData) -> bytes:
    """The report as DOCX bytes."""
    document = new_document()
    charts = report.charts()
    pictures = {}
    for chart, png in zip(charts, chart_pngs(tuple(chart_svg(c) for c in charts)), strict=True):
        rid, image = document.part.get_or_add_image(io.BytesIO(png))
        pictures[chart] = Picture(rid, image.px_width, image.px_height)
    body = document.element.body
    section = body[-1]
    for element in elements(_Writer(report, pictures).document()):
        section.addprevious(element)
    set_header_and_footer(document, report)
    set_properties(document, report)
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def heading_style(level: int, listed: bool) -> str:
    """Heading 1–6; below level 4 a heading the contents leave out has a look-alike style."""
    level = min(max(level, 1), 6)
    return f"Heading{level}" if listed or level > 3 else f"UnlistedHeading{level}"


class _Writer:
    """The body of one report as WordprocessingML text, in the PDF's order."""

    def __init__(self, report: ReportData, pictures: dict[Chart, Picture]):
        self.report = report
        self.pictures = pictures
        self.figures = 0
        self.bookmarks: dict[str, str] = {}
        for heading in report.headings():
            self.bookmarks.setdefault(heading.anchor, f"_Rubrik{len(self.bookmarks) + 1}")
        self.placed: set[str] = set()

    def document(self) -> str:
        report = self.report
        parts = [self._decision_page(), self._contents()]
        parts.append(self._section(report.summary, page_break=True))
        parts.append(self._heading(report.goals_heading, page_break=True))
        parts.append(self._heading(report.overview_heading))
        parts.append(self._overview())
        parts += [self._goal(goal) for goal in report.goals]
        parts.append(self._heading(report.economy_heading, page_break=True))
        parts += [self._section(section) for section in report.economy]
        parts.append(self._section(report.attachments))
        return "".join(parts)

    # -- headings and text ------------------------------------------------------------------

    def _heading(self, heading: Heading, page_break: bool = False) -> str:
        text = run(heading.text)
        name = self.bookmarks.get(heading.anchor)
        if name and heading.anchor not in self.placed:
            self.placed.add(heading.anchor)
            number = len(self.placed)
            text = f'<w:bookmarkStart w:id="{number}" w:name="{name}"/>{text}<w:bookmarkEnd w:id="{number}"/>'
        style = heading_style(heading.level, heading.in_toc)
        return paragraph(text, style=style, page_break=page_break)

    def _subheading(self, level: int, text: str) -> str:
        return paragraph(run(text), style=heading_style(level, listed=False))

    def _blocks(self, blocks: tuple[Block, ...], level: int) -> str:
        found = []
        for block in blocks:
            if block.kind == "paragraph":
                found.append(paragraph(runs(block.spans)))
            elif block.kind == "heading":
                found.append(paragraph(runs(block.spans), style=heading_style(level, listed=False)))
            elif block.kind == "bullets":
                found += [paragraph(runs(item), style="ListBullet") for item in block.items]
            elif block.kind == "table" and block.table is not None:
                found.append(table(block.table))
            elif block.kind == "chart" and block.chart is not None:
                found.append(self._chart(block.chart))
        return "".join(found)

    def _section(self, section: Section, page_break: bool = False) -> str:
        return self._heading(section.heading, page_break=page_break) + self._blocks(
            section.blocks, min(section.heading.level + 1, 6)
        )

    # -- the decision page and the contents ---------------------------------------------------

    def _decision_page(self) -> str:
        report = self.report
        br = "<w:r><w:br/></w:r>"
        officer = run("Handläggare") + br + run(report.officer)
        if report.officer_phone:
            officer += br + run(f"Telefon: {report.officer_phone}")
        recipient = (
            run("Till", bold=True)
            + br
            + run(report.recipient or report.committee)
            + br
            + run(report.meeting_date)
        )
        half = TEXT_WIDTH // 2
        cells = [[run(report.report_date), ""], [officer, recipient]]
        rows = "".join(
            "<w:tr>"
            + "".join(
                f'<w:tc><w:tcPr><w:tcW w:w="{half}" w:type="dxa"/></w:tcPr>{paragraph(cell, space_before=60)}</w:tc>'
                for cell in row
            )
            + "</w:tr>"
            for row in cells
        )
        layout = (
            '<w:tbl><w:tblPr><w:tblStyle w:val="PlainTable"/><w:tblW w:w="5000" w:type="pct"/>'
            '<w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="0" w:type="dxa"/>'
            '<w:right w:w="0" w:type="dxa"/></w:tblCellMar><w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0"'
            ' w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr>'
            f'<w:tblGrid><w:gridCol w:w="{half}"/><w:gridCol w:w="{TEXT_WIDTH - half}"/></w:tblGrid>{rows}</w:tbl>'
        )
        found = [layout, paragraph(run(report.document_title), style="Title", space_before=850)]
        found.append(self._subheading(1, "Förslag till beslut"))
        found += [paragraph(run(text), style="ListNumber") for text in report.proposals]
        if report.decision:
            found.append(paragraph(run(report.decision, bold=True), space_before=240))
        found.append(paragraph(run(report.director) + br + run(report.director_title), space_before=680))
        return "".join(found)

    def _contents(self) -> str:
        """A TOC field of Heading 1–3, filled in now with the headings the PDF lists."""
        begin = (
            '<w:r><w:fldChar w:fldCharType="begin" w:dirty="true"/></w:r>'
            '<w:r><w:instrText xml:space="preserve"> TOC \\o "1-3" \\h \\z </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        )
        end = '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        listed = [h for h in self.report.headings() if h.in_toc and h.level <= 3]
        entries = [
            (
                f"TOC{heading.level}",
                f'<w:hyperlink w:anchor="{self.bookmarks[heading.anchor]}" w:history="1">{run(heading.text)}</w:hyperlink>',
            )
            for heading in listed
        ] or [("TOC1", "")]
        if self.report.attachment_contents:  # each attachment under "Bilagor", as the PDF lists them
            entries += [("TOC2", run(entry, italic=True)) for entry in self.report.attachment_contents]
        found = [paragraph(run("Innehållsförteckning"), style="TOCHeading", page_break=True)]
        for number, (style, link) in enumerate(entries):
            first, last = number == 0, number == len(entries) - 1
            found.append(paragraph((begin if first else "") + link + (end if last else ""), style=style))
        return "".join(found)

    # -- goals ----------------------------------------------------------------------------------

    def _overview(self) -> str:
        size = 18
        status_width = 2200
        widths = (TEXT_WIDTH - status_width, status_width)
        grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)

        def cell(content: str, width: int, shade: bool = False) -> str:
            fill = '<w:shd w:val="clear" w:color="auto" w:fill="E8E8E8"/>' if shade else ""
            return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{fill}</w:tcPr>{content}</w:tc>'

        header = "".join(
            cell(paragraph(run(text, bold=True, size=size), style="TableText"), width, shade=True)
            for text, width in zip(("Mål", "Bedömning"), widths, strict=True)
        )
        rows = [f"<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>{header}</w:tr>"]
        for line in self.report.overview:
            name = run(f"{line.number} {line.title}", bold=line.level == "aim", size=size)
            if line.anchor in self.bookmarks:
                name = f'<w:hyperlink w:anchor="{self.bookmarks[line.anchor]}" w:history="1">{name}</w:hyperlink>'
            rows.append(
                "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
                + cell(paragraph(name, style="TableText", indent=INDENTS.get(line.level, 0)), widths[0])
                + cell(paragraph(status(line.status, size), style="TableText"), widths[1])
                + "</w:tr>"
            )
        return (
            '<w:tbl><w:tblPr><w:tblStyle w:val="PlainTable"/><w:tblW w:w="5000" w:type="pct"/>'
            '<w:tblLayout w:type="fixed"/><w:tblLook w:val="0020" w:firstRow="1" w:lastRow="0"'
            ' w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>'
            '<w:tblCaption w:val="Alla mål och deras bedömning"/></w:tblPr>'
            f"<w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>" + paragraph("", style="TableGap")
        )

    def _goal(self, goal: GoalSection) -> str:
        found = [self._heading(goal.heading, page_break=goal.level == "aim")]
        found.append(paragraph(status(goal.status), keep_next=True))
        sub = min(goal.heading.level + 1, 6)
        for title, blocks in (("Analys", goal.analysis), ("Beskrivning", goal.description)):
            if blocks:
                found.append(self._subheading(sub, title))
                found.append(self._blocks(blocks, min(sub + 1, 6)))
        if goal.expected_results:
            found.append(self._subheading(sub, "Förväntat resultat"))
            found += [paragraph(runs(item), style="ListBullet") for item in goal.expected_results]
        if goal.chart is not None:
            found.append(self._chart(goal.chart))
        found += [table(t) for t in (goal.indicators, goal.activities) if t is not None]
        return "".join(found)

    # -- charts -----------------------------------------------------------------------------------

    def _chart(self, chart: Chart) -> str:
        """The chart's picture, its alternative text in ``descr``, and "Diagram N: title" below."""
        self.figures += 1
        number = self.figures
        caption = paragraph(
            run("Diagram ") + field("SEQ Diagram \\* ARABIC", str(number)) + run(f": {chart.title}"),
            style="Caption",
        )
        picture = self.pictures.get(chart)
        if picture is None:  # a chart outside ReportData.charts(): its text alternative instead
            return paragraph(run(chart.alt), keep_next=True) + caption
        cx = TEXT_WIDTH * EMU_PER_TWIP
        cy = cx * picture.height // max(picture.width, 1)
        alt, title = attribute(chart.alt), attribute(chart.title)
        drawing = (
            '<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">'
            f'<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
            f'<wp:docPr id="{number}" name="Diagram {number}" descr={alt} title={title}/>'
            '<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>'
            '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
            f'<pic:pic><pic:nvPicPr><pic:cNvPr id="{number}" name="diagram-{number}.png" descr={alt}/>'
            f'<pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed="{picture.rid}"/>'
            "<a:stretch><a:fillRect/></a:stretch></pic:blipFill>"
            f'<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
            '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>'
            "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"
        )
        return paragraph(drawing, style="Figure") + caption
