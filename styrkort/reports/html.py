"""Render ReportData as one accessible web page (Django templates in ``templates/reports/html``).

``render_html`` gives a whole page; ``render_html_fragment`` only the ``<article>`` for the
web application to place inside its own layout. Headings are one level below the PDF's (the
page's ``h1`` is the report's title); tables have a caption, ``th scope="col"`` headers and
``th scope="row"`` row headers; charts are inline SVG with their text alternative; the table
of contents links to every listed heading. The templates only place values from ReportData.
"""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string

from styrkort.reports.charts import chart_svg
from styrkort.reports.data import ReportData, as_jsonable


def render_html(report: ReportData) -> str:
    """The report as a complete HTML page."""
    return render_to_string("reports/html/page.html", _context(report))


def render_html_fragment(report: ReportData) -> str:
    """The report as an ``<article>`` element, without page chrome."""
    return render_to_string("reports/html/body.html", _context(report))


def _context(report: ReportData) -> dict[str, Any]:
    svgs = {chart.key: chart_svg(chart) for chart in report.charts()}
    toc = [{"text": h.text, "anchor": h.anchor, "indent": h.level - 1} for h in report.headings() if h.in_toc]
    return {"report": _prepare(as_jsonable(report), svgs), "toc": toc}


def _prepare(value: Any, svgs: dict[str, str]) -> Any:
    """Add what the templates need to place tables and charts (header cells, SVG)."""
    if isinstance(value, list):
        return [_prepare(item, svgs) for item in value]
    if not isinstance(value, dict):
        return value
    value = {key: _prepare(item, svgs) for key, item in value.items()}
    if "columns" in value and "numeric" in value:
        numeric = value["numeric"]
        value["header"] = [{"text": c, "numeric": n} for c, n in zip(value["columns"], numeric, strict=True)]
        value["width"] = len(value["columns"])
        for row in value["rows"]:
            row["first"] = row["cells"][0]
            row["rest"] = [
                {"text": c, "numeric": n} for c, n in zip(row["cells"][1:], numeric[1:], strict=True)
            ]
    if "panels" in value and "alt" in value:
        value["svg"] = svgs[value["key"]]
    return value
