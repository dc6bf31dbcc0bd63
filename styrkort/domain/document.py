"""The follow-up document: everything one committee reports for one period, as frozen values.

This is the contract between the layers. The ILS importer and the demo generator produce a
``FollowUp``; the database stores and returns one; the exchange format serialises one; the
rules check one; the report renderers print one. Nothing here knows about Django or I/O.

Conventions, stated once:
- Figures are ``Decimal`` with the precision they were given (see ``numbers``), missing is
  ``None``. Each figure is of a kind with bounds (``FIGURE_KINDS``, checked by
  ``figure_problems``): indicator figures (``INDICATOR``: up to 12 integer digits and 4
  decimals: shares, counts, kronor, energy); operating budget, investments and their projects,
  gross changes and budget adjustments in mnkr as printed (``MNKR``: 6 digits, one decimal);
  result units and their groups in tkr (``TKR``: 9 digits, one decimal); fund applications in
  whole kronor (``KRONOR``: 12 digits); volume tables (``VOLUME``: 9 digits, 2 decimals).
  ``unit`` fields say so where a table could be read either way.
- A figure an import printed in another unit than its indicator's keeps it:
  ``Indicator.printed_units`` holds (figure name, unit as printed) where they differ, e.g.
  a forecast printed "14,5 st" under a "barn/avd." indicator, or "88" printed without "%".
- Signs are as printed in Stockholm's reports: revenues negative; result units' transfer
  *from* last year and this year's result with surplus negative, transfer *to* next year
  with surplus positive; ``deviation`` = budget after adjustments − forecast, so a positive
  deviation is a surplus.
- Targets are text exactly as a person sets them: a figure in exchange notation ("39.5",
  read in the indicator's unit) or words ("Ökning", "Max 10 personer", "Tas fram av nämnd").
  ``styrkort.domain.targets`` interprets them.
- Long texts (analyses, summary, economy commentary) are a small Markdown subset: blank-line
  separated paragraphs, ``## `` sub-headings, ``- `` bullets, ``*emphasis*``. In economy
  commentary a line ``{{table:NAME}}`` marks where a table stands in the printed report: NAME
  is a section's table (``ECONOMY_SECTIONS``, also ``operating_summary`` and
  ``fund_applications``) or ``volumes:N``, the volume table at index N of ``Economy.volumes``
  (counted from 0, as the ILS importer has always written it).
- Sequences are tuples in printed order; order is data.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, Literal

from styrkort.domain.numbers import (
    INDICATOR,
    KRONOR,
    MNKR,
    TKR,
    VOLUME,
    Bounds,
    figure_problem,
    format_number,
)

GoalLevel = Literal["aim", "area_goal", "committee_goal"]
Owner = Literal["city", "committee"]
AssessmentStatus = Literal["met", "partly_met", "not_met", "not_assessed"]
Direction = Literal["higher", "lower", "interval"]
Frequency = Literal["tertial", "annual"]

GOAL_LEVELS: tuple[GoalLevel, ...] = ("aim", "area_goal", "committee_goal")
ASSESSMENT_STATUSES: tuple[AssessmentStatus, ...] = ("met", "partly_met", "not_met", "not_assessed")
PERIOD_KINDS = ("T1", "T2", "AR") + tuple(f"M{month:02d}" for month in range(1, 13))

# Tables in the economy part, by the names used in ``{{table:NAME}}`` markers.
ECONOMY_SECTIONS = (
    "operating_budget",
    "result_units",
    "investments",
    "sales_of_fixed_assets",
    "operating_projects",
    "gross_changes",
    "budget_adjustments",
    "premises",
    "other",
)


@dataclass(frozen=True)
class Organisation:
    """A node of the organisation tree, with its parent chain up to the municipality."""

    code: str
    name: str
    kind: Literal["municipality", "committee", "department", "unit"] = "committee"
    parent: Organisation | None = None


@dataclass(frozen=True)
class PeriodRef:
    """A follow-up period: a year and a kind (T1, T2, AR, or a month M01..M12)."""

    year: int
    kind: str

    @property
    def key(self) -> str:
        return f"{self.year}-{self.kind}"


@dataclass(frozen=True)
class ReportInfo:
    """What the decision page prints besides the proposals.

    ``recipient`` is whom the report is addressed to ("Till …", usually the committee itself);
    ``meeting_date`` is printed under it.
    """

    title: str = ""
    report_date: date | None = None
    meeting_date: date | None = None
    officer: str = ""
    officer_phone: str = ""
    director: str = ""
    director_title: str = ""
    recipient: str = ""


@dataclass(frozen=True)
class DecisionProposal:
    """A numbered proposal on the decision page."""

    number: int
    text: str


@dataclass(frozen=True)
class Assessment:
    """A person's assessment of a goal for the period, with the analysis behind it."""

    status: AssessmentStatus = "not_assessed"
    analysis: str = ""


@dataclass(frozen=True)
class Indicator:
    """An indicator as reported in the period: definition, targets and this period's figures.

    ``previous_annual`` is the outcome of the previous year's annual report: in storage it is
    a measurement of that period, here it is carried along because the report prints it.
    ``decimals`` is how many decimals the indicator is usually reported with (the ILS importer
    takes the outcome's, the demo its catalog's); displays of what is *computed* from the
    indicator (a chart's axis) use it, while its own figures always print as recorded.
    ``assessment`` is the reporter's own assessment of the indicator, on the goal assessment's
    scale, for the rows whose figures do not decide a status (an annual indicator before its
    measurement, a target such as "Tas fram av nämnd"); see ``indicators.report_status``.
    """

    name: str
    unit: str = ""
    owner: Owner = "committee"
    frequency: Frequency = "tertial"
    direction: Direction | None = None
    gender_split: bool = False
    decimals: int | None = None
    kolada_id: str | None = None
    outcome: Decimal | None = None
    outcome_men: Decimal | None = None
    outcome_women: Decimal | None = None
    previous_annual: Decimal | None = None
    forecast: Decimal | None = None
    target: str | None = None
    city_target: str | None = None
    analysis: str = ""
    assessment: AssessmentStatus = "not_assessed"
    printed_units: tuple[tuple[str, str], ...] = ()

    def unit_of(self, figure: str) -> str:
        """The unit printed with one of the figures ("outcome", "forecast" …): its own, else ``unit``."""
        return dict(self.printed_units).get(figure, self.unit)

    def period_label(self, period: PeriodRef) -> str:
        """The report's "Period" column: "Tertial 1 2026" for tertial indicators, else the year."""
        if self.frequency == "tertial" and period.kind in ("T1", "T2"):
            return f"Tertial {period.kind[1]} {period.year}"
        return str(period.year)


INDICATOR_FIGURES = ("outcome", "outcome_men", "outcome_women", "previous_annual", "forecast")


@dataclass(frozen=True)
class Activity:
    """An activity or city assignment serving a goal, with this period's follow-up."""

    title: str
    start: date | None = None
    end: date | None = None
    deviation: str = ""
    analysis: str = ""
    city_assignment: bool = False


@dataclass(frozen=True)
class Goal:
    """A goal on one of the configured levels, with its assessment, indicators and sub-goals."""

    number: str
    level: GoalLevel
    title: str
    owner: Owner = "city"
    assessment: Assessment = field(default_factory=Assessment)
    description: str = ""
    expected_results: tuple[str, ...] = ()
    indicators: tuple[Indicator, ...] = ()
    activities: tuple[Activity, ...] = ()
    children: tuple[Goal, ...] = ()

    def walk(self) -> tuple[Goal, ...]:
        """This goal and all beneath it, depth first in printed order."""
        found: list[Goal] = [self]
        for child in self.children:
            found.extend(child.walk())
        return tuple(found)


@dataclass(frozen=True)
class OperatingSummaryRow:
    """A row of the first operating budget table (net, costs, revenues, result transfers)."""

    label: str
    kind: Literal[
        "net", "costs", "revenues", "before_transfers", "transfers_in", "transfers_out", "after_transfers"
    ]
    budget: Decimal | None = None
    requested_adjustments: Decimal | None = None
    changes: Decimal | None = None
    forecast: Decimal | None = None
    deviation: Decimal | None = None


@dataclass(frozen=True)
class BudgetRow:
    """An activity area's operating budget follow-up (mnkr); children are its "varav" rows."""

    area: str
    budget: Decimal | None = None
    requested_adjustments: Decimal | None = None
    volume_changes: Decimal | None = None
    forecast_before_transfers: Decimal | None = None
    forecast_after_transfers: Decimal | None = None
    deviation: Decimal | None = None
    outcome: Decimal | None = None  # the year's outcome so far, from the finance system
    children: tuple[BudgetRow, ...] = ()


@dataclass(frozen=True)
class VolumeRow:
    """A row of a volume table; ``total`` marks a printed sum row."""

    label: str
    values: tuple[Decimal | None, ...]
    total: bool = False


@dataclass(frozen=True)
class VolumeTable:
    """A small table of volumes or key figures, e.g. children in preschool by month."""

    title: str
    columns: tuple[str, ...]
    rows: tuple[VolumeRow, ...]
    area: str = ""


@dataclass(frozen=True)
class ResultUnit:
    """A result unit's fund follow-up (tkr, signs as printed, see module docstring)."""

    name: str
    group: str = ""
    gross_budget: Decimal | None = None
    carried_in: Decimal | None = None
    result: Decimal | None = None
    carried_out: Decimal | None = None


@dataclass(frozen=True)
class ResultUnitGroup:
    """A heading row of the result unit table, with the figures it prints (if any)."""

    name: str
    gross_budget: Decimal | None = None
    carried_in: Decimal | None = None
    result: Decimal | None = None
    carried_out: Decimal | None = None


@dataclass(frozen=True)
class InvestmentProject:
    """A project behind an investment category, e.g. 4,0 mnkr for a playground."""

    name: str
    amount: Decimal | None = None


@dataclass(frozen=True)
class InvestmentRow:
    """An investment category (mnkr); children are "varav" rows, projects what it is spent on."""

    category: str
    budget: Decimal | None = None
    requested_adjustments: Decimal | None = None
    forecast: Decimal | None = None
    deviation: Decimal | None = None
    children: tuple[InvestmentRow, ...] = ()
    projects: tuple[InvestmentProject, ...] = ()


@dataclass(frozen=True)
class GrossChangeRow:
    """Extra costs matched by extra revenues for an area (mnkr, revenues negative)."""

    area: str
    costs: Decimal | None = None
    revenues: Decimal | None = None
    children: tuple[GrossChangeRow, ...] = ()


@dataclass(frozen=True)
class BudgetAdjustment:
    """An application for a budget change (mnkr)."""

    kind: Literal["operating", "investment"]
    purpose: str
    amount: Decimal | None = None


@dataclass(frozen=True)
class FundApplication:
    """An application for money from a central fund, e.g. kompetensutvecklingsmedel (kronor)."""

    fund: str
    purpose: str
    amount: Decimal | None = None


@dataclass(frozen=True)
class Economy:
    """The economy part of the report."""

    operating_summary: tuple[OperatingSummaryRow, ...] = ()
    operating_budget: tuple[BudgetRow, ...] = ()
    operating_total: BudgetRow | None = None
    volumes: tuple[VolumeTable, ...] = ()
    result_unit_groups: tuple[ResultUnitGroup, ...] = ()
    result_units: tuple[ResultUnit, ...] = ()
    result_units_total: ResultUnit | None = None
    investments: tuple[InvestmentRow, ...] = ()
    investments_total: InvestmentRow | None = None
    gross_changes: tuple[GrossChangeRow, ...] = ()
    gross_changes_total: GrossChangeRow | None = None
    budget_adjustments: tuple[BudgetAdjustment, ...] = ()
    fund_applications: tuple[FundApplication, ...] = ()
    texts: tuple[tuple[str, str], ...] = ()

    def text(self, section: str) -> str:
        """The commentary of one section (see ``ECONOMY_SECTIONS``), or ''."""
        return dict(self.texts).get(section, "")


@dataclass(frozen=True)
class Attachment:
    """A numbered attachment (bilaga) listed at the end of the report."""

    number: int
    title: str


@dataclass(frozen=True)
class FollowUp:
    """One committee's follow-up report for one period."""

    organisation: Organisation
    period: PeriodRef
    report: ReportInfo = field(default_factory=ReportInfo)
    decision_proposals: tuple[DecisionProposal, ...] = ()
    summary: str = ""
    goals: tuple[Goal, ...] = ()
    economy: Economy = field(default_factory=Economy)
    attachments: tuple[Attachment, ...] = ()

    def all_goals(self) -> tuple[Goal, ...]:
        """Every goal of the tree, depth first in printed order."""
        return tuple(goal for top in self.goals for goal in top.walk())

    def all_indicators(self) -> tuple[tuple[Goal, Indicator], ...]:
        return tuple((goal, indicator) for goal in self.all_goals() for indicator in goal.indicators)

    def all_activities(self) -> tuple[tuple[Goal, Activity], ...]:
        return tuple((goal, activity) for goal in self.all_goals() for activity in goal.activities)


# --- bounds of the figures ---------------------------------------------------------------------

FIGURE_KINDS: dict[type, Bounds] = {
    Indicator: INDICATOR,
    OperatingSummaryRow: MNKR,
    BudgetRow: MNKR,
    VolumeRow: VOLUME,
    ResultUnit: TKR,
    ResultUnitGroup: TKR,
    InvestmentProject: MNKR,
    InvestmentRow: MNKR,
    GrossChangeRow: MNKR,
    BudgetAdjustment: MNKR,
    FundApplication: KRONOR,
}
FIGURE_WORDS = {
    "outcome": "utfall",
    "outcome_men": "utfall män/pojkar",
    "outcome_women": "utfall kvinnor/flickor",
    "previous_annual": "utfall föregående år",
    "forecast": "prognos",
    "budget": "budget",
    "requested_adjustments": "begärda budgetjusteringar",
    "changes": "förändringar",
    "volume_changes": "prestationsförändringar",
    "forecast_before_transfers": "prognos före resultatöverföringar",
    "forecast_after_transfers": "prognos efter resultatöverföringar",
    "deviation": "avvikelse",
    "values": "värde",
    "gross_budget": "bruttobudget",
    "carried_in": "resultatöverföring från föregående år",
    "result": "resultat",
    "carried_out": "resultatöverföring till nästa år",
    "amount": "belopp",
    "costs": "kostnader",
    "revenues": "intäkter",
}
_NAMES = ("name", "area", "category", "label", "title", "purpose", "fund")


def figure_problems(followup: FollowUp) -> list[str]:
    """Every figure that does not fit its kind's bounds, in Swedish with where it stands."""
    problems: list[str] = []
    _walk(followup, "", problems)
    return problems


def _walk(value: Any, where: str, problems: list[str]) -> None:
    if isinstance(value, tuple):
        for item in value:
            _walk(item, where, problems)
        return
    if not dataclasses.is_dataclass(value) or isinstance(value, type):
        return
    bounds = FIGURE_KINDS.get(type(value))
    name = next((getattr(value, key) for key in _NAMES if isinstance(getattr(value, key, None), str)), "")
    here = f"{where}, ”{name}”" if where and name else (f"”{name}”" if name else where)
    for item in dataclasses.fields(value):
        content = getattr(value, item.name)
        figures = content if item.name == "values" and isinstance(content, tuple) else (content,)
        if bounds is not None and any(isinstance(f, Decimal) for f in figures):
            for figure in figures:
                problem = figure_problem(figure, bounds) if isinstance(figure, Decimal) else None
                if problem is not None:
                    words = FIGURE_WORDS.get(item.name, item.name)
                    problems.append(f"{here.lstrip(', ')}, {words}: talet {format_number(figure)} {problem}")
        elif isinstance(content, tuple) or dataclasses.is_dataclass(content):
            _walk(content, here, problems)
