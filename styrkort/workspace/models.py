"""Comments on a report's goals, indicators and activities; deadlines per part; notifications.

All three belong to one committee's report (a period): who may see them is who may see the
comments of that report (``styrkort.workspace.rights``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from styrkort.followup.models import Report
from styrkort.goals.models import Activity, Goal, Indicator

COMMENT_MAX_LENGTH = 5000


class Comment(models.Model):
    """A review comment on one goal, indicator or activity of a report (exactly one)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="comments")
    goal = models.ForeignKey(Goal, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    indicator = models.ForeignKey(
        Indicator, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    activity = models.ForeignKey(Activity, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="comments"
    )
    author_name = models.CharField(max_length=300, help_text="kept if the user is removed")
    text = models.TextField(max_length=COMMENT_MAX_LENGTH)
    mentions = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="mentioned_in")
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["report", "goal"], name="comment_report_goal")]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(goal__isnull=False, indicator__isnull=True, activity__isnull=True)
                    | models.Q(goal__isnull=True, indicator__isnull=False, activity__isnull=True)
                    | models.Q(goal__isnull=True, indicator__isnull=True, activity__isnull=False)
                ),
                name="comment_exactly_one_subject",
            ),
        ]

    def __str__(self) -> str:
        return f"Kommentar av {self.author_name} ({self.report})"


class Deadline(models.Model):
    """When one part of a report is due, set by the committee's controller."""

    class Part(models.TextChoices):
        INDICATORS = "indicators", "Indikatorer"
        GOALS = "goals", "Målens bedömningar och analyser"
        ACTIVITIES = "activities", "Aktiviteter"
        ECONOMY = "economy", "Ekonomi"
        SUMMARY = "summary", "Sammanfattande analys"
        PROPOSALS = "proposals", "Förslag till beslut"

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="deadlines")
    part = models.CharField(max_length=20, choices=Part.choices)
    due = models.DateField()
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    set_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["due", "part"]
        constraints = [models.UniqueConstraint(fields=["report", "part"], name="deadline_unique_part")]

    def __str__(self) -> str:
        return f"{self.get_part_display()} senast {self.due:%Y-%m-%d} ({self.report})"


class Notification(models.Model):
    """Something a user should know about a report: shown in Styrkort and, if on, sent by e-mail."""

    class Kind(models.TextChoices):
        MENTION = "mention", "Nämnd i en kommentar"
        ASSIGNED = "assigned", "Tilldelat arbete"
        REVIEW = "review", "Att granska"
        SENT_BACK = "sent_back", "Tillbakaskickad"
        APPROVED = "approved", "Godkänd"
        DECIDED = "decided", "Beslutad"
        REOPENED = "reopened", "Öppnad igen"

    class Mail(models.TextChoices):
        NONE = "none", "Skickas inte"
        WAITING = "waiting", "Väntar på att skickas"
        SENT = "sent", "Skickat"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    text = models.TextField(help_text="the message as shown, plain text")
    path = models.CharField(max_length=500, help_text="where the message leads, a path in Styrkort")
    comment = models.ForeignKey(Comment, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    mail = models.CharField(max_length=10, choices=Mail.choices, default=Mail.NONE)
    mailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at"], name="notification_unread")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} till {self.user} ({self.report})"
