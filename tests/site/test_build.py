"""How ``handbook build`` shares the cores between the MkDocs runs of its languages."""

from __future__ import annotations

import pytest

from generator.site.build import _slots


def _rounds(runs: int, slots: int) -> list[int]:
    """How many runs build together in each round, when ``slots`` run at once."""
    full, last = divmod(runs, slots)
    return [slots] * full + ([last] if last else [])


def test_seven_languages_on_two_cores_run_four_then_three() -> None:
    # Two at a time would leave the seventh run alone on one core, the other idle.
    assert _slots(7, 2) == 4
    assert _rounds(7, 4) == [4, 3]


@pytest.mark.parametrize("cores", [1, 2, 3, 4, 8])
@pytest.mark.parametrize("runs", range(1, 15))
def test_no_round_leaves_a_core_idle_where_that_can_be_avoided(runs: int, cores: int) -> None:
    slots = _slots(runs, cores)
    assert 1 <= slots <= max(runs, 1)
    assert slots >= min(runs, cores)  # every core has a run, when there are runs enough
    assert slots <= 2 * cores  # each run holds its pages in memory
    can_avoid = any(min(_rounds(runs, s)) >= min(cores, runs) for s in range(cores, 2 * cores + 1))
    if can_avoid:
        assert min(_rounds(runs, slots)) >= min(cores, runs)
