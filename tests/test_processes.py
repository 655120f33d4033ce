"""Jobs side by side: results in order, failures reported, no process left behind."""
from __future__ import annotations

import functools
import os
import time

import pytest

from generator import processes


def _fail():
    raise ValueError("the job run here failed")


def _write_later(path, seconds):
    time.sleep(seconds)
    path.write_text("still running", encoding="utf-8")
    return os.getpid()


def test_results_come_back_in_order_from_the_processes():
    results = processes.side_by_side([os.getpid, os.getpid, os.getpid], first_here=True)
    assert results[0] == os.getpid() and len(set(results)) == 3


def test_a_failing_job_run_here_stops_the_others(tmp_path):
    started = time.monotonic()
    with pytest.raises(ValueError, match="run here failed"):
        processes.side_by_side([_fail, functools.partial(_write_later, tmp_path / "late", 3)], first_here=True)
    assert time.monotonic() - started < 3
    time.sleep(4)   # the other job, had it been left running, would have written by now
    assert not (tmp_path / "late").exists()


def test_a_failing_process_is_reported_with_its_traceback():
    with pytest.raises(RuntimeError, match="ValueError: the job run here failed"):
        processes.side_by_side([os.getpid, _fail])
