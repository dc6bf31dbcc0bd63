"""The economy tables' editable cell (``{% cell_input %}``) is what its template used to write."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.template import Context, Template

from styrkort.web.editing import Row
from styrkort.web.forms import BudgetAdjustmentForm

# The templates the tag replaces (web/economy/_input.html and _text_input.html), as they were.
FIGURE = """{% load styrkort %}<td class="input" id="{{ field.form.prefix }}-{{ field.name }}-field">
  <label class="visually-hidden" for="{{ field.id_for_label }}">{{ field.label }}, {{ row.label }}</label>
  <input type="text" inputmode="decimal" name="{{ field.html_name }}" id="{{ field.id_for_label }}" value="{{ field.value|default_if_none:'' }}" size="8" autocomplete="off"
    {% if field.errors %}aria-invalid="true" aria-describedby="{{ field.id_for_label }}-fel"{% endif %}>
  {{ field|shown_initial }}
  {% if field.errors %}<span class="error-inline" id="{{ field.id_for_label }}-fel">{{ field.errors|join:" " }}</span>{% endif %}
</td>
"""  # noqa: E501
TEXT = FIGURE.replace('class="input"', 'class="input text"').replace(' inputmode="decimal"', "")
TEXT = TEXT.replace(' size="8"', "")


def forms():
    initial = {"row": 4, "purpose": 'Skolor & "förskolor" <nya>', "amount": Decimal("-12.5")}
    yield BudgetAdjustmentForm(prefix="j-0", initial=initial)
    yield BudgetAdjustmentForm(prefix="j-1", initial={"row": 5, "purpose": "", "amount": None})
    data = {"j-2-row": "4", "j-2-purpose": "", "j-2-amount": "1 2x3", "initial-j-2-amount": "-12,5"}
    yield BudgetAdjustmentForm(data, prefix="j-2", initial=initial)
    data = {"j-3-row": "4", "j-3-purpose": "Ny <text>", "j-3-amount": "2 471,8", "initial-j-3-amount": ""}
    yield BudgetAdjustmentForm(data, prefix="j-3", initial=initial)


@pytest.mark.parametrize("form", list(forms()), ids=lambda form: form.prefix)
def test_the_cell_is_what_the_template_wrote(form):
    row = Row(None, 'Justering "1" & <2>')
    for name, source, tag in (
        ("amount", FIGURE, "{% load styrkort %}{% cell_input field row %}"),
        ("purpose", TEXT, "{% load styrkort %}{% cell_input field row text=True %}"),
    ):
        context = {"field": form[name], "row": row}
        assert Template(tag).render(Context(context)) == Template(source).render(Context(context))
