"""The admin, under the product's rule of rights (``styrkort.accounts.access``) and workflow.

Every model of the organisation tree, the follow-up, the goals and the economy is registered
here, in one place, with the organisation it belongs to and the roles that manage it:

- a non-superuser sees and changes only objects of organisations beneath a membership with one
  of the model's managing roles (a city controller: their own municipality's goals, indicators
  and periods; a committee controller: their committee's reports and what is stored in them;
  an administrator: everything of their organisation), on top of Django's model permissions
  (which ``demo-users`` grants no one);
- a foreign key offers only objects inside that scope, and a save outside it is refused;
- nothing stored in an approved or decided report, nor its period, is changed or deleted
  (``ReadOnlyWhenLocked`` and, for inline rows, the parent report's lock) — superusers included;
- users, groups and the audit trail are for superusers only (a staff user with
  ``auth.change_user`` could otherwise make themselves a superuser).
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User
from django.core.exceptions import PermissionDenied

from styrkort.accounts.access import managed_organisation_ids
from styrkort.accounts.models import Assignment, Membership, Role
from styrkort.economy import models as economy
from styrkort.followup.lock import ReadOnlyWhenLocked, is_locked
from styrkort.followup.models import Attachment, DecisionProposal, Period, Report
from styrkort.goals.models import Activity, ActivityFollowUp, Goal, GoalAssessment, Indicator, Measurement
from styrkort.organisations.models import Organisation

ADMINISTRATORS = frozenset({Role.ADMINISTRATOR})
CITY = frozenset({Role.ADMINISTRATOR, Role.CITY_CONTROLLER})
DEFINITIONS = frozenset({Role.ADMINISTRATOR, Role.CITY_CONTROLLER, Role.COMMITTEE_CONTROLLER})
REPORT_CONTENT = frozenset({Role.ADMINISTRATOR, Role.COMMITTEE_CONTROLLER})


def _organisation_id(obj: Any, path: str) -> int | None:
    """The id of the organisation ``obj`` belongs to, following ``path`` (e.g. report__organisation)."""
    *through, last = path.split("__")
    for name in through:
        obj = getattr(obj, name, None)
        if obj is None:
            return None
    return obj.pk if last == "pk" else getattr(obj, f"{last}_id", None)


class ScopedAdmin(ReadOnlyWhenLocked):
    """A model admin limited to the organisations the user manages, and frozen where locked."""

    organisation_path = "organisation"
    managing_roles: frozenset[str] = DEFINITIONS

    def scope(self, request) -> set[int]:
        cache = request.__dict__.setdefault("_admin_scope", {})
        if self.managing_roles not in cache:
            cache[self.managing_roles] = managed_organisation_ids(request.user, self.managing_roles)
        return cache[self.managing_roles]

    def in_scope(self, request, obj: Any) -> bool:
        return request.user.is_superuser or _organisation_id(obj, self.organisation_path) in self.scope(
            request
        )

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(**{f"{self.organisation_path}__in": self.scope(request)})

    def has_module_permission(self, request) -> bool:
        return super().has_module_permission(request) and (
            request.user.is_superuser or bool(self.scope(request))
        )

    def has_view_permission(self, request, obj: Any = None) -> bool:
        return super().has_view_permission(request, obj) and (obj is None or self.in_scope(request, obj))

    def has_change_permission(self, request, obj: Any = None) -> bool:
        return super().has_change_permission(request, obj) and (obj is None or self.in_scope(request, obj))

    def has_delete_permission(self, request, obj: Any = None) -> bool:
        return super().has_delete_permission(request, obj) and (obj is None or self.in_scope(request, obj))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        related = db_field.related_model
        if not request.user.is_superuser and related in SCOPES:
            path, roles = SCOPES[related]
            ids = managed_organisation_ids(request.user, roles, with_ancestors=related in SHARED_FROM_ABOVE)
            kwargs["queryset"] = related._default_manager.filter(**{f"{path}__in": ids})
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change) -> None:
        if not self.in_scope(request, obj):
            raise PermissionDenied("Du får inte spara något utanför dina organisationer.")
        super().save_model(request, obj, form, change)


class LockedInline(admin.TabularInline):
    """Rows shown inside a report: frozen with it while it is approved or decided."""

    extra = 0

    def has_add_permission(self, request, obj: Any = None) -> bool:
        return not (obj is not None and is_locked(obj)) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj: Any = None) -> bool:
        return not (obj is not None and is_locked(obj)) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj: Any = None) -> bool:
        return not (obj is not None and is_locked(obj)) and super().has_delete_permission(request, obj)


class DecisionProposalInline(LockedInline):
    model = DecisionProposal


class AttachmentInline(LockedInline):
    model = Attachment


@admin.register(Organisation)
class OrganisationAdmin(ScopedAdmin):
    organisation_path = "pk"
    managing_roles = ADMINISTRATORS
    list_display = ("code", "name", "kind", "parent", "kolada_id")
    list_filter = ("kind",)
    search_fields = ("code", "name")

    def in_scope(self, request, obj: Any) -> bool:
        target = obj.pk if obj.pk else obj.parent_id  # a new organisation goes under one the user manages
        return request.user.is_superuser or target in self.scope(request)


@admin.register(Period)
class PeriodAdmin(ScopedAdmin):
    organisation_path = "municipality"
    managing_roles = CITY
    list_display = ("municipality", "year", "kind", "starts", "ends")
    list_filter = ("year", "kind")


@admin.register(Report)
class ReportAdmin(ScopedAdmin):
    managing_roles = REPORT_CONTENT
    list_display = ("organisation", "period", "state", "title")
    list_filter = ("state", "period__year", "period__kind")
    search_fields = ("organisation__name", "title")
    readonly_fields = ("state", "version")  # the workflow moves a report, never the admin
    inlines = [DecisionProposalInline, AttachmentInline]


@admin.register(Goal)
class GoalAdmin(ScopedAdmin):
    list_display = ("number", "title", "level", "organisation", "year")
    list_filter = ("level", "year")
    search_fields = ("number", "title")


@admin.register(GoalAssessment)
class GoalAssessmentAdmin(ScopedAdmin):
    organisation_path = "report__organisation"
    managing_roles = REPORT_CONTENT
    list_display = ("goal", "report", "status")
    list_filter = ("status", "report__period__year", "report__period__kind")


@admin.register(Indicator)
class IndicatorAdmin(ScopedAdmin):
    list_display = ("name", "unit", "frequency", "direction", "organisation", "goal", "kolada_id")
    list_filter = ("frequency",)
    search_fields = ("name", "kolada_id")


@admin.register(Measurement)
class MeasurementAdmin(ScopedAdmin):
    managing_roles = REPORT_CONTENT
    list_display = ("indicator", "organisation", "period", "outcome", "forecast", "target")
    list_filter = ("period__year", "period__kind")
    search_fields = ("indicator__name",)


@admin.register(Activity)
class ActivityAdmin(ScopedAdmin):
    list_display = ("title", "organisation", "start", "end", "city_assignment")
    list_filter = ("city_assignment",)
    search_fields = ("title",)


@admin.register(ActivityFollowUp)
class ActivityFollowUpAdmin(ScopedAdmin):
    organisation_path = "report__organisation"
    managing_roles = REPORT_CONTENT
    list_display = ("activity", "report", "deviation")


class ReportRowAdmin(ScopedAdmin):
    organisation_path = "report__organisation"
    managing_roles = REPORT_CONTENT


admin.site.register(economy.ActivityArea, ScopedAdmin)
for row_model in (
    economy.OperatingSummaryRow,
    economy.OperatingBudgetRow,
    economy.VolumeTable,
    economy.ResultUnitGroup,
    economy.ResultUnit,
    economy.InvestmentRow,
    economy.GrossChangeRow,
    economy.BudgetAdjustment,
    economy.FundApplication,
    economy.EconomyText,
):
    admin.site.register(row_model, ReportRowAdmin)


@admin.register(Membership)
class MembershipAdmin(ScopedAdmin):
    managing_roles = ADMINISTRATORS
    list_display = ("user", "organisation", "role")
    list_filter = ("role",)
    search_fields = ("user__username", "organisation__code")


@admin.register(Assignment)
class AssignmentAdmin(ScopedAdmin):
    managing_roles = REPORT_CONTENT
    list_display = ("user", "organisation", "goal", "indicator", "activity")
    raw_id_fields = ("goal", "indicator", "activity")
    search_fields = ("user__username",)


# How a foreign key's choices are limited: the related model's path to its organisation, and roles;
# definitions shared from above (the city's goals, indicators, areas and periods) may be chosen too.
SHARED_FROM_ABOVE = frozenset({Period, Goal, Indicator, Activity, economy.ActivityArea})
SCOPES: dict[type, tuple[str, frozenset[str]]] = {
    Organisation: ("pk", DEFINITIONS | REPORT_CONTENT),
    Period: ("municipality", DEFINITIONS | REPORT_CONTENT),
    Report: ("organisation", REPORT_CONTENT),
    Goal: ("organisation", DEFINITIONS),
    Indicator: ("organisation", DEFINITIONS),
    Activity: ("organisation", DEFINITIONS),
    economy.ActivityArea: ("organisation", DEFINITIONS),
}


class SuperuserOnly:
    """Only a superuser sees or changes these (users and their privileges, groups)."""

    def has_module_permission(self, request) -> bool:
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj: Any = None) -> bool:
        return self.has_module_permission(request)

    has_add_permission = has_module_permission
    has_change_permission = has_view_permission
    has_delete_permission = has_view_permission


admin.site.unregister(User)
admin.site.unregister(Group)


@admin.register(User)
class StyrkortUserAdmin(SuperuserOnly, UserAdmin):
    pass


@admin.register(Group)
class StyrkortGroupAdmin(SuperuserOnly, GroupAdmin):
    pass
