"""The warm render worker: PDFs compiled in a child process that is kept between renders and
replaced after ``STYRKORT_RENDERS_PER_WORKER`` renders (default 10).

Why a child process at all: Typst memoises layouts in the process that compiles, and the
memory grows by about 80 MB for every distinct report; a long-lived web or worker process
would grow without bound. Why not a new process per render (as before): the interpreter's
start-up and the imports of Typst and pikepdf cost about 0.15–0.4 s a render. So each process
that renders (a gunicorn worker, ``styrkort worker``, a batch ``render``) keeps one warm child
(a ``ProcessPoolExecutor`` with one process, started with ``spawn``, never ``fork``: the parent
holds database connections and threads), and the pool replaces that child after the set number
of renders (``max_tasks_per_child``), which returns its memory.

The parent prepares the input (``pdf.typst_input``: printable text, chart SVGs, findings logged
in the parent); the child only compiles it (``pdf.compile_pdf``). A child that dies or a render
that takes longer than its timeout raises ``RenderFailed``; the pool is then thrown away and the
next render starts a fresh child. Safe to call from several threads of one process.
"""

from __future__ import annotations

import atexit
import concurrent.futures
import logging
import multiprocessing
import os
import threading
from concurrent.futures.process import BrokenProcessPool

logger = logging.getLogger(__name__)

DEFAULT_RENDERS_PER_WORKER = 10


class RenderFailed(RuntimeError):
    """The render worker could not make the PDF (the message says why)."""


_lock = threading.Lock()
_pool: concurrent.futures.ProcessPoolExecutor | None = None
_owner: int | None = None  # the pid that made the pool: a forked child must make its own


def renders_per_worker() -> int:
    """How many renders a child makes before it is replaced (the setting, at least 1)."""
    from django.conf import settings

    configured = getattr(settings, "STYRKORT_RENDERS_PER_WORKER", DEFAULT_RENDERS_PER_WORKER)
    return max(1, int(configured))


def _warm() -> None:
    """Run once in each new child: import what a compile and its finishing pass need and find the
    fonts (0.02–0.03 s) before the first render asks."""
    import pikepdf  # noqa: F401
    import typst  # noqa: F401

    from styrkort.reports import pdf

    pdf._typst_fonts()


def _pool_for_this_process() -> concurrent.futures.ProcessPoolExecutor:
    global _pool, _owner
    with _lock:
        if _pool is None or _owner != os.getpid():
            _pool = concurrent.futures.ProcessPoolExecutor(
                max_workers=1,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_warm,
                max_tasks_per_child=renders_per_worker(),
            )
            _owner = os.getpid()
        return _pool


def start() -> concurrent.futures.Future:
    """Start this process's render child now, in the background, and return at once (a gunicorn
    worker calls this when it starts, so that its first PDF does not wait 0.3–0.5 s for a new
    interpreter). The child starts on a task of its own, which counts as one of its renders."""
    return _pool_for_this_process().submit(os.getpid)


def shutdown() -> None:
    """Stop this process's render worker (a new one starts with the next render)."""
    global _pool
    with _lock:
        pool, _pool = _pool, None
    if pool is not None and _owner == os.getpid():
        pool.shutdown(wait=True, cancel_futures=True)


atexit.register(shutdown)


def _discard(pool: concurrent.futures.ProcessPoolExecutor) -> None:
    global _pool
    with _lock:
        if _pool is pool:
            _pool = None
    children = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in children:  # a hung child is stopped
        if process.is_alive():
            process.kill()


def call(function, *arguments, timeout: float = 60):
    """``function(*arguments)`` in the warm child (a module-level function, arguments picklable)."""
    pool = _pool_for_this_process()
    try:
        future = pool.submit(function, *arguments)
    except (BrokenProcessPool, RuntimeError):  # broken or shut down meanwhile: start afresh
        _discard(pool)
        pool = _pool_for_this_process()
        future = pool.submit(function, *arguments)
    try:
        return future.result(timeout=timeout)
    except concurrent.futures.TimeoutError as error:
        _discard(pool)
        raise RenderFailed(f"PDF-filen blev inte klar inom {timeout:.0f} s") from error
    except BrokenProcessPool as error:
        _discard(pool)
        raise RenderFailed("processen som skapar PDF-filen avbröts") from error


def compile_pdf(data: str, timeout: float = 60) -> bytes:
    """The PDF of a prepared Typst input (``pdf.typst_input``), compiled in the warm child."""
    from styrkort.reports import pdf

    return call(pdf.compile_pdf, data, timeout=timeout)


def worker_pid() -> int:
    """The process id of the child that would make the next render (for tests and diagnostics)."""
    return call(os.getpid)
