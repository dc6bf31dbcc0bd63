"""The Word document's package: the report's own template, header and footer, properties.

The template is built here, in code, from the XML parts in ``templates/reports/docx/``
(styles, numbering, settings, font table, theme: read them to see the report's look) and the few
package files around them; it has no other parts. python-docx's default template is not
used: it brought blue headings, a creation date in 2013, "python-docx" as last author,
"Microsoft Macintosh Word" app properties, a bibliography part and a stylesWithEffects part
that no longer matched the styles.

What differs between reports is set per document: the running header (committee, report,
and "UTKAST" on every page of a report that is not decided), the footer's "Sida X (Y)" and
the core properties (title, author = the committee, dates, language, status).
"""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, date, datetime
from functools import lru_cache
from pathlib import Path

from docx import Document
from docx.document import Document as WordDocument
from docx.oxml import parse_xml

from styrkort.reports.data import ReportData
from styrkort.reports.docx_xml import W, clean, field, paragraph, run

PARTS = Path(__file__).resolve().parent / "templates" / "reports" / "docx"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
DRAWING_NAMESPACES = (
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"'
)
PACKAGE_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml"
TYPES = {
    "word/document.xml": f"{MAIN}.document.main+xml",
    "word/styles.xml": f"{MAIN}.styles+xml",
    "word/numbering.xml": f"{MAIN}.numbering+xml",
    "word/settings.xml": f"{MAIN}.settings+xml",
    "word/fontTable.xml": f"{MAIN}.fontTable+xml",
    "word/theme/theme1.xml": "application/vnd.openxmlformats-officedocument.theme+xml",
    "word/header1.xml": f"{MAIN}.header+xml",
    "word/footer1.xml": f"{MAIN}.footer+xml",
    "docProps/core.xml": "application/vnd.openxmlformats-package.core-properties+xml",
    "docProps/app.xml": "application/vnd.openxmlformats-officedocument.extended-properties+xml",
}
DOCUMENT_RELATIONSHIPS = {
    "styles.xml": "styles",
    "numbering.xml": "numbering",
    "settings.xml": "settings",
    "fontTable.xml": "fontTable",
    "theme/theme1.xml": "theme",
    "header1.xml": "header",
    "footer1.xml": "footer",
}
# A4, 2 cm left and right (as the PDF), header and footer within the top and bottom margins.
SECTION = (
    '<w:sectPr><w:headerReference w:type="default" r:id="rIdheader"/>'
    '<w:footerReference w:type="default" r:id="rIdfooter"/>'
    '<w:pgSz w:w="11906" w:h="16838"/>'
    '<w:pgMar w:top="1361" w:right="1134" w:bottom="1247" w:left="1134" w:header="680" w:footer="624" w:gutter="0"/>'
    '<w:cols w:space="720"/></w:sectPr>'
)


def _xml(body: str) -> str:
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n{body}'


def _relationships(items: dict[str, tuple[str, str]]) -> str:
    found = "".join(
        f'<Relationship Id="{key}" Type="{kind}" Target="{target}"/>' for key, (kind, target) in items.items()
    )
    return _xml(f'<Relationships xmlns="{PACKAGE_RELATIONSHIPS}">{found}</Relationships>')


@lru_cache(maxsize=1)
def template() -> bytes:
    """The template package (.docx) that every report's document starts from."""
    types = "".join(f'<Override PartName="/{name}" ContentType="{kind}"/>' for name, kind in TYPES.items())
    files = {
        "[Content_Types].xml": _xml(
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Default Extension="png" ContentType="image/png"/>{types}</Types>'
        ),
        "_rels/.rels": _relationships(
            {
                "rId1": (f"{R}/officeDocument", "word/document.xml"),
                "rId2": (f"{PACKAGE_RELATIONSHIPS}/metadata/core-properties", "docProps/core.xml"),
                "rId3": (f"{R}/extended-properties", "docProps/app.xml"),
            }
        ),
        "docProps/core.xml": _xml(
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"'
            ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"'
            ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/>'
        ),
        "docProps/app.xml": _xml(
            '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
            "<Application>Styrkort</Application><DocSecurity>0</DocSecurity></Properties>"
        ),
        "word/_rels/document.xml.rels": _relationships(
            {f"rId{kind}": (f"{R}/{kind}", name) for name, kind in DOCUMENT_RELATIONSHIPS.items()}
        ),
        "word/document.xml": _xml(
            f'<w:document xmlns:w="{W}" xmlns:r="{R}"><w:body>{SECTION}</w:body></w:document>'
        ),
        "word/header1.xml": _xml(f'<w:hdr xmlns:w="{W}"><w:p/></w:hdr>'),
        "word/footer1.xml": _xml(f'<w:ftr xmlns:w="{W}"><w:p/></w:ftr>'),
    }
    for name in ("styles", "numbering", "settings", "fontTable"):
        files[f"word/{name}.xml"] = (PARTS / f"{name}.xml").read_text(encoding="utf-8")
    files["word/theme/theme1.xml"] = (PARTS / "theme1.xml").read_text(encoding="utf-8")
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as package:
        for name, text in files.items():
            package.writestr(zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0)), text.encode("utf-8"))
    return output.getvalue()


def new_document() -> WordDocument:
    """A new, empty document on the report's template."""
    return Document(io.BytesIO(template()))


def set_header_and_footer(document: WordDocument, report: ReportData) -> None:
    """Committee and report on every page, "UTKAST" too unless decided; "Sida X (Y)" below."""
    section = document.sections[0]
    header = [paragraph(run(report.committee) + "<w:r><w:tab/></w:r>" + run(report.report_title), "Header")]
    if not report.decided:
        header.insert(0, paragraph(run("Utkast"), "Draft"))
    footer = paragraph(
        run("Sida ") + field("PAGE", "1") + run(" (") + field("NUMPAGES", "1") + run(")"), "Footer"
    )
    for part, content in ((section.header, header), (section.footer, [footer])):
        element = part._element
        for child in list(element):
            element.remove(child)
        for child in elements("".join(content)):
            element.append(child)


def elements(xml: str) -> list:
    """WordprocessingML text (paragraphs, tables) as elements to insert into a part."""
    return list(parse_xml(f'<w:body xmlns:w="{W}" xmlns:r="{R}" {DRAWING_NAMESPACES}>{xml}</w:body>'))


def set_properties(document: WordDocument, report: ReportData, now: datetime | None = None) -> None:
    """Title, author (the committee), dates, language and status; nothing left from elsewhere."""
    now = (now or datetime.now(UTC)).replace(tzinfo=None, microsecond=0)
    created = _date(report.report_date) or now
    properties = document.core_properties
    properties.title = _text(report.document_title)
    properties.subject = _text(report.report_title)
    properties.author = _text(report.committee)
    properties.last_modified_by = _text(report.committee)
    properties.keywords = _text(f"{report.report_title}; {report.committee}")
    properties.language = "sv-SE"
    properties.content_status = "Beslutad" if report.decided else "Utkast"
    properties.created = created
    properties.modified = max(now, created)
    properties.revision = 1


def _text(value: str) -> str:
    """A core property: XML characters only, at most the 255 characters python-docx takes."""
    return clean(value)[:255]


def _date(text: str) -> datetime | None:
    try:
        return datetime.combine(date.fromisoformat(text), datetime.min.time())
    except ValueError:
        return None
