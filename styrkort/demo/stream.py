"""The demo's documents made in a child process while the caller stores them (``generate-demo``).

Making the documents (prose, figures: pure Python) and storing them (Django, PostgreSQL) each
take a good part of a large demo's time; in two processes they overlap, on two cores. The child
runs ``generate_by_committee`` and hands over one committee's documents at a time through a
bounded queue, so at most ``AHEAD`` committees wait in memory, whatever the number of
committees and municipalities. The documents are exactly ``generate_by_committee``'s (pickled
frozen dataclasses). The child is started with ``spawn`` (the parent holds a database connection)
and is stopped when the caller stops reading, whether it finished or failed.
"""

from __future__ import annotations

import multiprocessing
import queue
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from styrkort.domain.document import FollowUp

from .generate import generate_by_committee

AHEAD = 8  # committees made ahead of the one being stored
_DONE = "done"


def _produce(out: Any, arguments: tuple[Any, ...]) -> None:
    try:
        for reports in generate_by_committee(*arguments):
            out.put(reports)
        out.put(_DONE)
    except BaseException:  # the parent raises it
        out.put(("failed", traceback.format_exc()))


@contextmanager
def documents_made_aside(
    seed: int, committees: int, municipalities: int = 1, years: tuple[int, ...] = (2025, 2026)
) -> Iterator[Iterator[FollowUp]]:
    """``generate_by_committee``'s documents, one after another, made in a child process."""
    context = multiprocessing.get_context("spawn")
    handover = context.Queue(maxsize=AHEAD)
    child = context.Process(
        target=_produce,
        args=(handover, (seed, committees, years, municipalities)),
        name="styrkort-demo-documents",
        daemon=True,
    )
    child.start()

    def documents() -> Iterator[FollowUp]:
        while True:
            try:
                item = handover.get(timeout=5)
            except queue.Empty:
                if not child.is_alive():
                    raise RuntimeError("the process making the demo's documents stopped") from None
                continue
            if item == _DONE:
                return
            if isinstance(item, tuple):
                raise RuntimeError(f"making the demo's documents failed:\n{item[1]}")
            yield from item

    try:
        yield documents()
    finally:
        if child.is_alive():
            child.terminate()
        child.join(timeout=10)
        handover.close()
        handover.cancel_join_thread()
