"""The decided documents: a snapshot's PDF and DOCX, rendered from its exchange JSON.

Deciding (``transitions.decide``) stores the ``ReportSnapshot`` with its exchange JSON, the frozen
record of the decision, and enqueues in the same transaction the task that renders its PDF and
DOCX (``workflow/tasks.py``). The documents are made from that JSON alone
(``report_data_from_snapshot``, decided: no "UTKAST"), so they show exactly what was decided,
whoever makes them and whenever: the background worker (``make_documents``), a download that comes
first (``make_document``, called by ``styrkort.web.rendering``) or a batch render. Each is stored
with ``ReportSnapshot.fill_document``: only into an empty column, so the first one stored stays
and every later render is dropped.
"""

from __future__ import annotations

import logging

from django.db.models import BooleanField, ExpressionWrapper, Q

from styrkort.followup.models import ReportSnapshot
from styrkort.reports.build import report_data_from_snapshot
from styrkort.reports.data import ReportData
from styrkort.reports.docx import render_docx
from styrkort.reports.pdf import render_pdf_in_subprocess

logger = logging.getLogger(__name__)

KINDS = ("pdf", "docx")


def render_decided(data: ReportData, kind: str) -> bytes:
    """The decided report as PDF (by this process's warm render worker) or DOCX bytes."""
    if kind == "pdf":
        return render_pdf_in_subprocess(data)
    if kind == "docx":
        return render_docx(data)
    raise ValueError(f"okänt dokument ”{kind}”")


def missing_documents(snapshot_id: int) -> tuple[str, ...]:
    """The snapshot's documents not stored yet (without reading the stored bytes)."""
    flags = {kind: ExpressionWrapper(Q(**{f"{kind}__isnull": True}), BooleanField()) for kind in KINDS}
    row = ReportSnapshot.objects.filter(pk=snapshot_id).values_list(*flags.values()).get()
    return tuple(kind for kind, missing in zip(KINDS, row, strict=True) if missing)


def make_documents(snapshot_id: int) -> dict[str, str]:
    """Render and store the snapshot's missing documents; per document what happened: "rendered",
    "stored before" (nothing rendered) or "stored meanwhile" (another process stored it first;
    this render was dropped). Running it again renders nothing."""
    missing = missing_documents(snapshot_id)
    done = {kind: "stored before" for kind in KINDS if kind not in missing}
    if missing:
        exchange = ReportSnapshot.objects.values_list("exchange_json", flat=True).get(pk=snapshot_id)
        data = report_data_from_snapshot(exchange)
        for kind in missing:
            content = render_decided(data, kind)
            stored = ReportSnapshot.fill_document(snapshot_id, kind, content)
            done[kind] = "rendered" if stored else "stored meanwhile"
    logger.info("decided documents", extra={"snapshot": snapshot_id, **done})
    return done


def make_document(snapshot_id: int, kind: str) -> bytes:
    """One document of the snapshot as stored: rendered now and stored if it was missing; when
    another process stored it meanwhile, the stored one (never two versions of a decided document)."""
    row = ReportSnapshot.objects.values_list(kind, "exchange_json").get(pk=snapshot_id)
    if row[0] is not None:
        return bytes(row[0])
    content = render_decided(report_data_from_snapshot(row[1]), kind)
    if ReportSnapshot.fill_document(snapshot_id, kind, content):
        logger.info("decided document rendered on request", extra={"snapshot": snapshot_id, "kind": kind})
        return content
    return bytes(ReportSnapshot.objects.values_list(kind, flat=True).get(pk=snapshot_id))
