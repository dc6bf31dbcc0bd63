from django.contrib import admin

from .models import Assignment, Membership


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "organisation", "role")
    list_filter = ("role", "organisation")
    search_fields = ("user__username", "organisation__code")


@admin.register(Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    list_display = ("user", "organisation", "goal", "indicator", "activity")
    list_filter = ("organisation",)
    raw_id_fields = ("goal", "indicator", "activity")
    search_fields = ("user__username",)
