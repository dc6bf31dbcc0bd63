"""The form renderer (``FORM_RENDERER``): Django's own, with its plain ``<input>`` widgets written
in Python.

An editable economy page or entry grid has thousands of inputs (each figure with its hidden
initial value), and Django renders every one through two templates (``input.html`` and
``attrs.html``): about a third of such a page's server time. ``InputRenderer`` writes those
inputs itself, character for character as the templates do (the same attributes in the same
order, escaped the same way); every other widget and every form or field layout still goes
through Django's templates.
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


def _shown(value: Any) -> str:
    """``{{ value|stringformat:'s' }}`` with autoescaping (Django's ``escape`` is the standard
    library's, behind a wrapper for lazy strings that costs more than the escaping)."""
    text = str(value)
    return text if isinstance(value, SafeData) else escape(text)


def render_input(widget: dict[str, Any]) -> str:
    """What ``input.html`` renders for a widget's context (``widget``), stripped."""
    parts = [f'<input type="{_shown(widget["type"])}" name="{_shown(widget["name"])}"']
    if widget["value"] is not None:
        parts.append(f' value="{_shown(widget["value"])}"')
    for name, value in widget["attrs"].items():
        if value is False:
            continue
        parts.append(f" {_shown(name)}" if value is True else f' {_shown(name)}="{_shown(value)}"')
    parts.append(">")
    return "".join(parts)


class InputRenderer(DjangoTemplates):
    def render(self, template_name: str, context: dict[str, Any], request: Any = None) -> str:
        if template_name in INPUT_TEMPLATES:
            return render_input(context["widget"])
        return super().render(template_name, context, request)
