"""Checks of a rendered Word document against the ReportData it was made from.

``assert_docx_is_the_report`` reads the DOCX back with python-docx and finds in it what the
PDF prints: every heading in order and in a heading style, every table with all its rows and
cells, every chart as a picture whose alternative text is the chart's, with its caption.
``schema_errors`` checks the package against the OOXML schemas (openxml-audit: the Open XML
SDK's schema and semantic validation, ECMA-376/ISO 29500 with Office's extensions).
"""

from __future__ import annotations

import io
import tempfile
from functools import lru_cache
from pathlib import Path

import docx
from docx.document import Document

from styrkort.reports.data import ReportData
from tests.reports.helpers import normalise, table_cells_in_order

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


def open_docx(data: bytes) -> Document:
    return docx.Document(io.BytesIO(data))


def data_tables(document: Document) -> list:
    """The report's data tables (style "Rapporttabell"), not the overview or the layout grid."""
    found = []
    for table in document.tables:
        style = table._tbl.tblPr.find(f"{W}tblStyle")
        if style is not None and style.get(f"{W}val") == "ReportTable":
            found.append(table)
    return found


def heading_paragraphs(document: Document) -> list[tuple[str, str]]:
    """(style id, text) of every paragraph whose style has an outline level (a heading)."""
    found = []
    for paragraph in document.paragraphs:
        style = paragraph.style
        if style is not None and style.style_id.startswith(("Heading", "UnlistedHeading")):
            found.append((style.style_id, paragraph.text))
    return found


def pictures(document: Document) -> list[tuple[str, str, bytes]]:
    """(alternative text, title, image bytes) of every inline picture, in order."""
    found = []
    for inline in document.element.body.iter(f"{WP}inline"):
        properties = inline.find(f"{WP}docPr")
        blip = next(inline.iter(f"{A}blip"))
        part = document.part.related_parts[blip.get(f"{R}embed")]
        found.append((properties.get("descr"), properties.get("title"), part.blob))
    return found


def assert_docx_is_the_report(report: ReportData, data: bytes) -> None:
    """Every heading, table row and cell and chart of the report is in the DOCX, in order."""
    document = open_docx(data)
    headings = heading_paragraphs(document)
    position = 0
    for heading in report.headings():
        level = min(heading.level, 6)
        style = f"Heading{level}" if heading.in_toc or level > 3 else f"UnlistedHeading{level}"
        assert (style, heading.text) in headings[position:], f"{heading.text!r} ({style}) is missing"
        position = headings.index((style, heading.text), position) + 1

    tables = data_tables(document)
    assert len(tables) == len(report.tables())
    for table, expected in zip(tables, report.tables(), strict=True):
        assert len(table.rows) == 1 + len(expected.rows) + sum(1 for row in expected.rows if row.note)
        assert [cell.text for cell in table.rows[0].cells] == list(expected.columns)
        caption = table._tbl.tblPr.find(f"{W}tblCaption")
        assert caption is not None and caption.get(f"{W}val") == expected.caption
    text = []
    for table in tables:
        for row in table.rows:
            seen: list = []
            for cell in row.cells:
                if cell._tc not in seen:  # merged cells repeat
                    seen.append(cell._tc)
                    text.append(cell.text)
    table_cells_in_order(normalise(" ".join(text)), report)

    found = pictures(document)
    charts = report.charts()
    assert [(alt, title) for alt, title, _ in found] == [(c.alt, c.title) for c in charts]
    assert all(image.startswith(b"\x89PNG\r\n\x1a\n") for _, _, image in found)
    captions = [p.text for p in document.paragraphs if p.style is not None and p.style.style_id == "Caption"]
    assert captions == [f"Diagram {n}: {chart.title}" for n, chart in enumerate(charts, 1)]


@lru_cache(maxsize=1)
def _validator():
    from openxml_audit import OpenXmlValidator

    return OpenXmlValidator()  # strict: also what Word expects beyond the schema (theme, fonts)


def schema_errors(data: bytes) -> list[str]:
    """What the OOXML schema and semantic validation finds wrong with the package."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "report.docx"
        path.write_bytes(data)
        result = _validator().validate(path)
    return [f"{error.part_uri} {error.path}: {error.description}" for error in result.errors]
