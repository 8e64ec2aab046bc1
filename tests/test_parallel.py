"""Work spread over forked processes gives what one process gives, in the same order."""

from __future__ import annotations

import json
import os
import threading

from generator import parallel
from tests.conftest import in_fresh_python


def _worker_pid(item: int) -> tuple[int, int]:
    return item * item, os.getpid()


def test_results_come_back_in_order_from_worker_processes() -> None:
    out = in_fresh_python(
        """
        import json, os
        from generator import parallel
        assert parallel.can_fork(), "Linux, one thread: forking is safe"
        results = parallel.ordered_map(lambda n: (n * n, os.getpid()), list(range(50)), 3)
        print(json.dumps({"results": results, "parent": os.getpid()}))
        """
    )
    data = json.loads(out)
    assert [square for square, _ in data["results"]] == [n * n for n in range(50)]
    assert data["parent"] not in {pid for _, pid in data["results"]}  # made in the workers


def test_workers_inherit_what_cannot_be_pickled() -> None:
    out = in_fresh_python(
        """
        import threading
        from generator import parallel
        lock = threading.Lock()  # neither a lock nor a closure over one can be pickled
        print(parallel.ordered_map(lambda n: (n, lock.locked()), list(range(6)), workers=2))
        """
    )
    assert out.strip() == str([(n, False) for n in range(6)])


def test_one_worker_and_few_items_run_in_this_process() -> None:
    here = os.getpid()
    assert {pid for _, pid in parallel.ordered_map(_worker_pid, [1, 2, 3], workers=1)} == {here}
    few = list(range(parallel.MIN_ITEMS - 1))
    assert {pid for _, pid in parallel.ordered_map(_worker_pid, few)} == {here}
    assert parallel.ordered_map(_worker_pid, [], workers=4) == []


def test_no_fork_while_another_thread_runs() -> None:
    release = threading.Event()
    thread = threading.Thread(target=release.wait)
    thread.start()
    try:
        assert not parallel.can_fork()
        results = parallel.ordered_map(_worker_pid, list(range(10)), workers=2)
        assert [square for square, _ in results] == [n * n for n in range(10)]
        assert {pid for _, pid in results} == {os.getpid()}
    finally:
        release.set()
        thread.join()
