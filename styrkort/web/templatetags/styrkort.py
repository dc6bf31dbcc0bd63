"""Template filters: Swedish numbers and status levels (templates never format numbers themselves)."""

from __future__ import annotations

from django import template

from styrkort.audit.trail import FIELD_WORDS
from styrkort.domain.numbers import format_number
from styrkort.domain.scales import STOCKHOLM
from styrkort.domain.targets import show_target

register = template.Library()


@register.filter
def number(value, decimals=None):
    """A figure the Swedish way ("2 471,8"); missing shows as an empty string."""
    return format_number(value, decimals if isinstance(decimals, int) else None)


@register.filter
def assessment_level(status: str):
    """The scale's level (words, symbol, colours) for a goal assessment status: the same
    level the PDF, HTML and DOCX print (``StatusScale.level_for_status``)."""
    return STOCKHOLM.level_for_status(status)  # type: ignore[arg-type]


@register.filter
def get(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def shown_initial(bound_field):
    """The hidden input carrying the value the page shows (for fields a template lays out itself)."""
    return bound_field.as_hidden(only_initial=True)


@register.filter
def field_words(name: str) -> str:
    """A changed field's name in Swedish words (the audit trail stores the code name)."""
    return FIELD_WORDS.get(name, name)


@register.filter
def target(text):
    """A target as people read it: a figure the Swedish way ("39,5"), words as written."""
    return show_target(text)


@register.filter
def minutes(duration) -> int:
    """A duration (timedelta) in whole minutes, rounded up (for "försök igen om 15 minuter")."""
    seconds = int(duration.total_seconds()) if duration is not None else 0
    return max(1, -(-seconds // 60))
