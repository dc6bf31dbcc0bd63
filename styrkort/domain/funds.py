"""Result units' funds: carried in, this year's result, carried out, and the city's caps.

Conventions, stated once:
- Figures are tkr with the signs printed in Stockholm's table (see ``document``): carried in and
  this year's result show a surplus as negative, carried out shows a surplus as positive. So the
  fund at the start is −carried_in, a positive result is a withdrawal, and
  carried_out = −(carried_in + result) (e.g. −(−8 192,0 + 215,0) = 7 977,0).
- Stockholm's rules, as configuration (``FundRules``): a year's withdrawal at most 5 % of the
  gross budget; the fund carried out at most 10 % of the gross budget. A cap is rounded down to
  whole tkr (10 % of 79 774,0 = 7 977,4 → 7 977,0), the way the city's table prints it.
- Group rows that print figures must equal the sum of their units; the total row must equal the
  sum of all units.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal

from styrkort.domain.document import Economy, ResultUnit
from styrkort.domain.findings import Finding, in_part, join_where
from styrkort.domain.numbers import format_number, normalise

TABLE = "Resultatenheter"
COLUMNS = {
    "gross_budget": "Bruttobudget",
    "carried_in": "Resultatöverföring från föregående år",
    "result": "Resultat",
    "carried_out": "Resultatöverföring till nästa år",
}


@dataclass(frozen=True)
class FundRules:
    """The municipality's fund rules for result units."""

    max_withdrawal_share: Decimal = Decimal("0.05")
    max_fund_share: Decimal = Decimal("0.10")
    rounding_step: Decimal = Decimal(1)


STOCKHOLM_FUND_RULES = FundRules()


def show_tkr(value: Decimal | None) -> str:
    """A figure in tkr as the table prints it: one decimal, Swedish format."""
    return format_number(value, decimals=1) if value is not None else "tomt"


def calculate_carried_out(carried_in: Decimal, result: Decimal) -> Decimal:
    """The fund carried to next year, in printed signs: −(carried in + result)."""
    return -(carried_in + result)


def calculate_cap(gross_budget: Decimal, share: Decimal, rules: FundRules = STOCKHOLM_FUND_RULES) -> Decimal:
    """A share of the gross budget, rounded down to the rules' step (7 977,4 → 7 977)."""
    return (gross_budget * share / rules.rounding_step).to_integral_value(ROUND_DOWN) * rules.rounding_step


def calculate_capped_fund(unit: ResultUnit, rules: FundRules = STOCKHOLM_FUND_RULES) -> Decimal | None:
    """The fund the unit may carry out: what it would carry, at most the cap; None without figures."""
    if unit.gross_budget is None or unit.carried_in is None or unit.result is None:
        return None
    return min(
        calculate_carried_out(unit.carried_in, unit.result),
        calculate_cap(unit.gross_budget, rules.max_fund_share, rules),
    )


@dataclass(frozen=True)
class CapTest:
    """One cap rule applied to a unit: a figure against a share of the gross budget."""

    share: Decimal
    cap: Decimal | None  # None: no positive gross budget to take the share of
    figure: Decimal | None  # the figure tested; None: missing

    @property
    def kept(self) -> bool | None:
        """True within the cap, False over it, None when it cannot be tested."""
        if self.cap is None or self.figure is None:
            return None
        return self.figure <= self.cap


def _cap_test(unit: ResultUnit, share: Decimal, figure: Decimal | None, rules: FundRules) -> CapTest:
    gross = unit.gross_budget
    cap = calculate_cap(gross, share, rules) if gross is not None and gross > 0 else None
    return CapTest(share, cap, figure)


def cap_on_withdrawal(unit: ResultUnit, rules: FundRules = STOCKHOLM_FUND_RULES) -> CapTest:
    """This year's withdrawal (a positive result) against its cap."""
    return _cap_test(unit, rules.max_withdrawal_share, unit.result, rules)


def cap_on_fund(unit: ResultUnit, rules: FundRules = STOCKHOLM_FUND_RULES) -> CapTest:
    """The fund carried to next year against its cap."""
    return _cap_test(unit, rules.max_fund_share, unit.carried_out, rules)


def check_unit(unit: ResultUnit, rules: FundRules) -> list[Finding]:
    """One unit's arithmetic and caps (``cap_on_withdrawal``, ``cap_on_fund``)."""
    findings: list[Finding] = []
    where = join_where(TABLE, unit.name)
    if unit.carried_in is not None and unit.result is not None and unit.carried_out is not None:
        expected = calculate_carried_out(unit.carried_in, unit.result)
        if expected != unit.carried_out:
            message = (
                f"Överföringen till nästa år är {show_tkr(unit.carried_out)} tkr men fonden "
                f"{show_tkr(-unit.carried_in)} minus årets uttag {show_tkr(unit.result)} ger {show_tkr(expected)} tkr"
            )
            findings.append(Finding("error", "fund_carried_out", where, message, expected, unit.carried_out))
    withdrawal = cap_on_withdrawal(unit, rules)
    if withdrawal.kept is False:
        share = format_number(normalise(withdrawal.share * 100))
        message = (
            f"Årets uttag ur fonden, {show_tkr(unit.result)} tkr, är mer än {share} % av bruttobudgeten "
            f"({show_tkr(withdrawal.cap)} tkr)"
        )
        findings.append(Finding("error", "fund_withdrawal_cap", where, message, withdrawal.cap, unit.result))
    fund = cap_on_fund(unit, rules)
    if fund.kept is False:
        share = format_number(normalise(fund.share * 100))
        message = (
            f"Fonden som förs till nästa år, {show_tkr(unit.carried_out)} tkr, är mer än {share} % av "
            f"bruttobudgeten: högst {show_tkr(fund.cap)} tkr får föras över"
        )
        findings.append(Finding("error", "fund_size_cap", where, message, fund.cap, unit.carried_out))
    return findings


def add_unit_figures(units: list[ResultUnit], column: str) -> Decimal | None:
    values = [getattr(unit, column) for unit in units if getattr(unit, column) is not None]
    return sum(values, Decimal(0)) if values else None


def compare_printed(
    rule: str, where: str, printed: Decimal | None, expected: Decimal | None, what: str
) -> list[Finding]:
    if printed is None or expected is None or printed == expected:
        return []
    message = f"{what} visar {show_tkr(printed)} tkr men enheterna summerar till {show_tkr(expected)} tkr"
    return [Finding("error", rule, where, message, expected, printed)]


def check_result_units(economy: Economy, rules: FundRules = STOCKHOLM_FUND_RULES) -> list[Finding]:
    """Every unit's fund rules, the group rows and the total row."""
    findings: list[Finding] = []
    for unit in economy.result_units:
        findings += check_unit(unit, rules)
    for group in economy.result_unit_groups:
        members = [unit for unit in economy.result_units if unit.group == group.name]
        if not members:
            continue
        for column, label in COLUMNS.items():
            findings += compare_printed(
                "fund_group_sum", join_where(TABLE, group.name, label), getattr(group, column),
                add_unit_figures(members, column), f"Grupprubriken {group.name}",
            )  # fmt: skip
    total = economy.result_units_total
    if total is not None and economy.result_units:
        for column, label in COLUMNS.items():
            findings += compare_printed(
                "fund_total", join_where(TABLE, total.name or "Summa", label), getattr(total, column),
                add_unit_figures(list(economy.result_units), column), "Summaraden",
            )  # fmt: skip
    return in_part("result_units", findings)


def check_transfers_against_units(economy: Economy) -> list[Finding]:
    """The operating summary's result-transfer lines (mnkr) against the result unit table (tkr).

    "From last year (+)" is the fund brought in (−carried in); "to next year (−)" the fund carried
    out, with a minus sign. A difference within the rounding of tkr to one decimal of mnkr passes.
    """
    total = economy.result_units_total
    if total is None:
        return []
    expected_by_kind = {
        "transfers_in": -total.carried_in / 1000 if total.carried_in is not None else None,
        "transfers_out": -total.carried_out / 1000 if total.carried_out is not None else None,
    }
    findings: list[Finding] = []
    for row in economy.operating_summary:
        expected = expected_by_kind.get(row.kind)
        if expected is None or row.deviation is None:
            continue
        if abs(row.deviation - expected) > Decimal("0.05"):
            message = (
                f"Raden visar {format_number(row.deviation, decimals=1)} mnkr men resultatenheternas tabell ger "
                f"{format_number(expected, decimals=2)} mnkr"
            )
            where = join_where("Driftbudget, sammanställning", row.label)
            findings.append(
                Finding("error", "transfer_against_units", where, message, expected, row.deviation)
            )
    return in_part("operating_summary", findings)
