"""The form renderer writes plain inputs exactly as Django's templates do."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe
from hypothesis import given
from hypothesis import strategies as st

from styrkort.web.form_renderer import INPUT_TEMPLATES, OPTION_TEMPLATES, TEXTAREA_TEMPLATE, InputRenderer

WIDGETS = [
    forms.TextInput(attrs={"size": 8, "autocomplete": "off", "inputmode": "decimal"}),
    forms.NumberInput(attrs={"step": Decimal("0.1"), "required": True, "disabled": False}),
    forms.HiddenInput(),
    forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    forms.EmailInput(attrs={"aria-describedby": 'a"b<c>&d'}),
    forms.PasswordInput(render_value=True),
    forms.CheckboxInput(attrs={"checked": True}),
    forms.TextInput(attrs={"title": mark_safe("<b>&amp;</b>")}),
    forms.Textarea(attrs={"rows": 12, "aria-describedby": "analys-hint"}),
    forms.Textarea(attrs={"rows": 2, "required": True, "readonly": False, "title": 'a"<b>'}),
]
VALUES = [
    None,
    "",
    "0",
    "1 234,5",
    'x"<y>&z',
    Decimal("12.30"),
    7,
    mark_safe("<i>s</i>"),
    "2026-03-01",
    "\nfirst line empty\r\n  indented </textarea> åäö 🙂\n",
]


def test_the_templates_it_replaces_are_only_the_input_template():
    engine = DjangoTemplates().engine
    for name in INPUT_TEMPLATES - {"django/forms/widgets/input.html"}:
        source = engine.get_template(name).template.source
        assert source.strip() == '{% include "django/forms/widgets/input.html" %}', name


@pytest.mark.parametrize("widget", WIDGETS)
def test_inputs_are_written_as_the_templates_write_them(widget):
    fast, django = InputRenderer(), DjangoTemplates()
    for value in VALUES:
        for attrs in (None, {"id": "id_x", "class": "a b"}, {"id": 'q"&', "required": True}):
            expected = widget.render("name-1", value, attrs, renderer=django)
            assert widget.render("name-1", value, attrs, renderer=fast) == expected


def test_the_text_area_template_is_the_one_written():
    source = DjangoTemplates().engine.get_template(TEXTAREA_TEMPLATE).template.source
    assert source == (
        '<textarea name="{{ widget.name }}"{% include "django/forms/widgets/attrs.html" %}>\n'
        "{% if widget.value %}{{ widget.value }}{% endif %}</textarea>\n"
    )


@given(st.text(), st.text(min_size=1), st.dictionaries(st.sampled_from(["id", "class", "title"]), st.text()))
def test_any_text_area_is_written_as_the_template_writes_it(value, name, attrs):
    widget = forms.Textarea(attrs={"rows": 5})
    expected = widget.render(name, value, attrs, renderer=DjangoTemplates())
    assert widget.render(name, value, attrs, renderer=InputRenderer()) == expected


def test_the_option_templates_are_the_ones_written():
    engine = DjangoTemplates().engine
    for name in OPTION_TEMPLATES:
        source = engine.get_template(name).template.source
        assert source.strip() == '{% include "django/forms/widgets/input_option.html" %}', name
    assert engine.get_template("django/forms/widgets/input_option.html").template.source == (
        '{% if widget.wrap_label %}<label{% if widget.attrs.id %} for="{{ widget.attrs.id }}"{% endif %}>'
        '{% endif %}{% include "django/forms/widgets/input.html" %}{% if widget.wrap_label %}'
        " {{ widget.label }}</label>{% endif %}\n"
    )


LABELS = st.one_of(
    st.text(),
    st.just(mark_safe("<b>säker</b>")),
    st.integers(),
    st.decimals(places=2, allow_nan=False, allow_infinity=False),
)


@given(
    st.lists(st.tuples(st.text(min_size=1), LABELS), min_size=1, max_size=4),
    st.sampled_from([forms.RadioSelect, forms.CheckboxSelectMultiple]),
    st.one_of(st.none(), st.text()),
    st.booleans(),
)
def test_any_option_is_written_as_the_template_writes_it(choices, kind, id_, wrap):
    """Each choice of a radio or checkbox widget iterated as a page does (``{% for choice in
    form.status %}``): as a label with the input, or the input alone; a label that is no text (a
    number the template would localize) still goes through the template."""
    fast, django = forms.Form(renderer=InputRenderer()), forms.Form(renderer=DjangoTemplates())
    for form in (fast, django):
        form.fields["pick"] = forms.ChoiceField(choices=choices, widget=kind)
        if id_ is not None:
            form.fields["pick"].widget.attrs["id"] = id_
    picked = {"initial": {"pick": choices[0][0]}}
    fast.initial, django.initial = picked["initial"], picked["initial"]
    ours, theirs = list(fast["pick"]), list(django["pick"])
    assert [c.tag(wrap_label=wrap) for c in ours] == [c.tag(wrap_label=wrap) for c in theirs]
    assert [str(c) for c in ours] == [str(c) for c in theirs]


def test_other_widgets_still_use_the_templates():
    widget = forms.Select(choices=[("a", "A<"), ("b", "B")])
    assert widget.render("t", "a", renderer=InputRenderer()) == widget.render(
        "t", "a", renderer=DjangoTemplates()
    )
