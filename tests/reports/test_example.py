"""The example report, parsed with parse_ils, printed by every renderer: nothing lost, in order.

Reads the example through the ``seed_text`` fixture (skips where ../shared/seeds is absent);
nothing of its text is kept in the repository.
"""

from __future__ import annotations

import io

import docx
import pytest
from pypdf import PdfReader

from styrkort.ils import parse_ils
from styrkort.reports.build import report_data_from_followup
from styrkort.reports.docx import render_docx
from styrkort.reports.html import render_html
from styrkort.reports.pdf import render_pdf
from tests.reports.docx_checks import data_tables
from tests.reports.helpers import (
    check_table_of_contents,
    normalise,
    page_flow_problems,
    table_cells_in_order,
)
from tests.reports.test_pdf_structure import poppler_text

pytestmark = pytest.mark.seed


@pytest.fixture(scope="module")
def example(seed_text):
    return report_data_from_followup(parse_ils(seed_text).followup)


@pytest.fixture(scope="module")
def example_pages(example) -> list[str]:
    return [normalise(page.extract_text()) for page in PdfReader(io.BytesIO(render_pdf(example))).pages]


def test_the_example_has_the_report_s_structure(example):
    assert len([g for g in example.goals if g.level == "aim"]) == 3
    assert len([g for g in example.goals if g.level == "area_goal"]) == 16
    keys = {t.key for t in example.tables()}
    assert {"operating_summary", "operating_budget", "result_units", "investments", "gross_changes"} <= keys


def test_the_example_pdf_has_every_goal_indicator_activity_and_figure_in_order(example, example_pages):
    body = " ".join(example_pages[2:])
    for goal in example.goals:
        assert normalise(goal.heading.text) in body
    table_cells_in_order(body, example)
    for proposal in example.proposals:
        assert normalise(proposal) in " ".join(example_pages[:2])


def test_the_example_pdf_table_of_contents_is_right(example, example_pages):
    assert check_table_of_contents(example, example_pages) >= 30


def test_the_example_docx_has_every_table_with_its_rows(example):
    document = docx.Document(io.BytesIO(render_docx(example)))
    expected = [1 + len(t.rows) + sum(1 for r in t.rows if r.note) for t in example.tables()]
    assert [len(t.rows) for t in data_tables(document)] == expected


def test_the_example_html_has_every_cell_in_order(example):
    from tests.reports.test_html import Page

    page = Page()
    page.feed(render_html(example))
    table_cells_in_order(normalise("".join(page.text)), example)


def test_the_example_pdf_has_no_stranded_headings_nor_nearly_empty_pages(example):
    pages = poppler_text(render_pdf(example))
    assert page_flow_problems(example, pages) == []
