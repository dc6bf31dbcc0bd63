"""Template filters: Swedish numbers and status levels (templates never format numbers themselves)."""

from __future__ import annotations

from functools import lru_cache

from django import template
from django.template.loader import render_to_string
from django.urls import get_script_prefix, get_urlconf
from django.utils.safestring import mark_safe

from styrkort.audit import display
from styrkort.domain.numbers import format_number
from styrkort.domain.scales import STOCKHOLM
from styrkort.domain.targets import show_target
from styrkort.domain.words import count_words
from styrkort.reports.text import parse_blocks
from styrkort.web import economy_tables as et

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
def count(number, nouns: str) -> str:
    """A count with its noun in the right number: ``{{ n|count:"indikator,indikatorer" }}``."""
    singular, _, plural = nouns.partition(",")
    return count_words(int(number or 0), singular, plural or singular)


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
    return display.field_words(name)


@register.filter
def change_words(change) -> dict[str, str]:
    """An audit entry as people read it: who (full name), the field and values in Swedish."""
    return display.describe(change)


@register.filter
def target(text):
    """A target as people read it: a figure the Swedish way ("39,5"), words as written."""
    return show_target(text)


@register.filter
def minutes(duration) -> int:
    """A duration (timedelta) in whole minutes, rounded up (for "försök igen om 15 minuter")."""
    seconds = int(duration.total_seconds()) if duration is not None else 0
    return max(1, -(-seconds // 60))


@register.filter
def printed_blocks(text: str, markers: bool = False):
    """A long text as the report prints it: blocks of the small markup (``reports.text``)."""
    return parse_blocks(text or "", markers=bool(markers))


# The economy tables' rows and their parts, written in Python (``web.economy_tables``).
for _tag in (
    et.figure_cells,
    et.deviation_span,
    et.balance_span,
    et.total_cells,
    et.fund_span,
    et.summary_rows,
    et.operating_rows,
    et.unit_rows,
    et.investment_rows,
    et.gross_rows,
    et.adjustment_rows,
    et.application_rows,
    et.volume_tables,
    et.findings_panel,
):
    register.simple_tag(_tag)


@register.simple_tag
def report_nav_links(report, current) -> str:
    """The report's page links (``web/_report_nav_links.html``), ``current`` the page shown.

    They depend on nothing but the report's code and period, the page and where the site is
    mounted, so each process renders them once (eleven ``{% url %}`` lookups, ~0.5 ms of CPU on
    every report page otherwise) and keeps the last few thousand."""
    return _report_nav_links(
        report.organisation.code, report.period.key, current or "", get_script_prefix(), get_urlconf()
    )


@lru_cache(maxsize=4096)
def _report_nav_links(code: str, period: str, current: str, prefix: str, urlconf: object) -> str:
    context = {"code": code, "period": period, "current": current}
    # The file's closing newline is the template's own, not the page's.
    return mark_safe(render_to_string("web/_report_nav_links.html", context).removesuffix("\n"))
