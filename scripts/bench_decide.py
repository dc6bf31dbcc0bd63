"""The committee's decision as a request, and the decided documents after it (`make bench`).

A fresh SQLite database in a temporary folder is migrated and filled with the demo municipality
(`generate-demo`, `demo-users`). The largest committee's 2026-T1 report is then decided RUNS
times through Django's test client in this process, signed in as its controller (a POST to
``…/arbetsflode/decide/`` with the meeting's date and paragraph), after a warm-up decision (the
render worker started, the imports done); between two decisions an administrator reopens the
report and it is submitted and approved again (not timed). Each step is measured in wall
time, CPU time of this process (``time.process_time``) and CPU time of its child processes (the
warm render worker that compiles PDFs; read from /proc and getrusage). Printed: median and
min–max of each.

Deciding stores the snapshot and enqueues the render of its PDF and DOCX; the background worker
makes them (``styrkort/workflow/documents.py``). So the script also times what follows a
decision, alternately: the worker's task (``styrkort worker --batch``, in this process, its
start included) for a decision whose documents nobody asked for; and the first download of the
decided PDF before the worker ran (rendered in that request), then the worker, which has only
the DOCX left to make.
"""

from __future__ import annotations

import logging
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO / "scripts"), str(REPO)]
from bench_pages import prepare  # noqa: E402 (the page bench's demo database, from this directory)

PERIOD = "2026-T1"
RUNS = 7
TICKS = os.sysconf("SC_CLK_TCK")


def children_cpu() -> float:
    """CPU seconds of this process's children: those ended (getrusage) and those alive (/proc)."""
    ended = resource.getrusage(resource.RUSAGE_CHILDREN)
    total = ended.ru_utime + ended.ru_stime
    me = str(os.getpid())
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[1] == me:  # the parent's pid; utime and stime are fields 14 and 15 of stat
            total += (int(fields[11]) + int(fields[12])) / TICKS
    return total


class Timer:
    def __init__(self) -> None:
        self.wall: list[float] = []
        self.cpu: list[float] = []
        self.child: list[float] = []

    def __enter__(self) -> Timer:
        self._start = (time.perf_counter(), time.process_time(), children_cpu())
        return self

    def __exit__(self, *exc: object) -> None:
        wall, cpu, child = self._start
        self.wall.append(time.perf_counter() - wall)
        self.cpu.append(time.process_time() - cpu)
        self.child.append(children_cpu() - child)

    def show(self, name: str) -> None:
        def spread(values: list[float]) -> str:
            ms = [v * 1000 for v in values]
            return f"{statistics.median(ms):6.0f} ms ({min(ms):5.0f}–{max(ms):5.0f})"

        print(
            f"  {name:<38} wall {spread(self.wall)}  CPU {spread(self.cpu)}"
            f"  render worker CPU {spread(self.child)}"
        )


def run() -> None:
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.test import Client

    from styrkort.demo import LARGEST_COMMITTEE_CODE
    from styrkort.followup.models import Report, ReportSnapshot
    from styrkort.workflow import transitions as workflow

    settings.DEBUG = False
    logging.getLogger("axes").setLevel(logging.WARNING)
    logging.getLogger("styrkort").setLevel(logging.WARNING)
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    controller = Client()
    controller.force_login(get_user_model().objects.get(username="controller"))
    base = f"/rapporter/{LARGEST_COMMITTEE_CODE}/{PERIOD}/"

    def report() -> Report:
        return Report.objects.get(
            organisation__code=LARGEST_COMMITTEE_CODE, period__year=2026, period__kind="T1"
        )

    def approved() -> None:
        current = report()
        if current.state == Report.State.DECIDED:
            workflow.reopen(current, "bench", "mätning")
        workflow.submit_for_review(current, gate=False)
        workflow.approve(current, gate=False)

    def decide() -> None:
        response = controller.post(
            base + "arbetsflode/decide/", {"meeting_date": "2026-05-20", "paragraph": "45"}
        )
        if response.status_code != 302 or report().state != Report.State.DECIDED:
            raise SystemExit(f"the decision failed: {response.status_code}")

    def run_worker() -> None:
        call_command("worker", "--batch", "--no-startup-delay", "--interval", "0", verbosity=0)

    print(f"  {LARGEST_COMMITTEE_CODE} {PERIOD}, {2 * RUNS} decisions after a warm-up; median (min–max)")
    approved()
    decide()  # the warm-up
    run_worker()
    decisions, downloads, both, docx_only = Timer(), Timer(), Timer(), Timer()
    for n in range(2 * RUNS):
        approved()
        with decisions:
            decide()
        if n % 2:
            with downloads:
                response = controller.get(base + "rapport.pdf")
            if response.status_code != 200 or not response.content.startswith(b"%PDF"):
                raise SystemExit(f"the download failed: {response.status_code}")
        with docx_only if n % 2 else both:
            run_worker()
    decisions.show("decide (POST …/arbetsflode/decide/)")
    downloads.show("decided PDF before the worker ran")
    both.show("the worker: PDF and DOCX")
    docx_only.show("the worker after that download: DOCX")
    missing = ReportSnapshot.objects.filter(pdf__isnull=True).count()
    print(f"  snapshots without a PDF after the worker ran: {missing}")


def main() -> None:
    print("\nThe decision: the request and the decided documents (Django test client, SQLite, in process)")
    print(f"  load average before: {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory(prefix="styrkort-bench-decide-") as folder:
        prepare(Path(folder))
        run()
    print(f"  load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
