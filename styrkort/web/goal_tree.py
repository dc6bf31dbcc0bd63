"""The overview's goal tree as HTML, written in Python.

A large committee's tree has some fifty goals, each with a few status levels; it was rendered as a
template included once per goal (and once more per level), the larger part of the overview's
template time on its first view after a change. This writes the same markup, character for character, that those
templates wrote (``tests/web/test_goal_tree.py`` keeps them side by side); every text from the
report is escaped as Django's autoescaping escapes it.
"""

from __future__ import annotations

from html import escape
from typing import Any

from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from styrkort.domain.scales import STOCKHOLM, StatusLevel
from styrkort.storage.overview import TreeGoal

_STAND_IN = 987654321
LEVEL_WORDS = {"aim": "KF:s inriktningsmål", "area_goal": "KF:s mål för verksamhetsområdet"}


def _text(value: Any) -> str:
    """``{{ value }}`` with autoescaping."""
    return value.__html__() if hasattr(value, "__html__") else escape(str(value))


def level_html(level: StatusLevel) -> str:
    """What ``web/_level.html`` renders for ``level`` (with its closing newline)."""
    return (
        f'<span class="level status-{_text(level.key)}"><span class="symbol" aria-hidden="true">'
        f"{_text(level.symbol)}</span> {_text(level.label)}</span>\n"
    )


def goal_tree_html(tree: list[TreeGoal], code: str, period_key: str) -> SafeString:
    """The goals' list items (``<li>``, nested), each linked to its goal page where assessed."""
    # The goal pages' address, reversed once for the tree (a reverse per goal was ~1 ms a tree):
    # the assessment's id goes where the stand-in is.
    head, _, tail = reverse("web:goal", args=[code, period_key, _STAND_IN]).rpartition(str(_STAND_IN))
    parts: list[str] = []
    for node in tree:
        _node(node, (_text(head), _text(tail)), parts)
    return mark_safe("".join(parts))


def _node(node: TreeGoal, url: tuple[str, str], out: list[str]) -> None:
    title = _text(node.title)
    if node.assessment_id:
        title = f'<a href="{url[0]}{int(node.assessment_id)}{url[1]}">{title}</a>'
    out.append(
        f'\n<li>\n  <div class="goal-line">\n    <span class="goal-number">{_text(node.number)}</span>\n'
        f"    {title}\n"
        f'    <span class="goal-level">({LEVEL_WORDS.get(node.level, "Nämndmål")})</span>\n'
        f'  </div>\n  <div class="goal-status">\n'
        f"    Bedömning: {level_html(STOCKHOLM.level_for_status(node.status))}\n    "
    )
    if node.suggestion and node.suggestion != "not_assessed":
        differs = " <strong>(avviker)</strong>" if node.differs else ""
        out.append(
            f'\n      <span class="suggestion">Förslag: '
            f"{level_html(STOCKHOLM.level_for_status(node.suggestion))}{differs}</span>\n    "
        )
    out.append("\n    ")
    if node.levels:
        out.append('<span class="level-counts"><span class="goal-level">Indikatorer:</span>')
        for level, count in node.levels:
            out.append(
                f'<span class="level status-{_text(level.key)}"><span class="symbol" aria-hidden="true">'
                f"{_text(level.symbol)}</span> {_text(count)} {_text(level.label.lower())}</span>"
            )
        out.append("</span>")
    out.append("\n  </div>\n  ")
    if node.children:
        out.append("\n  <ul>")
        for child in node.children:
            _node(child, url, out)
        out.append("</ul>\n  ")
    out.append("\n</li>\n")
