"""Work spread over forked processes gives what one process gives, in the same order."""

from __future__ import annotations

import os
import threading

import pytest

from generator import parallel


def _worker_pid(item: int) -> tuple[int, int]:
    return item * item, os.getpid()


def test_results_come_back_in_order_from_several_processes() -> None:
    if not parallel.can_fork():
        pytest.skip("this platform does not fork")  # Linux CI always forks
    results = parallel.ordered_map(_worker_pid, list(range(50)), workers=3)
    assert [square for square, _ in results] == [n * n for n in range(50)]
    pids = {pid for _, pid in results}
    assert os.getpid() not in pids  # computed in the workers


def test_one_worker_and_few_items_run_in_this_process() -> None:
    assert {pid for _, pid in parallel.ordered_map(_worker_pid, [1, 2, 3], workers=1)} == {
        os.getpid()
    }
    few = list(range(parallel.MIN_ITEMS - 1))
    assert {pid for _, pid in parallel.ordered_map(_worker_pid, few)} == {os.getpid()}
    assert parallel.ordered_map(_worker_pid, [], workers=4) == []


def test_no_fork_while_another_thread_runs() -> None:
    release = threading.Event()
    thread = threading.Thread(target=release.wait)
    thread.start()
    try:
        assert not parallel.can_fork()
        results = parallel.ordered_map(_worker_pid, list(range(10)), workers=2)
        assert {pid for _, pid in results} == {os.getpid()}
    finally:
        release.set()
        thread.join()
