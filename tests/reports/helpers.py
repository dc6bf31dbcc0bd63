"""Helpers shared by the report tests: text normalisation for comparing extracted text."""

from __future__ import annotations

import re

from styrkort.reports.data import ReportData


def normalise(text: str) -> str:
    """One ordinary space for any run of whitespace (including no-break and thin spaces).

    A line may break after a slash ("barn/ avd."): the space extraction puts there goes too.
    """
    return re.sub(r"/ ", "/", re.sub(r"[\s\u00a0\u202f\u2009\u200b]+", " ", text)).strip()


def expected_sequence(report: ReportData) -> list[str]:
    """Every non-empty table cell and every heading in printed order."""
    found = [heading.text for heading in report.headings()]
    for table in report.tables():
        for row in table.rows:
            found += [cell for cell in row.cells if cell]
    return found


def assert_in_order(text: str, items: list[str]) -> None:
    """Each item occurs in text after the previous one."""
    position = 0
    for item in items:
        index = text.find(normalise(item), position)
        assert index >= 0, (
            f"{item!r} not found after position {position}: …{text[position : position + 200]}…"
        )
        position = index + len(normalise(item))


def table_cells_in_order(text: str, report: ReportData) -> None:
    """Every table's non-empty cells, row by row, occur in the text in printed order.

    Rows come in order and a row's figures in column order. The first cell of a row with an
    analysis spans two rows in the PDF, which writes it after the row's other cells, so the
    first cell only has to follow the previous row.
    """
    position = 0
    for table in report.tables():
        for row in table.rows:
            start, end = position, position
            for number, cell in enumerate(row.cells):
                if not cell:
                    continue
                index = text.find(normalise(cell), start if number == 0 else position)
                assert index >= 0, (
                    f"{table.key}: {cell!r} missing after …{text[max(0, position - 80) : position]}…"
                )
                end = max(end, index + len(normalise(cell)))
                if number > 0:
                    position = index + len(normalise(cell))
            position = end


def check_table_of_contents(report: ReportData, pages: list[str]) -> int:
    """Each listed heading's page number in the TOC is the page where the heading stands.

    The TOC runs from page 2 to the page before the summary (its own first entry).
    Returns how many headings were checked.
    """
    first = re.search(r"Sammanfattande analys[ .]*?(\d+)\b", pages[1])
    assert first, "the table of contents does not start with the summary"
    toc = " ".join(pages[1 : int(first.group(1)) - 1])
    checked = 0
    for heading in (h for h in report.headings() if h.in_toc):
        match = re.search(re.escape(normalise(heading.text)) + r"[ .]*?(\d+)\b", toc)
        assert match, f"{heading.text!r} is not in the table of contents"
        page = int(match.group(1))
        assert normalise(heading.text) in pages[page - 1], f"{heading.text!r} is not on page {page}"
        checked += 1
    return checked


PARTS = ("Uppföljning av Kommunfullmäktiges inriktningsmål", "Uppföljning av ekonomi", "Bilagor")


def page_flow_problems(report: ReportData, pages: list[str]) -> list[str]:
    """Pages (text as pdftotext gives it) that end in a heading, or are nearly empty without
    being the last page of a part (the summary, an aim, the goals, the economy): each part and
    each aim starts a page, as in the Word document."""
    found = []
    starts = [*PARTS, *(normalise(g.heading.text) for g in report.goals if g.level == "aim")]
    headings = [normalise(h.text) for h in report.headings()] + [
        "Analys",
        "Beskrivning",
        "Förväntat resultat",
    ]
    for number, page in enumerate(pages[:-1], start=1):
        body = normalise(re.sub(r"Sida \d+ \(\d+\)\s*$", "", page.strip()))
        for level in (*report.scale.levels, report.scale.no_data, report.scale.unclear):
            body = body.removesuffix(level.label).removesuffix(level.symbol).strip()  # a goal's status
        if any(body.endswith(heading) for heading in headings):
            found.append(f"page {number} ends in a heading: …{body[-80:]}")
        if number > 2 and len(body) < 600 and not any(start in normalise(pages[number]) for start in starts):
            found.append(f"page {number} is nearly empty: {body[:120]}")
    return found


def parts_not_opening_a_page(report: ReportData, pages: list[str]) -> list[str]:
    """The parts and aims whose heading opens no page: on no page does it come right after the
    running header (the committee, the draft mark and the report's title)."""
    starts = [PARTS[0], PARTS[1], *(normalise(g.heading.text) for g in report.goals if g.level == "aim")]
    found = []
    for start in starts:
        if not any(0 <= normalise(page).find(start) <= 150 for page in pages):
            found.append(start)
    return found
