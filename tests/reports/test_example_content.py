"""The example report read beside its source, as a controller would: what it says and where.

Every expectation is taken from the source text at run time (``seed_text``; skips where
../shared/seeds is absent), never copied into the repository. Compared after whitespace
normalisation: each table stands after the prose that precedes it in the source; every
indicator row shows a status in words and as a symbol; the decision page keeps the officer's
contact line and its recipient; the contents list each attachment; and every line of the
economy part's prose is printed verbatim, in the source's order, in the HTML and the PDF.
"""

from __future__ import annotations

import io
import re
from html import unescape

import pytest
from pypdf import PdfReader

from styrkort.ils import parse_ils
from styrkort.reports.build import report_data_from_followup
from styrkort.reports.html import render_html
from styrkort.reports.pdf import render_pdf
from tests.reports.helpers import assert_in_order, normalise

pytestmark = pytest.mark.seed

STATUS_WORDS = ("Uppfylls helt", "Uppfylls delvis", "Uppfylls inte", "Ej bedömd")
BASES = ("Beräknad: ", "Förvaltningens bedömning", "Ingen bedömning angiven")


@pytest.fixture(scope="module")
def source(seed_text) -> list[str]:
    return seed_text.splitlines()


@pytest.fixture(scope="module")
def example(seed_text):
    return report_data_from_followup(parse_ils(seed_text).followup)


@pytest.fixture(scope="module")
def html(example) -> str:
    return render_html(example)


@pytest.fixture(scope="module")
def html_text(html) -> str:
    """The page's visible text: inline tags dropped, block tags a space, no style or SVG."""
    text = re.sub(r"<(style|svg)\b.*?</\1>", " ", html, flags=re.DOTALL)
    text = re.sub(r"</?(span|em|strong|small|a)\b[^>]*>", "", text)
    return normalise(unescape(re.sub(r"<[^>]+>", " ", text)))


def economy_text(text: str, example) -> str:
    """The economy part of a report's text: from its (last) heading to the attachments."""
    start = text.rindex(normalise(example.economy_heading.text))
    return text[start : text.rindex(normalise(example.attachments.heading.text))]


@pytest.fixture(scope="module")
def pdf_pages(example) -> list[str]:
    return [normalise(page.extract_text()) for page in PdfReader(io.BytesIO(render_pdf(example))).pages]


def economy_part(source: list[str]) -> list[str]:
    """The source's lines from its economy heading (the last line that is only that) to the end."""
    start = max(index for index, line in enumerate(source) if line.strip() == "Uppföljning av ekonomi")
    return source[start:]


def prose_lines(lines: list[str]) -> list[str]:
    """Lines of running text: no table row (tabs), no blank line; bullets without their dash."""
    found = []
    for line in lines:
        if "\t" in line or not line.strip():
            continue
        found.append(
            normalise(
                re.sub(r"^\s*[-•]\s+", "", line.replace("**", "").replace("<i>", "").replace("</i>", ""))
            )
        )
    return found


def body_pdf_text(pages: list[str], example) -> str:
    """The PDF's text without the running header, the draft marking and the page footer, pages joined."""
    cleaned = []
    for page in pages:
        page = page.replace(example.watermark, " ") if example.watermark else page
        for part in (example.committee, example.report_title):
            page = page.replace(normalise(part), " ", 1)
        page = re.sub(r"Sida \d+ \(\d+\)", " ", page)
        cleaned.append(page)
    return normalise(" ".join(cleaned))


# -- tables in their sections ------------------------------------------------------------------


def block_text(block) -> str:
    return normalise(" ".join(s.text for s in block.spans) + " ".join(s.text for i in block.items for s in i))


def test_every_economy_table_follows_the_text_that_precedes_it_in_the_source(source, example):
    part = economy_part(source)
    # A table starts at a tab line that is not a continuation (no tab line just above it).
    starts = [
        index
        for index, line in enumerate(part)
        if "\t" in line and not any("\t" in earlier for earlier in part[max(0, index - 3) : index])
    ]
    placed = [
        (section.heading.text, position, block)
        for section in example.economy
        for position, block in enumerate(section.blocks)
        if block.table is not None
    ]
    assert len(starts) >= 8 and len(placed) == len(starts)
    for start in starts:
        before = normalise(next(line for line in reversed(part[:start]) if line.strip()))
        first_cell = normalise(part[start].split("\t")[0])
        match = next(item for item in placed if normalise(item[2].table.columns[0]) == first_cell)
        placed.remove(match)
        heading, position, _ = match
        section = next(s for s in example.economy if s.heading.text == heading)
        if before == normalise(heading):  # the table opens its section, as in the source
            assert position == 0, f"{first_cell!r} should open {heading!r}"
        else:
            previous = block_text(section.blocks[position - 1]) if position else ""
            assert previous.endswith(before), f"{first_cell!r} should follow {before!r}, not {previous!r}"


# -- a status on every indicator row -----------------------------------------------------------


def test_every_indicator_row_has_a_status_in_words_and_what_it_rests_on(example):
    rows = [row for goal in example.goals if goal.indicators for row in goal.indicators.rows]
    assert len(rows) == 73
    assert all(row.status.label in STATUS_WORDS for row in rows)
    assert all(row.status_basis.startswith(BASES) for row in rows)


def test_every_indicator_row_of_the_html_shows_the_symbol_and_the_words(html):
    tables = [t for t in re.findall(r"<table>.*?</table>", html, re.DOTALL) if "<caption>Indikatorer" in t]
    headers = [h for t in tables for h in re.findall(r'<th scope="row">(.*?)</th>', t, re.DOTALL)]
    assert len(headers) == 73
    status = re.compile(
        r'<span class="status status-[a-z_]+">'
        r'<span class="symbol" aria-hidden="true">[●○]</span> (' + "|".join(STATUS_WORDS) + r")</span>"
    )
    assert all(status.match(header) for header in headers), [h for h in headers if not status.match(h)][:3]


def test_every_indicator_row_of_the_pdf_states_its_status_and_basis(example, pdf_pages):
    body = " ".join(pdf_pages)
    pattern = (
        r"("
        + "|".join(STATUS_WORDS)
        + r") (Beräknad: \w+ mot [\w:ås ]+?|Förvaltningens bedömning|Ingen bedömning angiven) "
    )
    names = [row.cells[0] for goal in example.goals if goal.indicators for row in goal.indicators.rows]
    found = 0
    for name in names:
        words = normalise(name).split()[:3]
        if re.search(pattern + re.escape(" ".join(words)), body):
            found += 1
    assert found == 73


# -- decision page and contents ----------------------------------------------------------------


def test_the_decision_page_keeps_the_officers_contact_block(source, example, html_text, pdf_pages):
    officer_at = next(index for index, line in enumerate(source) if line.strip().startswith("Handläggare"))
    officer = normalise(source[officer_at + 1])
    phone = re.search(r"Telefon:?\s*([\d -]+\d)", source[officer_at + 2]).group(1)  # type: ignore[union-attr]
    recipient = normalise(source[officer_at + 3])
    dates = [
        line.strip() for line in source[: officer_at + 6] if re.fullmatch(r"\d{4}-\d{2}-\d{2}", line.strip())
    ]
    first_page = pdf_pages[0]
    for expected in ("Handläggare", officer, f"Telefon: {phone}", "Till", recipient, *dates):
        assert expected in first_page, expected
    assert f"Handläggare {officer}, telefon {phone}" in html_text
    assert f"Till {recipient}, {dates[1]}" in html_text
    assert example.recipient == recipient
    assert example.document_title in first_page


def test_the_contents_list_each_attachment_as_the_source_does(source, html, pdf_pages):
    contents = source[next(i for i, line in enumerate(source) if line.strip() == "Innehållsförteckning") :]
    listed = []
    for line in contents:
        match = re.match(
            r"^(Bilaga \d+: .+?)\s*$", line.replace("<i>", "").replace("</i>", "").split("\t")[0]
        )
        if match:
            listed.append(normalise(match.group(1)))
        if line.strip() == "Sammanfattande analys":
            break
    assert len(listed) >= 10
    toc_pages = " ".join(pdf_pages[1:4])
    toc = (
        toc_pages[: toc_pages.index("Sammanfattande analys Förvaltningen")]
        if "Sammanfattande analys Förvaltningen" in toc_pages
        else toc_pages
    )
    assert_in_order(toc, ["Bilagor", *listed])
    nav = normalise(re.sub(r"<[^>]+>", " ", re.search(r"<nav.*?</nav>", html, re.DOTALL).group(0)))  # type: ignore[union-attr]
    assert_in_order(nav, ["Bilagor", *listed])


# -- the economy prose, verbatim and in order --------------------------------------------------


def test_the_economy_prose_is_printed_verbatim_in_the_source_order_in_html(source, html_text, example):
    lines = prose_lines(economy_part(source))
    assert len(lines) > 60
    assert_in_order(economy_text(html_text, example), lines)


def test_the_economy_prose_is_printed_verbatim_in_the_source_order_in_pdf(source, pdf_pages, example):
    assert_in_order(
        economy_text(body_pdf_text(pdf_pages, example), example), prose_lines(economy_part(source))
    )


def test_no_list_is_regenerated_beside_the_prose(html_text, example):
    economy = economy_text(html_text, example)
    assert not re.search(r"\d mnkr: ", economy)  # "Parkinvesteringar 7,5 mnkr:" and the like
    headings = [block_text(b) for section in example.economy for b in section.blocks if b.kind == "heading"]
    assert not [heading for heading in headings if heading.startswith("Ansök")]
    assert not [t for t in example.tables() if t.key in ("budget_adjustments", "fund_applications")]
