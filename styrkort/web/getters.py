"""The permission getters: one per object type, each deciding access in one place.

- ``get_report_access(request, organisation_code, period_key) -> ReportAccess``: the report
  and everything the user may do with it (see ``styrkort.accounts.access``); 404 when the
  report does not exist or the user may not see it.
- ``get_assessment_for_user(access, pk) -> (GoalAssessment, can_edit)``: a goal of the report.
- ``require_edit(can_edit)``: PermissionDenied (403) when the user may see but not change.
- ``working_page(view)``: a decorator (applied in urls.py) for a report's working pages: a user
  who does not work on the report (``ReportAccess.works_on``: readers, the public, everyone
  once it is decided) is sent to the reading view instead; writes are left to the view (403).

Views read: authorise (a getter, then ``require_edit`` for writes) → validate → change → respond.
"""

from __future__ import annotations

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import redirect
from django.urls import reverse

from styrkort.accounts.access import ReportAccess, report_access
from styrkort.domain.periods import parse_period_key
from styrkort.goals.models import Goal, GoalAssessment
from styrkort.ops.compiled import instances
from styrkort.web.report_row import report_by_key


def get_report_access(request: HttpRequest, organisation_code: str, period_key: str) -> ReportAccess:
    """The report and the user's rights on it; 404 if it is absent or hidden from the user."""
    cache = request.__dict__.setdefault("_report_access", {})
    key = (organisation_code, period_key)
    if key in cache:
        return cache[key]
    try:
        ref = parse_period_key(period_key)
    except ValueError as error:
        raise Http404("okänd period") from error
    report = report_by_key(organisation_code, ref.year, ref.kind)  # one plain query
    if report is None:
        raise Http404("rapporten finns inte")
    access = report_access(request.user, report)
    if not access.can_view:
        raise Http404("rapporten finns inte")
    cache[key] = access
    return access


def get_assessment_for_user(access: ReportAccess, pk: int) -> tuple[GoalAssessment, bool]:
    """A goal's assessment in the report and whether the user may change it; 404 if not in it.

    The assessment comes with its goal and the goal's parent attached, as
    ``select_related("goal", "goal__parent")`` attaches them, read through ``ops.compiled``
    (the ORM built that three-table statement again on every goal page: ~1.5 ms of CPU)."""
    low, high = connections[DEFAULT_DB_ALIAS].ops.integer_field_range(
        GoalAssessment._meta.pk.get_internal_type()
    )
    in_range = type(pk) is int and (low is None or low <= pk) and (high is None or pk <= high)
    found = instances(_assessment_row, (access.report.pk, pk), *_MODELS) if in_range else [[]]
    if not found[0]:
        raise Http404("målet finns inte i rapporten")
    (assessment,), (goal,), parents = found
    GoalAssessment._meta.get_field("goal").set_cached_value(assessment, goal)
    Goal._meta.get_field("parent").set_cached_value(goal, parents[0] if parents else None)
    return assessment, access.can_edit_goal(assessment.goal_id)


def _assessment_row(report_id: int, pk: int) -> QuerySet[GoalAssessment]:
    return GoalAssessment.objects.filter(report_id=report_id, pk=pk).order_by()


_MODELS: tuple[tuple[type[Model], str], ...] = (
    (GoalAssessment, ""),
    (Goal, "goal__"),
    (Goal, "goal__parent__"),
)


CANNOT_EDIT = (
    "Du får inte ändra det här: din roll ger dig rätt att läsa rapporten men inte att ändra den här "
    "delen. Nämndens controller kan ge dig ett uppdrag som rapportör."
)


def require_edit(can_edit: bool, why: str = CANNOT_EDIT) -> None:
    """Refuse (403) a change the user may not make, saying why (in Swedish, a whole sentence)."""
    if not can_edit:
        raise PermissionDenied(why)


def working_page(view):
    """GET of a working page by someone who does not work on the report: the reading view."""

    @wraps(view)
    def wrapper(request: HttpRequest, code: str, period: str, *args, **kwargs):
        if request.method in ("GET", "HEAD") and not get_report_access(request, code, period).works_on:
            return redirect(reverse("web:read", args=[code, period]))
        return view(request, code, period, *args, **kwargs)

    return wrapper
