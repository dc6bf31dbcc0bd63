"""One indicator's history: outcome against target across every period the database holds.

The indicator is matched across years as ``exchange.load`` matches last year's outcome: by its
owner (the municipality or the committee) and its name, for this committee. The chart is inline
SVG whose coordinates are computed with Decimal (no floats), drawn with two line styles and two
marker shapes (not colour alone), with a text alternative; the same figures stand in a table
beside it. Someone who sees the report only because it is decided (no role on the committee)
sees only the periods whose reports are decided too.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from styrkort.domain.numbers import format_number
from styrkort.domain.targets import parse_target
from styrkort.followup.models import Report
from styrkort.goals.models import Indicator, Measurement
from styrkort.storage.load import stored_figure
from styrkort.web.getters import get_report_access

WIDTH, HEIGHT = 640, 320
LEFT, RIGHT, TOP, BOTTOM = 72, 24, 20, 56
PERIOD_NAMES = {"T1": "T1", "T2": "T2", "AR": "VB"}


@dataclass(frozen=True)
class Point:
    """One period's figures."""

    label: str
    outcome: Decimal | None
    forecast: Decimal | None
    target_text: str | None
    target: Decimal | None


@dataclass(frozen=True)
class Chart:
    """SVG coordinates (as text, one decimal) of the two series, the axis ticks and x labels."""

    outcome: list[tuple[str, str]]
    target: list[tuple[str, str]]
    ticks: list[tuple[str, str]]
    labels: list[tuple[str, str]]
    baseline: str


def _coordinate(value: Decimal) -> str:
    return format(value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP), "f")


def draw_chart(points: list[Point], decimals: int | None = None) -> Chart | None:
    """Place the points in the SVG box; None when there is no figure to draw."""
    values = [v for p in points for v in (p.outcome, p.target) if v is not None]
    if not values:
        return None
    low, high = min(values), max(values)
    pad = (high - low) / 10 if high != low else max(abs(high) / 10, Decimal(1))
    low, high = low - pad, high + pad
    plot_width, plot_height = Decimal(WIDTH - LEFT - RIGHT), Decimal(HEIGHT - TOP - BOTTOM)

    def x(index: int) -> Decimal:
        if len(points) == 1:
            return LEFT + plot_width / 2
        return LEFT + plot_width * index / (len(points) - 1)

    def y(value: Decimal) -> Decimal:
        return TOP + (high - value) * plot_height / (high - low)

    def series(attribute: str) -> list[tuple[str, str]]:
        return [
            (_coordinate(x(i)), _coordinate(y(getattr(p, attribute))))
            for i, p in enumerate(points)
            if getattr(p, attribute) is not None
        ]

    shown = 1 if decimals is None else decimals
    ticks = []
    for step in range(5):
        value = low + (high - low) * step / 4
        ticks.append((_coordinate(y(value)), format_number(value, decimals=shown)))
    labels = [(_coordinate(x(i)), p.label) for i, p in enumerate(points)]
    return Chart(series("outcome"), series("target"), ticks, labels, str(HEIGHT - BOTTOM))


def history_points(report: Report, indicator: Indicator, public_only: bool) -> list[Point]:
    """The indicator's figures for this committee in every period, oldest first."""
    measurements = (
        Measurement.objects.filter(
            organisation=report.organisation,
            period__municipality=report.period.municipality,
            indicator__organisation_id=indicator.organisation_id,
            indicator__name=indicator.name,
        )
        .select_related("period")
        .order_by("period__year", "period__ends", "pk")
    )
    if public_only:
        decided = Report.objects.filter(organisation=report.organisation, state=Report.State.DECIDED)
        measurements = measurements.filter(period_id__in=decided.values("period_id"))
    points, seen = [], set()
    for m in measurements:
        if m.period_id in seen:
            continue
        seen.add(m.period_id)
        target = parse_target(m.target)
        name = PERIOD_NAMES.get(m.period.kind, m.period.get_kind_display())
        points.append(
            Point(
                f"{name} {m.period.year}",
                stored_figure(m.outcome),
                stored_figure(m.forecast),
                m.target,
                target.value if target is not None and target.kind in ("value", "max", "min") else None,
            )
        )
    return points


def describe(indicator: Indicator, points: list[Point]) -> str:
    """The chart in words (its text alternative); figures as recorded."""
    with_outcome = [p for p in points if p.outcome is not None]
    if not with_outcome:
        return "Det finns inga utfall att visa ännu."
    first, last = with_outcome[0], with_outcome[-1]
    unit = f" {indicator.unit}" if indicator.unit else ""
    text = (
        f"Utfallet har {len(with_outcome)} värden, från {format_number(first.outcome)}{unit} "
        f"({first.label}) till {format_number(last.outcome)}{unit} ({last.label})."
    )
    if last.target is not None:
        text += f" Årsmålet för {last.label} är {format_number(last.target)}{unit}."
    return text


@require_GET
def indicator_history(request: HttpRequest, code: str, period: str, pk: int) -> HttpResponse:
    """The history of one of the report's indicators: chart and table."""
    access = get_report_access(request, code, period)
    report = access.report
    indicator = Indicator.objects.filter(
        pk=pk, measurements__organisation=report.organisation, measurements__period=report.period
    ).first()
    if indicator is None:
        raise Http404("indikatorn finns inte i rapporten")
    points = history_points(report, indicator, public_only=not access.roles)
    context = {
        "access": access,
        "report": report,
        "indicator": indicator,
        "points": points,
        "chart": draw_chart(points, indicator.decimals),
        "description": describe(indicator, points),
        "width": WIDTH,
        "height": HEIGHT,
        "left": LEFT,
        "right_edge": WIDTH - RIGHT,
    }
    return render(request, "web/history/history.html", context)
