"""The sheets of a report's workbook: their names, columns and rows, defined once for the export and
the import.

``Indikatorer`` is the grid: one row per indicator of the report, its figures and analysis
editable (by whoever may edit the indicator on the grid), and a hidden key column. The key holds
the row's id and version and a short digest of every editable value as exported
(``m:12:3:1a2b3c4d.…``), so the import knows, per cell, whether the user changed it and whether
Styrkort changed it since the export: the grid's rule (``storage.edits.merge``) with the export
as "what the page showed". The economy tables each have their own sheet, for reading; their
figures are changed on the economy page (the operating budget's outcome by ``import-outcome``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from styrkort.domain.numbers import INDICATOR, KRONOR, MNKR, TKR, Bounds, plain
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
    Column("Årsmål", "target", width=18),
    Column("Analys", "analysis", width=70, editable=True),
)
EDITABLE = tuple(column for column in INDICATOR_COLUMNS if column.editable)
GENDER_FIELDS = frozenset({"outcome_men", "outcome_women"})


def measurements_of(report: Report) -> list[Measurement]:
    """The report's indicators in printed order (the grid's rows)."""
    return list(
        Measurement.objects.filter(
            organisation=report.organisation, period=report.period, indicator__goal__year=report.period.year
        )
        .select_related("indicator__goal")
        .order_by("position")
    )


def cell_editable(m: Measurement, field: str) -> bool:
    """Whether the grid shows the field for this indicator (the gender split only where it is kept)."""
    return field not in GENDER_FIELDS or m.indicator.gender_split


def key_of(m: Measurement) -> str:
    return f"m:{m.pk}:{m.version}:" + ".".join(digest(column.of(m)) for column in EDITABLE)


@dataclass(frozen=True)
class Key:
    """A row's key as exported: the measurement, its version, and the digests of its editable values."""

    pk: int
    version: int
    digests: dict[str, str]


def parse_key(text: Any) -> Key | None:
    """The key of a row, or None when the cell holds none that Styrkort wrote."""
    if not isinstance(text, str):
        return None
    parts = text.split(":")
    if len(parts) != 4 or parts[0] != "m" or not parts[1].isdigit() or not parts[2].isdigit():
        return None
    digests = parts[3].split(".")
    if len(digests) != len(EDITABLE) or not all(len(d) == 8 for d in digests):
        return None
    return Key(int(parts[1]), int(parts[2]), {c.field: d for c, d in zip(EDITABLE, digests, strict=True)})


# --- the economy, for reading ---------------------------------------------------------------


@dataclass(frozen=True)
class EconomySheet:
    """An economy table as a sheet: its rows (label, figures) and column headers."""

    title: str
    label: str
    columns: tuple[Column, ...]
    rows: Callable[[EconomyRows], list[Any]]
    label_of: Callable[[Any], str]


def _operating_label(row: Any) -> str:
    if row.is_total:
        return row.label or "Totalt"
    return f"varav {row.area.name}" if row.area.parent_id else row.area.name


ECONOMY_SHEETS = (
    EconomySheet(
        "Driftbudget",
        "Verksamhetsområde",
        (
            _figure("Budget", "budget", MNKR),
            _figure("Begärda budgetjusteringar", "requested_adjustments", MNKR),
            _figure("Prestationsförändringar", "volume_changes", MNKR),
            _figure("Prognos före resultatöverföringar", "forecast_before_transfers", MNKR),
            _figure("Prognos efter resultatöverföringar", "forecast_after_transfers", MNKR),
            _figure("Avvikelse", "deviation", MNKR),
            _figure("Utfall", "outcome", MNKR),
        ),
        lambda tables: tables.operating,
        _operating_label,
    ),
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
