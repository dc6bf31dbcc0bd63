"""The PDF and HTML renderers take any text a person can type (issue 8, defect 9).

Every free-text field of the invented follow-up gets the same text (``tests/strategies.py``):
emoji, CJK, right-to-left scripts, control characters, noncharacters, table markers where
they do not belong, very long words, one goal number for every goal. Each must render; the
PDF stays PDF/A + PDF/UA by structure, and what no font can print becomes "�" and a finding.
"""

from __future__ import annotations

import io
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from pypdf import PdfReader

from styrkort.reports.build import report_data_from_followup
from styrkort.reports.html import render_html
from styrkort.reports.pdf import render_pdf, typst_input, unprintable
from tests.reports import pdfua
from tests.reports.fixture import make_followup
from tests.strategies import HOSTILE, typed_text, with_text


def render_both(text: str) -> tuple[bytes, str]:
    report = report_data_from_followup(with_text(make_followup(), text))
    return render_pdf(report), render_html(report)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(typed_text())
def test_any_typed_text_in_every_field_renders_as_pdf_and_html(text):
    pdf, html = render_both(text)
    assert len(PdfReader(io.BytesIO(pdf)).pages) >= 3
    assert html.startswith("<!DOCTYPE html>")


@pytest.mark.parametrize("text", HOSTILE[:11], ids=lambda t: repr(t)[:24])
def test_hostile_text_renders_into_a_valid_structure(text):
    pdf, html = render_both(text)
    assert pdfua.problems(pdf) == []
    assert "\x07" not in html and "\uffff" not in html


def test_emoji_and_cjk_print_with_the_fallback_fonts_and_only_chart_labels_fall_back():
    """Text prints with the fallback fonts; a chart's SVG labels have Carlito only and say "?"
    (a finding says so; the chart's caption, alternative text and table have the characters)."""
    report = report_data_from_followup(with_text(make_followup(), "Hej 😀 漢字 مرحبا"))
    findings = unprintable(report)
    assert findings and all("i diagrammet" in finding.message for finding in findings)
    assert "Hej 😀 漢字 مرحبا" in typst_input(report)


def test_a_character_no_font_has_prints_as_a_replacement_and_is_a_finding():
    followup = make_followup()
    followup = replace(followup, summary="Före \U000f0001 efter")  # private use, plane 15
    report = report_data_from_followup(followup)
    findings = unprintable(report)
    assert [f.rule for f in findings] == ["unprintable_character"]
    assert "U+F0001" in findings[0].message or "\U000f0001" in findings[0].message
    assert "Före \ufffd efter" in typst_input(report)
    assert len(PdfReader(io.BytesIO(render_pdf(report))).pages) >= 3


def test_control_characters_and_noncharacters_are_dropped():
    report = report_data_from_followup(replace(make_followup(), summary="a\x07b\uffffc\x00d"))
    assert "abcd" in typst_input(report)


def test_a_table_marker_outside_economy_commentary_is_printed_as_text():
    followup = make_followup()
    goal = followup.goals[0]
    marked = replace(goal, assessment=replace(goal.assessment, analysis="Före\n{{table:Driftbudget}}\nefter"))
    report = report_data_from_followup(replace(followup, goals=(marked, *followup.goals[1:])))
    assert [b.kind for b in report.goals[0].analysis] == ["paragraph"]
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(render_pdf(report))).pages)
    assert "{{table:Driftbudget}}" in text


def test_a_word_of_forty_thousand_letters_renders_whole():
    word = "abcdefghij" * 4000
    followup = make_followup()
    goal = followup.goals[0]
    long_title = replace(goal, title=word, assessment=replace(goal.assessment, analysis=word))
    report = report_data_from_followup(
        replace(followup, summary=word, goals=(long_title, *followup.goals[1:]))
    )
    reader = PdfReader(io.BytesIO(render_pdf(report)))
    text = "".join(page.extract_text() for page in reader.pages).replace("\u200b", "").replace("\n", "")
    assert text.count("abcdefghij") >= 3 * 3900


def test_duplicate_goal_numbers_get_unique_anchors():
    report = report_data_from_followup(with_text(make_followup(), "1.1"))
    anchors = [heading.anchor for heading in report.headings()]
    assert len(anchors) == len(set(anchors))
    keys = [table.key for table in report.tables()] + [chart.key for chart in report.charts()]
    assert len(keys) == len(set(keys))
    assert len(PdfReader(io.BytesIO(render_pdf(report))).pages) >= 3
