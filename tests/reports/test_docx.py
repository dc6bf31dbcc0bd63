"""The Word document: opens with python-docx, real headings, every table with its rows."""

from __future__ import annotations

import io

import docx
import pytest

from styrkort.reports.docx import render_docx
from tests.reports.helpers import normalise, table_cells_in_order

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def document(report):
    return docx.Document(io.BytesIO(render_docx(report)))


def test_every_table_is_a_real_table_with_the_right_number_of_rows(report, document):
    expected = [1 + len(t.rows) + sum(1 for r in t.rows if r.note) for t in report.tables()]
    overview = 1 + len(report.overview)
    assert [len(t.rows) for t in document.tables] == [overview] + expected
    for table, data in zip(document.tables[1:], report.tables(), strict=True):
        assert [c.text for c in table.rows[0].cells] == list(data.columns)


def test_header_rows_repeat_and_rows_do_not_split(document):
    for table in document.tables:
        first = table.rows[0]._tr.trPr
        assert first is not None and first.find(f"{W}tblHeader") is not None
        assert all(row._tr.trPr.find(f"{W}cantSplit") is not None for row in table.rows)


def test_headings_use_word_heading_styles_in_printed_order(report, document):
    headings = [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")]
    listed = [(f"Heading {h.level}", h.text) for h in report.headings()]
    position = 0
    for heading in listed:
        position = headings.index(heading, position) + 1
    assert ("Heading 1", "Förslag till beslut") in headings


def test_the_document_has_every_cell_in_order_a_toc_field_and_page_fields(report, document):
    text = []
    for table in document.tables[1:]:
        for row in table.rows:
            seen = []
            for cell in row.cells:
                if cell._tc not in seen:  # merged cells repeat
                    seen.append(cell._tc)
                    text.append(cell.text)
    table_cells_in_order(normalise(" ".join(text)), report)
    body = document.element.body.xml
    assert "TOC \\o" in body
    footer = document.sections[0].footer._element.xml
    assert 'w:instr="PAGE"' in footer and 'w:instr="NUMPAGES"' in footer
    assert document.core_properties.title == report.document_title
    assert document.core_properties.language == "sv-SE"
