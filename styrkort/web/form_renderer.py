"""The form renderer (``FORM_RENDERER``): Django's own, with its plain ``<input>`` widgets, text
areas and radio buttons written in Python.

An editable economy page or entry grid has thousands of inputs (each figure with its hidden
initial value), and Django renders every one through two templates (``input.html`` and
``attrs.html``): about a third of such a page's server time. ``InputRenderer`` writes those
inputs, and the text areas and radio buttons of the goal and activity pages (``textarea.html``,
``input_option.html``), itself, character for character as the templates do (the same
attributes in the same order, escaped the same way); every other widget and every form or field
layout still goes through Django's templates.
"""

from __future__ import annotations

from html import escape
from typing import Any

from django.forms.renderers import DjangoTemplates
from django.utils.safestring import SafeData

# Django's widget templates whose whole content is ``{% include "django/forms/widgets/input.html" %}``
# (checked in the tests against the installed Django).
INPUT_TEMPLATES = frozenset(
    f"django/forms/widgets/{name}.html"
    for name in (
        "input",
        "text",
        "number",
        "hidden",
        "date",
        "datetime",
        "time",
        "email",
        "url",
        "password",
        "search",
        "tel",
        "color",
        "checkbox",
        "file",
    )
)
TEXTAREA_TEMPLATE = "django/forms/widgets/textarea.html"
# A radio button's or checkbox's option (a choice of a RadioSelect iterated in a template): each is
# ``{% include "django/forms/widgets/input_option.html" %}`` (checked in the tests).
OPTION_TEMPLATES = frozenset(f"django/forms/widgets/{name}_option.html" for name in ("radio", "checkbox"))


def _shown(value: Any) -> str:
    """``{{ value|stringformat:'s' }}`` with autoescaping (Django's ``escape`` is the standard
    library's, behind a wrapper for lazy strings that costs more than the escaping)."""
    text = str(value)
    return text if isinstance(value, SafeData) else escape(text)


def _attributes(attrs: dict[str, Any]) -> str:
    """What ``attrs.html`` renders: each attribute that is not False, a True one bare."""
    return "".join(
        f" {_shown(name)}" if value is True else f' {_shown(name)}="{_shown(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def render_input(widget: dict[str, Any]) -> str:
    """What ``input.html`` renders for a widget's context (``widget``), stripped."""
    value = "" if widget["value"] is None else f' value="{_shown(widget["value"])}"'
    attributes = _attributes(widget["attrs"])
    return f'<input type="{_shown(widget["type"])}" name="{_shown(widget["name"])}"{value}{attributes}>'


def render_textarea(widget: dict[str, Any]) -> str:
    """What ``textarea.html`` renders, stripped: the line break after the opening tag keeps a
    value's own first line break (a browser drops the first one)."""
    value = _shown(widget["value"]) if widget["value"] else ""
    return f'<textarea name="{_shown(widget["name"])}"{_attributes(widget["attrs"])}>\n{value}</textarea>'


def render_option(widget: dict[str, Any]) -> str | None:
    """What ``input_option.html`` renders (the input, in its label when ``wrap_label``); None
    where the label or id is not text, which the template would localize first."""
    tag = render_input(widget)
    if not widget["wrap_label"]:
        return tag
    id_, label = widget["attrs"].get("id"), widget["label"]
    if not isinstance(label, str) or not (id_ is None or isinstance(id_, str)):
        return None
    target = f' for="{_shown(id_)}"' if id_ else ""
    return f"<label{target}>{tag}\n {_shown(label)}</label>"  # input.html ends in a line break


class InputRenderer(DjangoTemplates):
    def render(self, template_name: str, context: dict[str, Any], request: Any = None) -> str:
        if template_name in INPUT_TEMPLATES:
            return render_input(context["widget"])
        if template_name == TEXTAREA_TEMPLATE:
            return render_textarea(context["widget"])
        if template_name in OPTION_TEMPLATES and (option := render_option(context["widget"])) is not None:
            return option
        return super().render(template_name, context, request)
