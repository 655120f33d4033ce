"""Jobs run side by side in forked processes: the two languages of a build, the halves of a
large portal's files while reading.

A forked process starts with everything its parent had read, without copying it, and its
memory goes back to the system when it ends. Without fork (not Linux or macOS), or with a
single core, the jobs run in this process, one after the other.
"""
from __future__ import annotations

import ctypes
import gc
import multiprocessing
import os
import signal
import sys
import traceback


def side_by_side(jobs: list, first_here: bool = False) -> list:
    """Run the jobs at once and return their results in order. With `first_here`, the first
    job runs in this process while the others run in their own: its result then needs no
    trip through a pipe."""
    if "fork" not in multiprocessing.get_all_start_methods() or (len(jobs) > 1 and (os.cpu_count() or 1) < 2):
        return [job() for job in jobs]
    context = multiprocessing.get_context("fork")
    # The parent's objects are shared with the children, page by page, until a page is
    # written to. A garbage collection in a child writes to every object it visits: frozen,
    # the parent's objects are never visited, and stay shared.
    gc.collect()
    gc.freeze()
    try:
        running = [_start(context, job) for job in (jobs[1:] if first_here else jobs)]
        try:
            results = [jobs[0]()] if first_here else []
        except BaseException:   # the others' work is of no use now: stop them, leave none behind
            for process, _ in running:
                process.kill()
                process.join()
            raise
        failures = []
        for process, receive in running:
            status, value = _result(process, receive)
            (results if status == "ok" else failures).append(value)
    finally:
        gc.unfreeze()
    for failure in failures:
        if isinstance(failure, OSError):   # a full disk, a read-only folder: the caller says so plainly
            raise failure
    if failures:
        raise RuntimeError("\n".join(map(str, failures)))
    return results


def _start(context, job):
    receive, send = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(job, send, os.getpid()), daemon=True)
    process.start()
    send.close()
    return process, receive


def _result(process, receive) -> tuple[str, object]:
    try:
        status, value = receive.recv()
    except EOFError:   # it died without a word (killed, out of memory)
        process.join()
        return "error", f"a process of the build ended with code {process.exitcode}"
    process.join()
    return status, value


def _child(job, send, parent: int) -> None:
    _die_with_parent(parent)
    try:
        send.send(("ok", job()))
    except OSError as err:   # the filesystem's answer, which the parent reports as it is
        send.send(("error", OSError(err.errno, err.strerror, err.filename)))
    except BaseException:   # the parent reports it; a child must never be left half-way silently
        send.send(("error", traceback.format_exc()))
    finally:
        send.close()


def _die_with_parent(parent: int) -> None:
    """A build killed half-way must not leave a process writing into its temporary folder."""
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)   # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
        if os.getppid() != parent:   # the parent died before prctl took effect
            os._exit(1)
