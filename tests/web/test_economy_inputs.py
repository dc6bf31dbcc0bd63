"""The economy tables' inputs written in Python (``web.economy_inputs``) are what the rows' Django
forms print: built from a stored row for a page that is only shown (no form), and from a bound
form after a refused save (what was typed, the errors). Hostile text, a missing figure (empty,
never 0), a figure with more decimals than its column (shown exactly as stored) and a decided
report (no inputs at all) included.

``FIGURE`` and ``TEXT`` are the templates the cells replaced (``_input.html`` and
``_text_input.html``), as they were.
"""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace

import pytest
from django import forms
from django.template import Context, Template
from hypothesis import given, settings
from hypothesis import strategies as st

from styrkort.followup.models import Report
from styrkort.storage.load import EconomyRows
from styrkort.web import forms as web_forms
from styrkort.web.economy_inputs import Management, SheetRow, _hidden, bound_inputs, stored_inputs
from styrkort.web.form_renderer import render_input
from styrkort.web.views.economy import build_sheet
from tests.web.test_economy import decide_report

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
HOSTILE = "<script>alert(\"x\")</script> & 'q' &amp;"
FORMS = (
    web_forms.OperatingRowForm,
    web_forms.ResultUnitForm,
    web_forms.InvestmentForm,
    web_forms.GrossChangeForm,
    web_forms.VolumeValueForm,
    web_forms.InvestmentProjectForm,
    web_forms.BudgetAdjustmentForm,
    web_forms.FundApplicationForm,
)
FIGURES = (None, Decimal("12.3456789"), Decimal("38.200000"), Decimal("-0.1"), Decimal("2471.8"), Decimal(0))


def old_cell(form: forms.Form, name: str, label: str) -> str:
    """What the old template wrote for a form's field."""
    source = FIGURE if name in form.FIGURES else TEXT  # type: ignore[attr-defined]
    return Template(source).render(Context({"field": form[name], "row": SheetRow(None, label)}))


def assert_printed_as_by_the_form(inputs, form: forms.Form, label: str) -> None:
    assert inputs.prefix == form.prefix
    assert inputs.hidden == str(form["row"])
    names = [bound.name for bound in form.visible_fields()]
    assert list(inputs.cells) == names
    for name in names:
        assert str(inputs.cells[name]) == old_cell(form, name, label), name


def stored_rows(form_class) -> list[SimpleNamespace]:
    """Rows of every kind of value a column holds: texts hostile or empty, figures missing or long."""
    names = [name for name in form_class.base_fields if name != "row"]
    rows = []
    for n, figure in enumerate(FIGURES):
        text = (HOSTILE, "", "Skolor")[n % 3]
        values = {name: figure if name in form_class.FIGURES else text for name in names}
        rows.append(SimpleNamespace(pk=100 + n, **values))
    return rows


@pytest.mark.parametrize("form_class", FORMS, ids=lambda cls: cls.__name__)
@pytest.mark.parametrize("heading", ["", 'Antal "elever" & <lärare>'])
def test_a_stored_row_s_inputs_are_what_its_unbound_form_prints(form_class, heading):
    label = f'Förskola "{heading}" & <b>'
    for n, obj in enumerate(stored_rows(form_class)):
        prefix = f"x-{n}"
        form = form_class(prefix=prefix, initial=form_class.initial_of(obj))
        labels = None
        if form_class is web_forms.VolumeValueForm:
            form.label_column(heading)
            labels = {"value": heading}
        inputs = stored_inputs(form_class, prefix, obj, label, labels)
        assert_printed_as_by_the_form(inputs, form, label)
        assert inputs == bound_inputs(form, label)


def test_missing_is_empty_and_a_figure_is_shown_exactly_as_stored():
    form_class = web_forms.OperatingRowForm
    obj = SimpleNamespace(
        pk=7,
        budget=None,
        requested_adjustments=Decimal("12.3456789"),
        volume_changes=Decimal("38.200000"),
        forecast_before_transfers=Decimal(0),
        forecast_after_transfers=Decimal("-0.1"),
    )
    cells = stored_inputs(form_class, "o-0", obj, "Förskola").cells
    assert 'value=""' in str(cells["budget"])
    hidden = '<input type="hidden" name="initial-o-0-budget" id="initial-o-0-id_o-0-budget">'
    assert hidden in str(cells["budget"])  # no value at all, as Django writes it
    assert 'value="12,3456789"' in str(cells["requested_adjustments"])
    assert 'value="38,200000"' in str(cells["volume_changes"])
    assert 'value="0"' in str(cells["forecast_before_transfers"])


def test_hostile_text_is_escaped():
    obj = SimpleNamespace(pk=3, purpose=HOSTILE, amount=None)
    inputs = stored_inputs(web_forms.BudgetAdjustmentForm, "b-0", obj, HOSTILE)
    written = str(inputs.cells["purpose"])
    assert "<script>" not in written and 'alert("x")' not in written
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#x27;q&#x27; &amp;amp;" in written


def bound_forms():
    initial = {"row": 4, "purpose": HOSTILE, "amount": Decimal("-12.5")}
    yield web_forms.BudgetAdjustmentForm(prefix="j-0", initial=initial)
    yield web_forms.BudgetAdjustmentForm(prefix="j-1", initial={"row": 5, "purpose": "", "amount": None})
    data = {"j-2-row": "4", "j-2-purpose": "", "j-2-amount": "1 2x3", "initial-j-2-amount": "-12,5"}
    yield web_forms.BudgetAdjustmentForm(data, prefix="j-2", initial=initial)
    data = {"j-3-row": "4", "j-3-purpose": "Ny <text>", "j-3-amount": "2 471,8", "initial-j-3-amount": ""}
    yield web_forms.BudgetAdjustmentForm(data, prefix="j-3", initial=initial)
    data = {"j-4-row": "x", "j-4-purpose": '"&', "j-4-amount": "", "initial-j-4-purpose": "<i>"}
    yield web_forms.BudgetAdjustmentForm(data, prefix="j-4", initial=initial)


@pytest.mark.parametrize("form", list(bound_forms()), ids=lambda form: form.prefix)
def test_a_form_s_inputs_are_what_it_prints_typed_values_and_errors_included(form):
    label = 'Justering "1" & <2>'
    inputs = bound_inputs(form, label)
    assert_printed_as_by_the_form(inputs, form, label)
    if form.is_bound and form.errors.get("amount"):
        written = str(inputs.cells["amount"])
        assert 'aria-invalid="true"' in written and "error-inline" in written


@pytest.mark.parametrize("count", [0, 1, 14])
def test_the_management_form_is_the_formset_s(count):
    formset = forms.formset_factory(web_forms.OperatingRowForm, extra=0, max_num=2000, absolute_max=2000)
    expected = formset(prefix="o", initial=[{}] * count).management_form
    assert str(Management("o", count)) == str(expected)


def stored_report() -> Report:
    return Report.objects.get(organisation__code="sdn-test", period__year=2026, period__kind="T1")


@pytest.mark.django_db
def test_a_page_that_is_only_shown_builds_no_form(report):
    sheet = build_sheet(EconomyRows(stored_report()), None, editable=True)
    rows = sheet.rows()
    assert all(row.form is None for row in rows)
    assert all(row.inputs is not None for row in rows if row.kind != "total")
    assert 'name="o-TOTAL_FORMS" value="' in sheet.management()


@pytest.mark.django_db
def test_a_decided_report_s_sheet_has_no_inputs(report):
    decide_report()
    sheet = build_sheet(EconomyRows(stored_report()), None, editable=False)
    rows = sheet.rows()
    assert rows and all(row.form is None and row.inputs is None for row in rows)


@settings(max_examples=300, deadline=None)
@given(name=st.text(), value=st.text(), id_=st.text())
def test_a_hidden_input_is_what_django_s_hidden_input_prints(name, value, id_):
    """``_hidden`` writes itself what Django's ``HiddenInput`` prints (through ``render_input``),
    for any text: quotes, markup, ampersands, the empty value (no value attribute)."""
    widget = forms.HiddenInput(attrs={"id": id_})
    assert _hidden(name, value, id_) == widget.render(name, value or None)
    assert str(_hidden(name, value, id_)) == render_input(
        {"type": "hidden", "name": name, "value": value or None, "attrs": {"id": id_}}
    )
