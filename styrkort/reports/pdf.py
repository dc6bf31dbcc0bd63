"""Render ReportData as an archival, tagged PDF (PDF/A-2b and PDF/UA-1) with Typst.

Why Typst: on this machine it renders the whole report in about half a second, writes
PDF/A-2b and PDF/UA-1 (tagged structure, /Lang, alternative texts, embedded fonts) itself,
and lays out a table of contents with real page numbers. WeasyPrint was ~17× slower and
LibreOffice ~6× slower with an empty table of contents.

The data goes to a fixed template (``templates/reports/report.typ``) as one JSON string; the
template only places what ReportData says. Fonts come from ``fonts/`` (Carlito, OFL), never
from the system, so every machine produces the same document.

Typst keeps caches that grow with every render in a long-lived process: the web application
should call ``render_pdf_in_subprocess``, which renders in a short-lived child process.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

from styrkort.reports.charts import chart_svg
from styrkort.reports.data import ReportData, as_jsonable

HERE = Path(__file__).resolve().parent
TEMPLATE = HERE / "templates" / "reports" / "report.typ"
FONTS = HERE / "fonts"


# Long compound words in narrow header cells may break before these parts (a zero-width
# space). Not hyphenation: Typst's automatic hyphens share the hyphen glyph, whose text then
# extracts as a soft hyphen everywhere ("-3,1" would copy as U+00AD). Not a show rule in
# the template either: a regex show rule made the whole render almost twice as slow.
BREAK_BEFORE = re.compile(r"\B(förändringar|justeringar|överföring|budget|enhetens)")


def typst_input(report: ReportData) -> str:
    """The template's input: the report and the SVG of each chart, as one JSON string."""
    svgs = {chart.key: chart_svg(chart) for chart in report.charts()}
    return json.dumps({"report": _break_hints(as_jsonable(report)), "svgs": svgs}, ensure_ascii=False)


def _break_hints(value: Any) -> Any:
    if isinstance(value, list):
        return [_break_hints(item) for item in value]
    if not isinstance(value, dict):
        return value
    found = {key: _break_hints(item) for key, item in value.items()}
    if "columns" in found and "numeric" in found:
        found["columns"] = [BREAK_BEFORE.sub("\u200b\\1", column) for column in found["columns"]]
    return found


def compile_pdf(data: str) -> bytes:
    """Compile the template with a prepared input (see ``typst_input``)."""
    import typst

    return typst.compile(
        str(TEMPLATE),
        root=str(HERE),
        font_paths=[str(FONTS)],
        ignore_system_fonts=True,
        sys_inputs={"data": data},
        format="pdf",
        pdf_standards=["a-2b", "ua-1"],  # PDF/A-2b archival, PDF/UA-1 accessible
    )


def render_pdf(report: ReportData) -> bytes:
    """The report as PDF bytes, rendered in this process."""
    return compile_pdf(typst_input(report))


def render_pdf_in_subprocess(report: ReportData, timeout: float = 60) -> bytes:
    """The report as PDF bytes, rendered in a short-lived child process (for the web)."""
    completed = subprocess.run(
        [sys.executable, "-m", "styrkort.reports.pdf"],
        input=typst_input(report).encode("utf-8"),
        capture_output=True,
        timeout=timeout,
        check=False,
    )
    if completed.returncode != 0:
        raise RuntimeError(f"PDF rendering failed: {completed.stderr.decode('utf-8', 'replace')[-2000:]}")
    return completed.stdout


if __name__ == "__main__":
    sys.stdout.buffer.write(compile_pdf(sys.stdin.buffer.read().decode("utf-8")))
