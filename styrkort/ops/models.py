"""The worker's heartbeat: each running ``styrkort worker`` updates its row every half minute."""

from __future__ import annotations

from django.db import models


class WorkerHeartbeat(models.Model):
    """A worker process, where it runs, and when it was last seen (read by ``/redo/``)."""

    worker_id = models.CharField(max_length=64, primary_key=True)
    host = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    started_at = models.DateTimeField()
    seen_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = "arbetsprocess"
        verbose_name_plural = "arbetsprocesser"

    def __str__(self) -> str:
        return f"{self.worker_id} ({self.host}, pid {self.pid})"
