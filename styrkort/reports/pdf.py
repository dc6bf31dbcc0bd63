"""Render ReportData as an archival, tagged PDF (PDF/A-2b and PDF/UA-1) with Typst.

Why Typst: it compiles the whole report in about half a second, writes PDF/A-2b and PDF/UA-1
(tagged structure, /Lang, alternative texts, embedded fonts) itself, and lays out a table of
contents with real page numbers. WeasyPrint was ~17× slower. LibreOffice converting our own
DOCX leaves the table of contents without page numbers and, whole process against whole
process, takes longer than ``styrkort render --format pdf``: 1.97 s against 0.92 s when issue 11
was written; 3.43 s against 2.25 s (1.5×) in ``make bench`` on 2026-12-06, about 1 s of the 2.25 s being
the start-up of Django and its imports. ``make bench`` prints that ratio, measured like for like.

The data goes to a fixed template (``templates/reports/report.typ``) as one JSON string made
here, deliberately, by ``typst_input``: the fields of ReportData, the properties the template
needs (a table's cells, a chart's SVG), and every text made printable (``Printable``).

Fonts: Carlito (``fonts/``, OFL) prints the report; for any other script, symbols and emoji
Typst falls back to the Noto fonts and Droid Sans Fallback of the Debian packages in
``scripts/system-packages-reports.txt`` (OFL and Apache 2.0; every glyph used is embedded, as
PDF/A requires). A character no font has is printed as "�" and reported as a finding
(``unprintable``) instead of failing the render; control characters are dropped. A chart's
labels are text inside its SVG, whose renderer has no dependable fallback: there a character
Carlito lacks prints as "?" (a finding too; the caption, alternative text and table have it).

Typst cannot yet tag a row header (TH with Scope Row) nor put a caption inside its Figure
element, so ``finish`` does both on the structure tree afterwards (pikepdf), and qpdf writes the
file again with its objects in compressed object streams (PDF/A-2 permits them): for the demo's
largest report 1.28 MB from Typst becomes 0.55 MB (1.40 MB without object streams), in 0.14 s of
CPU against 0.16 s without, measured on a busy 2-core machine (load 9); pypdf took seconds.

Where a web download of a report not rendered before spends its time (CPU, demo's 2026-T1
reports, 2-core machine): Typst's compile 0.22 s (smallest committee) to 0.40 s (a district)
to 0.57 s (sdn-norra), measured at load 1.2; ``finish`` about 0.1 s; the request in the parent
(loading the report, the cache key, ``typst_input``) about 0.08 s. The compile is the floor.

Typst keeps caches that grow with every render in a long-lived process: the web application,
the background worker and batch renders call ``render_pdf_in_subprocess``, which compiles in
the warm render worker (``reports/worker.py``: a child process kept between renders and
replaced after ``STYRKORT_RENDERS_PER_WORKER`` of them).
"""

from __future__ import annotations

import io
import json
import logging
import re
import sys
import unicodedata
from dataclasses import fields, is_dataclass, replace
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from styrkort.domain.findings import Finding
from styrkort.domain.numbers import to_exchange
from styrkort.reports import worker
from styrkort.reports.charts import Chart, Panel
from styrkort.reports.data import Heading, OverviewRow, ReportData, Row, Span, Table, bind_numbers

HERE = Path(__file__).resolve().parent
TEMPLATE = HERE / "templates" / "reports" / "report.typ"
FONTS = HERE / "fonts"
# Fallback fonts from Debian packages (scripts/system-packages-reports.txt); a folder that is
# missing is skipped, and what it would have printed becomes "�" plus a finding.
SYSTEM_FONTS = (Path("/usr/share/fonts/truetype/noto"), Path("/usr/share/fonts/truetype/droid"))
FONT_FAMILIES = (
    "Carlito",
    "Noto Sans",
    "Droid Sans Fallback",
    "Noto Color Emoji",
    "Noto Sans Symbols",
    "Noto Sans Symbols 2",
    "Noto Sans Math",
)
REPLACEMENT = "\ufffd"
# PDF strings (a heading's title, an alternative text, the metadata) hold at most 32 767 bytes,
# UTF-16 with two or four bytes a character: longer texts are shortened where they become one.
PDF_STRING_CHARACTERS = 4000
# Typst never breaks inside a word, and a word longer than 32 767 letters cannot be written:
# a run of letters this long gets a break opportunity (zero-width space) after every LONG_WORD.
LONG_WORD = 60
_LONG_WORD = re.compile(rf"\w{{{LONG_WORD + 1},}}")
# Control characters, surrogates, noncharacters and the byte order mark print nothing and
# break PDF (PDF/UA forbids U+FEFF in text) and XML.
_UNPRINTABLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufeff\ufffe\uffff"
    + "".join(f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(1, 17))
    + "]"
)
# Default-ignorable code points need no glyph: shaping hides them.
_IGNORABLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0000-\U000e0fff]"
)
# Spaces shaping draws without a glyph of their own (a font's space stands in).
_SHAPED = frozenset({0x09, 0x0A, 0x20, 0xA0} | set(range(0x2000, 0x200B)) | {0x202F, 0x205F, 0x3000})
log = logging.getLogger(__name__)


def typst_input(report: ReportData) -> str:
    """The template's input: the report with printable texts and chart SVGs, as one JSON string."""
    printable = Printable()
    data = {"report": _jsonable(report, printable), "fonts": FONT_FAMILIES}
    for finding in printable.findings:
        log.warning("%s: %s", finding.where, finding.message)
    return json.dumps(data, ensure_ascii=False)


def unprintable(report: ReportData) -> tuple[Finding, ...]:
    """Findings for the characters the PDF prints as "�" (no font has them)."""
    printable = Printable()
    _jsonable(report, printable)
    return tuple(printable.findings)


def compile_pdf(data: str) -> bytes:
    """Compile the template with a prepared input (see ``typst_input``) and finish its tags."""
    import typst

    return finish(
        typst.compile(
            str(TEMPLATE),
            root=str(HERE),
            font_paths=_typst_fonts(),
            ignore_system_fonts=True,
            sys_inputs={"data": data},
            format="pdf",
            pdf_standards=["a-2b", "ua-1"],  # PDF/A-2b archival, PDF/UA-1 accessible
        )
    )


def render_pdf(report: ReportData) -> bytes:
    """The report as PDF bytes, rendered in this process."""
    return compile_pdf(typst_input(report))


def render_pdf_in_subprocess(report: ReportData, timeout: float = 60) -> bytes:
    """The report as PDF bytes, compiled in this process's warm render worker (a child process,
    recycled; see ``styrkort.reports.worker``): for the web, the background worker and batches."""
    return worker.compile_pdf(typst_input(report), timeout)


# -- the input ----------------------------------------------------------------------------------


def _jsonable(value: Any, printable: Printable, where: str = "") -> Any:
    """ReportData for the template: fields, the properties it reads, every text printable."""
    if isinstance(value, str):
        return printable(value, where)
    if isinstance(value, Decimal):
        return to_exchange(value)
    if isinstance(value, tuple | list):
        return [_jsonable(item, printable, where) for item in value]
    if not is_dataclass(value) or isinstance(value, type):
        return value
    if isinstance(value, Table):
        where = value.caption
    replaced = _REPLACED_FIELDS.get(type(value), ())  # made from the value below, not the field
    found: dict[str, Any] = {
        name: _jsonable(getattr(value, name), printable, where)
        for name in _field_names(type(value))
        if name not in replaced
    }
    if isinstance(value, Span):  # numbers in prose and cells never wrap
        found["text"] = printable(value.printed, where)
    elif isinstance(value, Row):
        found["cells"] = [printable(bind_numbers(text), where) for text in value.cells]
    elif isinstance(value, Heading):
        found["text"], found["rest"] = _shorten(found["text"])
    elif isinstance(value, Chart):
        found["alt"] = _shorten(found["alt"])[0]
        found["svg"] = _printable_chart(value, printable, where).svg
    elif isinstance(value, OverviewRow):
        found["title"] = _shorten(found["title"])[0]
    elif isinstance(value, ReportData):
        for name in ("document_title", "committee", "report_title"):
            found[name] = _shorten(found[name])[0]
        if not found["document_title"].strip():  # PDF/UA requires a title
            found["document_title"] = value.report_title
        found["watermark"] = value.watermark
    return found


@cache
def _field_names(kind: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(kind))


# Fields the template reads in another form (set in _jsonable): not made printable twice.
_REPLACED_FIELDS: dict[type, tuple[str, ...]] = {Span: ("text",), Row: ("cells",)}


def _printable_chart(chart: Chart, findings: Printable, where: str) -> Chart:
    """The chart with printable labels: its SVG's text is drawn with the same fonts."""
    printable = Printable(strict=True)
    printable.replaced = findings.replaced
    printable.findings = findings.findings
    panels = tuple(
        Panel(
            printable(panel.title, where),
            tuple(
                replace(bar, label=printable(bar.label, where), text=printable(bar.text, where))
                for bar in panel.bars
            ),
        )
        for panel in chart.panels
    )
    return replace(chart, title=printable(chart.title, where), panels=panels)


def _shorten(text: str) -> tuple[str, str]:
    """A text that fits in a PDF string, and what had to be left out of it."""
    if len(text) <= PDF_STRING_CHARACTERS:
        return text, ""
    return text[:PDF_STRING_CHARACTERS] + "…", "…" + text[PDF_STRING_CHARACTERS:]


class Printable:
    """Makes texts printable by the PDF's fonts and collects a finding for each replacement."""

    def __init__(self, strict: bool = False) -> None:
        self.findings: list[Finding] = []
        self.replaced: set[tuple[str, str]] = set()
        self.strict = strict  # text in an SVG: its renderer finds no other font for marks
        self.done: dict[str, str] = {}  # a report repeats many texts (units, statuses, blanks)

    def __call__(self, text: str, where: str = "") -> str:
        """The text as printed; a text seen before has had its findings made (once each)."""
        printed = self.done.get(text)
        if printed is None:
            printed = self.done[text] = self._printable(text, where)
        return printed

    def _printable(self, text: str, where: str) -> str:
        if not text.isprintable():  # isprintable: no control, surrogate, noncharacter or BOM
            text = _UNPRINTABLE.sub("", text)
        if _LONG_WORD.search(text):
            text = _LONG_WORD.sub(lambda m: "\u200b".join(_chunks(m.group(0))), text)
        if not _beyond_carlito().search(text):
            return text
        return "".join(self._cluster(cluster, where or text[:60]) for cluster in _clusters(text))

    def _cluster(self, cluster: str, where: str) -> str:
        """A character with its combining marks as one font prints it, else what can be printed."""
        needed = frozenset(ord(c) for c in cluster if not _IGNORABLE.match(c)) - _SHAPED
        if self.strict:  # a chart's SVG text finds no reliable fallback font: Carlito only
            unprinted = [c for c in cluster if _beyond_carlito().match(c) and ord(c) not in _SHAPED]
            if any(not _IGNORABLE.match(c) for c in unprinted):
                for character in unprinted:
                    if not _IGNORABLE.match(character):
                        self._finding(character, where, "?")
                return "?"
            return "".join(c for c in cluster if c not in unprinted)  # joiners Carlito lacks
        elif (
            not needed
            or (len(needed) == 1 and needed <= _covered())
            or _one_font_prints(needed, ord(cluster[0]))
        ):
            return cluster
        base, marks = cluster[0], cluster[1:]
        if unicodedata.category(base).startswith("M"):
            base, marks = REPLACEMENT, cluster
        printed = base if ord(base) in _covered() or ord(base) in _SHAPED else REPLACEMENT
        if printed != base:
            self._finding(base, where)
        for mark in marks:
            if not _IGNORABLE.match(mark) and ord(mark) not in _SHAPED:
                self._finding(mark, where)
                printed += REPLACEMENT
        return printed

    def _finding(self, character: str, where: str, replacement: str = REPLACEMENT) -> None:
        if (character, replacement) in self.replaced:
            return
        self.replaced.add((character, replacement))
        name = unicodedata.name(character, f"U+{ord(character):04X}")
        self.findings.append(
            Finding(
                "warning",
                "unprintable_character",
                where,
                f"Tecknet {character!r} ({name}) kan inte skrivas med PDF-filens typsnitt "
                f"och skrivs som {replacement}"
                + (" i diagrammet (texten under det har tecknet)." if replacement == "?" else "."),
            )
        )


def _one_font_prints(needed: frozenset[int], base: int) -> bool:
    """Whether Typst will find one font for a character with its marks: one of the listed
    families has them all, or else every font it may fall back to (one that has the first
    character; none of the listed may have it) has them all."""
    if any(listed and needed <= font for listed, font in _fonts()):
        return True
    candidates = [(listed, font) for listed, font in _fonts() if base in font]
    return (
        bool(candidates)
        and not any(listed for listed, _ in candidates)
        and all(needed <= f for _, f in candidates)
    )


def _clusters(text: str) -> list[str]:
    """The text in user-perceived characters (roughly Unicode's grapheme clusters): a character
    with the combining marks, joiners, variation selectors and emoji modifiers that follow it."""
    found: list[str] = []
    for character in text:
        joins = (
            unicodedata.category(character).startswith("M")
            or _IGNORABLE.match(character) is not None
            or 0x1F3FB <= ord(character) <= 0x1F3FF
            or (bool(found) and found[-1].endswith("\u200d"))
        )
        if found and joins and found[-1] not in "\n\t":
            found[-1] += character
        else:
            found.append(character)
    return found


def _chunks(word: str) -> list[str]:
    return [word[i : i + LONG_WORD] for i in range(0, len(word), LONG_WORD)]


@cache
def _typst_fonts() -> Any:
    """The fonts found once per process (the warm render worker), not at every compile."""
    import typst

    return typst.Fonts(include_system_fonts=False, font_paths=_font_paths())


def _font_paths() -> list[str]:
    return [str(FONTS)] + [str(folder) for folder in SYSTEM_FONTS if folder.is_dir()]


@cache
def _beyond_carlito() -> re.Pattern[str]:
    """Matches a character Carlito does not print (most reports have none)."""
    covered = sorted(_cmap(sorted(FONTS.glob("Carlito-*.ttf"))) | _SHAPED)
    ranges, start = [], covered[0]
    for previous, current in zip(covered, covered[1:] + [-1], strict=True):
        if current != previous + 1:
            ranges.append(
                re.escape(chr(start)) + ("-" + re.escape(chr(previous)) if previous > start else "")
            )
            start = current
    return re.compile(f"[^{''.join(ranges)}]")


@cache
def _fonts() -> tuple[tuple[bool, frozenset[int]], ...]:
    """Each font of the PDF: whether its family is in FONT_FAMILIES, and the characters it prints."""
    files = sorted(FONTS.glob("*.[ot]t[fc]"))
    for folder in SYSTEM_FONTS:
        files += sorted(folder.glob("*.[ot]t[fc]")) if folder.is_dir() else []
    listed = {family.replace(" ", "") for family in FONT_FAMILIES}
    return tuple(
        (path.stem.split("-")[0].removesuffix("Full") in listed, font)
        for path in files
        for font in _cmaps(path)
    )


@cache
def _covered() -> frozenset[int]:
    """Every character some font of the PDF prints."""
    return frozenset().union(*(font for _, font in _fonts()))


def _cmap(files: list[Path]) -> frozenset[int]:
    return frozenset().union(*(font for path in files for font in _cmaps(path)))


def _cmaps(path: Path) -> list[frozenset[int]]:
    """The characters of each font in a font file (a .ttc holds several)."""
    from fontTools.ttLib import TTCollection, TTFont

    fonts = TTCollection(path, lazy=True).fonts if path.suffix == ".ttc" else [TTFont(path, lazy=True)]
    return [frozenset(font.getBestCmap() or {}) for font in fonts]


# -- finishing the tags -------------------------------------------------------------------------


def finish(pdf: bytes) -> bytes:
    """The PDF with row headers tagged TH (Scope Row) and captions inside their Figure."""
    import pikepdf

    with pikepdf.open(io.BytesIO(pdf)) as document:
        if not _finish(document.Root.StructTreeRoot, [0]):
            return pdf
        output = io.BytesIO()
        document.save(output, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return output.getvalue()


# Elements that hold only text (never a table or a figure): the walk does not enter them.
_TEXT_ONLY = {
    "/P",
    "/H1",
    "/H2",
    "/H3",
    "/H4",
    "/H5",
    "/H6",
    "/Span",
    "/Link",
    "/Strong",
    "/Em",
    "/TOC",
    "/Title",
}


def _finish(node: Any, rows: list[int]) -> bool:
    """Walk the structure tree beneath node; True if something was changed."""
    changed = False
    for child in _children(node):
        role = child.S
        if role == "/Table":
            for group in _children(child):
                for row in _children(group) if group.S == "/TBody" else [group] if group.S == "/TR" else []:
                    rows[0] += 1
                    changed |= _row_header(row, f"row{rows[0]}")
        elif role == "/Div" and _caption_into_figure(child):
            changed = True
        elif role not in _TEXT_ONLY:
            changed |= _finish(child, rows)
    return changed


def _children(node: Any) -> list[Any]:
    """The structure elements directly beneath node (not its marked-content references)."""
    import pikepdf

    kids = node.get("/K")
    if kids is None:
        return []
    items = list(kids) if isinstance(kids, pikepdf.Array) else [kids]
    return [kid for kid in items if isinstance(kid, pikepdf.Dictionary) and "/S" in kid]


def _row_header(row: Any, identifier: str) -> bool:
    """The first cell of a body row becomes its header: TH, Scope Row, with an ID the others name."""
    import pikepdf

    cells = _children(row)
    if not cells or cells[0].S != "/TD":
        return False
    first = cells[0]
    first.S = pikepdf.Name.TH
    attributes = _attributes(first)
    table = next((a for a in attributes if a.get("/O") == "/Table"), None)
    if table is None:
        table = pikepdf.Dictionary(O=pikepdf.Name.Table)
        attributes.insert(0, table)
    table.Scope = pikepdf.Name.Row
    first.A = pikepdf.Array(attributes)
    if "/ID" not in first:
        first.ID = pikepdf.String(identifier)
    for cell in cells[1:]:
        for attribute in _attributes(cell):
            if attribute.get("/O") == "/Table" and "/Headers" in attribute:
                attribute.Headers.append(first.ID)
    return True


def _attributes(cell: Any) -> list[Any]:
    import pikepdf

    attributes = cell.get("/A")
    if attributes is None:
        return []
    return list(attributes) if isinstance(attributes, pikepdf.Array) else [attributes]


def _caption_into_figure(div: Any) -> bool:
    """Typst writes Div(Caption, Figure), the Figure sometimes in a Div of its own; the Caption
    belongs inside the Figure it describes. True if div was such a figure."""
    import pikepdf

    kids = _children(div)
    roles = [kid.S for kid in kids]
    if len(kids) != 2 or "/Caption" not in roles:
        return False
    caption, other = (kids[0], kids[1]) if roles[0] == "/Caption" else (kids[1], kids[0])
    figure = other
    while figure.S == "/Div" and len(_children(figure)) == 1:
        figure = _children(figure)[0]
    if figure.S != "/Figure":
        return False
    inner = figure.get("/K")
    items = list(inner) if isinstance(inner, pikepdf.Array) else ([inner] if inner is not None else [])
    figure.K = pikepdf.Array([caption, *items] if roles[0] == "/Caption" else [*items, caption])
    caption.P = figure
    div.K = pikepdf.Array([other])
    return True


if __name__ == "__main__":
    sys.stdout.buffer.write(compile_pdf(sys.stdin.buffer.read().decode("utf-8")))
