"""The report's documents (JSON, PDF, DOCX and the HTML of the reading view), within bounds.

- A decided report is read from its snapshot (``ReportSnapshot.exchange_json`` and the PDF and
  DOCX stored with it), never from live data: a goal description edited later, through another
  period's report, does not change what was decided. The background worker renders a snapshot's
  PDF and DOCX after the decision (``styrkort.workflow.documents``); a download that comes first
  renders that document from the snapshot's JSON in the request, through the same function, and
  stores it (the first one stored wins); one request per document renders, the others wait for it.
- A draft is rendered once per report version and data: the cache key holds the report's
  version and a hash of its exchange document, so any saved change renders anew and nothing
  else does. Parallel requests for the same document wait for the first to finish rendering
  (a lock file per key) and then read it from the cache (``CACHES["documents"]``).
- At most ``STYRKORT_RENDER_SLOTS`` renders run at once on the machine (lock files shared by
  every worker process); a request that finds no free slot within
  ``STYRKORT_RENDER_WAIT_SECONDS`` gets ``RenderBusy`` (the view answers 503 with Retry-After
  and "försök igen" in Swedish).
"""

from __future__ import annotations

import fcntl
import hashlib
import logging
import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.db.models.functions import Length

from styrkort.domain import document as d
from styrkort.exchange.document import to_json
from styrkort.followup.models import Report, ReportSnapshot
from styrkort.reports.build import report_data_from_followup, report_data_from_snapshot
from styrkort.reports.docx import render_docx
from styrkort.reports.html import render_html_fragment
from styrkort.reports.pdf import render_pdf_in_subprocess
from styrkort.storage.load import followup_from_report
from styrkort.workflow import documents

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 15
SNAPSHOT_COLUMNS = {"json": "exchange_json", "pdf": "pdf", "docx": "docx"}
RENDERERS: dict[str, Callable[[Any], Any]] = {
    "pdf": render_pdf_in_subprocess,
    "docx": render_docx,
    "html": render_html_fragment,
}


class RenderBusy(Exception):
    """Every render slot stayed taken while the request waited."""

    def __init__(self) -> None:
        super().__init__("Många dokument skapas just nu. Försök igen om en stund.")


class DocumentFailed(Exception):
    """A decided document could not be rendered in the request (the cause is logged and chained)."""

    def __init__(self, kind: str) -> None:
        super().__init__(
            f"{'PDF' if kind == 'pdf' else 'Word'}-filen för den beslutade rapporten kunde inte skapas just nu."
        )


def decided_snapshot(report: Report) -> ReportSnapshot | None:
    """The snapshot in force for a decided report (None for any other state), without its documents."""
    if report.state != Report.State.DECIDED:
        return None
    return report.snapshots.defer("pdf", "docx").first()


def document(report: Report, kind: str) -> str | bytes:
    """The report as ``kind`` (json, pdf, docx, html): the decided snapshot's, or the draft's.

    A decided report's stored document is read alone (one query for one column of the newest
    snapshot, not the snapshot's other documents); one not stored yet is rendered from the
    snapshot and stored (``decided_document``)."""
    if report.state == Report.State.DECIDED:
        column = SNAPSHOT_COLUMNS.get(kind, "exchange_json")
        found = report.snapshots.values_list("pk", column).first()
        if found is not None:
            pk, stored = found
            if kind in SNAPSHOT_COLUMNS and stored is not None:
                return stored if isinstance(stored, str) else bytes(stored)
            if kind in documents.KINDS:
                return decided_document(pk, kind)
            return cached(
                f"decided-{pk}-{kind}",
                lambda: RENDERERS[kind](report_data_from_snapshot(stored)),
            )
    followup = followup_from_report(report)
    exchange = to_json(followup)
    if kind == "json":
        return exchange
    digest = hashlib.sha256(exchange.encode("utf-8")).hexdigest()[:32]
    key = f"draft-{report.pk}-v{report.version}-{digest}-{kind}"
    return cached(key, lambda: _render(kind, followup))


def decided_file(report: Report, kind: str) -> tuple[Path, str] | None:
    """A decided report's PDF or DOCX as a file, with its ETag; None when the report is not
    decided (or has no snapshot) or ``kind`` is neither.

    The snapshot in force never changes (a new decision makes a new one) and its documents are
    stored once, so each is written once to ``VAR_DIR/snapshots/`` and served from there: a
    download costs one small query (the snapshot's key and time, which name the file, and the
    stored document's length, which PostgreSQL and SQLite read without the bytes). A file whose
    size is not that length (absent, or left cut short) is written anew from the database, whole
    under a temporary name and renamed, so no one is ever served part of a file; a document not
    stored yet is rendered now (``decided_document``; RenderBusy or DocumentFailed)."""
    if report.state != Report.State.DECIDED or kind not in documents.KINDS:
        return None
    found = report.snapshots.annotate(size=Length(kind)).values_list("pk", "created", "size").first()
    if found is None:
        return None
    pk, created, size = found
    name = f"{pk}-{created:%Y%m%d%H%M%S%f}"
    path = Path(settings.VAR_DIR) / "snapshots" / f"{name}.{kind}"
    if size is None:
        _write_whole(path, decided_document(pk, kind))
    elif not (path.exists() and path.stat().st_size == size):
        _write_whole(path, bytes(ReportSnapshot.objects.values_list(kind, flat=True).get(pk=pk)))
    return path, f'"snapshot-{name}-{kind}"'


def decided_document(snapshot_pk: int, kind: str) -> bytes:
    """A snapshot's PDF or DOCX as stored, rendered now from its JSON and stored if it was not:
    one request per document renders (in a render slot), others asking meanwhile wait and read
    what it stored. RenderBusy when no slot frees up; DocumentFailed when the renderer fails."""
    with _lock(f"decided-{snapshot_pk}-{kind}"):
        stored = ReportSnapshot.objects.values_list(kind, flat=True).get(pk=snapshot_pk)
        if stored is not None:
            return bytes(stored)
        with render_slot():
            try:
                return documents.make_document(snapshot_pk, kind)
            except Exception as error:
                logger.exception(
                    "decided document not rendered", extra={"snapshot": snapshot_pk, "kind": kind}
                )
                raise DocumentFailed(kind) from error


def _write_whole(path: Path, content: bytes) -> None:
    """Write ``path`` through a temporary file beside it, synced and renamed: whole or absent."""
    if not content:
        raise ValueError(f"{path.name}: ett tomt dokument skrivs inte")
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.part")
    try:
        with open(partial, "wb") as file:
            file.write(content)
            file.flush()
            os.fsync(file.fileno())
        partial.replace(path)  # whatever runs at the same time, a reader sees a whole file
    finally:
        partial.unlink(missing_ok=True)


def _render(kind: str, followup: d.FollowUp) -> str | bytes:
    return RENDERERS[kind](report_data_from_followup(followup))


def cached(key: str, make: Callable[[], Any]) -> Any:
    """The cached value for ``key``, made once (by one request, in a free render slot) if absent."""
    store = caches["documents"]
    value = store.get(key)
    if value is not None:
        return value
    with _lock(f"key-{hashlib.sha256(key.encode()).hexdigest()[:24]}"):
        value = store.get(key)
        if value is None:
            with render_slot():
                value = make()
            store.set(key, value)
    return value


def _lock_dir() -> Path:
    folder = Path(settings.VAR_DIR) / "render-locks"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@contextmanager
def _lock(name: str) -> Iterator[None]:
    """An exclusive lock file (shared by every process on the machine), waited for within bounds."""
    with _locked_any([name]):
        yield


@contextmanager
def render_slot() -> Iterator[None]:
    """One of ``STYRKORT_RENDER_SLOTS`` slots; RenderBusy when none frees up in time."""
    with _locked_any([f"slot-{n}" for n in range(max(1, settings.STYRKORT_RENDER_SLOTS))]):
        yield


@contextmanager
def _locked_any(names: list[str]) -> Iterator[None]:
    folder = _lock_dir()
    deadline = time.monotonic() + settings.STYRKORT_RENDER_WAIT_SECONDS
    while True:
        for name in names:
            handle = os.open(folder / f"{name}.lock", os.O_CREAT | os.O_RDWR, 0o600)
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(handle)
                continue
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)
                os.close(handle)
            return
        if time.monotonic() >= deadline:
            raise RenderBusy()
        time.sleep(0.05)
