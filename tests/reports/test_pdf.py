"""The PDF: complete text in printed order, a true table of contents, PDF/A + PDF/UA, tags."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject

from styrkort.reports.pdf import render_pdf, render_pdf_in_subprocess
from tests.reports.helpers import (
    assert_in_order,
    check_table_of_contents,
    expected_sequence,
    normalise,
    table_cells_in_order,
)


@pytest.fixture(scope="module")
def pdf(report) -> bytes:
    return render_pdf(report)


@pytest.fixture(scope="module")
def pages(pdf) -> list[str]:
    return [normalise(page.extract_text()) for page in PdfReader(io.BytesIO(pdf)).pages]


def test_the_pdf_text_has_every_heading_and_table_cell_in_printed_order(report, pages):
    body = " ".join(pages[2:])  # after the decision page and the table of contents
    assert_in_order(body, expected_sequence(report)[:1])
    table_cells_in_order(body, report)
    for goal in report.goals:
        assert normalise(goal.heading.text) in body
    for proposal in report.proposals:
        assert normalise(proposal) in pages[0]


def test_indicator_analyses_and_activity_deviations_are_printed(pages):
    body = " ".join(pages)
    assert "Analys Andelen män är fortsatt låg." in body
    assert "Försenad till hösten" in body and "Arbetet har försenats av rekryteringar." in body


def test_the_table_of_contents_gives_the_pages_where_the_headings_are(report, pages):
    assert check_table_of_contents(report, pages) >= 15


def test_every_page_has_the_running_header_and_page_x_of_y(report, pages):
    for number, text in enumerate(pages, start=1):
        assert report.committee in text and report.report_title in text
        assert f"Sida {number} ({len(pages)})" in text


def test_the_pdf_declares_pdf_a_2_and_pdf_ua_1_and_has_metadata(report, pdf):
    reader = PdfReader(io.BytesIO(pdf))
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode("utf-8")
    assert re.search(r"pdfaid:part(=\"|>)2", xmp) and re.search(r"pdfaid:conformance(=\"|>)B", xmp)
    assert re.search(r"pdfuaid:part(=\"|>)1", xmp)
    assert reader.metadata.title == report.document_title
    assert reader.metadata.author == report.committee


def test_the_pdf_is_tagged_in_swedish_with_embedded_fonts(pdf):
    reader = PdfReader(io.BytesIO(pdf))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert str(root["/Lang"]).lower().startswith("sv")
    assert root["/MarkInfo"]["/Marked"] is True or root["/MarkInfo"]["/Marked"] == True  # noqa: E712
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = descendant["/FontDescriptor"].get_object()
            assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))


def _structure(node, found):
    """Collect (role, alt) of all structure elements beneath node."""
    node = node.get_object()
    if isinstance(node, ArrayObject):
        for child in node:
            _structure(child, found)
        return
    if not isinstance(node, DictionaryObject):
        return
    if "/S" in node:
        found.append((str(node["/S"]), str(node.get("/Alt", ""))))
    if "/K" in node:
        _structure(node["/K"], found)


def test_the_structure_has_headings_tables_with_header_cells_and_chart_alternatives(report, pdf):
    reader = PdfReader(io.BytesIO(pdf))
    found: list[tuple[str, str]] = []
    _structure(reader.trailer["/Root"]["/StructTreeRoot"], found)
    roles = {role for role, _ in found}
    assert {"/H1", "/H2", "/H3", "/Table", "/TH", "/TD", "/Figure"} <= roles
    alternatives = [alt for role, alt in found if role == "/Figure"]
    for chart in report.charts():
        assert chart.alt in alternatives


def test_rendering_in_a_subprocess_gives_the_same_document(report, pdf):
    other = render_pdf_in_subprocess(report)
    assert other.startswith(b"%PDF") and len(PdfReader(io.BytesIO(other)).pages) == len(
        PdfReader(io.BytesIO(pdf)).pages
    )


def test_indicator_status_is_printed_in_words_beside_the_name(pages):
    body = " ".join(pages)
    assert "Uppfylls inte Beräknad: prognos mot årsmål Sjukfrånvaro" in body
    assert "Uppfylls delvis Beräknad: prognos mot årsmål Antal barn per grupp" in body
    assert "Ej bedömd Ingen bedömning angiven Inskrivningsgrad i förskola" in body
