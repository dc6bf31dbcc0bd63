"""The economy part of a demo committee's year: operating budget, result units, investments, … for T1, T2, AR.

Conventions, stated once:
- All arithmetic is done in integers and turned into Decimals at the end: operating budget,
  investments and gross changes in *tenths* of mnkr, result units in tkr (multiples of 100 tkr,
  so that their mnkr sums are exact), fund applications in kronor. No rounding anywhere. The
  Decimals carry the precision the report prints: mnkr and tkr one decimal ("53,0", "79 774,0"),
  volumes and kronor whole.
- Identities, as the rules checker reads them (blank cells are None and count as zero):
  ``deviation = budget + requested_adjustments + volume_changes − forecast_after_transfers``;
  ``forecast_after = forecast_before − (the area's result units' results)``; "varav" rows sum
  to their parent; totals are column sums; summary ``net = costs + revenues`` (revenues
  negative) and ``after_transfers = before_transfers + transfers_in + transfers_out``;
  result units ``carried_out = −(carried_in + result)``, the fund never above 10 % and a
  year's withdrawal never above 5 % of the gross budget; investment ``deviation = budget +
  requested_adjustments − forecast`` with projects summing to the category's budget; each
  gross change row's costs + revenues = 0.
- ``memory`` carries result units' funds from one year's AR to the next year's ``carried_in``.
- Budgets in T2 and AR include adjustments requested (and granted) in earlier tertials.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from styrkort.domain.document import (
    BudgetAdjustment,
    BudgetRow,
    Economy,
    FundApplication,
    GrossChangeRow,
    InvestmentProject,
    InvestmentRow,
    OperatingSummaryRow,
    ResultUnit,
    ResultUnitGroup,
    VolumeRow,
    VolumeTable,
)

from . import texts
from .commentary import with_commentary
from .goals import PERIODS, Context

ADMIN = "Nämnd och administration"
PRESCHOOL = "Förskoleverksamhet"
ELDERLY = "Äldreomsorg"
DISABILITY = "Stöd och service till personer med funktionsnedsättning"
IFO = "Individ- och familjeomsorg"

# (area, size in mnkr for an ordinary committee, "varav" children as (label, share in percent))
DISTRICT_AREAS = (
    (ADMIN, 50, ()),
    (IFO, 360, (("varav barn och ungdom", 65), ("varav vuxna", 18), ("varav socialpsykiatri", 17))),
    ("Arbetsmarknadsåtgärder", 25, ()),
    ("Ekonomiskt bistånd", 160, ()),
    ("Stadsmiljöverksamhet", 45, ()),
    ("Avskrivningar", 18, ()),
    ("Internräntor", 5, ()),
    (PRESCHOOL, 430, ()),
    (ELDERLY, 800, ()),
    (DISABILITY, 500, ()),
    ("Barn, kultur och fritid", 55, ()),
)
SPECIALIST_AREAS = {
    "forskolenamnden": (
        (ADMIN, 30, ()),
        (PRESCHOOL, 900, ()),
        ("Pedagogisk omsorg", 25, ()),
        ("Avskrivningar", 10, ()),
        ("Internräntor", 3, ()),
    ),
    "aldrenamnden": (
        (ADMIN, 30, ()),
        (ELDERLY, 600, ()),
        ("Hemtjänst", 400, (("varav egen regi", 60), ("varav extern regi", 40))),
        ("Förebyggande verksamhet", 40, ()),
        ("Avskrivningar", 12, ()),
    ),
    "kulturnamnden": (
        (ADMIN, 25, ()),
        ("Biblioteksverksamhet", 180, ()),
        ("Kulturskola", 90, ()),
        ("Föreningsstöd", 60, ()),
        ("Kulturhus", 70, ()),
        ("Avskrivningar", 15, ()),
    ),
    "socialnamnden": (
        (ADMIN, 40, ()),
        (IFO, 500, (("varav barn och unga", 60), ("varav vuxna", 40))),
        (DISABILITY, 300, ()),
        ("Ekonomiskt bistånd", 200, ()),
        ("Avskrivningar", 8, ()),
    ),
    "arbetsmarknadsnamnden": (
        (ADMIN, 25, ()),
        ("Arbetsmarknadsåtgärder", 250, (("varav unga", 45), ("varav vuxna", 55))),
        ("Vuxenutbildning", 200, ()),
        ("Avskrivningar", 5, ()),
    ),
    "miljonamnden": (
        (ADMIN, 25, ()),
        ("Parkverksamhet", 180, ()),
        ("Miljötillsyn", 60, ()),
        ("Avskrivningar", 40, ()),
        ("Internräntor", 12, ()),
    ),
}
# Areas with result units: (unit name template, gross budget range in tkr, count for an ordinary committee)
UNIT_AREAS = {
    PRESCHOOL: ("Förskoleområde {place}", (40_000, 85_000), 5),
    ELDERLY: ("{place} vård- och omsorgsboende", (100_000, 180_000), 1),
    DISABILITY: ("Gruppbostäder {place}", (60_000, 95_000), 1),
}
INVESTMENTS = (
    ("Parkinvesteringar", (50, 90), ("Upprustning av lekplatsen i {place}", "Ny parkväg genom {place}")),
    (
        "Nycklade medel stadsmiljö",
        (100, 150),
        ("Parkbänkar, belysning och utegym enligt förvaltningens plan",),
    ),
    ("Klimatinvesteringar", (30, 50), ("Skyfallsåtgärder i {place}", "Källsorteringsmoduler i {place}")),
    (
        "Trygghetsinvesteringar",
        (20, 40),
        ("Förstärkt belysning i {place}", "Trygghetsåtgärder vid {place}s torg"),
    ),
    (
        "Övriga investeringsmedel",
        (80, 120),
        ("Ängsetablering i {place}", "Multisportyta i {place}", "Trädplantering i {place}"),
    ),
    ("Maskiner och inventarier", (30, 50), ()),
)
MONTHS = {"T1": "apr", "T2": "aug", "AR": "dec"}


def _mnkr(tenths: int | None) -> Decimal | None:
    """Tenths of mnkr as the report prints them: one decimal ("53,0")."""
    return None if tenths is None else Decimal(tenths).scaleb(-1)


def _tkr(value: int) -> Decimal:
    """Whole tkr as the report prints them: one decimal ("79 774,0")."""
    return Decimal(value).quantize(Decimal("0.1"))


def _count(value: int) -> Decimal:
    """A volume: a whole count ("772")."""
    return Decimal(value)


def _sum(values: Iterable[int | None]) -> int | None:
    present = [value for value in values if value is not None]
    return sum(present) if present else None


@dataclass
class _Row:
    """An operating budget row in tenths of mnkr while it is being built."""

    area: str
    budget: int
    adjustment: int | None = None
    volume: int | None = None
    deviation_before: int = 0
    results: int = 0  # the area's result units' results, in tenths
    children: tuple[_Row, ...] = ()

    def freeze(self) -> BudgetRow:
        if self.children:
            kids = [child.freeze() for child in self.children]
            return BudgetRow(
                self.area,
                budget=_column(kids, "budget"),
                requested_adjustments=_column(kids, "requested_adjustments"),
                volume_changes=_column(kids, "volume_changes"),
                forecast_before_transfers=_column(kids, "forecast_before_transfers"),
                forecast_after_transfers=_column(kids, "forecast_after_transfers"),
                deviation=_column(kids, "deviation"),
                children=tuple(kids),
            )
        before = self.budget + (self.adjustment or 0) + (self.volume or 0) - self.deviation_before
        after = before - self.results
        deviation = self.budget + (self.adjustment or 0) + (self.volume or 0) - after
        return BudgetRow(
            self.area,
            _mnkr(self.budget),
            _mnkr(self.adjustment),
            _mnkr(self.volume),
            _mnkr(before),
            _mnkr(after),
            _mnkr(deviation),
        )


def _tenths(value: Decimal | None) -> int | None:
    return None if value is None else int(value * 10)


def _present_tenths(value: Decimal | None) -> int:
    """Tenths of a figure the generator always fills in (a total's budget, a gross change's costs)."""
    tenths = _tenths(value)
    assert tenths is not None
    return tenths


def _column(rows: Sequence[BudgetRow | InvestmentRow], name: str) -> Decimal | None:
    """The sum of one column of ``rows`` (an mnkr field named ``name``), None when all are blank."""
    return _mnkr(_sum(_tenths(getattr(row, name)) for row in rows))


def _total(label: str, rows: list[BudgetRow]) -> BudgetRow:
    return BudgetRow(
        label,
        budget=_column(rows, "budget"),
        requested_adjustments=_column(rows, "requested_adjustments"),
        volume_changes=_column(rows, "volume_changes"),
        forecast_before_transfers=_column(rows, "forecast_before_transfers"),
        forecast_after_transfers=_column(rows, "forecast_after_transfers"),
        deviation=_column(rows, "deviation"),
    )


def _result_units(
    ctx: Context, memory: dict, areas: list[str]
) -> list[tuple[str, str, int, int, dict[str, int]]]:
    """(name, area, gross budget, carried in, result per period) per unit, all in tkr."""
    rng = ctx.rng("result-units")
    units = []
    for area in areas:
        if area not in UNIT_AREAS:
            continue
        template, (low, high), count = UNIT_AREAS[area]
        if ctx.committee.code == "forskolenamnden":
            count = 9
        elif count > 1:
            count = max(2, count * ctx.committee.scale // 100)
        setup = random.Random(f"{ctx.seed}:{ctx.committee.code}:units:{area}")
        for place in ctx.places[:count] if len(ctx.places) >= count else ctx.places:
            name = template.format(place=place)
            if name in memory:
                last_gross, carried = memory[name]
                gross = last_gross * rng.randint(102, 105) // 100
                carried_in = -carried
            else:
                gross = setup.randint(low, high)
                carried_in = -setup.randint(0, gross // 1000) * 100 if setup.random() < 0.8 else 0
            deposit_room = (gross // 10 + carried_in) // 100
            withdraw_room = min(gross * 5 // 10_000, -carried_in // 100)
            results = {}
            for kind in PERIODS:
                choice = rng.random()
                if choice < 0.3 or (deposit_room <= 0 and withdraw_room <= 0):
                    results[kind] = 0
                elif (choice < 0.65 and withdraw_room > 0) or deposit_room <= 0:
                    results[kind] = rng.randint(1, withdraw_room) * 100
                else:
                    results[kind] = -rng.randint(1, min(deposit_room, 20)) * 100
            memory[name] = (gross, -(carried_in + results["AR"]))
            units.append((name, area, gross, carried_in, results))
    return units


def _partition(rng: random.Random, total: int, parts: int) -> list[int]:
    """``parts`` positive integers summing to ``total`` (fewer when total is small)."""
    parts = max(1, min(parts, total))
    cuts = sorted(rng.sample(range(1, total), parts - 1)) if parts > 1 else []
    bounds = [0, *cuts, total]
    return [bounds[i + 1] - bounds[i] for i in range(parts)]


def build_economy(ctx: Context, memory: dict) -> dict[str, Economy]:
    """The committee's economy for T1, T2 and AR of ``ctx.year``."""
    rng = ctx.rng("economy")
    scale = ctx.committee.scale
    areas = SPECIALIST_AREAS.get(ctx.committee.code, DISTRICT_AREAS)
    growth = 100 + 3 * (ctx.year - 2020)
    budgets = {name: size * scale * growth * rng.randint(90, 110) // 100_000 for name, size, _ in areas}
    units = _result_units(ctx, memory, [name for name, _, _ in areas])
    leaf_areas = [name for name, _, children in areas if not children and name != ADMIN]
    volume_areas = [name for name in (PRESCHOOL, DISABILITY, "Arbetsmarknadsåtgärder") if name in leaf_areas][
        :2
    ]
    adjust = rng.random() < 0.5
    adjusted_area, adjusted_kind = rng.choice(leaf_areas), rng.choice(("T1", "T2"))
    adjustment_amount = rng.randint(20, 90)
    invest_adjust = rng.random() < 0.5
    invest_kind = rng.choice(("T1", "T2"))
    invest_amount = rng.randint(3, 15)
    invest_purpose = rng.choice(texts.INVESTMENT_PURPOSES).format(place=ctx.places[-1])
    operating_purpose = rng.choice(texts.OPERATING_PURPOSES).format(place=ctx.places[0])
    categories = [
        c
        for c in INVESTMENTS
        if "district" in ctx.committee.sectors
        or c[0] in ("Övriga investeringsmedel", "Maskiner och inventarier")
        or ("park" in ctx.committee.sectors and c[0] != "Trygghetsinvesteringar")
    ]
    invest_budgets = {name: rng.randint(*span) * scale // 100 for name, span, _ in categories}
    invest_projects = {}
    for name, _, templates in categories:
        if templates:
            amounts = _partition(
                rng, invest_budgets[name], min(len(templates) + 1, 4) if len(templates) > 1 else 1
            )
            invest_projects[name] = tuple(
                InvestmentProject(
                    templates[i % len(templates)].format(place=ctx.places[i % len(ctx.places)]), _mnkr(amount)
                )
                for i, amount in enumerate(amounts)
            )
    granted = 0
    granted_invest = 0
    result: dict[str, Economy] = {}
    for kind in PERIODS:
        prng = ctx.rng("economy", kind)
        rows = []
        for name, _, children in areas:
            results = sum(u[4][kind] for u in units if u[1] == name) // 100
            row = _Row(name, budgets[name] + (granted if name == adjusted_area else 0), results=results)
            if adjust and kind == adjusted_kind and name == adjusted_area:
                row.adjustment = adjustment_amount
            if name in volume_areas:
                row.volume = prng.randint(-30, 10) * scale // 10
            if prng.random() < 0.25:
                row.deviation_before = prng.choice((-1, 1)) * prng.randint(5, 80) * scale // 100
            if children:
                shares = [share for _, share in children]
                parts = [row.budget * share // 100 for share in shares]
                parts[0] += row.budget - sum(parts)
                kids = [_Row(label, part) for (label, _), part in zip(children, parts, strict=True)]
                kids[prng.randrange(len(kids))].deviation_before = row.deviation_before
                row.children = tuple(kids)
            rows.append(row.freeze())
        total = _total("Totalt", rows)
        carried_in = sum(u[3] for u in units)
        carried_out = sum(-(u[3] + u[4][kind]) for u in units)
        gross = _gross_changes(prng, ctx, [name for name, _, _ in areas])
        gross_total = GrossChangeRow(
            "Summa",
            _mnkr(sum(_present_tenths(g.costs) for g in gross)),
            _mnkr(sum(_present_tenths(g.revenues) for g in gross)),
        )
        summary = _summary(prng, ctx, total, gross_total, carried_in, carried_out)
        investments = []
        for name, _, _ in categories:
            requested = (
                invest_amount
                if invest_adjust and kind == invest_kind and name == "Trygghetsinvesteringar"
                else None
            )
            budget = invest_budgets[name] + (granted_invest if name == "Trygghetsinvesteringar" else 0)
            deviation = prng.randint(1, max(1, budget // 5)) if prng.random() < 0.15 else 0
            projects = invest_projects.get(name, ())
            if granted_invest and name == "Trygghetsinvesteringar":  # the granted adjustment is a project now
                projects += (InvestmentProject(texts.upper_first(invest_purpose), _mnkr(granted_invest)),)
            investments.append(
                InvestmentRow(
                    name,
                    _mnkr(budget),
                    _mnkr(requested),
                    _mnkr(budget + (requested or 0) - deviation),
                    _mnkr(deviation),
                    projects=projects,
                )
            )
        investments_total = InvestmentRow(
            "Totalt investeringar",
            budget=_column(investments, "budget"),
            requested_adjustments=_column(investments, "requested_adjustments"),
            forecast=_column(investments, "forecast"),
            deviation=_column(investments, "deviation"),
        )
        adjustments = []
        if adjust and kind == adjusted_kind:
            adjustments.append(BudgetAdjustment("operating", operating_purpose, _mnkr(adjustment_amount)))
        if invest_adjust and kind == invest_kind and "Trygghetsinvesteringar" in invest_budgets:
            adjustments.append(BudgetAdjustment("investment", invest_purpose, _mnkr(invest_amount)))
        funds = []
        if kind != "AR":
            for purpose in prng.sample(texts.FUND_PURPOSES, prng.randint(0, 3)):
                funds.append(
                    FundApplication(
                        "kompetensutvecklingsmedel", purpose, Decimal(prng.randint(80_000, 600_000))
                    )
                )
        unit_rows = [
            ResultUnit(name, area, _tkr(g), _tkr(ci), _tkr(res[kind]), _tkr(-(ci + res[kind])))
            for name, area, g, ci, res in units
        ]
        economy = Economy(
            operating_summary=summary,
            operating_budget=tuple(rows),
            operating_total=total,
            volumes=_volumes(prng, ctx, kind, [name for name, _, _ in areas]),
            result_unit_groups=tuple(ResultUnitGroup(area) for area in dict.fromkeys(u[1] for u in units)),
            result_units=tuple(unit_rows),
            result_units_total=ResultUnit(
                "Summa resultatenheter",
                "",
                _tkr(sum(u[2] for u in units)),
                _tkr(carried_in),
                _tkr(sum(u[4][kind] for u in units)),
                _tkr(carried_out),
            )
            if units
            else None,
            investments=tuple(investments),
            investments_total=investments_total,
            gross_changes=tuple(gross),
            gross_changes_total=gross_total,
            budget_adjustments=tuple(adjustments),
            fund_applications=tuple(funds),
        )
        result[kind] = with_commentary(prng, ctx, economy)
        if adjust and kind == adjusted_kind:
            granted = adjustment_amount
        if invest_adjust and kind == invest_kind:
            granted_invest = invest_amount
    return result


def _gross_changes(rng: random.Random, ctx: Context, areas: list[str]) -> list[GrossChangeRow]:
    rows = []
    for area in rng.sample(areas, min(len(areas), rng.randint(3, 6))):
        if area == IFO:
            kids = [rng.randint(5, 50) for _ in range(2)]
            children = tuple(
                GrossChangeRow(label, _mnkr(k), _mnkr(-k))
                for label, k in zip(("varav barn och unga", "varav vuxna"), kids, strict=True)
            )
            rows.append(GrossChangeRow(area, _mnkr(sum(kids)), _mnkr(-sum(kids)), children))
        else:
            amount = rng.randint(1, 90) * ctx.committee.scale // 100 + 1
            rows.append(GrossChangeRow(area, _mnkr(amount), _mnkr(-amount)))
    order = {area: index for index, area in enumerate(areas)}
    return sorted(rows, key=lambda row: order[row.area])


def _summary(
    rng: random.Random,
    ctx: Context,
    total: BudgetRow,
    gross: GrossChangeRow,
    carried_in: int,
    carried_out: int,
) -> tuple[OperatingSummaryRow, ...]:
    budget = _present_tenths(total.budget)
    requested = _tenths(total.requested_adjustments)
    volume = _tenths(total.volume_changes) or 0
    forecast = _present_tenths(total.forecast_before_transfers)
    deviation = budget + (requested or 0) + volume - forecast
    revenue_budget = -budget * rng.randint(8, 15) // 100
    revenue_changes = _present_tenths(gross.revenues)
    revenue_forecast = revenue_budget + revenue_changes
    cost_changes = volume + _present_tenths(gross.costs)
    cost_forecast = forecast - revenue_forecast
    cost_deviation = budget - revenue_budget + (requested or 0) + cost_changes - cost_forecast
    transfers_in, transfers_out = -carried_in // 100, -carried_out // 100
    year = ctx.year
    return (
        OperatingSummaryRow(
            "Anslag för nämndens verksamhet (netto)",
            "net",
            _mnkr(budget),
            _mnkr(requested),
            _mnkr(volume),
            _mnkr(forecast),
            _mnkr(deviation),
        ),
        OperatingSummaryRow(
            "Kostnader (+)",
            "costs",
            _mnkr(budget - revenue_budget),
            _mnkr(requested),
            _mnkr(cost_changes),
            _mnkr(cost_forecast),
            _mnkr(cost_deviation),
        ),
        OperatingSummaryRow(
            "Intäkter (-)",
            "revenues",
            _mnkr(revenue_budget),
            None,
            _mnkr(revenue_changes),
            _mnkr(revenue_forecast),
            _mnkr(0),
        ),
        OperatingSummaryRow(
            "Prognos/avvikelse före resultatöverföringar", "before_transfers", deviation=_mnkr(deviation)
        ),
        OperatingSummaryRow(
            f"Resultatenheternas överskott från {year - 1} (+)", "transfers_in", deviation=_mnkr(transfers_in)
        ),
        OperatingSummaryRow(
            f"Resultatenheternas överskott till {year + 1} (-)",
            "transfers_out",
            deviation=_mnkr(transfers_out),
        ),
        OperatingSummaryRow(
            "Prognos/avvikelse efter resultatöverföringar",
            "after_transfers",
            deviation=_mnkr(deviation + transfers_in + transfers_out),
        ),
    )


def _volumes(rng: random.Random, ctx: Context, kind: str, areas: list[str]) -> tuple[VolumeTable, ...]:
    month, year, scale = MONTHS[kind], ctx.year, ctx.committee.scale
    columns = (
        "Planering",
        f"Utfall {month} {year}",
        f"Utfall jan–{month} {year}",
        f"Utfall jan–{month} {year - 1}",
    )
    tables = []
    if PRESCHOOL in areas:
        rows = []
        for label, size in (("1–3 år", 800), ("4–5 år", 1400), ("Allmän förskola", 4)):
            base = size * scale // 100 if label != "Allmän förskola" else size
            rows.append([base + rng.randint(-base // 20, base // 20) for _ in columns])
        sums = [sum(column) for column in zip(*rows, strict=True)]
        tables.append(
            VolumeTable(
                "Förskola",
                columns,
                tuple(
                    VolumeRow(label, tuple(map(_count, values)))
                    for label, values in zip(("1–3 år", "4–5 år", "Allmän förskola"), rows, strict=True)
                )
                + (VolumeRow("Totalt", tuple(map(_count, sums)), total=True),),
                area=PRESCHOOL,
            )
        )
    if ELDERLY in areas:
        places = 500 * scale // 100
        tables.append(
            VolumeTable(
                "Äldreomsorg",
                columns[1:],
                (
                    VolumeRow(
                        "Vård- och omsorgsboende (helmånadsplatser)",
                        tuple(_count(places + rng.randint(-30, 30)) for _ in columns[1:]),
                    ),
                ),
                area=ELDERLY,
            )
        )
    if "Ekonomiskt bistånd" in areas:
        households = 850 * scale // 100
        tables.append(
            VolumeTable(
                "Ekonomiskt bistånd",
                columns[1:],
                (
                    VolumeRow(
                        "Antal hushåll", tuple(_count(households + rng.randint(-40, 40)) for _ in columns[1:])
                    ),
                    VolumeRow(
                        "Medelbidrag, kr", tuple(_count(rng.randint(10_800, 12_800)) for _ in columns[1:])
                    ),
                    VolumeRow(
                        "Medelbidrag staden, kr",
                        (None, *(_count(rng.randint(11_000, 12_000)) for _ in columns[2:])),
                    ),
                ),
                area="Ekonomiskt bistånd",
            )
        )
    return tuple(tables)
