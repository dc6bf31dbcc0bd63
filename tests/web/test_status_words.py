"""Statuses are shown by word and symbol in the level's colours, never by colour alone."""

from __future__ import annotations

import re

import pytest

from styrkort.domain.scales import MIN_CONTRAST, STOCKHOLM, contrast
from tests.web.helpers import BASE

pytestmark = pytest.mark.django_db


def test_every_badge_of_the_scale_stylesheet_has_enough_contrast(client):
    css = client.get("/stil/skala.css").content.decode()
    badges = re.findall(r"\.status-(\w+) \{ background: (#[0-9A-Fa-f]{6}); color: (#[0-9A-Fa-f]{6}); \}", css)
    assert {key for key, _, _ in badges} >= {"met", "partly_met", "not_met", "no_data", "unclear"}
    for key, background, text in badges:
        assert contrast(text, background) >= MIN_CONTRAST, key


def test_the_yellow_is_drawn_as_a_badge_with_dark_words_not_as_a_yellow_symbol_on_white():
    partly = STOCKHOLM.level_for_grade("partly_met")
    assert contrast(partly.text_colour, partly.colour) >= MIN_CONTRAST
    assert contrast(partly.colour, "#FFFFFF") < MIN_CONTRAST  # why a yellow symbol alone would fail


def test_the_goal_tree_names_each_indicator_status_in_words_with_its_count(login, users):
    page = login("anna").get(BASE).content.decode()
    tree = page[page.index("Mål och bedömningar") :]
    assert 'class="grade-' not in tree  # no symbol coloured on white, relying on colour
    assert re.search(
        r'<span class="level status-met"><span class="symbol" aria-hidden="true">●</span> 1 uppfylls helt</span>',
        tree,
    )
    assert "Indikatorer:" in tree
