"""How the build starts its worker processes."""

from __future__ import annotations

import multiprocessing
from multiprocessing.context import BaseContext

__all__ = ["worker_context"]


def worker_context() -> BaseContext:
    """Fork where the platform can (a worker inherits what its parent loaded: the spaCy
    pipeline, the compiled shapes), else spawn."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")
