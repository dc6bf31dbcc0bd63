"""The Word document: the same report as the PDF, on its own template, schema-valid.

The invented fixture, the example (skipped where ../shared/seeds is absent) and the largest
demo committee are each rendered and read back: every heading, table row and chart the
report has (charts as PNG pictures with the chart's alternative text), checked against the
OOXML schemas; core properties, template, UTKAST and column widths; and arbitrary text in
every field of the report still makes a valid document.
"""

from __future__ import annotations

import io
import itertools
import re
import zipfile
from dataclasses import fields, is_dataclass, replace
from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from styrkort.demo import LARGEST_COMMITTEE_CODE, generate_demo
from styrkort.domain.scales import StatusLevel, StatusScale
from styrkort.ils import parse_ils
from styrkort.reports.build import report_data_from_followup
from styrkort.reports.docx import render_docx
from styrkort.reports.docx_tables import BREAKS, CELL_PADDING, word_width
from styrkort.reports.docx_xml import clean
from tests.reports.docx_checks import (
    W,
    assert_docx_is_the_report,
    data_tables,
    open_docx,
    pictures,
    schema_errors,
)

PARTS = {
    "[Content_Types].xml",
    "_rels/.rels",
    "docProps/app.xml",
    "docProps/core.xml",
    "word/document.xml",
    "word/_rels/document.xml.rels",
    "word/styles.xml",
    "word/numbering.xml",
    "word/settings.xml",
    "word/fontTable.xml",
    "word/theme/theme1.xml",
    "word/header1.xml",
    "word/footer1.xml",
}


def xml(element) -> str:
    return etree.tostring(element, encoding="unicode")


def inherited(style, name: str):
    """A font property of a style as Word applies it: its own or its base style's."""
    while style is not None:
        font = style.font
        value = (font.color.rgb or font.color.theme_color) if name == "color" else getattr(font, name)
        if value is not None:
            return value
        style = style.base_style
    return None


@pytest.fixture(scope="module")
def rendered(report) -> bytes:
    return render_docx(report)


@pytest.fixture(scope="module")
def document(rendered):
    return open_docx(rendered)


@pytest.fixture(scope="module", params=["fixture", "example", "demo"])
def case(request, report):
    """(ReportData, DOCX) of the fixture, the example and the largest demo committee."""
    if request.param == "fixture":
        data = report
    elif request.param == "example":
        data = report_data_from_followup(parse_ils(request.getfixturevalue("seed_text")).followup)
    else:
        mine = [
            f
            for f in generate_demo()
            if f.organisation.code == LARGEST_COMMITTEE_CODE and f.period.kind in ("T1", "T2")
        ]
        data = report_data_from_followup(max(mine, key=lambda f: (f.period.year, f.period.kind)))
    return data, render_docx(data)


def test_the_docx_has_every_heading_table_row_and_chart_of_the_report(case):
    report, rendered = case
    assert report.charts(), "a report with charts"
    assert_docx_is_the_report(report, rendered)


def test_the_docx_is_valid_against_the_ooxml_schemas(case):
    assert schema_errors(case[1]) == []


def test_no_header_word_is_wider_than_its_column(case):
    """Word and LibreOffice break a word wider than its cell anywhere ("män/pojka r")."""
    report, rendered = case
    for table, expected in zip(data_tables(open_docx(rendered)), report.tables(), strict=True):
        size = int(table.rows[0].cells[0]._tc.xpath(".//w:sz/@w:val")[0])
        widths = [int(col.get(f"{W}w")) for col in table._tbl.tblGrid.iter(f"{W}gridCol")]
        assert sum(widths) == 9638
        for column, width in zip(expected.columns, widths, strict=True):
            for word in filter(None, BREAKS.split(column)):
                assert word_width(word, size, bold=True) + CELL_PADDING <= width, (expected.key, word)


def test_the_schema_check_finds_what_was_wrong_before():
    """The footer paragraph with two w:pPr (python-docx's template) is caught."""
    with zipfile.ZipFile(io.BytesIO(render_docx_of_fixture())) as package:
        files = {name: package.read(name) for name in package.namelist()}
    footer = files["word/footer1.xml"].decode()
    files["word/footer1.xml"] = footer.replace(
        "<w:pPr>", '<w:pPr><w:jc w:val="right"/></w:pPr><w:pPr>', 1
    ).encode()
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as package:
        for name, content in files.items():
            package.writestr(name, content)
    assert any("footer1.xml" in error and "pPr" in error for error in schema_errors(output.getvalue()))


def render_docx_of_fixture() -> bytes:
    from tests.reports.fixture import make_followup

    return render_docx(report_data_from_followup(make_followup()))


def test_the_package_has_only_its_own_parts_and_properties(report, rendered, document):
    with zipfile.ZipFile(io.BytesIO(rendered)) as package:
        names = set(package.namelist())
        app = package.read("docProps/app.xml").decode()
        core = package.read("docProps/core.xml").decode()
    assert names - {n for n in names if n.startswith("word/media/")} == PARTS
    assert "Styrkort" in app and "Microsoft" not in app
    assert "python-docx" not in core and "2013" not in core
    properties = document.core_properties
    assert properties.title == report.document_title
    assert properties.author == properties.last_modified_by == report.committee
    assert properties.subject == report.report_title
    assert properties.language == "sv-SE"
    assert properties.created == datetime(2026, 5, 4, tzinfo=UTC)
    assert properties.modified >= properties.created
    assert abs((datetime.now(UTC) - properties.modified).total_seconds()) < 24 * 3600
    assert properties.content_status == "Utkast"


def test_the_template_has_the_report_s_look(document):
    styles = document.styles
    assert styles["Normal"].font.name is None  # from the document defaults: Calibri, 10.5 pt
    defaults = xml(document.styles.element.find(f"{W}docDefaults"))
    assert 'w:ascii="Calibri"' in defaults and 'w:val="21"' in defaults and 'w:val="sv-SE"' in defaults
    for level, size in ((1, 17), (2, 14), (3, 12.5), (4, 11.5)):
        style = styles[f"Heading {level}"]
        assert inherited(style, "bold") and style.font.size.pt == size
        assert inherited(style, "color") is None  # black, not blue
    table_style = xml(document.styles.element.xpath('w:style[@w:styleId="ReportTable"]')[0])
    assert 'w:fill="E8E8E8"' in table_style and 'w:color="BEBEBE"' in table_style
    assert [p.text for p in document.sections[0].footer.paragraphs] == ["Sida 1 (1)"]
    footer = document.sections[0].footer._element
    assert all(len(p.findall(f"{W}pPr")) <= 1 for p in footer.iter(f"{W}p"))
    assert " PAGE " in footer.xml and " NUMPAGES " in footer.xml


def test_headings_outside_the_contents_look_alike_but_are_not_listed(report, document):
    body = document.element.body.xml
    assert 'TOC \\o "1-3" \\h \\z' in body
    listed = [
        p.text for p in document.paragraphs if p.style is not None and p.style.style_id.startswith("TOC")
    ]
    headings = [h.text for h in report.headings() if h.in_toc and h.level <= 3]
    assert listed[1:] == headings + list(report.attachment_contents)
    assert ("UnlistedHeading1", "Förslag till beslut") in [
        (p.style.style_id, p.text) for p in document.paragraphs
    ]
    names = set(re.findall(r'w:bookmarkStart w:id="\d+" w:name="([^"]+)"', body))
    assert set(re.findall(r'w:anchor="([^"]+)"', body)) <= names
    unlisted = document.styles.element.xpath('w:style[@w:styleId="UnlistedHeading2"]/w:basedOn/@w:val')
    assert unlisted == ["Heading2"]


def test_charts_are_pictures_with_the_chart_s_alternative_text(report, document):
    found = pictures(document)
    assert len(found) == len(report.charts()) >= 2
    for (alt, title, image), chart in zip(found, report.charts(), strict=True):
        assert alt == chart.alt and title == chart.title
        assert image[:8] == b"\x89PNG\r\n\x1a\n" and len(image) > 1000


def test_a_draft_says_utkast_on_every_page_and_a_decided_report_does_not(report, document):
    assert not report.decided
    header = document.sections[0].header
    assert [p.text for p in header.paragraphs][0] == "Utkast"
    assert header.paragraphs[0].style.style_id == "Draft"
    assert "<w:caps/>" in xml(document.styles.element.xpath('w:style[@w:styleId="Draft"]')[0])
    decided = open_docx(render_docx(replace(report, decided=True)))
    texts = [p.text for p in decided.sections[0].header.paragraphs]
    assert texts == [f"{report.committee}\t{report.report_title}"]
    assert "Utkast" not in decided.element.body.xml
    assert decided.core_properties.content_status == "Beslutad"


def test_captions_say_kf_s_in_capitals(report):
    captions = [table.caption for table in report.tables()]
    assert any("KF:s" in caption for caption in captions)
    assert not any("kf:s" in caption for caption in captions)


# -- arbitrary text ------------------------------------------------------------------------------

ENUMERATIONS = {"kind", "role", "level"}  # fields whose value the renderers look up, not print


def with_texts(value, texts):
    """The same report with every printed text field replaced by the next of ``texts``."""
    if isinstance(value, str):
        return next(texts)
    if isinstance(value, StatusLevel | StatusScale):  # the scale is configuration, not typed text
        return value
    if is_dataclass(value) and not isinstance(value, type):
        changes = {
            f.name: with_texts(getattr(value, f.name), texts)
            for f in fields(value)
            if f.name not in ENUMERATIONS
        }
        return replace(value, **changes)
    if isinstance(value, tuple):
        return tuple(with_texts(item, texts) for item in value)
    return value


TEXT = st.text(st.characters(exclude_categories=()), max_size=30) | st.sampled_from(
    [
        "",
        "\x00\x01\x0b\x1f",
        "\ud800 lone",
        "\ufffe\uffff",
        "a\u00adb\tc\r\nd",
        "]]><w:p/>&amp;",
        "ℵ漢字🙂" * 20,
    ]
)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(TEXT, min_size=1, max_size=7))
def test_arbitrary_text_in_every_field_makes_a_valid_document(report, texts):
    changed = with_texts(report, itertools.cycle(texts))
    rendered = render_docx(changed)
    assert schema_errors(rendered) == []
    document = open_docx(rendered)
    assert document.core_properties.title == clean(changed.document_title)[:255]
    table = data_tables(document)[0]
    expected = changed.tables()[0].columns
    printed = [cell.text for cell in table.rows[0].cells]
    assert printed == [re.sub("\r\n?", "\n", clean(column)).replace("\u00ad", "") for column in expected]
