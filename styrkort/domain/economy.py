"""Economy arithmetic: derived columns, "varav" rows, totals and gross changes, as findings.

Conventions, stated once:
- Figures are as printed (see ``document``): mnkr with one decimal, revenues negative.
  Printed figures are compared exactly: a table whose figures are rounded to one decimal must
  still add up as printed, because that is what the reader checks.
- Deviation = budget + requested adjustments + volume changes − forecast; positive is a surplus.
  In the operating budget the printed "Avvikelse" is taken after result transfers; before
  transfers it is the same with the forecast before transfers.
- Net = costs + revenues (revenues carry their minus sign, so this is costs − |revenues|).
- In a sum an empty cell adds nothing (an empty cell in a printed table means no amount); a
  comparison is made only where the printed cell that is checked has a figure.
- "Varav" rows are a part of their parent: when they all have the parent's sign their sum must
  not exceed the parent. Rows with mixed signs (a net revenue among costs) are not compared, nor
  are deviations (a surplus and a deficit may net out).
- A gross change is an extra cost matched by an equal extra revenue: costs + revenues = 0
  per row and in total.
- Volume tables hold statistics (often averages over months, rounded separately), so a total row
  that differs from its rows is a warning, not an error.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import Any

from styrkort.domain.document import Economy, GrossChangeRow
from styrkort.domain.findings import Finding, in_part, join_where
from styrkort.domain.numbers import format_number

BUDGET_COLUMNS = {
    "budget": "Budget",
    "requested_adjustments": "Begärda budgetjusteringar",
    "volume_changes": "Prestationsförändringar",
    "forecast_before_transfers": "Prognos före resultatöverföringar",
    "forecast_after_transfers": "Prognos efter resultatöverföringar",
    "deviation": "Avvikelse",
}
INVESTMENT_COLUMNS = {
    "budget": "Budget",
    "requested_adjustments": "Begärda budgetjusteringar",
    "forecast": "Prognos",
    "deviation": "Avvikelse",
}
GROSS_CHANGE_COLUMNS = {"costs": "Kostnader", "revenues": "Intäkter"}
SUMMARY_COLUMNS = {
    "budget": "Budget",
    "requested_adjustments": "Begärda budgetjusteringar",
    "changes": "Prestations- och omslutningsförändringar",
    "forecast": "Prognos",
    "deviation": "Avvikelse",
}


def show_mnkr(value: Decimal | None) -> str:
    """A figure in mnkr as the tables print it: one decimal, Swedish format."""
    return format_number(value, decimals=1) if value is not None else "tomt"


def add_figures(values: Iterable[Decimal | None]) -> Decimal | None:
    """Sum of the figures present; None when none is present."""
    present = [value for value in values if value is not None]
    return sum(present, Decimal(0)) if present else None


def calculate_deviation(
    budget: Decimal | None, forecast: Decimal | None, *changes: Decimal | None
) -> Decimal | None:
    """Budget plus changes minus forecast (positive = surplus); None without budget or forecast."""
    if budget is None or forecast is None:
        return None
    return budget + sum((change for change in changes if change is not None), Decimal(0)) - forecast


def calculate_operating_deviation(
    budget: Decimal | None,
    requested_adjustments: Decimal | None,
    volume_changes: Decimal | None,
    forecast_before_transfers: Decimal | None,
    forecast_after_transfers: Decimal | None,
) -> Decimal | None:
    """An operating row's printed deviation: from the forecast after result transfers, else before."""
    forecast = forecast_after_transfers if forecast_after_transfers is not None else forecast_before_transfers
    return calculate_deviation(budget, forecast, requested_adjustments, volume_changes)


def compare_sum(
    rule: str, where: str, printed: Decimal | None, parts: Sequence[Decimal | None], what: str
) -> list[Finding]:
    """A finding when a printed figure differs from the sum of its parts (an empty printed cell is
    checked only when the parts add up to something other than zero)."""
    expected = add_figures(parts)
    if expected is None:
        return []
    if printed is None:
        if expected == 0:
            return []
        message = f"{what} saknas: raderna summerar till {show_mnkr(expected)}"
        return [Finding("error", rule, where, message, expected, None)]
    if printed == expected:
        return []
    message = f"{what} är {show_mnkr(printed)} men raderna summerar till {show_mnkr(expected)}"
    return [Finding("error", rule, where, message, expected, printed)]


def check_part_rows(
    rule: str, table: str, parent: Any, name: str, children: Sequence[Any], columns: dict[str, str]
) -> list[Finding]:
    """ "Varav" rows must lie within their parent, column by column (see the module docstring)."""
    findings: list[Finding] = []
    for column, label in columns.items():
        if column == "deviation":
            continue
        whole = getattr(parent, column)
        parts = [getattr(child, column) for child in children if getattr(child, column) is not None]
        if whole is None or not parts:
            continue
        if all(part >= 0 for part in parts) and whole >= 0 or all(part <= 0 for part in parts) and whole <= 0:
            total = sum(parts, Decimal(0))
            if abs(total) > abs(whole):
                names = ", ".join(getattr(child, name) for child in children)
                message = (
                    f"Varav-raderna ({names}) summerar till {show_mnkr(total)}, "
                    f"mer än raden själv, {show_mnkr(whole)}"
                )
                findings.append(
                    Finding(
                        "error", rule, join_where(table, getattr(parent, name), label), message, whole, total
                    )
                )
    return findings


def check_rows_against_total(
    rule: str, table: str, rows: Sequence[Any], total: Any, columns: dict[str, str]
) -> list[Finding]:
    """The total row must equal the sum of the top-level rows, column by column."""
    if total is None or not rows:
        return []
    findings: list[Finding] = []
    for column, label in columns.items():
        printed = getattr(total, column)
        parts = [getattr(row, column) for row in rows]
        findings += compare_sum(
            rule, join_where(table, "Totalt", label), printed, parts, f"Totalen för {label}"
        )
    return findings


def check_derived_deviation(
    rule: str, where: str, printed: Decimal | None, expected: Decimal | None, how: str
) -> list[Finding]:
    """A printed deviation must equal the one computed from the row's own figures."""
    if printed is None or expected is None or printed == expected:
        return []
    message = f"Avvikelsen är {show_mnkr(printed)} men {how} ger {show_mnkr(expected)}"
    return [Finding("error", rule, where, message, expected, printed)]


def check_operating_budget(economy: Economy) -> list[Finding]:
    """Derived deviations, "varav" rows and the total of the operating budget by activity area."""
    table = "Driftbudget per verksamhetsområde"
    findings: list[Finding] = []
    every = [*economy.operating_budget, *([economy.operating_total] if economy.operating_total else [])]
    for row in every:
        for child in (row, *row.children):
            expected = calculate_operating_deviation(
                child.budget,
                child.requested_adjustments,
                child.volume_changes,
                child.forecast_before_transfers,
                child.forecast_after_transfers,
            )
            how = "budget + justeringar + prestationsförändringar − prognos"
            where = join_where(table, child.area, "Avvikelse")
            findings += check_derived_deviation("operating_deviation", where, child.deviation, expected, how)
        if row.children:
            findings += check_part_rows(
                "operating_part_rows", table, row, "area", row.children, BUDGET_COLUMNS
            )
    findings += check_rows_against_total(
        "operating_total", table, economy.operating_budget, economy.operating_total, BUDGET_COLUMNS
    )
    return in_part("operating_budget", findings)


def check_operating_summary(economy: Economy) -> list[Finding]:
    """The first operating table: net = costs + revenues, its net row (before result transfers) and
    its deviations before and after result transfers against the areas' total, and after = before +
    transfers."""
    table = "Driftbudget, sammanställning"
    rows = {row.kind: row for row in economy.operating_summary}
    findings: list[Finding] = []
    net, costs, revenues = rows.get("net"), rows.get("costs"), rows.get("revenues")
    if net and costs and revenues:
        for column, label in SUMMARY_COLUMNS.items():
            parts = [getattr(costs, column), getattr(revenues, column)]
            if all(part is None for part in parts):
                continue
            findings += compare_sum(
                "operating_summary_net",
                join_where(table, net.label, label),
                getattr(net, column),
                parts,
                "Nettot (kostnader + intäkter)",
            )
    total = economy.operating_total
    if net and total:
        # The net row is the areas' total before result transfers (the summary's own rows below
        # it carry the transfers), as in the printed report.
        expected_net = {
            "budget": total.budget,
            "forecast": total.forecast_before_transfers,
            "deviation": calculate_deviation(
                total.budget,
                total.forecast_before_transfers,
                total.requested_adjustments,
                total.volume_changes,
            ),
        }
        for summary_column, expected in expected_net.items():
            printed = getattr(net, summary_column)
            if printed is not None and expected is not None and printed != expected:
                label = SUMMARY_COLUMNS[summary_column]
                message = (
                    f"Sammanställningen visar {show_mnkr(printed)}, "
                    f"tabellen per verksamhetsområde {show_mnkr(expected)}"
                )
                where = join_where(table, net.label, label)
                findings.append(
                    Finding("error", "operating_summary_total", where, message, expected, printed)
                )
    before, after = rows.get("before_transfers"), rows.get("after_transfers")
    if total is not None:
        expected_before = calculate_deviation(
            total.budget, total.forecast_before_transfers, total.requested_adjustments, total.volume_changes
        )
        for row, expected in ((before, expected_before), (after, total.deviation)):
            if row is None or row.deviation is None or expected is None or row.deviation == expected:
                continue
            message = (
                f"Sammanställningen visar avvikelsen {show_mnkr(row.deviation)}, "
                f"tabellen per verksamhetsområde ger {show_mnkr(expected)}"
            )
            where = join_where(table, row.label, "Avvikelse")
            findings.append(
                Finding("error", "operating_summary_total", where, message, expected, row.deviation)
            )
    transfers = [row.deviation for kind, row in rows.items() if kind in ("transfers_in", "transfers_out")]
    if before and after and before.deviation is not None and after.deviation is not None:
        expected = before.deviation + sum((value for value in transfers if value is not None), Decimal(0))
        if expected != after.deviation:
            message = (
                f"Avvikelsen efter resultatdispositioner är {show_mnkr(after.deviation)} men avvikelsen före "
                f"plus resultatöverföringarna ger {show_mnkr(expected)}"
            )
            where = join_where(table, after.label, "Avvikelse")
            findings.append(
                Finding("error", "operating_summary_transfers", where, message, expected, after.deviation)
            )
    return in_part("operating_summary", findings)


def check_investments(economy: Economy) -> list[Finding]:
    """Investment categories: deviation, "varav" rows, total, and the projects behind a category."""
    table = "Investeringar"
    findings: list[Finding] = []
    every = [*economy.investments, *([economy.investments_total] if economy.investments_total else [])]
    for row in every:
        for item in (row, *row.children):
            expected = calculate_deviation(item.budget, item.forecast, item.requested_adjustments)
            how = "budget + begärda justeringar − prognos"
            where = join_where(table, item.category, "Avvikelse")
            findings += check_derived_deviation("investment_deviation", where, item.deviation, expected, how)
        if row.children:
            findings += check_part_rows(
                "investment_part_rows", table, row, "category", row.children, INVESTMENT_COLUMNS
            )
        amounts = [project.amount for project in row.projects]
        if amounts and all(amount is not None for amount in amounts) and row.budget is not None:
            spent = sum((amount for amount in amounts if amount is not None), Decimal(0))
            candidates = {row.budget, row.forecast, row.budget + (row.requested_adjustments or 0)}
            if spent not in candidates:
                message = f"Projekten summerar till {show_mnkr(spent)} men kategorins budget är {show_mnkr(row.budget)}"
                where = join_where(table, row.category, "Projekt")
                findings.append(Finding("error", "investment_projects", where, message, row.budget, spent))
    findings += check_rows_against_total(
        "investment_total", table, economy.investments, economy.investments_total, INVESTMENT_COLUMNS
    )
    return in_part("investments", findings)


def walk_gross_changes(rows: Sequence[GrossChangeRow]) -> list[GrossChangeRow]:
    """Every row with its "varav" rows, in printed order."""
    found: list[GrossChangeRow] = []
    for row in rows:
        found.append(row)
        found.extend(walk_gross_changes(row.children))
    return found


def check_gross_changes(economy: Economy) -> list[Finding]:
    """Gross changes: costs and revenues cancel per row and in total; "varav" rows; the total."""
    table = "Omslutningsförändringar"
    findings: list[Finding] = []
    total = economy.gross_changes_total
    for row in [*walk_gross_changes(economy.gross_changes), *([total] if total else [])]:
        if row.costs is not None and row.revenues is not None and row.costs + row.revenues != 0:
            message = f"Kostnader {show_mnkr(row.costs)} och intäkter {show_mnkr(row.revenues)} tar inte ut varandra"
            where = join_where(table, row.area)
            findings.append(
                Finding("error", "gross_change_balance", where, message, -row.costs, row.revenues)
            )
        if row.children:
            findings += check_part_rows(
                "gross_change_part_rows", table, row, "area", row.children, GROSS_CHANGE_COLUMNS
            )
    findings += check_rows_against_total(
        "gross_change_total", table, economy.gross_changes, total, GROSS_CHANGE_COLUMNS
    )
    return in_part("gross_changes", findings)


def check_volume_tables(economy: Economy) -> list[Finding]:
    """Total rows of volume tables against the rows above them (since the previous total row)."""
    findings: list[Finding] = []
    for table in economy.volumes:
        above: list[tuple[Decimal | None, ...]] = []
        for row in table.rows:
            if not row.total:
                above.append(row.values)
                continue
            for index, printed in enumerate(row.values):
                parts = [values[index] for values in above if index < len(values)]
                expected = add_figures(parts)
                if printed is None or expected is None or printed == expected:
                    continue
                column = table.columns[index] if index < len(table.columns) else str(index + 1)
                message = (
                    f"Totalraden visar {format_number(printed)} men raderna summerar till "
                    f"{format_number(expected)} (avrundade medelvärden kan förklara en liten skillnad)"
                )
                where = join_where(f"Volymer: {table.title}", row.label, column)
                findings.append(Finding("warning", "volume_total", where, message, expected, printed))
            above = []
    return in_part("volumes", findings)


def find_years(text: str) -> list[int]:
    """Four-or-more-digit numbers that stand for years in a label ("från 2025 (+)")."""
    years: list[int] = []
    digits = ""
    for character in text + " ":
        if character.isdigit():
            digits += character
            continue
        if len(digits) >= 4:
            years.append(int(digits))
        digits = ""
    return years


def check_transfer_labels(economy: Economy, year: int) -> list[Finding]:
    """The result-transfer lines must name last year (from) and next year (to)."""
    findings: list[Finding] = []
    wanted = {"transfers_in": year - 1, "transfers_out": year + 1}
    for row in economy.operating_summary:
        if row.kind not in wanted:
            continue
        years = find_years(row.label)
        if years and wanted[row.kind] not in years:
            shown = ", ".join(str(found) for found in years)
            message = f"Raden anger år {shown}; resultatöverföringen ska avse {wanted[row.kind]}"
            findings.append(
                Finding(
                    "warning",
                    "transfer_label_year",
                    join_where("Driftbudget, sammanställning", row.label),
                    message,
                )
            )
    return in_part("operating_summary", findings)


EconomyRule = Callable[[Economy], list[Finding]]
ECONOMY_RULES: list[EconomyRule] = [
    check_operating_summary,
    check_operating_budget,
    check_volume_tables,
    check_investments,
    check_gross_changes,
]
