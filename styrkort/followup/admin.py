"""The admin of periods and reports: what is stored in an approved or decided report is read-only."""

from django.contrib import admin

from styrkort.followup.lock import ReadOnlyWhenLocked

from .models import Attachment, DecisionProposal, Period, Report


@admin.register(Period)
class PeriodAdmin(admin.ModelAdmin):
    list_display = ("municipality", "year", "kind", "starts", "ends")
    list_filter = ("year", "kind")


class DecisionProposalInline(admin.TabularInline):
    model = DecisionProposal
    extra = 0


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0


@admin.register(Report)
class ReportAdmin(ReadOnlyWhenLocked):
    list_display = ("organisation", "period", "state", "title")
    list_filter = ("state", "period__year", "period__kind")
    search_fields = ("organisation__name", "title")
    inlines = [DecisionProposalInline, AttachmentInline]
