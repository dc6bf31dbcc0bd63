"""`styrkort worker`: run background tasks (django-tasks-db's ``db_worker``) with a heartbeat.

Everything ``db_worker`` takes works here (``--queue-name``, ``--batch``, ``--max-tasks``,
``--interval``, ``--worker-id``); two defaults differ: no auto-reload (a production process; pass
``--reload`` while developing) and the worker id is ``host-pid``. While it runs, a thread writes
the worker's heartbeat every ``STYRKORT_WORKER_HEARTBEAT_SECONDS`` (``/redo/`` reads it), also
while a long task runs; a clean stop (SIGTERM, Ctrl-C: the running task finishes first) removes it.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connection
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from styrkort.ops.models import WorkerHeartbeat

logger = logging.getLogger("styrkort.worker")


class Heartbeat(threading.Thread):
    """Writes the worker's row every ``interval`` seconds until stopped, then deletes it."""

    def __init__(self, worker_id: str, interval: float) -> None:
        super().__init__(name=f"heartbeat-{worker_id}", daemon=True)
        self.worker_id = worker_id
        self.interval = interval
        self.started_at = timezone.now()
        self.stopped = threading.Event()

    def beat(self) -> None:
        try:
            WorkerHeartbeat.objects.update_or_create(
                worker_id=self.worker_id,
                defaults={
                    "host": socket.gethostname(),
                    "pid": os.getpid(),
                    "started_at": self.started_at,
                    "seen_at": timezone.now(),
                },
            )
        except DatabaseError:
            logger.warning("the heartbeat could not be written", exc_info=True)
            connection.close()  # a fresh connection at the next beat

    def run(self) -> None:
        try:
            while not self.stopped.wait(self.interval):
                self.beat()
        finally:
            connection.close()

    def stop(self) -> None:
        self.stopped.set()
        self.join(timeout=10)
        try:
            WorkerHeartbeat.objects.filter(worker_id=self.worker_id).delete()
        except DatabaseError:
            logger.warning("the heartbeat could not be removed", exc_info=True)


class Command(DbWorkerCommand):
    help = "Kör bakgrundsjobb (rapportutskrifter m.m.) tills processen stoppas."

    def add_arguments(self, parser: Any) -> None:
        super().add_arguments(parser)
        parser.set_defaults(reload=False, worker_id=f"{socket.gethostname()[:50]}-{os.getpid()}")

    def handle(self, *args: Any, **options: Any) -> None:
        heartbeat = Heartbeat(options["worker_id"], settings.STYRKORT_WORKER_HEARTBEAT_SECONDS)
        heartbeat.beat()  # seen before the first task, then every interval from the thread
        heartbeat.start()
        try:
            super().handle(*args, **options)
        finally:
            heartbeat.stop()
