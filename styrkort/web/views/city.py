"""The city's view: every committee's goal assessments side by side, for one period.

Rows are the municipality's own goals (KF's aims and area goals) of the period's year, columns
the committees with a report for the period, cells the assessment as symbol and words (the
municipality's scale, as on the committees' pages). Below each committee: how many errors the
consistency check finds in its report and how many of its goals are assessed, read from the counts
stored with each report (``styrkort.storage.counts``), so the page costs the same few queries for
13 committees or 300. Only the city's controllers, its administrators and its
readers (a role on the municipality itself) may see it; everyone else gets 404, as for a report.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, OuterRef
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.views.decorators.http import require_GET

from styrkort.accounts.access import roles_on
from styrkort.accounts.models import Role
from styrkort.domain.periods import parse_period_key
from styrkort.followup.models import Period, Report
from styrkort.goals.models import Goal, GoalAssessment
from styrkort.organisations.models import Organisation
from styrkort.storage.counts import counts_for
from styrkort.web.templatetags.styrkort import assessment_level

CITY_ROLES = frozenset({Role.ADMINISTRATOR, Role.CITY_CONTROLLER, Role.READER})


@dataclass(frozen=True)
class Line:
    """A city goal and its row of cells: each committee's assessment as symbol and words, or
    "Ingår inte" where the goal is not in that committee's report."""

    goal: Goal
    cells: SafeString


NOT_INCLUDED = SafeString('<span class="na">Ingår inte</span>')


def _level_html(status: str) -> SafeString:
    return SafeString(render_to_string("web/_level.html", {"level": assessment_level(status)}))


def _cells(shown: list[SafeString]) -> SafeString:
    """A row's cells, joined here rather than in a template loop (300 committees × 19 goals are
    5 700 cells); each cell is one of a few pieces of HTML rendered beforehand."""
    return SafeString("".join(f"<td>{cell}</td>" for cell in shown))


def goal_order(goal: Goal) -> tuple:
    return tuple(int(part) if part.isdigit() else part for part in goal.number.split("."))


def get_city_period_for_user(
    request: HttpRequest, code: str, period_key: str
) -> tuple[Organisation, Period, frozenset[str]]:
    """The municipality, the period and the user's roles, if one of them is a city role; else 404."""
    municipality = Organisation.objects.filter(code=code, kind=Organisation.Kind.MUNICIPALITY).first()
    roles = roles_on(request.user, municipality) if municipality is not None else frozenset()
    if municipality is None or not roles & CITY_ROLES:
        raise Http404("staden finns inte")
    try:
        ref = parse_period_key(period_key)
    except ValueError as error:
        raise Http404("okänd period") from error
    period = Period.objects.filter(municipality=municipality, year=ref.year, kind=ref.kind).first()
    if period is None:
        raise Http404("perioden finns inte")
    return municipality, period, roles


COUNTS_SHOWN = tuple(f"counts__{name}" for name in ("errors", "warnings", "goals", "assessed"))


def _reports(period: Period) -> list[Report]:
    """The period's reports by committee name, the page's columns, with what it shows of each:
    the committee's code and name, the state and the stored counts (``report.counts``; not the
    findings; computed where missing)."""
    reports = list(
        Report.objects.filter(period=period)
        .select_related("organisation", "counts")
        .only("state", "period", "organisation__code", "organisation__name", *COUNTS_SHOWN)
        .order_by()
    )
    missing = [report.pk for report in reports if not hasattr(report, "counts")]
    if missing:  # never counted (counts are stored when a change commits): whole reports to count
        computed = counts_for(
            Report.objects.filter(pk__in=missing).select_related("organisation", "period__municipality")
        )
        for report in reports:
            if report.pk in computed:
                report.counts = computed[report.pk]
    for report in reports:
        report.period = period
    reports.sort(key=lambda report: report.organisation.name)
    return reports


@require_GET
def city_view(request: HttpRequest, code: str, period: str) -> HttpResponse:
    """Every committee's assessment of every city goal, and the check's error count per committee."""
    municipality, current, roles = get_city_period_for_user(request, code, period)
    reports = _reports(current)
    goals = sorted(
        Goal.objects.filter(
            organisation=municipality,
            year=current.year,
            level__in=(Goal.Level.AIM, Goal.Level.AREA_GOAL),
        ),
        key=goal_order,
    )
    statuses = {
        (report_id, goal_id): status
        for report_id, goal_id, status in GoalAssessment.objects.filter(
            report__period=current, goal__in=goals
        )
        .order_by()  # the model's order joins each row's report, organisation and period
        .values_list("report_id", "goal_id", "status")
    }
    # A cell is one of a few levels: each is rendered once (web/_level.html), not once per cell.
    cells: dict[str | None, SafeString] = {status: _level_html(status) for status in set(statuses.values())}
    ids = [report.pk for report in reports]
    lines = [
        Line(goal, _cells([cells.get(statuses.get((pk, goal.pk)), NOT_INCLUDED) for pk in ids]))
        for goal in goals
    ]
    # The periods with a report: a semi-join (a join with DISTINCT read every report of the city).
    periods = Period.objects.filter(municipality=municipality).filter(
        Exists(Report.objects.filter(period=OuterRef("pk")))
    )
    context = {
        "municipality": municipality,
        "period": current,
        "columns": reports,
        "lines": lines,
        "periods": periods.order_by("-year", "-ends"),
        "latest": current,
        "can_setup": bool(roles & {Role.CITY_CONTROLLER, Role.ADMINISTRATOR}),
    }
    return render(request, "web/city/city.html", context)
