"""Render ReportData as one accessible web page (Django templates in ``templates/reports/html``).

``render_html`` gives a whole page; ``render_html_fragment`` only the ``<article>`` for the
web application to place inside its own layout. Headings are one level below the PDF's (the
page's ``h1`` is the report's title); tables have a caption, ``th scope="col"`` headers and
``th scope="row"`` row headers; charts are inline SVG with their text alternative; the table
of contents links to every listed heading. The templates read ReportData as it is (its
fields and properties: ``Table.header``, ``Table.body``, ``Chart.svg``, ``Span.printed``).

The page prints well (``@media print`` in ``page.html``): A4 with page numbers where the browser
supports ``@page`` margin boxes, "UTKAST" on every page of a draft, headings kept with what
follows them and never smaller than the text, charts at full width.
"""

from __future__ import annotations

import re
from typing import Any

from django.template.loader import render_to_string

from styrkort.domain.scales import StatusScale
from styrkort.reports.data import ReportData

# Control characters and noncharacters are not allowed in HTML; typed text may still hold them.
_NOT_HTML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff\ud800-\udfff]")


def render_html(report: ReportData) -> str:
    """The report as a complete HTML page."""
    return _NOT_HTML.sub("", render_to_string("reports/html/page.html", _context(report)))


def render_html_fragment(report: ReportData) -> str:
    """The report as an ``<article>`` element, without page chrome."""
    return _NOT_HTML.sub("", render_to_string("reports/html/body.html", _context(report)))


def _context(report: ReportData) -> dict[str, Any]:
    toc = [heading for heading in report.headings() if heading.in_toc]
    return {"report": report, "toc": toc, "scale_css": scale_css(report.scale)}


def scale_css(scale: StatusScale) -> str:
    """The scale's colours as CSS classes (no style attributes, so a strict Content-Security-Policy
    holds): ``grade-<grade>`` colours a symbol, ``status-<key>`` draws a level's badge."""
    rules = []
    for level in (*scale.levels, scale.no_data, scale.unclear):
        rules.append(f".status-{level.key} {{ background: {level.colour}; color: {level.text_colour}; }}")
    for grade in ("met", "partly_met", "not_met", "no_data", "unclear"):
        rules.append(f".grade-{grade} {{ color: {scale.level_for_grade(grade).colour}; }}")  # type: ignore[arg-type]
    return "\n".join(rules) + "\n"
