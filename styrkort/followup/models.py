"""Follow-up periods, a committee's report for a period, its decision proposals and attachments."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from styrkort.organisations.models import Organisation


class Period(models.Model):
    """A follow-up period of a municipality's year: T1, T2, the annual report (AR) or a month."""

    class Kind(models.TextChoices):
        T1 = "T1", "Tertialrapport 1"
        T2 = "T2", "Tertialrapport 2"
        AR = "AR", "Verksamhetsberättelse"
        M01 = "M01", "Januari"
        M02 = "M02", "Februari"
        M03 = "M03", "Mars"
        M04 = "M04", "April"
        M05 = "M05", "Maj"
        M06 = "M06", "Juni"
        M07 = "M07", "Juli"
        M08 = "M08", "Augusti"
        M09 = "M09", "September"
        M10 = "M10", "Oktober"
        M11 = "M11", "November"
        M12 = "M12", "December"

    municipality = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="periods")
    year = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=3, choices=Kind.choices)
    starts = models.DateField(help_text="first day of the period")
    ends = models.DateField(help_text="first day after the period (half-open)")

    class Meta:
        ordering = ["year", "ends", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "year", "kind"], name="period_unique_kind_per_year"
            ),
            models.CheckConstraint(
                condition=models.Q(starts__lt=models.F("ends")), name="period_starts_before_end"
            ),
            models.CheckConstraint(
                condition=models.Q(year__gte=2000, year__lte=2100), name="period_year_sane"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}-{self.kind}"

    @property
    def key(self) -> str:
        return f"{self.year}-{self.kind}"


class Report(models.Model):
    """One committee's follow-up report for one period, with its workflow state."""

    class State(models.TextChoices):
        OPEN = "open", "Öppen"
        IN_REVIEW = "in_review", "Under granskning"
        APPROVED = "approved", "Godkänd"
        DECIDED = "decided", "Beslutad"

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="reports")
    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="reports")
    state = models.CharField(max_length=20, choices=State.choices, default=State.OPEN)
    title = models.CharField(max_length=300, blank=True)
    report_date = models.DateField(null=True, blank=True)
    meeting_date = models.DateField(null=True, blank=True)
    decision_paragraph = models.CharField(
        max_length=20, blank=True, help_text="the paragraph (§) of the committee's minutes that decided it"
    )
    officer = models.CharField(max_length=200, blank=True)
    officer_phone = models.CharField(max_length=50, blank=True)
    recipient = models.CharField(max_length=200, blank=True, help_text="whom the report is addressed to")
    director = models.CharField(max_length=200, blank=True)
    director_title = models.CharField(max_length=200, blank=True)
    summary = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["organisation__code", "period"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "period"], name="report_unique_per_period"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation.code} {self.period}"


class DecisionProposal(models.Model):
    """A numbered proposal on the report's decision page."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="decision_proposals")
    number = models.PositiveSmallIntegerField()
    text = models.TextField()
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="decision_proposal_unique_number"),
            models.CheckConstraint(
                condition=models.Q(number__gte=1), name="decision_proposal_number_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"Förslag till beslut {self.number}"


class Attachment(models.Model):
    """A numbered attachment (bilaga) of the report; the file itself is optional."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="attachments")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=500)
    file = models.FileField(upload_to="attachments/%Y/", blank=True)

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="attachment_unique_number"),
        ]

    def __str__(self) -> str:
        return f"Bilaga {self.number}: {self.title}"


class ReportSnapshot(models.Model):
    """The report as decided: the exchange JSON and, once they are rendered, PDF and DOCX.

    Written once when the committee decides, with its exchange JSON; never changed (a reopened
    and decided-again report gets a new snapshot, the old one stays). The PDF and DOCX are
    rendered from that JSON afterwards (``styrkort.workflow.documents``) and stored by
    ``fill_document``, the one write allowed after: it fills a document that is still empty and
    never replaces one.
    """

    report = models.ForeignKey(Report, on_delete=models.PROTECT, related_name="snapshots")
    created = models.DateTimeField(auto_now_add=True)
    created_by = models.CharField(max_length=150, blank=True)
    report_version = models.PositiveIntegerField()
    exchange_json = models.TextField()
    pdf = models.BinaryField(null=True, blank=True)
    docx = models.BinaryField(null=True, blank=True)

    class Meta:
        ordering = ["report", "-created", "-id"]

    def __str__(self) -> str:
        return f"{self.report} beslutad {self.created:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise ValueError("en beslutad rapports ögonblicksbild kan inte ändras")
        super().save(*args, **kwargs)

    @classmethod
    def fill_document(cls, pk: int, kind: str, content: bytes) -> bool:
        """Store the snapshot's ``kind`` ("pdf" or "docx") if it has none yet; whoever comes first
        wins (one guarded UPDATE), a stored document is never changed. True when this call stored it."""
        if kind not in ("pdf", "docx"):
            raise ValueError(f"okänt dokument ”{kind}”")
        if not content:
            raise ValueError("ett tomt dokument sparas inte")
        return bool(cls.objects.filter(pk=pk, **{f"{kind}__isnull": True}).update(**{kind: content}))


class Reopening(models.Model):
    """An administrator's reopening of a decided report, with the written reason."""

    report = models.ForeignKey(Report, on_delete=models.PROTECT, related_name="reopenings")
    at = models.DateTimeField(auto_now_add=True)
    by = models.CharField(max_length=150)
    reason = models.TextField()

    class Meta:
        ordering = ["report", "-at"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(reason=""), name="reopening_has_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.report} återöppnad {self.at:%Y-%m-%d} av {self.by}"


class ReadyMark(models.Model):
    """A reporter's statement that their parts of a report are ready."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="ready_marks")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["report", "at"]
        constraints = [
            models.UniqueConstraint(fields=["report", "user"], name="ready_mark_unique_per_user"),
        ]

    def __str__(self) -> str:
        return f"{self.user} klar med {self.report}"


class ReportCounts(models.Model):
    """What the consistency check finds in a report (its findings and how many errors and
    warnings) and how many of its goals are assessed, as computed after the report's last change
    (``styrkort.storage.counts``): the city view and the overview read these instead of loading
    and checking whole reports. No row: not computed yet."""

    report = models.OneToOneField(Report, on_delete=models.CASCADE, primary_key=True, related_name="counts")
    errors = models.PositiveIntegerField()
    warnings = models.PositiveIntegerField()
    goals = models.PositiveIntegerField(help_text="goals in the report")
    assessed = models.PositiveIntegerField(help_text="goals with an assessment")
    findings = models.JSONField(default=list, help_text="the check's findings, as the overview shows them")
    overview = models.JSONField(
        default=dict,
        blank=True,
        help_text="what the overview shows of the goals (storage.overview); {}: not yet",
    )
    computed = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.report_id}: {self.errors} fel, {self.warnings} varningar"
