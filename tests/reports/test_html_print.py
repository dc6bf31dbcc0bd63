"""The HTML report prints well: printed to PDF from headless Chromium and read back.

Page numbers come from ``@page`` margin boxes, a draft says UTKAST on every printed page,
headings are never smaller than the text, and chart text is at a readable size.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from dataclasses import replace

import pytest
from pypdf import PdfReader

from styrkort.reports.html import render_html
from tests.browser import CHROMIUM_ARGS, chromium_or_skip

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def printed(report, tmp_path_factory):
    """The draft's and the decided report's pages printed by Chromium, and measurements."""
    from playwright.sync_api import sync_playwright

    chromium = chromium_or_skip()
    folder = tmp_path_factory.mktemp("print")
    found = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            for name, data in (("draft", report), ("decided", replace(report, decided=True))):
                html = folder / f"{name}.html"
                html.write_text(render_html(data), encoding="utf-8")
                page = browser.new_page()
                page.goto(html.as_uri())
                page.emulate_media(media="print")
                sizes = page.evaluate(
                    """() => {
                      const px = (el) => parseFloat(getComputedStyle(el).fontSize);
                      const body = px(document.querySelector('.report section p'));
                      const headings = [...document.querySelectorAll('.report h1, .report h2, .report h3, .report h4, .report h5, .report h6')].map(px);
                      const chart = [...document.querySelectorAll('.report figure svg text')].map(t => t.getBoundingClientRect().height);
                      return {body, smallest_heading: Math.min(...headings), chart: Math.min(...chart)};
                    }"""
                )
                pdf = page.pdf(format="A4", print_background=True)
                (folder / f"{name}.pdf").write_bytes(pdf)
                found[name] = (pdf, sizes)
                page.close()
        finally:
            browser.close()
    return found


def text_of_pages(pdf: bytes) -> list[str]:
    if shutil.which("pdftotext"):
        out = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout
        return out.decode("utf-8").split("\f")[:-1]
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def test_every_printed_page_has_its_number_of_all(printed):
    pages = text_of_pages(printed["draft"][0])
    assert len(pages) > 3
    for number, page in enumerate(pages, start=1):
        assert re.search(rf"Sida {number} \({len(pages)}\)", page), page[-200:]


def test_a_printed_draft_says_utkast_on_every_page_and_a_decided_report_nowhere(printed):
    assert all("UTKAST" in page for page in text_of_pages(printed["draft"][0]))
    assert not any("UTKAST" in page for page in text_of_pages(printed["decided"][0]))


def test_printed_headings_are_not_smaller_than_the_text_and_charts_are_readable(printed):
    sizes = printed["draft"][1]
    assert sizes["smallest_heading"] >= sizes["body"]
    assert sizes["chart"] >= 9  # px: the height of a line of chart text, as the PDF's labels
