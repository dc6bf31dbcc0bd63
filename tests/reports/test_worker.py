"""The warm render worker: one child process kept between renders, replaced after N of them."""

from __future__ import annotations

import os

import pytest

from styrkort.reports import worker
from tests.factories import make_followup


@pytest.fixture
def fresh_worker(settings):
    """A worker that is replaced after 3 renders, started anew for the test and stopped after it."""
    settings.STYRKORT_RENDERS_PER_WORKER = 3
    worker.shutdown()
    yield
    worker.shutdown()


def test_the_worker_is_a_child_process_replaced_after_the_set_number_of_renders(fresh_worker):
    pids = [worker.call(os.getpid) for _ in range(7)]
    assert os.getpid() not in pids
    # 3 renders per child: the same child for three, then a new one; 7 renders take 3 children
    assert pids[0] == pids[1] == pids[2] != pids[3] == pids[4] == pids[5] != pids[6]
    assert len(set(pids)) == 3


def test_pdf_renders_run_in_the_worker_and_recycle_it(fresh_worker):
    from styrkort.reports.build import report_data_from_followup
    from styrkort.reports.pdf import render_pdf_in_subprocess

    report = report_data_from_followup(make_followup())
    first = worker.worker_pid()  # the child's first task: two renders follow in it
    for _ in range(2):
        assert render_pdf_in_subprocess(report).startswith(b"%PDF")
    assert render_pdf_in_subprocess(report).startswith(b"%PDF")  # the first of a new child
    assert worker.worker_pid() != first


def test_start_spawns_the_child_that_then_makes_the_first_render(fresh_worker):
    started = worker.start()  # returns at once; the child starts in the background
    child = started.result(timeout=60)
    assert child != os.getpid()
    assert worker.call(os.getpid) == child


def test_a_child_that_dies_is_reported_and_replaced(fresh_worker):
    with pytest.raises(worker.RenderFailed, match="avbröts"):
        worker.call(os._exit, 1)
    assert worker.call(os.getpid) != os.getpid()


def test_the_setting_defaults_to_ten_renders():
    from django.conf import settings

    assert settings.STYRKORT_RENDERS_PER_WORKER == 10 or "STYRKORT_RENDERS_PER_WORKER" in os.environ
