from django.contrib import admin

from .models import Activity, ActivityFollowUp, Goal, GoalAssessment, Indicator, Measurement


@admin.register(Goal)
class GoalAdmin(admin.ModelAdmin):
    list_display = ("number", "title", "level", "organisation", "year")
    list_filter = ("level", "year", "organisation")
    search_fields = ("number", "title")


@admin.register(GoalAssessment)
class GoalAssessmentAdmin(admin.ModelAdmin):
    list_display = ("goal", "report", "status")
    list_filter = ("status", "report__period__year", "report__period__kind")


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ("name", "unit", "frequency", "direction", "organisation", "goal")
    list_filter = ("frequency", "organisation")
    search_fields = ("name",)


@admin.register(Measurement)
class MeasurementAdmin(admin.ModelAdmin):
    list_display = ("indicator", "organisation", "period", "outcome", "forecast", "target")
    list_filter = ("period__year", "period__kind", "organisation")
    search_fields = ("indicator__name",)


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ("title", "organisation", "start", "end", "city_assignment")
    list_filter = ("city_assignment", "organisation")
    search_fields = ("title",)


@admin.register(ActivityFollowUp)
class ActivityFollowUpAdmin(admin.ModelAdmin):
    list_display = ("activity", "report", "deviation")
