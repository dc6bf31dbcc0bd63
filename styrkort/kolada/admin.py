"""The Kolada sync runs in the admin: readable by superusers, never edited (a record of what ran)."""

from django.contrib import admin

from .models import SyncRun


@admin.register(SyncRun)
class SyncRunAdmin(admin.ModelAdmin):
    list_display = ("started", "organisation_code", "year", "from_date", "requests", "changed", "skipped")
    list_filter = ("year",)
    search_fields = ("organisation_code",)
    date_hierarchy = "started"

    def has_module_permission(self, request) -> bool:
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None) -> bool:
        return request.user.is_active and request.user.is_superuser

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
