"""Comments: what they are about, who they mention, and writing one.

A comment is about one goal, indicator or activity *of the report*: a goal with an assessment
in it, an indicator measured in its period by its committee, an activity followed up in it.
A mention is ``@username`` at the start of the text or after a space or punctuation (so an
e-mail address such as anna@example.se mentions no one); the name ends before a trailing full
stop or comma. Only people who may read the report's comments can be mentioned: any other name
refuses the whole comment, with the same message whether the user exists or not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.urls import reverse

from styrkort.accounts.access import ReportAccess, report_access
from styrkort.domain.text import clean_text
from styrkort.followup.models import Report
from styrkort.goals.models import ActivityFollowUp, Goal, GoalAssessment, Indicator, Measurement
from styrkort.workspace.models import COMMENT_MAX_LENGTH, Comment
from styrkort.workspace.notify import notify_mentions, person
from styrkort.workspace.rights import may_read_comments

MENTION = re.compile(r"(?<![\w@.+-])@([\w][\w.+-]*)")
MAX_MENTIONS = 20
KINDS = {"mal": "goal", "indikator": "indicator", "aktivitet": "activity"}
SLUGS = {field: slug for slug, field in KINDS.items()}


class CommentError(ValueError):
    """A comment that cannot be saved (message in Swedish)."""


@dataclass(frozen=True)
class Subject:
    """What comments are about: one goal, indicator or activity of a report."""

    field: str  # "goal", "indicator" or "activity"
    obj: Any
    words: str  # "målet 1.1 ”Alla barn …”" (for sentences)
    path: str  # where it is worked on

    @property
    def slug(self) -> str:
        return SLUGS[self.field]

    @property
    def key(self) -> str:
        return f"{self.field}-{self.obj.pk}"

    def filter(self) -> dict[str, Any]:
        return {self.field: self.obj}


def mentioned_names(text: str) -> list[str]:
    """The usernames the text mentions, in order, each once."""
    names: list[str] = []
    for match in MENTION.finditer(text):
        name = match.group(1).rstrip(".,")
        if name and name not in names:
            names.append(name)
    return names


def subject_of(report: Report, slug: str, pk: int) -> Subject:
    """The goal, indicator or activity ``slug``/``pk`` of the report; 404 if not in it."""
    field = KINDS.get(slug)
    code, key = report.organisation.code, report.period.key
    if field == "goal":
        assessment = GoalAssessment.objects.filter(report=report, goal_id=pk).select_related("goal").first()
        if assessment is not None:
            goal = assessment.goal
            path = reverse("web:goal", args=[code, key, assessment.pk])
            return Subject(field, goal, f"målet {goal.number} ”{goal.title}”", path)
    elif field == "indicator":
        measured = Measurement.objects.filter(
            indicator_id=pk, organisation=report.organisation, period=report.period
        ).exists()
        indicator = Indicator.objects.filter(pk=pk).first() if measured else None
        if indicator is not None:
            path = reverse("web:grid", args=[code, key])
            return Subject(field, indicator, f"indikatorn ”{indicator.name}”", path)
    elif field == "activity":
        follow_up = ActivityFollowUp.objects.filter(report=report, activity_id=pk).select_related("activity")
        found = follow_up.first()
        if found is not None:
            path = reverse("web:activities", args=[code, key]) + f"#aktivitet-{found.pk}"
            return Subject(field, found.activity, f"aktiviteten ”{found.activity.title}”", path)
    raise Http404("det finns inget sådant i rapporten")


def subjects_of_goal(report: Report, goal: Goal) -> list[Subject]:
    """The goal and the indicators and activities under it that are in the report."""
    code, key = report.organisation.code, report.period.key
    indicators = Indicator.objects.filter(
        goal=goal, measurements__organisation=report.organisation, measurements__period=report.period
    ).order_by("measurements__position", "id")
    follow_ups = ActivityFollowUp.objects.filter(report=report, activity__goal=goal).select_related(
        "activity"
    )
    grid, page = reverse("web:grid", args=[code, key]), reverse("web:activities", args=[code, key])
    return [
        *(Subject("indicator", i, f"indikatorn ”{i.name}”", grid) for i in indicators),
        *(
            Subject("activity", f.activity, f"aktiviteten ”{f.activity.title}”", f"{page}#aktivitet-{f.pk}")
            for f in follow_ups
        ),
    ]


def mentionable(report: Report, names: list[str]) -> list[Any]:
    """The users ``names`` mention, each of whom may read the report's comments; else CommentError."""
    if len(names) > MAX_MENTIONS:
        raise CommentError(f"En kommentar kan nämna högst {MAX_MENTIONS} personer.")
    query = Q()
    for name in names:
        query |= Q(username__iexact=name)
    found = (
        {u.username.lower(): u for u in get_user_model().objects.filter(query, is_active=True)}
        if names
        else {}
    )
    users = []
    for name in names:
        user = found.get(name.lower())
        if user is None or not may_read_comments(report_access(user, report)):
            raise CommentError(
                f"”@{name}” kan inte nämnas: ingen med det användarnamnet arbetar med rapporten. "
                "Inget sparades."
            )
        users.append(user)
    return users


def clean_comment(text: str) -> str:
    cleaned = clean_text(text or "").strip()
    if not cleaned:
        raise CommentError("Skriv en kommentar innan du sparar.")
    if len(cleaned) > COMMENT_MAX_LENGTH:
        raise CommentError(
            f"Kommentaren är {len(cleaned)} tecken lång; den får vara högst {COMMENT_MAX_LENGTH}. Inget sparades."
        )
    return cleaned


@transaction.atomic
def add_comment(access: ReportAccess, author: Any, subject: Subject, text: str) -> Comment:
    """Save a comment and tell the people it mentions; CommentError (nothing saved) on bad input."""
    cleaned = clean_comment(text)
    users = mentionable(access.report, mentioned_names(cleaned))
    comment = Comment.objects.create(
        report=access.report, author=author, author_name=person(author), text=cleaned, **subject.filter()
    )
    comment.mentions.set(users)
    notify_mentions(comment, subject.words, subject.path)
    return comment
