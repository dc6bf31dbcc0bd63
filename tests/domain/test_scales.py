"""The status scale is the one definition of a status's words, symbol and colours."""

from __future__ import annotations

from decimal import Decimal

import pytest

from styrkort.domain.scales import GOTEBORG, HELSINGBORG, SMILEYS, STOCKHOLM, StatusLevel, contrast


@pytest.mark.parametrize("scale", [STOCKHOLM, HELSINGBORG, GOTEBORG, SMILEYS], ids=lambda s: s.name)
def test_every_shipped_level_has_a_text_colour_readable_on_its_colour(scale):
    for level in (*scale.levels, scale.no_data, scale.unclear):
        assert contrast(level.text_colour, level.colour) >= Decimal("4.5"), level.key


def test_contrast_follows_wcag():
    assert contrast("#000000", "#FFFFFF") == Decimal(21)
    assert contrast("#777777", "#777777") == Decimal(1)
    assert Decimal("4.5") < contrast("#FFFFFF", "#00866F") < Decimal("4.6")  # Stockholm's "met"


def test_a_level_refuses_a_text_colour_too_faint_for_its_colour():
    with pytest.raises(ValueError, match="contrast"):
        StatusLevel("x", "Gul", "●", "#F5B800", "partly_met", text_colour="#FFFFFF")


def test_goal_assessments_read_their_level_from_the_scale():
    assert STOCKHOLM.level_for_status("met").colour == "#00866F"
    assert STOCKHOLM.level_for_status("partly_met").label == "Uppfylls delvis"
    assert STOCKHOLM.level_for_status("not_assessed").label == "Ej bedömd"
