"""Every demo committee's report renders in all three formats, with all of its content."""

from __future__ import annotations

import io

import docx
import pytest
from pypdf import PdfReader

from styrkort.demo import generate_demo
from styrkort.reports.build import report_data_from_followup
from styrkort.reports.docx import render_docx
from styrkort.reports.html import render_html
from styrkort.reports.pdf import render_pdf
from tests.reports.docx_checks import data_tables
from tests.reports.helpers import check_table_of_contents, normalise, table_cells_in_order
from tests.reports.test_html import Page

DOCUMENTS = {f.organisation.code: f for f in generate_demo() if f.period.key == "2026-T1"}
# Reading a PDF's text back is the slow part: every committee's PDF is rendered and opened,
# these three (the largest, a district, a specialist committee) are read in full.
READ_IN_FULL = {"sdn-norra", "sdn-sodra", "kulturnamnden"}


def test_there_are_thirteen_demo_committees():
    assert len(DOCUMENTS) == 13


@pytest.mark.parametrize("code", sorted(DOCUMENTS))
def test_a_demo_committee_renders_everything_in_every_format(code):
    report = report_data_from_followup(DOCUMENTS[code])
    pdf = PdfReader(io.BytesIO(render_pdf(report)))
    assert len(pdf.pages) > 10
    assert normalise(DOCUMENTS[code].organisation.name) in normalise(pdf.pages[0].extract_text())
    if code in READ_IN_FULL:
        pages = [normalise(page.extract_text()) for page in pdf.pages]
        body = " ".join(pages[2:])
        for goal in report.goals:
            assert normalise(goal.heading.text) in body
        table_cells_in_order(body, report)
        assert check_table_of_contents(report, pages) >= len(report.goals) // 2

    page = Page()
    page.feed(render_html(report))
    table_cells_in_order(normalise("".join(page.text)), report)

    document = docx.Document(io.BytesIO(render_docx(report)))
    expected = [1 + len(t.rows) + sum(1 for r in t.rows if r.note) for t in report.tables()]
    assert [len(t.rows) for t in data_tables(document)] == expected
