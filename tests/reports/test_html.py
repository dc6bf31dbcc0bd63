"""The web page: semantic headings, tables with th/scope, a linked table of contents, axe-core."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from styrkort.reports.html import render_html, render_html_fragment
from tests.browser import CHROMIUM_ARGS, chromium_or_skip, serious_axe_violations
from tests.reports.helpers import normalise, table_cells_in_order


class Page(HTMLParser):
    """Collects what the tests look at: text, ids, links, th attributes, headings."""

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.th: list[dict[str, str | None]] = []
        self.headings: list[str] = []
        self.svgs = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "id" in attributes:
            self.ids.add(attributes["id"])
        if tag == "a" and attributes.get("href", "").startswith("#"):
            self.links.append(attributes["href"][1:])
        if tag == "th":
            self.th.append(attributes)
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.headings.append(tag)
        if tag == "svg":
            self.svgs += 1
        if tag in ("td", "th", "p", "li", "h1", "h2", "h3", "h4", "h5", "h6"):
            self.text.append(" ")

    def handle_data(self, data):
        self.text.append(data)


@pytest.fixture(scope="module")
def page(report) -> Page:
    parser = Page()
    parser.feed(render_html(report))
    return parser


def test_every_header_cell_has_a_scope(page):
    assert len(page.th) > 50
    assert all(th.get("scope") in ("col", "row") for th in page.th)


def test_the_table_of_contents_links_to_every_listed_heading(report, page):
    listed = [h.anchor for h in report.headings() if h.in_toc]
    assert set(listed) <= set(page.links)
    assert all(link in page.ids for link in page.links)


def test_the_page_has_every_table_cell_in_printed_order_and_no_none(report, page):
    text = normalise("".join(page.text))
    table_cells_in_order(text, report)
    assert "None" not in text
    for goal in report.goals:
        assert normalise(goal.heading.text) in text


def test_headings_start_at_h1_and_charts_are_inline_svg(report, page):
    assert page.headings[0] == "h1" and page.headings.count("h1") == 1
    assert page.svgs == len(report.charts())


def test_the_fragment_is_the_article_without_page_chrome(report):
    fragment = render_html_fragment(report).strip()
    assert fragment.startswith("<article") and fragment.endswith("</article>")
    assert "<html" not in fragment


@pytest.mark.e2e
def test_axe_finds_no_serious_or_critical_violations(report, tmp_path):
    from playwright.sync_api import sync_playwright

    chromium = chromium_or_skip()
    html = tmp_path / "report.html"
    html.write_text(render_html(report), encoding="utf-8")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            browser_page = browser.new_page()
            browser_page.goto(html.as_uri())
            serious = serious_axe_violations(browser_page)
            passes = browser_page.evaluate("async () => (await axe.run(document)).passes.length")
        finally:
            browser.close()
    assert [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in serious] == []
    assert passes > 10
