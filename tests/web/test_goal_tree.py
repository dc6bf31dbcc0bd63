"""The overview's goal tree written in Python (``web.goal_tree``) is the markup its templates wrote,
character for character, and escapes every text of the report.

``OLD_NODE`` is ``web/_goal_node.html`` as it was (included once per goal, recursively; since the
overview's tree is stored, ``storage.overview``, it reads the stored goal's fields): the written
tree is compared with it for the test report's tree, with hostile texts put in.
"""

from __future__ import annotations

import dataclasses

import pytest
from django.template import Context, Engine

from styrkort.followup.models import Report
from styrkort.goals.models import Goal
from styrkort.storage.counts import counts_for
from styrkort.storage.overview import stored_overview
from styrkort.web.goal_tree import goal_tree_html
from tests.web.helpers import BASE

pytestmark = pytest.mark.django_db
HOSTILE = "<script>alert('x')</script> & \"citat\""

OLD_NODE = """{% load styrkort %}
<li>
  <div class="goal-line">
    <span class="goal-number">{{ node.number }}</span>
    {% if node.assessment_id %}<a href="{% url 'web:goal' report.organisation.code report.period.key node.assessment_id %}">{{ node.title }}</a>{% else %}{{ node.title }}{% endif %}
    <span class="goal-level">({% if node.level == 'aim' %}KF:s inriktningsmål{% elif node.level == 'area_goal' %}KF:s mål för verksamhetsområdet{% else %}Nämndmål{% endif %})</span>
  </div>
  <div class="goal-status">
    Bedömning: {% include "web/_level.html" with level=node.status|assessment_level %}
    {% if node.suggestion and node.suggestion != 'not_assessed' %}
      <span class="suggestion">Förslag: {% include "web/_level.html" with level=node.suggestion|assessment_level %}{% if node.differs %} <strong>(avviker)</strong>{% endif %}</span>
    {% endif %}
    {% if node.levels %}<span class="level-counts"><span class="goal-level">Indikatorer:</span>{% for level, count in node.levels %}<span class="level status-{{ level.key }}"><span class="symbol" aria-hidden="true">{{ level.symbol }}</span> {{ count }} {{ level.label|lower }}</span>{% endfor %}</span>{% endif %}
  </div>
  {% if node.children %}
  <ul>{% for child in node.children %}{% include "web/_goal_node.html" with node=child %}{% endfor %}</ul>
  {% endif %}
</li>
"""  # noqa: E501
LEVEL = '<span class="level status-{{ level.key }}"><span class="symbol" aria-hidden="true">{{ level.symbol }}</span> {{ level.label }}</span>\n'  # noqa: E501


def old_tree(tree, report) -> str:
    engine = Engine(
        loaders=[
            (
                "django.template.loaders.locmem.Loader",
                {"web/_goal_node.html": OLD_NODE, "web/_level.html": LEVEL},
            )
        ],
        libraries={"styrkort": "styrkort.web.templatetags.styrkort"},
    )
    template = engine.from_string('{% for node in tree %}{% include "web/_goal_node.html" %}{% endfor %}')
    return template.render(Context({"tree": tree, "report": report}))


def hostile(tree, depth: int = 0):
    """The tree with hostile titles and numbers, no link on some goals, and differing suggestions."""
    changed = []
    for n, node in enumerate(tree):
        changed.append(
            dataclasses.replace(
                node,
                number=f"{node.number}<&>",
                title=f"{HOSTILE} {n}",
                suggestion="met" if n % 2 else node.suggestion,
                differs=bool(n % 2) or node.differs,
                assessment_id=None if depth == 1 else node.assessment_id,
                children=hostile(node.children, depth + 1),
            )
        )
    return changed


def every(tree):
    for node in tree:
        yield node
        yield from every(node.children)


def test_the_written_tree_is_what_the_templates_wrote(report):
    stored = Report.objects.get(organisation__code="sdn-test", period__year=2026, period__kind="T1")
    tree = stored_overview(stored, counts_for([stored])[stored.pk]).tree
    nodes = list(every(tree))
    assert any(node.children for node in nodes) and any(node.levels for node in nodes)
    for shown in (tree, hostile(tree)):
        written = goal_tree_html(shown, stored.organisation.code, stored.period.key)
        assert written == old_tree(shown, stored)
    written = goal_tree_html(hostile(tree), stored.organisation.code, stored.period.key)
    assert "<script>" not in written and "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in written
    assert "&amp; &quot;citat&quot;" in written and "<strong>(avviker)</strong>" in written


def test_a_hostile_goal_title_is_escaped_on_the_overview(login, users):
    goal = Goal.objects.get(number="1", organisation__code="testkommun")
    goal.title = HOSTILE
    goal.save()
    shown = login("anna").get(BASE).content.decode()
    assert "<script>alert" not in shown
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &quot;citat&quot;" in shown
