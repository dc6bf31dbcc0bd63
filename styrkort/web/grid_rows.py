"""The indicator grid's rows: which rows a page shows, and what each of its cells shows.

Which rows (``GridFilter``, ``select``): unfiltered, the grid is shown a page at a time
(``paginate``: whole goals in printed order, about ``PAGE_ROWS`` rows a page; a goal with more
rows than that is split), and every page can be reached from every other by its goals' numbers.
``sida=alla`` shows every row on one page. A filter (``mina``, ``saknas``, ``mal``, ``status``)
shows every matching row of the whole report on one page, so that nobody pages through goals to
find their rows.

What each row shows (``GridRow``): every string the template prints, computed here once with the
project's formatting (``domain.numbers``, ``domain.targets``). An editable row's inputs are plain
cells named as ``MeasurementForm``'s formset names them (``m-<n>-<field>``, with the hidden
``initial-…`` value shown and the row's id): a page that is only shown builds no Django form,
and a refused save builds its cells from the bound forms, with what was typed and the errors.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from html import escape
from itertools import groupby
from typing import Any
from urllib.parse import urlencode

from django.utils.safestring import SafeString, mark_safe

from styrkort.domain.indicators import IndicatorStatus
from styrkort.domain.numbers import format_number
from styrkort.domain.targets import show_target
from styrkort.web.editing import ShownConflict, shown_as
from styrkort.web.forms import MeasurementForm
from styrkort.web.queries import Listed

PAGE_ROWS = 20  # rows a page holds at most, unless one goal alone has more
GRADES = ("met", "partly_met", "not_met", "no_data", "unclear")  # styrkort.domain.scales.Grade
WHOLE = "alla"
ALL_FIGURES = MeasurementForm.FIGURES
PLAIN_FIGURES = ("outcome", None, None, "forecast")  # an indicator without a gender split


def _number(text: str, longest: int = 6) -> int | None:
    return int(text) if text.isascii() and text.isdigit() and len(text) <= longest else None


@dataclass(frozen=True)
class GridFilter:
    """Which rows the grid shows (GET parameters; anything unknown is ignored, never an error)."""

    mine: bool = False
    missing: bool = False
    goal: int | None = None
    grade: str = ""
    page: int = 1  # ``sida``: the page of the unfiltered grid
    whole: bool = False  # ``sida=alla``: every row on one page

    @classmethod
    def from_query(cls, query: Mapping[str, str]) -> GridFilter:
        grade = query.get("status", "")
        page = query.get("sida", "")
        return cls(
            mine=query.get("mina") == "1",
            missing=query.get("saknas") == "1",
            goal=_number(query.get("mal", ""), longest=11),
            grade=grade if grade in GRADES else "",
            page=max(_number(page) or 1, 1),
            whole=page == WHOLE,
        )

    @property
    def active(self) -> bool:
        return self.mine or self.missing or self.goal is not None or bool(self.grade)

    def query(self) -> str:
        """The filter (or the page) as a query string ("" for the first page), kept through a save."""
        pairs = [("mina", "1")] * self.mine + [("saknas", "1")] * self.missing
        pairs += [("mal", str(self.goal))] * (self.goal is not None) + [("status", self.grade)] * bool(
            self.grade
        )
        if not self.active and (self.whole or self.page > 1):
            pairs.append(("sida", WHOLE if self.whole else str(self.page)))
        return urlencode(pairs)


@dataclass(frozen=True)
class Page:
    """One page of the unfiltered grid: its rows (ids) and the numbers of its first and last goals."""

    number: int
    ids: tuple[int, ...]
    first: str
    last: str

    @property
    def goals(self) -> str:
        """The goals' numbers as a link names the page ("1.1–1.2.2", "3.4")."""
        return self.first if self.first == self.last else f"{self.first}–{self.last}"

    @property
    def query(self) -> str:
        return f"?sida={self.number}"


def paginate(listing: Iterable[Listed], size: int = PAGE_ROWS) -> list[Page]:
    """The rows in pages of whole goals, each page as full as ``size`` allows."""
    chunks: list[list[Listed]] = [[]]
    for _, rows in groupby(listing, key=lambda row: row.goal_id):
        goal = list(rows)
        if chunks[-1] and len(chunks[-1]) + len(goal) > size:
            chunks.append([])
        while len(chunks[-1]) + len(goal) > size:  # only a goal larger than a page is split
            chunks[-1].extend(goal[:size])
            goal = goal[size:]
            chunks.append([])
        chunks[-1].extend(goal)
    filled = [chunk for chunk in chunks if chunk]  # none is empty unless there are no rows
    return [
        Page(n, tuple(row.pk for row in chunk), chunk[0].goal_number, chunk[-1].goal_number)
        for n, chunk in enumerate(filled, start=1)
    ]


@dataclass(frozen=True)
class Selection:
    """The rows a request asks for, before the status filters (which need the figures)."""

    ids: list[int]
    pages: list[Page] = field(default_factory=list)  # the unfiltered grid's pages, if it has more than one
    page: Page | None = None  # the page shown (None: every row, or a filter's)

    def neighbours(self) -> tuple[Page | None, Page | None]:
        if self.page is None:
            return None, None
        n = self.page.number
        return (self.pages[n - 2] if n > 1 else None), (self.pages[n] if n < len(self.pages) else None)


def select(listing: list[Listed], shown: GridFilter, may_edit: Callable[[int, int], bool]) -> Selection:
    """The rows of the report the request shows (``may_edit(indicator id, goal id)``: "mina")."""
    if shown.active:
        rows = [
            row
            for row in listing
            if (not shown.mine or may_edit(row.indicator_id, row.goal_id))
            and (shown.goal is None or row.goal_id == shown.goal)
        ]
        return Selection([row.pk for row in rows])
    pages = paginate(listing, PAGE_ROWS)
    if len(pages) < 2:
        return Selection([row.pk for row in listing])
    if shown.whole:
        return Selection([row.pk for row in listing], pages)
    page = pages[shown.page - 1] if shown.page <= len(pages) else pages[0]
    return Selection(list(page.ids), pages, page)


def goal_choices(listing: Iterable[Listed], longest: int = 60) -> list[tuple[int, str]]:
    """The goals of the rows, in their order, as the goal filter offers them ("1.2 Barn …")."""
    found: dict[int, str] = {}
    for row in listing:
        if row.goal_id not in found:
            title = row.goal_title if len(row.goal_title) <= longest else row.goal_title[: longest - 1] + "…"
            found[row.goal_id] = f"{row.goal_number} {title}"
    return list(found.items())


# --- what a row shows ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    """One input of an editable row: its name, the value in it and the value the page showed.

    A figure's cell prints itself (``{{ cell }}``: its ``<td>`` with a label, the input, the value
    shown and any error), a few microseconds where a template would take tens, for each of a
    page's hundred cells."""

    id: str
    name: str
    value: str
    initial_name: str
    initial: str
    label: str
    errors: str = ""

    def __str__(self) -> str:
        return self.__html__()

    def __html__(self) -> SafeString:
        id_, name = escape(self.id), escape(self.name)
        invalid = error = ""
        if self.errors:
            invalid = f' aria-invalid="true" aria-describedby="{id_}-fel"'
            error = f'<span class="error-inline" id="{id_}-fel">{escape(self.errors)}</span>'
        return mark_safe(  # noqa: S308 - every value is escaped above
            f'<td class="input" id="{name}-field"><label class="visually-hidden" for="{id_}">'
            f'{escape(self.label)}</label><input type="text" inputmode="decimal" name="{name}" id="{id_}" '
            f'value="{escape(self.value)}" size="8" autocomplete="off"{invalid}>'
            f'<input type="hidden" name="{escape(self.initial_name)}" value="{escape(self.initial)}">{error}</td>'
        )


@dataclass
class GridRow:
    """Everything the grid prints for one measurement, as strings."""

    pk: int
    indicator_id: int
    name: str
    unit: str
    annual: bool
    goal_number: str
    previous: str
    target: str
    city_target: str
    figures: list[str]  # read-only: outcome, men, women, forecast
    analysis: str
    status: IndicatorStatus
    prefix: str = ""  # the row's form prefix ("m-3"); "" where the user may not change the row
    cells: list[Cell | None] = field(default_factory=list)  # None: the indicator has no gender split
    analysis_cell: Cell | None = None
    conflicts: list[ShownConflict] = field(default_factory=list)
    has_error: bool = False
    key: str = ""  # the id as the template prints it (an int would be localised on every use)
    status_url: str = ""  # the status for figures typed so far (htmx)
    history_url: str = ""
    comments_url: str = ""


def grid_row(m: Any, goal_number: str, indicator: Any, status: IndicatorStatus) -> GridRow:
    """A measurement's row, read-only (``editable_cells`` or ``form_cells`` add its inputs)."""
    return GridRow(
        pk=m.pk,
        key=str(m.pk),
        indicator_id=m.indicator_id,
        name=m.indicator.name,
        unit=indicator.unit,
        annual=indicator.frequency == "annual",
        goal_number=goal_number,
        previous=format_number(indicator.previous_annual),
        target=show_target(m.target),
        city_target=show_target(m.indicator.city_target),
        figures=[format_number(getattr(m, name)) for name in ALL_FIGURES],
        analysis=m.analysis,
        status=status,
    )


def _shown_names(gender_split: bool) -> tuple[str | None, ...]:
    return ALL_FIGURES if gender_split else PLAIN_FIGURES


def editable_cells(row: GridRow, m: Any, prefix: str, gender_split: bool) -> None:
    """The inputs of a row shown as stored (the form ``prefix`` is its place in the formset)."""
    fields = MeasurementForm.base_fields

    def cell(name: str) -> Cell:
        shown = fields[name].prepare_value(getattr(m, name))
        value = "" if shown is None else str(shown)
        html_name = f"{prefix}-{name}"
        label = f"{fields[name].label}, {row.name}"
        return Cell(f"id_{html_name}", html_name, value, f"initial-{html_name}", value, label)

    row.prefix = prefix
    row.cells = [cell(name) if name else None for name in _shown_names(gender_split)]
    row.analysis_cell = cell("analysis")


def form_cells(row: GridRow, form: MeasurementForm, gender_split: bool) -> None:
    """The inputs of a row as a bound form has them: what was typed, and the errors."""

    def cell(name: str) -> Cell:
        bound = form[name]
        value = bound.value()
        return Cell(
            bound.auto_id,
            bound.html_name,
            "" if value is None else str(value),
            bound.html_initial_name,
            shown_as(bound.field, bound.initial),
            f"{bound.label}, {row.name}",
            " ".join(str(error) for error in form.errors.get(name, [])) if form.is_bound else "",
        )

    row.prefix = form.prefix or ""
    row.cells = [cell(name) if name else None for name in _shown_names(gender_split)]
    row.analysis_cell = cell("analysis")
    row.has_error = bool(form.is_bound and form.errors)
