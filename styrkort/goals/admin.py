"""The admin of goals, indicators and activities: what is stored in an approved or decided report is read-only."""

from django.contrib import admin

from styrkort.followup.lock import ReadOnlyWhenLocked

from .models import Activity, ActivityFollowUp, Goal, GoalAssessment, Indicator, Measurement


@admin.register(Goal)
class GoalAdmin(ReadOnlyWhenLocked):
    list_display = ("number", "title", "level", "organisation", "year")
    list_filter = ("level", "year", "organisation")
    search_fields = ("number", "title")


@admin.register(GoalAssessment)
class GoalAssessmentAdmin(ReadOnlyWhenLocked):
    list_display = ("goal", "report", "status")
    list_filter = ("status", "report__period__year", "report__period__kind")


@admin.register(Indicator)
class IndicatorAdmin(ReadOnlyWhenLocked):
    list_display = ("name", "unit", "frequency", "direction", "organisation", "goal")
    list_filter = ("frequency", "organisation")
    search_fields = ("name",)


@admin.register(Measurement)
class MeasurementAdmin(ReadOnlyWhenLocked):
    list_display = ("indicator", "organisation", "period", "outcome", "forecast", "target")
    list_filter = ("period__year", "period__kind", "organisation")
    search_fields = ("indicator__name",)


@admin.register(Activity)
class ActivityAdmin(ReadOnlyWhenLocked):
    list_display = ("title", "organisation", "start", "end", "city_assignment")
    list_filter = ("city_assignment", "organisation")
    search_fields = ("title",)


@admin.register(ActivityFollowUp)
class ActivityFollowUpAdmin(ReadOnlyWhenLocked):
    list_display = ("activity", "report", "deviation")
