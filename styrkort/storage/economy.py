"""Store a report's economy part (see ``store.save_followup``, which calls ``save_economy`` after
clearing the report's rows of ``ECONOMY_MODELS``).

Rows are inserted in bulk, a table at a time (those no other row needs the key of by the caller's
``insert``, which may gather them across reports); a table with "varav" rows a level at a time (a
"varav" row needs its parent's key). Activity areas belong to the committee and are kept across
reports: the missing ones are created, none is removed.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from typing import Any

from styrkort.domain import document as d
from styrkort.economy import models as em
from styrkort.followup.models import Report
from styrkort.organisations.models import Organisation

ECONOMY_MODELS = (
    em.OperatingSummaryRow,
    em.OperatingBudgetRow,
    em.VolumeTable,
    em.ResultUnitGroup,
    em.ResultUnit,
    em.InvestmentRow,
    em.GrossChangeRow,
    em.BudgetAdjustment,
    em.FundApplication,
    em.EconomyText,
)


def insert_now(model: type[Any], rows: Iterable[Any]) -> None:
    model.objects.bulk_create(rows)


def save_economy(
    report: Report,
    committee: Organisation,
    economy: d.Economy,
    insert: Callable[[type[Any], Iterable[Any]], None] = insert_now,
) -> None:
    """The economy's rows; ``insert(model, rows)`` inserts those no other row needs the key of
    (the store defers them, to insert them with other reports')."""
    insert(
        em.OperatingSummaryRow,
        (
            em.OperatingSummaryRow(report=report, position=i, **_fields(row))
            for i, row in enumerate(economy.operating_summary)
        ),
    )
    areas = _activity_areas(committee, economy.operating_budget)
    position = 0

    def area_for(name: str, parent: em.ActivityArea | None) -> em.ActivityArea:
        return areas[(parent.id if parent else None, name)]

    budget_rows = []
    for row in economy.operating_budget:
        area = area_for(row.area, None)
        budget_rows.append(
            em.OperatingBudgetRow(
                report=report, position=position, area=area, **_fields(row, "area", "children")
            )
        )
        position += 1
        for child in row.children:
            budget_rows.append(
                em.OperatingBudgetRow(
                    report=report,
                    position=position,
                    area=area_for(child.area, area),
                    **_fields(child, "area", "children"),
                )
            )
            position += 1
    if economy.operating_total is not None:
        total = economy.operating_total
        budget_rows.append(
            em.OperatingBudgetRow(
                report=report,
                position=position,
                is_total=True,
                label=total.area,
                **_fields(total, "area", "children"),
            )
        )
    insert(em.OperatingBudgetRow, budget_rows)

    tables = em.VolumeTable.objects.bulk_create(
        em.VolumeTable(report=report, position=i, title=t.title, area=t.area, columns=list(t.columns))
        for i, t in enumerate(economy.volumes)
    )
    volume_rows = [
        (saved, j, row)
        for saved, t in zip(tables, economy.volumes, strict=True)
        for j, row in enumerate(t.rows)
    ]
    saved_rows = em.VolumeRow.objects.bulk_create(
        em.VolumeRow(table=saved, position=j, label=row.label, total=row.total)
        for saved, j, row in volume_rows
    )
    insert(
        em.VolumeValue,
        (
            em.VolumeValue(row=saved_row, column=k, value=value)
            for saved_row, (_, _, row) in zip(saved_rows, volume_rows, strict=True)
            for k, value in enumerate(row.values)
        ),
    )

    insert(
        em.ResultUnitGroup,
        (
            em.ResultUnitGroup(report=report, position=i, **_fields(group))
            for i, group in enumerate(economy.result_unit_groups)
        ),
    )
    units = [
        em.ResultUnit(report=report, position=i, **_fields(unit))
        for i, unit in enumerate(economy.result_units)
    ]
    if economy.result_units_total is not None:
        units.append(
            em.ResultUnit(
                report=report, position=len(units), is_total=True, **_fields(economy.result_units_total)
            )
        )
    insert(em.ResultUnit, units)

    saved_investments = _save_row_tree(
        em.InvestmentRow, report, economy.investments, economy.investments_total, "children", "projects"
    )
    insert(
        em.InvestmentProject,
        (
            em.InvestmentProject(investment=saved, position=j, name=p.name, amount=p.amount)
            for saved, row in saved_investments
            for j, p in enumerate(row.projects)
        ),
    )
    _save_row_tree(em.GrossChangeRow, report, economy.gross_changes, economy.gross_changes_total, "children")

    insert(
        em.BudgetAdjustment,
        (
            em.BudgetAdjustment(report=report, position=i, **_fields(a))
            for i, a in enumerate(economy.budget_adjustments)
        ),
    )
    insert(
        em.FundApplication,
        (
            em.FundApplication(report=report, position=i, **_fields(a))
            for i, a in enumerate(economy.fund_applications)
        ),
    )
    insert(
        em.EconomyText,
        (
            em.EconomyText(report=report, section=section, text=text, position=i)
            for i, (section, text) in enumerate(economy.texts)
        ),
    )


def _activity_areas(committee: Organisation, rows: tuple[d.BudgetRow, ...]) -> dict[Any, em.ActivityArea]:
    """The committee's activity areas by (parent id, name), the budget's missing ones created
    (the areas first, then their "varav" areas)."""
    areas: dict[tuple[int | None, str], em.ActivityArea] = {
        (a.parent_id, a.name): a for a in em.ActivityArea.objects.filter(organisation=committee)
    }
    missing: dict[tuple[int | None, str], em.ActivityArea] = {}
    for row in rows:
        if (None, row.area) not in areas:
            missing[(None, row.area)] = em.ActivityArea(organisation=committee, name=row.area)
    em.ActivityArea.objects.bulk_create(missing.values())
    areas.update(missing)
    missing = {}
    for row in rows:
        parent = areas[(None, row.area)]
        for child in row.children:
            if (parent.id, child.area) not in areas:
                missing[(parent.id, child.area)] = em.ActivityArea(
                    organisation=committee, name=child.area, parent=parent
                )
    em.ActivityArea.objects.bulk_create(missing.values())
    areas.update(missing)
    return areas


def _save_row_tree(model: Any, report: Report, rows: Any, total: Any, *exclude: str) -> list[tuple[Any, Any]]:
    """Save a table's rows in printed order, each row's "varav" rows with it as parent, the total last.

    Returns (saved row, domain row) pairs in printed order, for what hangs on the rows
    (investment projects). Inserted a level at a time: a "varav" row needs its parent's key.
    """
    printed: list[tuple[Any, Any, int]] = []  # (domain row, parent's index, is total) in printed order

    def walk(row: Any, parent: int, is_total: bool) -> None:
        index = len(printed)
        printed.append((row, parent, is_total))
        for child in row.children:
            walk(child, index, False)

    for row in rows:
        walk(row, -1, False)
    if total is not None:
        walk(total, -1, True)
    stored: list[Any] = [None] * len(printed)
    depth = [0] * len(printed)
    for index, (_, parent, _) in enumerate(printed):
        depth[index] = depth[parent] + 1 if parent >= 0 else 0
    for level in range(max(depth, default=-1) + 1):
        indices = [i for i in range(len(printed)) if depth[i] == level]
        for i in indices:
            row, parent, is_total = printed[i]
            stored[i] = model(
                report=report,
                position=i,
                parent=stored[parent] if parent >= 0 else None,
                is_total=is_total,
                **_fields(row, *exclude),
            )
        model.objects.bulk_create([stored[i] for i in indices])
    return [(saved, row) for saved, (row, _, _) in zip(stored, printed, strict=True)]


def _fields(value: Any, *exclude: str) -> dict[str, Any]:
    return {f.name: getattr(value, f.name) for f in dataclasses.fields(value) if f.name not in exclude}
