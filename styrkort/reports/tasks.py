"""Background tasks of the reports (the convention: styrkort/ops/tasks.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django_tasks import TaskResult

from styrkort.ops.tasks import background_task, enqueue_once
from styrkort.reports.batch import render_municipality


@background_task(max_attempts=3, backoff=60)
def render_municipality_task(
    *, municipality: str, period: str, output_dir: str, format: str
) -> list[dict[str, Any]]:
    """Every committee's report of the municipality and period into files (reports/batch.py)."""
    written = render_municipality(municipality, period, Path(output_dir), format)
    return [{"organisation": w.organisation_code, "path": str(w.path), "bytes": w.size} for w in written]


def enqueue_render_municipality(municipality: str, period: str, output_dir: Path, format: str) -> TaskResult:
    """Enqueue the batch render once per municipality, period, format and (absolute) folder."""
    folder = str(output_dir.resolve())
    return enqueue_once(
        render_municipality_task,
        f"render:{municipality}:{period}:{format}:{folder}",
        municipality=municipality,
        period=period,
        output_dir=folder,
        format=format,
    )
