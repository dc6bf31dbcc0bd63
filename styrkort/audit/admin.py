"""The audit trail in the admin: readable, searchable, never editable."""

from django.contrib import admin

from .models import Change


@admin.register(Change)
class ChangeAdmin(admin.ModelAdmin):
    list_display = (
        "at",
        "username",
        "content_type",
        "object_repr",
        "action",
        "field",
        "old",
        "new",
        "reason",
    )
    list_filter = ("action", "content_type")
    search_fields = ("username", "object_repr", "field", "reason")
    date_hierarchy = "at"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
