"""PDF/A-2b and PDF/UA-1 by structure, drafts marked UTKAST, and the page flow of the PDF.

The structural check (``tests/reports/pdfua.py``) runs on the invented report, on the example
(skipped where ../shared/seeds is absent) and on one demo committee.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from dataclasses import replace

import pytest
from pypdf import PdfReader

from styrkort.demo import generate_demo
from styrkort.reports.build import report_data_from_followup
from styrkort.reports.pdf import render_pdf
from tests.reports import pdfua
from tests.reports.helpers import page_flow_problems, parts_not_opening_a_page


@pytest.fixture(scope="module")
def draft_pdf(report) -> bytes:
    return render_pdf(report)


def poppler_text(pdf: bytes) -> list[str]:
    """The text of each page as poppler's pdftotext extracts it (it honours /ActualText)."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed: make system-deps")
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout
    return text.decode("utf-8").split("\f")[:-1]


def test_the_invented_report_passes_the_structural_pdf_ua_check(draft_pdf):
    assert pdfua.problems(draft_pdf) == []


def test_one_demo_committee_passes_the_structural_pdf_ua_check_and_flows_well():
    followup = next(
        f for f in generate_demo() if f.organisation.code == "sdn-norra" and f.period.key == "2026-T1"
    )
    report = report_data_from_followup(followup)
    pdf = render_pdf(report)
    assert pdfua.problems(pdf) == []
    pages = poppler_text(pdf)
    assert page_flow_problems(report, pages) == []
    assert parts_not_opening_a_page(report, pages) == []


@pytest.mark.seed
def test_the_example_passes_the_structural_pdf_ua_check(seed_text):
    from styrkort.ils import parse_ils

    example = report_data_from_followup(parse_ils(seed_text).followup)
    assert pdfua.problems(render_pdf(example)) == []


def test_the_check_finds_what_typst_alone_leaves(report):
    """Without the finishing step row headers are TD and captions stand beside their figure."""
    import typst

    from styrkort.reports import pdf

    raw = typst.compile(
        str(pdf.TEMPLATE),
        root=str(pdf.HERE),
        font_paths=pdf._font_paths(),
        ignore_system_fonts=True,
        sys_inputs={"data": pdf.typst_input(report)},
        format="pdf",
        pdf_standards=["a-2b", "ua-1"],
    )
    found = set(pdfua.problems(raw))
    assert "a body row whose first cell is not a TH with Scope Row" in found
    assert any(problem.startswith("a Caption outside its Figure") for problem in found)


def test_a_draft_says_utkast_on_every_page_and_a_decided_report_nowhere(report, draft_pdf):
    pages = poppler_text(draft_pdf)
    assert len(pages) > 5 and all("UTKAST" in page for page in pages)
    assert "UTKAST – rapporten är inte beslutad" in pages[0]
    decided = poppler_text(render_pdf(replace(report, decided=True)))
    assert not any("UTKAST" in page for page in decided)


def test_file_names_say_whether_the_report_is_decided(report):
    assert report.file_name("pdf") == "SDN99-2026-T1-UTKAST.pdf"
    assert replace(report, decided=True).file_name("docx") == "SDN99-2026-T1.docx"


def test_the_text_has_no_zero_width_spaces_and_header_words_extract_whole(report, draft_pdf):
    """Column headers break at syllables with a hyphen that extracts as a soft hyphen (U+00AD)
    at the line's end; joined there, every header word is whole, and no U+200B is anywhere."""
    text = "\n".join(poppler_text(draft_pdf))
    assert "\u200b" not in text
    joined = re.sub(r"\u00ad\s*|(?<=/)\s+", "", text)  # a line may also break after a slash
    for table in report.tables():
        for column in table.columns:
            for word in column.split():
                assert word in joined, word
    for goal in report.goals:
        for word in goal.heading.text.split():
            if "-" in word:
                assert word in text


def test_hyphens_in_bold_text_extract_as_hyphens_with_pypdf_too():
    """pypdf (like pdf.js) ignores /ActualText: a hyphen in a heading must be "-" in the font's map."""
    from tests.reports.fixture import make_followup

    followup = make_followup()
    goal = followup.goals[0]
    followup = replace(
        followup, goals=(replace(goal, title="Vård- och omsorg i Ekby-Norr"), *followup.goals[1:])
    )
    reader = PdfReader(io.BytesIO(render_pdf(report_data_from_followup(followup))))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Vård- och omsorg i Ekby-Norr" in text
    assert "\u00ad och" not in text


def test_numbers_in_prose_never_wrap(report):
    from tests.reports.fixture import make_followup

    followup = make_followup()
    number = "1 315"
    text = ("Antalet barn var " + number + " vid periodens slut. ") * 40
    pdf = render_pdf(report_data_from_followup(replace(followup, summary=text)))
    for page in poppler_text(pdf):
        for line in page.splitlines():
            assert not line.rstrip().endswith(" 1"), line
            assert not re.match(r"^315\b", line.strip()), line


def test_no_page_of_the_invented_report_ends_in_a_heading_or_is_nearly_empty(report, draft_pdf):
    assert page_flow_problems(report, poppler_text(draft_pdf)) == []


def test_each_aim_and_part_of_the_invented_report_opens_a_page(report, draft_pdf):
    assert parts_not_opening_a_page(report, poppler_text(draft_pdf)) == []
