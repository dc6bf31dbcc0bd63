"""A record of each successful Kolada sync: what the next incremental one asks from."""

from __future__ import annotations

from django.db import models


class SyncRun(models.Model):
    """One successful sync of an organisation's annual report of a year (what it fetched, changed, skipped)."""

    organisation_code = models.CharField(max_length=80)
    year = models.PositiveSmallIntegerField()
    started = models.DateTimeField()
    finished = models.DateTimeField(auto_now_add=True)
    from_date = models.DateField(null=True, blank=True, help_text="empty: every value of the year")
    requests = models.PositiveIntegerField(default=0)
    changed = models.PositiveIntegerField(default=0, help_text="figures written")
    skipped = models.JSONField(default=list, blank=True, help_text="locked reports left as they were")
    fetched = models.JSONField(
        default=list, blank=True, help_text='what was asked for, as "area/KPI" ("0180/N15428")'
    )

    class Meta:
        ordering = ["-started"]
        verbose_name = "synkning med Kolada"
        verbose_name_plural = "synkningar med Kolada"
        indexes = [models.Index(fields=["organisation_code", "year", "started"], name="kolada_run_latest")]

    def __str__(self) -> str:
        return f"{self.organisation_code} {self.year} {self.started:%Y-%m-%d %H:%M}"
