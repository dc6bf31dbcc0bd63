"""The economy page's tables, row by row, written in Python.

A large committee's economy page has a few hundred rows in eight tables; written by templates, with
a loop, a few conditions and an include or two per row, they cost about a quarter of the page's
time on its first view after a change (``web.fragments``). ``web/economy/_tables.html`` keeps the
page's sections, headings, captions and hints and asks these functions (the template tags of
``web.templatetags.styrkort``) for each table's rows; the derived cells swapped in as one types
(``_derived_oob.html``) are written by the same row parts. The markup is the templates', character
for character (``tests/web/test_economy_tables.py`` keeps the old templates and compares), and
every text is escaped as Django's autoescaping escapes it. A conflict's choices are still the
template ``web/_conflicts.html``, which the other editing pages share (rare: a refused save only).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from html import escape
from typing import Any

from django.template.loader import render_to_string
from django.utils.formats import localize
from django.utils.safestring import SafeString, mark_safe

from styrkort.domain.numbers import format_number

FIX_ROW_FIRST = '<span class="error-inline">Rätta talen i raden först</span>'
SEVERITY_WORDS = {"error": "Fel", "warning": "Varning"}  # anything else: "Information"


def _text(value: Any) -> str:
    """``{{ value }}`` with autoescaping (a number localised first, as the engine does; the tables
    print no dates)."""
    if not isinstance(value, str):
        value = localize(value)
    return value.__html__() if hasattr(value, "__html__") else escape(str(value))


def _number(value: Any, decimals: int | None = None) -> str:
    """``{{ value|number }}``: a figure the Swedish way, missing as an empty string."""
    return escape(format_number(value, decimals))


def _oob(oob: bool) -> str:
    return ' hx-swap-oob="true"' if oob else ""


def _has_errors(row: Any) -> bool:
    return row.form is not None and bool(row.form.errors)


# --- a row's parts (also template tags: the derived cells swapped in as one types) -------------


def figure_cells(row: Any) -> SafeString:
    """A row's figure cells: its inputs where the user may edit the row (``web.economy_inputs``),
    the figures formatted elsewhere."""
    if row.inputs:
        cells = "".join(cell.__html__() for cell in row.inputs.cells.values())
    else:
        cells = "".join(f'<td class="num">{_number(value, 1)}</td>' for value in row.figures.values())
    return mark_safe(f"\n\n  {cells}\n\n")  # noqa: S308 - escaped above, or the inputs' own escaping


def deviation_span(row: Any, oob: bool = False) -> SafeString:
    """A row's deviation with its words (or a request to correct the row's figures first)."""
    if _has_errors(row):
        shown = FIX_ROW_FIRST
    else:
        words = _text(row.derived["words"])
        shown = f'{_number(row.derived["deviation"], 1)} <span class="words">({words})</span>'
    return mark_safe(f'<span id="{escape(row.dom_id)}-deviation" class="derived"{_oob(oob)}>{shown}</span>\n')  # noqa: S308


def balance_span(row: Any, oob: bool = False) -> SafeString:
    """Whether a gross change's costs and revenues cancel out, in words."""
    shown = FIX_ROW_FIRST if _has_errors(row) else _text(row.derived["words"])
    return mark_safe(f'<span id="{escape(row.dom_id)}-balance" class="derived"{_oob(oob)}>{shown}</span>\n')  # noqa: S308


def total_cells(row: Any, cells: bool = False, oob: bool = False) -> SafeString:
    """A total row's figures, each in its own element (in a cell of its own with ``cells``)."""
    start, end = ('<td class="num">', "</td>") if cells else ("", "")
    parts = [
        f'{start}<span id="{escape(id_)}"{_oob(oob)}>{_number(value, 1)}</span>{end}'
        for id_, value in row.total_cells
    ]
    return mark_safe("".join(parts) + "\n")  # noqa: S308 - escaped above


def fund_span(row: Any, oob: bool = False) -> SafeString:
    """A result unit's fund that may be carried over and whether it keeps the two caps (the
    domain's words), or a request to correct the row's figures first."""
    if _has_errors(row):
        shown = FIX_ROW_FIRST
    else:
        capped = row.derived["capped"]
        carried = "kan inte beräknas" if capped is None else f"{_number(capped, 1)} tkr"
        shown = (
            f'\n  <span class="fund-line">Får föras över: {carried}</span>\n'
            f"  {_rule(row.derived['withdrawal'])}\n  {_rule(row.derived['fund'])}\n"
        )
    return mark_safe(  # noqa: S308 - escaped here
        f'<span id="{escape(row.dom_id)}-fund" class="derived fund"{_oob(oob)}>{shown}</span>\n'
    )


def _rule(rule: tuple[bool | None, str]) -> str:
    kept, words = rule
    state, sign = ("rule-broken", "✗") if kept is False else ("rule-kept", "✓") if kept else ("", "–")
    return f'<span class="fund-line {state}"><span aria-hidden="true">{sign}</span> {_text(words)}</span>'


def _conflict(row: Any, columns: int) -> str:
    """The row's conflicts, with the user's choice per field, in a row of their own."""
    if not row.conflicts:
        return ""
    choices = render_to_string("web/_conflicts.html", {"conflicts": row.conflicts})
    return f'<tr class="conflict-row"><td colspan="{columns}">{choices}</td></tr>\n'


# --- the tables' rows ------------------------------------------------------------------------


def summary_rows(summary: Iterable[Any]) -> SafeString:
    """The operating summary's rows, as stored (mnkr)."""
    rows = []
    for s in summary:
        figures = (s.budget, s.requested_adjustments, s.changes, s.forecast, s.deviation)
        cells = "".join(f'<td class="num">{_number(value, 1)}</td>' for value in figures)
        rows.append(f'<tr><th scope="row">{_text(s.label)}</th>{cells}</tr>')
    return mark_safe("".join(rows))  # noqa: S308 - escaped above


def _rows(
    rows: Iterable[Any], hint: str, total_end: Callable[[Any], str], row_html: Callable[[Any], str]
) -> SafeString:
    """A figure table's rows: each row (``row_html``) and the total row (the sum of the top-level
    rows, ``hint`` saying so; ``total_end`` its cells after the figures)."""
    parts = ["\n    "]
    for row in rows:
        if row.kind == "total":
            shown = (
                f'<tr class="total-row"><th scope="row">{_text(row.label)} <span class="hint">{hint}</span></th>'
                f"{total_cells(row, cells=True)}{total_end(row)}</tr>"
            )
        else:
            shown = row_html(row)
        parts.append(f"\n      \n      {shown}\n      \n    ")
    parts.append("\n    ")
    return mark_safe("".join(parts))  # noqa: S308 - every part escapes its texts


def _figure_row(row: Any, derived: str, columns: int, **parts: str) -> str:
    """A figure table's row: its label, figures, derived cell (``derived``) and any conflicts in a
    row of ``columns`` cells; ``parts`` adds a class (``state``), a hint after the label
    (``hint``), and cells after the derived one (``after``); ``num`` the derived cell's class."""
    state = (" has-conflict" if row.conflicts else "") + parts.get("state", "")
    return (
        f'<tr class="{_text(row.kind)}{state}" id="rad-{_text(row.dom_id)}">\n'
        f'        <th scope="row">{_text(row.label)}{parts.get("hint", "")}</th>\n'
        f"        {figure_cells(row)}\n"
        f'        <td class="{parts.get("num", "")}derived-cell" aria-live="polite">{derived}'
        f"{row.inputs.hidden if row.inputs else ''}</td>\n{parts.get('after', '')}"
        f"      </tr>\n      {_conflict(row, columns)}"
    )


def operating_rows(rows: Iterable[Any]) -> SafeString:
    """The operating budget per activity area (mnkr), with the outcome so far."""

    def total_end(row: Any) -> str:  # a table without its stored total row shows no outcome
        return f'<td class="num">{_number(row.obj.outcome if row.obj is not None else None)}</td>'

    def row_html(row: Any) -> str:
        state = " has-error" if _has_errors(row) else ""
        after = f'        <td class="num">{_number(row.obj.outcome)}</td>\n'
        return _figure_row(row, deviation_span(row), 8, state=state, num="num ", after=after)

    return _rows(rows, "summa av verksamhetsområdena", total_end, row_html)


def unit_rows(rows: Iterable[Any]) -> SafeString:
    """The result units (tkr) with the fund rule."""

    def row_html(row: Any) -> str:
        group = f' <span class="hint">{_text(row.obj.group)}</span>' if row.obj.group else ""
        return _figure_row(row, fund_span(row), 6, hint=group)

    return _rows(rows, "summa av enheterna", lambda row: "<td></td>", row_html)


def investment_rows(rows: Iterable[Any]) -> SafeString:
    """The investments per category (mnkr), each followed by its projects."""

    def row_html(row: Any) -> str:
        projects = "".join(_project(project) for project in row.extra or ())
        return f"{_figure_row(row, deviation_span(row), 5, num='num ')}\n      {projects}"

    return _rows(rows, "summa av kategorierna", lambda row: "", row_html)


def _project(project: Any) -> str:
    """An investment project under its category: its name and amount (mnkr)."""
    if project.inputs:
        field = project.inputs.cells["name"]
        id_ = _text(field.id)
        invalid = error = ""
        if field.errors:
            invalid = f'aria-invalid="true" aria-describedby="{id_}-fel"'
            error = f'<span class="error-inline" id="{id_}-fel">{_text(field.errors)}</span>'
        cells = (
            f'\n  <th scope="row" class="input text" id="{_text(field.cell_id)}">\n'
            f'    <label for="{id_}"><span class="hint">Projekt</span>'
            f'<span class="visually-hidden">, {_text(project.label)}</span></label>\n'
            f'    <input type="text" name="{_text(field.name)}" id="{id_}" value="{_text(field.value)}"'
            f' autocomplete="off"\n      {invalid}>\n'
            f"    {field.initial}{project.inputs.hidden}\n    {error}\n  </th>\n"
            f"  {project.inputs.cells['amount'].__html__()}\n"
        )
    else:
        cells = (
            f'\n  <th scope="row"><span class="hint">Projekt:</span> {_text(project.obj.name)}</th>'
            f'<td class="num">{_number(project.figures["amount"], 1)}</td>\n'
        )
    conflict = " has-conflict" if project.conflicts else ""
    return (
        f'\n<tr class="project{conflict}" id="rad-{_text(project.dom_id)}">\n{cells}'
        f'\n  <td colspan="3"></td>\n</tr>\n{_conflict(project, 5)}\n'
    )


def gross_rows(rows: Iterable[Any]) -> SafeString:
    """The gross changes (mnkr): costs, revenues and whether they cancel out."""
    return _rows(
        rows, "summa av områdena", lambda row: "<td></td>", lambda row: _figure_row(row, balance_span(row), 4)
    )


def _request_rows(
    rows: Iterable[Any], heading: Callable[[Any], str], fields: tuple[str, ...], decimals: int | None
) -> SafeString:
    """The budget adjustments' or fund applications' rows: a heading, then the inputs of ``fields``
    where the user may edit them, else the stored texts and the amount (the last field)."""
    parts = ["\n    "]
    for row in rows:
        conflict = ' class="has-conflict"' if row.conflicts else ""
        if row.inputs:
            cells = "".join(row.inputs.cells[name].__html__() for name in fields)
        else:
            cells = "".join(f"<td>{_text(getattr(row.obj, name))}</td>" for name in fields[:-1])
            cells += f'<td class="num">{_number(row.obj.amount, decimals)}</td>'
        hidden = row.inputs.hidden if row.inputs else ""
        parts.append(
            f'\n      <tr{conflict} id="rad-{_text(row.dom_id)}"><th scope="row">{heading(row)}{hidden}</th>'
            f"\n        {cells}</tr>\n      {_conflict(row, len(fields) + 1)}\n    "
        )
    parts.append("\n    ")
    return mark_safe("".join(parts))  # noqa: S308 - escaped above, or the inputs' own escaping


def adjustment_rows(rows: Iterable[Any]) -> SafeString:
    """The budget adjustments asked for (mnkr, one decimal)."""

    def heading(row: Any) -> str:
        return f'{_text(row.label)} <span class="hint">{_text(row.obj.get_kind_display())}</span>'

    return _request_rows(rows, heading, ("purpose", "amount"), 1)


def application_rows(rows: Iterable[Any]) -> SafeString:
    """The applications for money from the city's funds (kronor, as recorded)."""
    return _request_rows(rows, lambda row: _text(row.label), ("fund", "purpose", "amount"), None)


def volume_tables(grids: list[Any]) -> SafeString:
    """The volume tables, each whole: an input per stored cell where the user may edit, figures as
    recorded elsewhere."""
    parts = ["\n"]
    for n, grid in enumerate(grids, 1):
        table, counter = grid.obj, _text(n)
        columns = table.columns or ()
        area = f" ({_text(table.area)})" if table.area else ""
        headings = "".join(f'<th scope="col" class="num">{_text(column)}</th>' for column in columns)
        parts.append(
            f'\n<div class="table-scroll" role="region" aria-labelledby="volym-caption-{counter}" tabindex="0">\n'
            f'<table class="grid economy volumes">\n'
            f'  <caption id="volym-caption-{counter}">{_text(table.title)}{area}</caption>\n'
            f'  <thead><tr><th scope="col">Rad</th>{headings}</tr></thead>\n  <tbody>\n  '
        )
        for line in grid.lines:
            parts.append(_volume_line(line, len(columns) + 1))
        parts.append("\n  </tbody>\n</table>\n</div>\n")
    if not grids:
        parts.append("<p>Rapporten har inga volymtabeller.</p>\n")
    parts.append("\n")
    return mark_safe("".join(parts))  # noqa: S308 - every part escapes its texts


def _volume_line(line: Any, columns: int) -> str:
    hidden = "".join(cell.inputs.hidden for cell in line.cells if cell.inputs)
    cells = "".join(
        cell.inputs.cells["value"].__html__()
        if cell.inputs
        else f'<td class="num">{_number(cell.figures["value"])}</td>'
        for cell in line.cells
    )
    state = ("total-row" if line.obj.total else "") + (" has-conflict" if line.conflicts else "")
    return (
        f'\n    <tr class="{state}" id="volym-{_text(line.obj.pk)}">\n'
        f'      <th scope="row">{_text(line.obj.label)}{hidden}</th>\n      {cells}\n    </tr>\n'
        f"    {''.join(_conflict(cell, columns) for cell in line.cells)}\n  "
    )


def findings_panel(key: str, title: str, findings: list[Any]) -> SafeString:
    """The check's findings for one section of the page, beside its tables."""
    if findings:
        items = "".join(
            f'<li class="finding-{_text(f.severity)}"><strong>{SEVERITY_WORDS.get(f.severity, "Information")}:'
            f"</strong> {_text(f.where)}: {_text(f.message)}</li>"
            for f in findings
        )
        shown = f"\n  <ul>{items}</ul>\n  "
    else:
        shown = "<p>Inga fynd.</p>"
    return mark_safe(  # noqa: S308 - escaped here
        f'<aside class="panel findings" aria-labelledby="fynd-{_text(key)}">\n'
        f'  <h3 id="fynd-{_text(key)}">Kontrollens fynd: {_text(title.lower())}</h3>\n  {shown}\n</aside>\n'
    )
