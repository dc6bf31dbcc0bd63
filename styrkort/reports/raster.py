"""The report's charts as PNG pictures, for the Word document (Word takes no bare SVG).

Typst, which draws the PDF, rasterises the same SVG (``charts.chart_svg``) with the same
fonts (``fonts/``, Carlito): no further dependency. All of a report's charts are one Typst
document, one page per chart, 170 mm wide (the text width, as in the PDF) at ``PPI``.

Typst's caches grow with every compilation in a long-lived process (see ``pdf.py``), so
``chart_pngs`` rasterises in a short-lived child process, as the PDF does for the web; the
last few results are kept (``lru_cache``), so a report rendered again costs nothing.
"""

from __future__ import annotations

import json
import struct
import subprocess
import sys
from functools import lru_cache
from pathlib import Path

from styrkort.reports.docx_xml import clean

HERE = Path(__file__).resolve().parent
TEMPLATE = HERE / "templates" / "reports" / "charts.typ"
FONTS = HERE / "fonts"
PPI = 150


def compile_pngs(svgs: list[str]) -> list[bytes]:
    """Each SVG as a PNG, rendered in this process."""
    import typst

    if not svgs:
        return []
    # An SVG is XML: a control character typed into a label would make it unreadable.
    pages = typst.compile(
        str(TEMPLATE),
        root=str(HERE),
        font_paths=[str(FONTS)],
        ignore_system_fonts=True,
        sys_inputs={"svgs": json.dumps([clean(svg) for svg in svgs])},
        format="png",
        ppi=PPI,
    )
    return [pages] if isinstance(pages, bytes) else list(pages or [])


@lru_cache(maxsize=8)
def chart_pngs(svgs: tuple[str, ...], timeout: float = 60) -> tuple[bytes, ...]:
    """Each SVG as a PNG, rendered in a short-lived child process."""
    if not svgs:
        return ()
    completed = subprocess.run(
        [sys.executable, "-m", "styrkort.reports.raster"],
        input=json.dumps(svgs).encode("utf-8"),
        capture_output=True,
        timeout=timeout,
        check=False,
    )
    if completed.returncode != 0:
        raise RuntimeError(
            f"the charts could not be drawn: {completed.stderr.decode('utf-8', 'replace')[-2000:]}"
        )
    pngs, output = [], completed.stdout
    while output:
        (length,) = struct.unpack(">I", output[:4])
        pngs.append(output[4 : 4 + length])
        output = output[4 + length :]
    if len(pngs) != len(svgs):
        raise RuntimeError(f"{len(svgs)} charts, {len(pngs)} pictures")
    return tuple(pngs)


if __name__ == "__main__":
    for png in compile_pngs(json.loads(sys.stdin.buffer.read().decode("utf-8"))):
        sys.stdout.buffer.write(struct.pack(">I", len(png)) + png)
