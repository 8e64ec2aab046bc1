"""Map a function over many items on every core the process may use.

Reading a thousand records is most of ``handbook validate``; the files are independent, so
they are read in forked worker processes, a contiguous slice each, and the results come back
in the items' order. Where forking is not safe (not Linux, or other threads running, as under
``mkdocs serve``) or would not pay (few items, one core), it runs in this process instead:
the results are the same either way.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

MIN_ITEMS = 200  # below this, starting workers costs more than it saves
MAX_WORKERS = 8


def available_workers() -> int:
    """How many processes may usefully run at once here."""
    if hasattr(os, "sched_getaffinity"):
        cores = len(os.sched_getaffinity(0))
    else:  # pragma: no cover - not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, MAX_WORKERS))


def workers_for(count: int) -> int:
    """How many workers pay for ``count`` independent pieces of work (records, practices)."""
    return available_workers() if count >= MIN_ITEMS else 1


def can_fork() -> bool:
    """Forking is safe: Linux, and no other thread that a child could inherit mid-lock."""
    return (
        sys.platform.startswith("linux")
        and "fork" in multiprocessing.get_all_start_methods()
        and threading.active_count() == 1
    )


def ordered_map(
    function: Callable[[T], R], items: Sequence[T], workers: int | None = None
) -> list[R]:
    """``[function(item) for item in items]``, in worker processes when that is faster.

    ``workers``: None decides from the cores and the number of items; 1 runs here; more
    forces that many workers (where forking is safe), which is how the tests reach both paths.
    The workers inherit ``function`` and ``items`` when they are forked, so neither needs to
    be picklable (a closure over a whole catalog is fine); only the results travel back.
    """
    global _work
    if workers is None:
        workers = workers_for(len(items))
    workers = min(workers, len(items))
    if workers <= 1 or not can_fork():
        return [function(item) for item in items]
    size = -(-len(items) // workers)  # ceiling division: one contiguous slice per worker
    bounds = [(start, min(start + size, len(items))) for start in range(0, len(items), size)]
    context = multiprocessing.get_context("fork")
    _work = (function, items)
    try:
        # The pool forks its workers on the first task, before it starts its own thread.
        with ProcessPoolExecutor(max_workers=len(bounds), mp_context=context) as pool:
            return [result for part in pool.map(_apply, bounds) for result in part]
    finally:
        _work = None


# What the workers run, set just before they are forked: they inherit it.
_work: tuple[Callable[[Any], Any], Sequence[Any]] | None = None


def _apply(bounds: tuple[int, int]) -> list[Any]:
    assert _work is not None, "a worker forked outside ordered_map"
    function, items = _work
    return [function(item) for item in items[bounds[0] : bounds[1]]]
