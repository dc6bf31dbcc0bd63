"""Goals, their per-period assessments, indicators with their measurements, and activities.

Ownership: a goal or indicator belongs to the organisation that sets it — the municipality
(KF's aims, area goals and indicators, shared by every committee) or a committee (its own
goals and indicators). What a committee reports for a period hangs on its ``Report``:
``GoalAssessment``, ``Measurement`` and ``ActivityFollowUp`` rows; their ``position`` keeps
the printed order. Last year's annual outcome is a ``Measurement`` of last year's AR period.
"""

from __future__ import annotations

from django.core.validators import RegexValidator
from django.db import models

from styrkort.domain.numbers import INDICATOR
from styrkort.figures.fields import figure
from styrkort.followup.models import Period, Report
from styrkort.organisations.models import Organisation

# A Kolada KPI id: N (municipal data) or U (organisation-unit data) and five digits.
KOLADA_KPI_ID = RegexValidator(
    r"^[NU][0-9]{5}\Z", "ett nyckeltal i Kolada skrivs N eller U och fem siffror, t.ex. N15428"
)


class Goal(models.Model):
    """A goal of one year on one level (aim, area goal, committee goal).

    Its texts are shared by the year's reports and can be edited through any open one, so the
    goal carries its own ``version`` (raised by every save of the pages and the importers).
    """

    class Level(models.TextChoices):
        AIM = "aim", "KF:s inriktningsmål"
        AREA_GOAL = "area_goal", "KF:s mål för verksamhetsområdet"
        COMMITTEE_GOAL = "committee_goal", "Nämndmål"

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="goals")
    year = models.PositiveSmallIntegerField()
    number = models.CharField(max_length=20)
    level = models.CharField(max_length=20, choices=Level.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    title = models.TextField()
    description = models.TextField(blank=True)
    expected_results = models.JSONField(default=list, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["year", "number"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "year", "number"], name="goal_unique_number"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title[:60]}"


class GoalAssessment(models.Model):
    """A committee's assessment of a goal in a report, with its analysis."""

    class Status(models.TextChoices):
        MET = "met", "Uppfylls helt"
        PARTLY_MET = "partly_met", "Uppfylls delvis"
        NOT_MET = "not_met", "Uppfylls inte"
        NOT_ASSESSED = "not_assessed", "Ej bedömd"

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="assessments")
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="assessments")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NOT_ASSESSED)
    analysis = models.TextField(blank=True)
    position = models.PositiveIntegerField(default=0)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["report", "position"]
        constraints = [
            models.UniqueConstraint(fields=["goal", "report"], name="assessment_unique_per_report"),
        ]

    def __str__(self) -> str:
        """The goal's number and title (the audit trail names each row by it)."""
        return f"Mål {self.goal}"


class Indicator(models.Model):
    """An indicator of a goal: its definition for the goal's year and the city's target."""

    class Direction(models.TextChoices):
        HIGHER = "higher", "Högre är bättre"
        LOWER = "lower", "Lägre är bättre"
        INTERVAL = "interval", "Inom intervall"

    class Frequency(models.TextChoices):
        TERTIAL = "tertial", "Tertial"
        ANNUAL = "annual", "År"

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="indicators")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="indicators")
    name = models.TextField()
    unit = models.CharField(max_length=50, blank=True)
    direction = models.CharField(max_length=10, choices=Direction.choices, blank=True)
    frequency = models.CharField(max_length=10, choices=Frequency.choices, default=Frequency.TERTIAL)
    gender_split = models.BooleanField(default=False)
    decimals = models.PositiveSmallIntegerField(null=True, blank=True)
    kolada_id = models.CharField(
        "Kolada-id",
        max_length=20,
        blank=True,
        validators=[KOLADA_KPI_ID],
        help_text="the Kolada KPI whose yearly values fill the annual report's outcomes (N15428)",
    )
    city_target = models.CharField(max_length=200, null=True, blank=True)  # noqa: DJ001 - None: no city target

    class Meta:
        ordering = ["goal", "id"]
        constraints = [
            models.UniqueConstraint(fields=["goal", "name"], name="indicator_unique_name_per_goal"),
            models.CheckConstraint(condition=models.Q(decimals__lte=6), name="indicator_decimals_at_most_6"),
        ]

    def __str__(self) -> str:
        return self.name[:80]


class Measurement(models.Model):
    """What a committee reports for an indicator in a period; its target as it stood then."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="measurements")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="measurements")
    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="measurements")
    outcome = figure(INDICATOR, "utfall")
    outcome_men = figure(INDICATOR, "utfall män/pojkar")
    outcome_women = figure(INDICATOR, "utfall kvinnor/flickor")
    forecast = figure(INDICATOR, "prognos")
    target = models.CharField(max_length=200, null=True, blank=True)  # noqa: DJ001 - no target (None) differs from ""
    # The unit an import printed with a figure where it differs from the indicator's ("14,5 st" under
    # "barn/avd.", "88" without "%"), by figure name (see domain.document.Indicator.printed_units).
    printed_units = models.JSONField(default=dict, blank=True)
    # Where figures came from, by figure name: {"outcome": {"source": "Kolada", "kpi": "N15428",
    # "value": "74.1", "fetched_at": "2026-12-05T02:30:00+00:00"}}. A figure is cited as the
    # source's only while it still holds that value (a person who overwrites it makes it theirs).
    sources = models.JSONField(default=dict, blank=True)
    analysis = models.TextField(blank=True)
    assessment = models.CharField(
        max_length=20,
        choices=GoalAssessment.Status.choices,
        default=GoalAssessment.Status.NOT_ASSESSED,
        help_text="the reporter's assessment, for a row whose figures do not decide its status",
    )
    position = models.PositiveIntegerField(default=0)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "organisation", "period"], name="measurement_unique_per_period"
            ),
        ]
        # Every page reads a report's measurements by committee and period (the unique constraint
        # leads with the indicator, so it cannot serve that lookup).
        indexes = [models.Index(fields=["organisation", "period"], name="measurement_lookup")]

    def __str__(self) -> str:
        """The indicator's name (the audit trail names each row by it)."""
        return self.indicator.name[:80]


class Activity(models.Model):
    """An activity or city assignment a committee carries out for a goal.

    Its dates are shared by the year's reports (``ActivityFollowUp`` holds what one report says),
    so the activity carries its own ``version``, like ``Goal``.
    """

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="activities")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="activities")
    title = models.TextField()
    start = models.DateField(null=True, blank=True)
    end = models.DateField(null=True, blank=True)
    city_assignment = models.BooleanField(default=False)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["goal", "id"]
        constraints = [
            models.UniqueConstraint(fields=["goal", "organisation", "title"], name="activity_unique_title"),
            models.CheckConstraint(
                condition=models.Q(start__isnull=True)
                | models.Q(end__isnull=True)
                | models.Q(start__lte=models.F("end")),
                name="activity_starts_before_end",
            ),
        ]

    def __str__(self) -> str:
        return self.title[:80]


class ActivityFollowUp(models.Model):
    """An activity's follow-up in a report: deviation and analysis."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="follow_ups")
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="activity_follow_ups")
    deviation = models.TextField(blank=True)
    analysis = models.TextField(blank=True)
    position = models.PositiveIntegerField(default=0)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["activity", "report"], name="activity_follow_up_unique"),
        ]

    def __str__(self) -> str:
        """The activity's title (the audit trail names each row by it)."""
        return str(self.activity)


__all__ = ["Goal", "GoalAssessment", "Indicator", "Measurement", "Activity", "ActivityFollowUp", "Period"]
