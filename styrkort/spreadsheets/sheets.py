"""The sheets of a report's workbook: their names, columns and rows, defined once for the export and
the import.

``Indikatorer`` is the grid: one row per indicator of the report, its figures and analysis
editable (by whoever may edit the indicator on the grid), and a hidden key column. The key holds
the row's id and version and a short digest of every editable value as exported
(``m:12:3:1a2b3c4d.…``), so the import knows, per cell, whether the user changed it and whether
Styrkort changed it since the export: the grid's rule (``storage.edits.merge``) with the export
as "what the page showed". ``Driftbudget`` (the operating budget, the outcome included) is read
back the same way, by the economy page's rule (the committee controller's; the deviation and the
total row computed). The other economy tables each have their own sheet, for reading.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from styrkort.accounts.access import ReportAccess
from styrkort.domain.economy import calculate_operating_deviation
from styrkort.domain.numbers import INDICATOR, KRONOR, MNKR, TKR, Bounds, plain
from styrkort.domain.targets import show_target
from styrkort.economy import models as em
from styrkort.followup.models import Report
from styrkort.goals.models import Measurement
from styrkort.storage.load import EconomyRows, stored_figure

KEY_HEADER = "Nyckel"
META_SHEET = "Styrkort"  # very hidden: which report the workbook was exported from
INDICATORS = "Indikatorer"


@dataclass(frozen=True)
class Column:
    """One column of a sheet: its Swedish header, the stored field it shows, and how."""

    header: str
    field: str = ""
    kind: str = "text"  # "figure" or "text"
    bounds: Bounds | None = None
    width: int = 16
    editable: bool = False
    value: Callable[[Any], Any] | None = None  # a column not stored on the row (its goal …)

    def of(self, obj: Any) -> Any:
        if self.value is not None:
            return self.value(obj)
        value = getattr(obj, self.field)
        return stored_figure(value) if self.kind == "figure" else value


def digest(value: Any) -> str:
    """A short fingerprint of a value as recorded (a figure with its precision; missing is "")."""
    if value is None:
        text = ""
    elif isinstance(value, Decimal):
        text = plain(value)
    else:
        text = str(value)
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:8]


def _goal(m: Measurement) -> str:
    goal = m.indicator.goal
    return f"{goal.number} {goal.title}".strip()


def _figure(header: str, field: str, bounds: Bounds, editable: bool = False) -> Column:
    return Column(header, field, "figure", bounds, 16, editable)


INDICATOR_COLUMNS = (
    Column("Mål", width=40, value=_goal),
    Column("Indikator", width=50, value=lambda m: m.indicator.name),
    Column("Enhet", width=10, value=lambda m: m.indicator.unit),
    _figure("Periodens utfall", "outcome", INDICATOR, True),
    _figure("Utfall män/pojkar", "outcome_men", INDICATOR, True),
    _figure("Utfall kvinnor/flickor", "outcome_women", INDICATOR, True),
    _figure("Prognos helår", "forecast", INDICATOR, True),
    Column("Årsmål", width=18, value=lambda m: show_target(m.target)),
    Column("Analys", "analysis", width=70, editable=True),
)
GENDER_FIELDS = frozenset({"outcome_men", "outcome_women"})


@dataclass(frozen=True)
class Key:
    """A row's key as exported: the row, its version, and the digests of its editable values."""

    pk: int
    version: int
    digests: dict[str, str]


@dataclass(frozen=True)
class Table:
    """A sheet the import reads back: its rows, columns, who may change which cell, and what a
    save derives from the merged row (an operating row's deviation)."""

    sheet: str
    prefix: str  # of the key: "m" a measurement, "o" an operating budget row
    columns: tuple[Column, ...]
    rows: Callable[[Report], list[Any]]
    label: Callable[[Any], str]  # the row's name in a preview
    refusal: Callable[[ReportAccess, Any, str], str | None]  # why the user may not change a cell
    unit: Callable[[Any], str] = lambda row: ""
    derive: Callable[[Any], dict[str, Any]] | None = None

    @property
    def editable(self) -> tuple[Column, ...]:
        return tuple(column for column in self.columns if column.editable)

    def key_of(self, obj: Any) -> str:
        digests = ".".join(digest(column.of(obj)) for column in self.editable)
        return f"{self.prefix}:{obj.pk}:{obj.version}:{digests}"

    def parse_key(self, text: Any) -> Key | None:
        """The key of a row, or None when the cell holds none that Styrkort wrote for this sheet."""
        if not isinstance(text, str):
            return None
        parts = text.split(":")
        if len(parts) != 4 or parts[0] != self.prefix or not parts[1].isdigit() or not parts[2].isdigit():
            return None
        digests = parts[3].split(".")
        if len(digests) != len(self.editable) or not all(len(d) == 8 for d in digests):
            return None
        fields = [column.field for column in self.editable]
        return Key(int(parts[1]), int(parts[2]), dict(zip(fields, digests, strict=True)))


def measurements_of(report: Report) -> list[Measurement]:
    """The report's indicators in printed order (the grid's rows)."""
    return list(
        Measurement.objects.filter(
            organisation=report.organisation, period=report.period, indicator__goal__year=report.period.year
        )
        .select_related("indicator__goal")
        .order_by("position")
    )


def _indicator_refusal(access: ReportAccess, m: Measurement, field: str) -> str | None:
    """The grid's rule: the gender split only where the indicator keeps it; an indicator only by
    those who may edit it."""
    if field in GENDER_FIELDS and not m.indicator.gender_split:
        return "indikatorn redovisas inte per kön"
    if not access.may_edit_indicator(m.indicator_id, m.indicator.goal_id):
        return f"du får inte ändra indikatorn ”{m.indicator.name}”"
    return None


INDICATOR_TABLE = Table(
    INDICATORS,
    "m",
    INDICATOR_COLUMNS,
    measurements_of,
    lambda m: m.indicator.name,
    _indicator_refusal,
    unit=lambda m: m.indicator.unit,
)


def _operating_label(row: Any) -> str:
    if row.is_total:
        return row.label or "Totalt"
    return f"varav {row.area.name}" if row.area.parent_id else row.area.name


def _operating_refusal(access: ReportAccess, row: em.OperatingBudgetRow, field: str) -> str | None:
    """The economy page's rule: the committee controller's; the total row is computed."""
    if row.is_total:
        return "summaraden räknas fram ur verksamhetsområdena"
    if not access.can_manage:
        return "ekonomin ändras av nämndens controller"
    return None


def _operating_deviation(row: em.OperatingBudgetRow) -> dict[str, Any]:
    figures = (stored_figure(getattr(row, name)) for name in OPERATING_FIGURES)
    return {"deviation": calculate_operating_deviation(*figures)}


OPERATING_FIGURES = (
    "budget",
    "requested_adjustments",
    "volume_changes",
    "forecast_before_transfers",
    "forecast_after_transfers",
)
OPERATING_TABLE = Table(
    "Driftbudget",
    "o",
    (
        Column("Verksamhetsområde", width=40, value=_operating_label),
        _figure("Budget", "budget", MNKR, True),
        _figure("Begärda budgetjusteringar", "requested_adjustments", MNKR, True),
        _figure("Prestationsförändringar", "volume_changes", MNKR, True),
        _figure("Prognos före resultatöverföringar", "forecast_before_transfers", MNKR, True),
        _figure("Prognos efter resultatöverföringar", "forecast_after_transfers", MNKR, True),
        _figure("Avvikelse", "deviation", MNKR),
        _figure("Utfall", "outcome", MNKR, True),
    ),
    lambda report: list(
        em.OperatingBudgetRow.objects.filter(report=report).select_related("area").order_by("position")
    ),
    _operating_label,
    _operating_refusal,
    derive=_operating_deviation,
)
TABLES = (INDICATOR_TABLE, OPERATING_TABLE)


class _Everything:
    """Rights that allow every change: what is refused then is refused to everyone (export's grey)."""

    can_manage = True

    def may_edit_indicator(self, indicator_id: int, goal_id: int) -> bool:
        return True


EVERYTHING_ALLOWED: Any = _Everything()


# --- the other economy tables, for reading ---------------------------------------------------------------


@dataclass(frozen=True)
class EconomySheet:
    """An economy table as a sheet: its rows (label, figures) and column headers."""

    title: str
    label: str
    columns: tuple[Column, ...]
    rows: Callable[[EconomyRows], list[Any]]
    label_of: Callable[[Any], str]


ECONOMY_SHEETS = (
    EconomySheet(
        "Resultatenheter",
        "Resultatenhet",
        (
            _figure("Bruttobudget", "gross_budget", TKR),
            _figure("Resultatöverföring från föregående år", "carried_in", TKR),
            _figure("Resultat", "result", TKR),
            _figure("Resultatöverföring till nästa år", "carried_out", TKR),
        ),
        lambda tables: tables.units,
        lambda row: row.name,
    ),
    EconomySheet(
        "Investeringar",
        "Kategori",
        (
            _figure("Budget", "budget", MNKR),
            _figure("Begärda budgetjusteringar", "requested_adjustments", MNKR),
            _figure("Prognos", "forecast", MNKR),
            _figure("Avvikelse", "deviation", MNKR),
        ),
        lambda tables: tables.investments,
        lambda row: row.category,
    ),
    EconomySheet(
        "Bruttoförändringar",
        "Område",
        (_figure("Kostnader", "costs", MNKR), _figure("Intäkter", "revenues", MNKR)),
        lambda tables: tables.gross,
        lambda row: row.area,
    ),
    EconomySheet(
        "Budgetjusteringar",
        "Syfte",
        (_figure("Belopp", "amount", MNKR),),
        lambda tables: tables.adjustments,
        lambda row: row.purpose,
    ),
    EconomySheet(
        "Medelsansökningar",
        "Medel och syfte",
        (_figure("Belopp", "amount", KRONOR),),
        lambda tables: tables.applications,
        lambda row: f"{row.fund}: {row.purpose}",
    ),
)
