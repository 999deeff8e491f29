"""How the build starts its worker processes, and how they end with it.

Workers ignore Ctrl-C (the build's process handles it once and stops them: no traceback
from every worker) and end when the build's process ends, however it ends (a worker left
blocked on its queue after a `kill -9` of the build would hold its memory for good).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import multiprocessing
import os
import signal
import threading
import time
from multiprocessing.context import BaseContext

__all__ = ["fresh_context", "is_alive", "prepare_worker", "worker_context"]

_PR_SET_PDEATHSIG = 1  # linux/prctl.h


def worker_context() -> BaseContext:
    """Fork where the platform can (a worker inherits what its parent loaded: the spaCy
    pipeline, the compiled shapes), else spawn."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def fresh_context() -> BaseContext:
    """Workers that start as a new interpreter (spawn), for pools started late in a build.

    A worker forked from a process holding a large corpus shares its pages only until
    either side touches them: reference counts and the collector's passes copy them page
    by page, and two Turtle writers forked at the end of a 10,000-article build added
    about 800 MB. A spawned worker is a new interpreter holding only what it imports."""
    return multiprocessing.get_context("spawn")


def is_alive(pid: int) -> bool:
    """Whether a process with this id is running (one of another user counts)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def prepare_worker() -> None:
    """Run first in every worker: ignore Ctrl-C, end when the parent process ends."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parent = os.getppid()
    if _die_with_parent():
        return

    # Elsewhere, a thread notices the parent's end (the worker is re-parented).
    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, name="kg-parent-watch", daemon=True).start()


def _die_with_parent() -> bool:
    """Ask Linux to send this process SIGTERM when its parent ends; False where it cannot."""
    name = ctypes.util.find_library("c")
    if name is None:
        return False
    try:
        libc = ctypes.CDLL(name, use_errno=True)
        return bool(libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0) == 0)
    except (OSError, AttributeError):
        return False
