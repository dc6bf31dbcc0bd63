"""The audit trail in the admin: readable and searchable by superusers only, never editable
(it names people and holds old values of every organisation)."""

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
        "source",
    )
    list_filter = ("action", "source", "content_type")
    search_fields = ("username", "object_repr", "field", "reason")
    date_hierarchy = "at"

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
