"""Who may see and change what in a committee's report.

The rule of rights, in one sentence: a membership gives its role on its organisation and on
every organisation beneath it in the tree, and nothing above or beside it (an administrator
membership, or Django's superuser flag, gives everything).

What the roles may do with a report:
- everyone, signed in or not: see a decided report (decided reports are public documents);
- reader, approver, city controller, reporter, committee controller: see the report;
- committee controller and administrator: change everything in it while it is open or in
  review, and move it through the workflow (submit, return, decide);
- reporter: change only the parts assigned to them (a goal assignment covers the goal's
  assessment, its indicators and its activities) while the report is open or in review,
  and mark their parts ready;
- approver: approve a report in review;
- administrator: reopen a decided report, with a written reason.

Who works on a report (``works_on``) and who reads it: the working pages (overview, grid,
goals, activities, economy, proposals, attachments, preview, assignments) are for those who
change the report or move it through the workflow while it is not decided; everyone else —
anonymous visitors, readers, the city's controllers, a reporter whose report is approved, and
everyone once it is decided — is sent to the reading view, which shows the published report
(the decided snapshot) with no audit trail, names, findings or assignments.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet

from styrkort.accounts.models import Assignment, Membership, Role
from styrkort.followup.models import Report
from styrkort.ops.compiled import select
from styrkort.organisations.models import Organisation

EDITABLE_STATES = (Report.State.OPEN, Report.State.IN_REVIEW)
VIEWING_ROLES = frozenset(Role.values)


def ancestor_ids(organisation: Organisation) -> list[int]:
    """The organisation's id and those of every organisation above it."""
    ids = []
    node: Organisation | None = organisation
    while node is not None:
        ids.append(node.id)
        node = node.parent
    return ids


def _memberships(user_id: int, *organisation_ids: int) -> QuerySet[Membership]:
    # Unordered: the model's order (by the organisation's code) joins a table for nothing here.
    return Membership.objects.filter(user_id=user_id, organisation_id__in=organisation_ids).order_by()


def roles_on(user: Any, organisation: Organisation) -> frozenset[str]:
    """The roles the user holds on the organisation, through it or an organisation above it.

    Read on every report page, through a statement built once per process and depth of the
    organisation tree (``ops.compiled``): the ORM took ~0.4 ms of CPU to build it each time."""
    if not user.is_authenticated:
        return frozenset()
    roles = {role for (role,) in select(_memberships, (user.pk, *ancestor_ids(organisation)), ("role",))}
    if user.is_superuser:
        roles.add(Role.ADMINISTRATOR)
    return frozenset(roles)


@dataclass(frozen=True)
class ReportAccess:
    """What one user may do with one report; computed once per request by ``report_access``."""

    report: Report
    roles: frozenset[str]
    goals: frozenset[int] = field(default_factory=frozenset)
    indicators: frozenset[int] = field(default_factory=frozenset)
    activities: frozenset[int] = field(default_factory=frozenset)

    @property
    def is_admin(self) -> bool:
        return Role.ADMINISTRATOR in self.roles

    @property
    def can_view(self) -> bool:
        return self.report.state == Report.State.DECIDED or bool(self.roles & VIEWING_ROLES)

    @property
    def is_editable(self) -> bool:
        return self.report.state in EDITABLE_STATES

    @property
    def can_manage(self) -> bool:
        """Committee controller or administrator: everything in the report and its workflow."""
        return self.is_admin or Role.COMMITTEE_CONTROLLER in self.roles

    @property
    def is_reporter(self) -> bool:
        return Role.REPORTER in self.roles and bool(self.goals or self.indicators or self.activities)

    @property
    def can_edit(self) -> bool:
        """Whether the user may change anything in the report now."""
        return self.is_editable and self.may_write

    @property
    def can_approve(self) -> bool:
        return self.is_admin or Role.APPROVER in self.roles

    @property
    def may_write(self) -> bool:
        """Whether the user's roles let them change something in the report while it is open."""
        return self.can_manage or self.is_reporter

    @property
    def works_on(self) -> bool:
        """Whether the user gets the working pages (else the reading view); see the module docstring."""
        if self.report.state == Report.State.DECIDED:
            return False
        return self.can_manage or self.can_approve or self.can_edit

    def can_edit_goal(self, goal_id: int) -> bool:
        return self.is_editable and self.may_edit_goal(goal_id)

    def can_edit_indicator(self, indicator_id: int, goal_id: int) -> bool:
        return self.is_editable and self.may_edit_indicator(indicator_id, goal_id)

    def can_edit_activity(self, activity_id: int, goal_id: int) -> bool:
        return self.is_editable and self.may_edit_activity(activity_id, goal_id)

    # The same rights whatever the report's state: a page whose report was approved while the
    # user typed uses them to give the typed text back instead of a bare refusal.
    def may_edit_goal(self, goal_id: int) -> bool:
        return self.can_manage or goal_id in self.goals

    def may_edit_indicator(self, indicator_id: int, goal_id: int) -> bool:
        return self.can_manage or indicator_id in self.indicators or goal_id in self.goals

    def may_edit_activity(self, activity_id: int, goal_id: int) -> bool:
        return self.can_manage or activity_id in self.activities or goal_id in self.goals


def report_access(user: Any, report: Report) -> ReportAccess:
    """The user's rights on the report (see the module docstring)."""
    roles = roles_on(user, report.organisation)
    if Role.REPORTER not in roles:
        return ReportAccess(report, roles)
    parts = Assignment.objects.filter(user=user, organisation_id__in=ancestor_ids(report.organisation))
    goals, indicators, activities = set(), set(), set()
    for goal_id, indicator_id, activity_id in parts.order_by().values_list(
        "goal_id", "indicator_id", "activity_id"
    ):
        if goal_id:
            goals.add(goal_id)
        if indicator_id:
            indicators.add(indicator_id)
        if activity_id:
            activities.add(activity_id)
    return ReportAccess(report, roles, frozenset(goals), frozenset(indicators), frozenset(activities))


def subtree_ids(root_ids: set[int] | list[int]) -> set[int]:
    """The ids of these organisations and of every organisation beneath them: one query per
    level of the tree below them, never the whole tree (a national installation holds hundreds
    of municipalities)."""
    seen: set[int] = set(root_ids)
    level = set(root_ids)
    while level:
        children = set(
            Organisation.objects.filter(parent_id__in=level).order_by().values_list("id", flat=True)
        )
        level = children - seen  # the database refuses cycles; this stops on one all the same
        seen |= level
    return seen


def managed_organisation_ids(user: Any, roles: frozenset[str], with_ancestors: bool = False) -> set[int]:
    """The organisations on which the user holds one of ``roles`` (by the rule: their memberships'
    organisations and everything beneath them); every organisation for a superuser. With
    ``with_ancestors``, also the organisations above (whose shared definitions, such as the
    city's indicators and periods, a committee's objects refer to)."""
    if not user.is_authenticated:
        return set()
    if user.is_superuser:
        return set(Organisation.objects.values_list("id", flat=True))
    memberships = list(
        Membership.objects.filter(user=user, role__in=roles).select_related(
            "organisation__parent__parent__parent"
        )
    )
    found = subtree_ids({membership.organisation_id for membership in memberships})
    if with_ancestors:
        for membership in memberships:
            found.update(ancestor_ids(membership.organisation))
    return found


def visible_reports(user: Any):
    """The reports the user may see: decided ones, and every one beneath their memberships."""
    reports = Report.objects.select_related("organisation", "period").order_by(
        "-period__year", "-period__ends", "organisation__name"
    )
    if user.is_authenticated and user.is_superuser:
        return reports
    decided = reports.filter(state=Report.State.DECIDED)
    if not user.is_authenticated:
        return decided
    roots = set(Membership.objects.filter(user=user).values_list("organisation_id", flat=True))
    if not roots:
        return decided
    return reports.filter(Q(state=Report.State.DECIDED) | Q(organisation_id__in=subtree_ids(roots)))


def accesses(user: Any, reports: list[Report]) -> dict[int, ReportAccess]:
    """``report_access`` for many reports at once (a list page), in three queries, by report id."""
    parents = _parents_above({report.organisation_id for report in reports})

    def above(org_id: int | None) -> list[int]:
        found = []
        while org_id is not None and org_id not in found:
            found.append(org_id)
            org_id = parents.get(org_id)
        return found

    held: dict[int, set[str]] = {}
    parts: dict[int, list[tuple[int | None, int | None, int | None]]] = {}
    if user.is_authenticated:
        for org_id, role in Membership.objects.filter(user=user).values_list("organisation_id", "role"):
            held.setdefault(org_id, set()).add(role)
        assigned = Assignment.objects.filter(user=user)
        for org_id, *part in assigned.values_list(
            "organisation_id", "goal_id", "indicator_id", "activity_id"
        ):
            parts.setdefault(org_id, []).append(tuple(part))  # type: ignore[arg-type]
    found = {}
    for report in reports:
        chain = above(report.organisation_id)
        roles = {role for org_id in chain for role in held.get(org_id, ())}
        if user.is_authenticated and user.is_superuser:
            roles.add(Role.ADMINISTRATOR)
        mine = [part for org_id in chain for part in parts.get(org_id, [])] if Role.REPORTER in roles else []
        found[report.pk] = ReportAccess(
            report,
            frozenset(roles),
            frozenset(goal for goal, _, _ in mine if goal),
            frozenset(indicator for _, indicator, _ in mine if indicator),
            frozenset(activity for _, _, activity in mine if activity),
        )
    return found


def _parents_above(org_ids: set[int]) -> dict[int, int | None]:
    """Each organisation's parent, for ``org_ids`` and everything above them: four levels a query
    (a municipality's tree is rarely deeper), never the whole table."""
    parents: dict[int, int | None] = {}
    todo = set(org_ids)
    lookups = ("id", "parent_id", "parent__parent_id", "parent__parent__parent_id")
    while todo:
        for chain in Organisation.objects.filter(id__in=todo).values_list(*lookups):
            for child, parent in zip(chain, chain[1:], strict=False):
                if child is not None:
                    parents[child] = parent
        todo = {parent for parent in parents.values() if parent is not None and parent not in parents}
    return parents
