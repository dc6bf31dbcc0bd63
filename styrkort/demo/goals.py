"""The goal part of a demo committee's year: goals, indicators, activities for T1, T2 and AR at once.

Conventions, stated once:
- One call builds a committee's whole year, so that definitions, targets and activities are
  equal in T1, T2 and AR by construction; only outcomes, forecasts, assessments and texts vary.
- ``memory`` maps (goal number, indicator name) to last year's AR outcome; the caller passes the
  same dict year after year, so ``previous_annual`` continues last year's annual outcome.
- Figures are Decimals built from integers and quantised to the indicator's decimals, which
  they keep, as a real report prints them: shares with one decimal ("38,0 %"), counts whole. A forecast exists at T1/T2 for tertial indicators only; at AR the outcome is the
  year's result and ``forecast`` is None. Annual indicators have figures only at AR.
- Statuses come from the figures (``indicator_status``); assessments are derived from them, so
  a goal's assessment is consistent with the indicators beneath it.
- Texts come from ``prose``: analyses cite the goal's own figures, one ``prose.Writer`` per report
  keeps any sentence from repeating more than twice in it. Where no figure decides an indicator's
  status (an annual indicator before the annual report), the reporter's assessment is set from the
  indicator's course for the year, as a committee would.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from styrkort.domain.document import Activity, Assessment, AssessmentStatus, Goal, Indicator, Owner
from styrkort.domain.numbers import format_number, from_exchange, to_exchange

from . import prose, texts
from .catalog import (
    AIMS,
    AREA_GOALS,
    CITY_INDICATORS,
    COMMITTEE_INDICATORS,
    COMMON,
    CommitteeSpec,
    IndicatorSpec,
)

PERIODS = ("T1", "T2", "AR")
FATES = ("met", "partly_met", "not_met")
FATE_WEIGHTS = (80, 14, 6)
SCORES = {"met": Decimal(1), "partly_met": Decimal("0.5"), "not_met": Decimal(0)}


@dataclass(frozen=True)
class Context:
    """What every builder needs: the seed, the committee, its places, the year."""

    seed: int | str  # a municipality other than Exempelstad draws from "seed:code"
    committee: CommitteeSpec
    places: tuple[str, ...]
    year: int

    def rng(self, *parts: object) -> random.Random:
        """A generator for one purpose, so that adding a draw elsewhere never shifts this one."""
        return random.Random(
            ":".join(str(part) for part in (self.seed, self.committee.code, self.year, *parts))
        )

    @property
    def large(self) -> bool:
        return self.committee.scale >= 150


def _figure(text: str) -> Decimal:
    """A spec's figure ("4.3") as a Decimal; spec figures are never missing."""
    value = from_exchange(text)
    assert value is not None
    return value


def _exchange(value: Decimal) -> str:
    """A figure as exchange text ("39.5"); a present figure always has one."""
    text = to_exchange(value)
    assert text is not None
    return text


def _quantum(decimals: int) -> Decimal:
    return Decimal(1).scaleb(-decimals)


def _at(value: Decimal, quantum: Decimal) -> Decimal:
    """A figure with exactly the indicator's decimals (a zero without sign)."""
    value = value.quantize(quantum)
    return value.copy_abs() if value.is_zero() else value


def _draw(rng: random.Random, low: Decimal, high: Decimal, decimals: int) -> Decimal:
    quantum = _quantum(decimals)
    return _at(rng.randint(int(low / quantum), int(high / quantum)) * quantum, quantum)


def _step(spec: IndicatorSpec) -> Decimal:
    quantum = _quantum(spec.decimals)
    return max(quantum, ((_figure(spec.high) - _figure(spec.low)) / 20).quantize(quantum))


def _clamp(spec: IndicatorSpec, value: Decimal) -> Decimal:
    quantum = _quantum(spec.decimals)
    if spec.direction == "interval":
        return _at(value, quantum)
    if spec.unit == "%":
        value = min(value, Decimal(100))
    return _at(max(value, Decimal(0)), quantum)


def _better(spec: IndicatorSpec, value: Decimal, amount: Decimal) -> Decimal:
    return _clamp(spec, value + amount if spec.direction == "higher" else value - amount)


def city_target(seed: int | str, spec: IndicatorSpec, year: int) -> str:
    """The city's target for an indicator in a year: the same for every committee."""
    if spec.city_target != "num":
        return spec.city_target
    rng = random.Random(f"{seed}:city:{spec.name}:{year}")
    low, high = _figure(spec.low), _figure(spec.high)
    middle = _draw(rng, (low + high) / 2, (low * 2 + high * 3) / 5, spec.decimals)
    return _exchange(_better(spec, middle, _step(spec) * rng.randint(0, 2)))


def target_value(target: str | None) -> Decimal | None:
    """A numeric target's figure ("39.5" or "10" from "Max 10 personer"), else None."""
    if target is None:
        return None
    words = target.split()
    for word in words:
        if word.replace(".", "", 1).lstrip("-").isdigit():
            return from_exchange(word)
    return None


def indicator_status(indicator: Indicator) -> AssessmentStatus | None:
    """met / partly_met / not_met from forecast (or outcome) against target; None without both.

    Interval targets ("+/- 1 %") are met within the band and partly met within twice the band;
    other targets are partly met within 5 % of the target.
    """
    value = indicator.forecast if indicator.forecast is not None else indicator.outcome
    target = target_value(indicator.target)
    if value is None or target is None:
        return None
    if indicator.direction == "interval":
        distance = abs(value) - target
    elif indicator.direction == "lower":
        distance = value - target
    else:
        distance = target - value
    if distance <= 0:
        return "met"
    tolerance = target if indicator.direction == "interval" else abs(target) * Decimal("0.05")
    return "partly_met" if distance <= tolerance else "not_met"


def combine(statuses: list[AssessmentStatus]) -> AssessmentStatus:
    """An assessment from the statuses beneath: mean score ≥ 0,75 met, ≥ 0,4 partly met, else not met."""
    if not statuses:
        return "met"
    score = sum(SCORES[status] for status in statuses) / len(statuses)
    if score >= Decimal("0.75"):
        return "met"
    return "partly_met" if score >= Decimal("0.4") else "not_met"


def _year_outcome(rng: random.Random, spec: IndicatorSpec, target: Decimal, fate: str) -> Decimal:
    quantum = _quantum(spec.decimals)
    if spec.direction == "interval":
        bands = {"met": (0, 9), "partly_met": (11, 18), "not_met": (21, 30)}[fate]
        return _at(rng.randint(*bands) * quantum * rng.choice((1, -1)), quantum)
    tolerance = max(1, int(abs(target) * Decimal("0.05") / quantum))
    units = {
        "met": rng.randint(0, max(1, int(_step(spec) / quantum))),
        "partly_met": -rng.randint(1, tolerance),
        "not_met": -rng.randint(tolerance + 1, 3 * tolerance + 1),
    }[fate]
    return _better(spec, target, units * quantum)


def _gender(rng: random.Random, spec: IndicatorSpec, total: Decimal | None) -> tuple[Decimal | None, ...]:
    if not spec.gender_split or total is None:
        return None, None
    if spec.unit == "st":
        women = _at(total * rng.randint(35, 65) / 100, Decimal(1))
        return _at(total - women, Decimal(1)), women
    quantum = _quantum(spec.decimals)
    men = _clamp(spec, total - rng.randint(0, 40) * quantum / 4)
    women = _clamp(spec, total + rng.randint(0, 40) * quantum / 4)
    if rng.random() < 0.5:
        men, women = women, men
    return _at(men, quantum), _at(women, quantum)


def _indicator_year(ctx: Context, spec: IndicatorSpec, owner: Owner, memory: dict) -> dict[str, Indicator]:
    """One indicator's T1, T2 and AR rows, with the same definition and targets."""
    rng = ctx.rng("indicator", spec.goal, spec.name)
    key = (spec.goal, spec.name)
    low, high = _figure(spec.low), _figure(spec.high)
    if spec.unit == "st" and low >= 100:
        low, high = low * ctx.committee.scale / 100, high * ctx.committee.scale / 100
    if key in memory:
        previous = memory[key]
    else:
        previous = None if rng.random() < 0.03 else _draw(rng, low, high, spec.decimals)
    base = previous if previous is not None else _draw(rng, low, high, spec.decimals)
    step = _step(spec)
    city = city_target(ctx.seed, spec, ctx.year) if owner == "city" else None
    if spec.direction == "interval":
        target = "+/- 1 %"
    elif city is not None and city.startswith("Max"):
        target = str(target_value(city))
    elif city is not None and target_value(city) is not None and rng.random() < 0.7:
        target = city
    else:
        target = _exchange(_better(spec, base if spec.direction != "interval" else Decimal(0), step))
    fate = rng.choices(FATES, FATE_WEIGHTS)[0]
    annual: Decimal | None = _year_outcome(rng, spec, target_value(target) or Decimal(1), fate)
    if rng.random() < 0.02:
        annual = None
    memory[key] = annual
    quantum = _quantum(spec.decimals)
    rows: dict[str, Indicator] = {}
    for kind in PERIODS:
        outcome = forecast = None
        if kind == "AR":
            outcome = annual
        elif spec.frequency == "tertial" and annual is not None:
            spread = 4 if kind == "T1" else 2
            outcome = (
                None if rng.random() < 0.04 else _clamp(spec, annual + rng.randint(-spread, spread) * quantum)
            )
            forecast = annual if kind == "T2" or rng.random() < 0.7 else _clamp(spec, annual + quantum)
        men, women = _gender(rng, spec, outcome)
        row = Indicator(
            name=spec.name,
            unit=spec.unit,
            owner=owner,
            frequency=spec.frequency,
            direction=spec.direction,
            gender_split=spec.gender_split,
            decimals=spec.decimals,
            outcome=outcome,
            outcome_men=men,
            outcome_women=women,
            previous_annual=previous,
            forecast=forecast,
            target=target,
            city_target=city,
        )
        rows[kind] = _with_analysis(rng, row, kind)
    return rows


def _with_analysis(rng: random.Random, row: Indicator, kind: str) -> Indicator:
    status = indicator_status(row)
    due = kind == "AR" or row.frequency == "tertial"
    if due and row.outcome is None:
        pick = "missing"
    elif status in ("partly_met", "not_met") or (status == "met" and rng.random() < 0.15):
        pick = status
    elif row.gender_split and row.outcome is not None and rng.random() < 0.15:
        pick = "gender"
    else:
        return row
    value = row.forecast if row.forecast is not None else row.outcome
    template = rng.choice(texts.INDICATOR_ANALYSES[pick])
    text = template.format(
        name=prose.definite(row.name),
        value=format_number(value, row.decimals, row.unit),
        target=format_number(target_value(row.target), row.decimals, row.unit) if row.target else "",
    )
    return replace(row, analysis=text)


def _activities(ctx: Context, rng: random.Random, titles: list[str], city: bool) -> list[Activity]:
    """Activities planned for the year; their follow-up texts are added per period later."""
    found = []
    for title in titles:
        start = date(ctx.year - (1 if rng.random() < 0.2 else 0), rng.choice((1, 1, 2, 3)), 1)
        end = date(ctx.year, 12, 31) if rng.random() < 0.7 else date(ctx.year, rng.choice((6, 8, 10)), 30)
        found.append(Activity(title=title, start=start, end=end, city_assignment=city))
    return found


def _follow_activity(rng: random.Random, writer: prose.Writer, activity: Activity, kind: str) -> Activity:
    deviation = analysis = ""
    end = activity.end or date(activity.start.year if activity.start else 2026, 12, 31)
    slots = {"end": prose.month_year(end), "next": prose.month_year(date(end.year + 1, 6, 30))}
    if kind != "T1" and rng.random() < 0.12:
        deviation = writer.choose(rng, texts.ACTIVITY_DEVIATIONS, **slots)
    if rng.random() < 0.2:
        analysis = writer.choose(rng, texts.ACTIVITY_ANALYSES, **slots)
    return replace(activity, deviation=deviation, analysis=analysis)


def _expected_result(row: Indicator) -> str:
    """An expected result in the indicator's own terms: "Andelen … når årsmålet 92 %"."""
    target = target_value(row.target)
    if target is None or row.direction == "interval":
        return f"{texts.upper_first(prose.definite(row.name))} följs upp varje tertial"
    bound = {"higher": "minst", "lower": "högst"}.get(row.direction or "", "")
    return f"{texts.upper_first(prose.definite(row.name))} når årsmålet, {bound} {prose.printed(row, target)}"


def _assessed(row: Indicator) -> Indicator:
    """The reporter's assessment where no figure decides the status: last year's result against
    this year's target, as a committee judges an annual indicator before it is measured."""
    if indicator_status(row) is not None or row.previous_annual is None:
        return row
    judged = indicator_status(replace(row, outcome=row.previous_annual))
    return replace(row, assessment=judged) if judged is not None else row


def _analysis(
    ctx: Context,
    rng: random.Random,
    writer: prose.Writer,
    goal: Goal,
    kind: str,
    theme: str,
    size: int,
) -> str:
    """An assessment analysis built from the goal's figures, those of the goals beneath and its work."""
    own = goal.indicators if goal.level != "aim" else ()
    beneath = tuple(i for child in goal.children for i in child.indicators)
    figures = [(i, indicator_status(i), target_value(i.target)) for i in own + beneath]
    area = goal.number if goal.level == "area_goal" else goal.number.rsplit(".", 1)[0]
    return prose.goal_analysis(
        writer,
        rng,
        level=goal.level,
        number=goal.number,
        status=goal.assessment.status,
        kind=kind,
        year=ctx.year,
        theme=theme,
        objects=texts.ACTIVITY_OBJECTS.get(area, ()),
        places=ctx.places,
        figures=figures,
        children=tuple(child.assessment.status for child in goal.children),
        activities=tuple(activity.title for activity in goal.activities),
        size=size,
    )


@dataclass(frozen=True)
class _GoalPlan:
    """A committee goal for the year: definition, indicators per period, planned activities."""

    number: str
    title: str
    description: str
    expected_results: tuple[str, ...]
    indicators: tuple[dict[str, Indicator], ...]
    activities: tuple[Activity, ...]


def _committee_indicator_specs(ctx: Context, area: str) -> list[IndicatorSpec]:
    specs = []
    for name, unit, direction, frequency, gender, decimals, low, high in COMMITTEE_INDICATORS.get(area, ()):
        names = [name.format(place=place) for place in ctx.places] if "{place}" in name else [name]
        for variant in names:
            specs.append(
                IndicatorSpec(
                    area, variant, unit, direction, frequency, gender, decimals, "", low, high, frozenset()
                )
            )
    return specs


def _plan_committee_goals(ctx: Context, area, memory: dict, writer: prose.Writer) -> list[_GoalPlan]:
    # Goals and their indicators last from year to year (so previous_annual continues); texts
    # and activities are the year's own.
    lasting = random.Random(f"{ctx.seed}:{ctx.committee.code}:committee-goals:{area.number}")
    rng = ctx.rng("committee-goals", area.number)
    count = 2 if ctx.large or (ctx.committee.scale >= 90 and lasting.random() < 0.25) else 1
    titles = texts.COMMITTEE_GOALS[area.number][:count]
    pool = _committee_indicator_specs(ctx, area.number)
    lasting.shuffle(pool)
    plans = []
    for index, title in enumerate(titles, start=1):
        number = f"{area.number}.{index}"
        wanted = 2 if ctx.large else lasting.randint(1, 2)
        specs = [replace(spec, goal=number) for spec in pool[:wanted]]
        pool = pool[wanted:]
        slots = {"theme": area.theme, "place": rng.choice(ctx.places)}
        description = prose.join(
            [
                f"Målet innebär att {texts.lower_first(title)}.",
                writer.choose(rng, texts.DESCRIPTIONS, **slots),
            ]
        )
        indicators = tuple(_indicator_year(ctx, spec, "committee", memory) for spec in specs)
        general = [writer.choose(rng, texts.EXPECTED_RESULTS, **slots) for _ in range(rng.randint(1, 2))]
        results = tuple(_expected_result(rows["T1"]) for rows in indicators) + tuple(
            result.rstrip(".") for result in general if result
        )
        verbs = rng.sample(texts.ACTIVITY_VERBS, 3)
        objects = texts.ACTIVITY_OBJECTS[area.number]
        activity_count = 2 if ctx.large else rng.randint(1, 3)
        activity_titles = [f"{verbs[i]} {objects[(index + i) % len(objects)]}" for i in range(activity_count)]
        plans.append(
            _GoalPlan(
                number=number,
                title=title,
                description=description,
                expected_results=results,
                indicators=indicators,
                activities=tuple(_activities(ctx, rng, list(dict.fromkeys(activity_titles)), False)),
            )
        )
    return plans


def city_assignments(seed: int | str, year: int) -> dict[str, Activity]:
    """The city's assignments to district councils in a year: the same for every district."""
    rng = random.Random(f"{seed}:assignments:{year}")
    chosen = sorted(rng.sample(sorted(texts.CITY_ASSIGNMENTS), 9))
    found = {}
    for number in chosen:
        end = date(year, 12, 31) if rng.random() < 0.75 else date(year, 8, 31)
        found[number] = Activity(texts.CITY_ASSIGNMENTS[number], date(year, 1, 1), end, city_assignment=True)
    return found


def _reports(ctx: Context, spec: IndicatorSpec) -> bool:
    if not spec.sectors & ctx.committee.sectors:
        return False
    return ctx.large or random.Random(f"{ctx.seed}:{ctx.committee.code}:reports:{spec.name}").random() >= 0.15


def _with_text(
    ctx: Context, rng: random.Random, writer: prose.Writer, goal: Goal, kind: str, theme: str, size: int
) -> Goal:
    analysis = _analysis(ctx, rng, writer, goal, kind, theme, size)
    return replace(goal, assessment=replace(goal.assessment, analysis=analysis))


def build_goals(
    ctx: Context, memory: dict, writers: dict[str, prose.Writer] | None = None
) -> dict[str, tuple[Goal, ...]]:
    """The committee's goal trees for T1, T2 and AR of ``ctx.year`` (``writers``: one per report)."""
    writers = writers if writers is not None else {kind: prose.Writer() for kind in PERIODS}
    sectors = ctx.committee.sectors
    district = "district" in sectors
    assignments = city_assignments(ctx.seed, ctx.year) if district else {}
    text_size = 4 if ctx.large else 3
    year_writer = prose.Writer()  # texts the year's three reports share: descriptions, expected results
    plans = {}
    for area in AREA_GOALS:
        city_rows = [
            _indicator_year(ctx, spec, "city", memory)
            for spec in CITY_INDICATORS
            if spec.goal == area.number and _reports(ctx, spec)
        ]
        mine = area.sectors & sectors and (COMMON not in area.sectors or district or len(area.sectors) == 1)
        committee_goals = _plan_committee_goals(ctx, area, memory, year_writer) if mine else []
        plans[area.number] = (area, city_rows, committee_goals)
    result: dict[str, tuple[Goal, ...]] = {}
    for kind in PERIODS:
        writer = writers[kind]
        aims = []
        for aim_number, aim_title in AIMS:
            areas = []
            for area, city_rows, committee_goals in (
                p for n, p in plans.items() if n.split(".")[0] == aim_number
            ):
                rng = ctx.rng(kind, "area", area.number)
                children = []
                for plan in committee_goals:
                    indicators = tuple(_assessed(rows[kind]) for rows in plan.indicators)
                    status = combine([s for s in map(indicator_status, indicators) if s])
                    goal = Goal(
                        number=plan.number,
                        level="committee_goal",
                        title=plan.title,
                        owner="committee",
                        assessment=Assessment(status),
                        description=plan.description,
                        expected_results=plan.expected_results,
                        indicators=indicators,
                        activities=tuple(_follow_activity(rng, writer, a, kind) for a in plan.activities),
                    )
                    children.append(_with_text(ctx, rng, writer, goal, kind, area.theme, text_size))
                indicators = tuple(_assessed(rows[kind]) for rows in city_rows)
                statuses = [s for s in map(indicator_status, indicators) if s]
                status = combine(statuses + [child.assessment.status for child in children])
                activities = (
                    (_follow_activity(rng, writer, assignments[area.number], kind),)
                    if area.number in assignments
                    else ()
                )
                goal = Goal(
                    number=area.number,
                    level="area_goal",
                    title=area.title,
                    owner="city",
                    assessment=Assessment(status),
                    indicators=indicators,
                    activities=activities,
                    children=tuple(children),
                )
                areas.append(_with_text(ctx, rng, writer, goal, kind, area.theme, text_size + 1))
            status = combine([goal.assessment.status for goal in areas])
            rng = ctx.rng(kind, "aim", aim_number)
            goal = Goal(
                number=aim_number,
                level="aim",
                title=aim_title,
                owner="city",
                assessment=Assessment(status),
                children=tuple(areas),
            )
            aims.append(_with_text(ctx, rng, writer, goal, kind, texts.lower_first(aim_title), 1))
        result[kind] = tuple(aims)
    return result
