"""Each invalid-input case is a named fixture with its expected error lines beside it."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.catalog import load_practice
from generator.problems import errors
from tests import golden
from tests.conftest import FIXTURES

INVALID = sorted((FIXTURES / "invalid").glob("*.yaml"))


@pytest.mark.parametrize("path", INVALID, ids=[p.stem for p in INVALID])
def test_invalid_record_gives_located_errors(path: Path, update_golden: bool) -> None:
    _, _, problems = load_practice(path)
    assert errors(problems), "an invalid record must report at least one error"
    lines = "".join(p.format(relative_to=path.parent) + "\n" for p in sorted(problems))
    golden.check(path.with_suffix(".expected"), lines, update_golden)


def test_every_fixture_has_its_expected_output() -> None:
    expected = {p.stem for p in (FIXTURES / "invalid").glob("*.expected")}
    assert expected == {p.stem for p in INVALID}


def test_minimal_record_is_valid() -> None:
    _, practice, problems = load_practice(FIXTURES / "valid" / "minimal.yaml")
    assert problems == []
    assert practice is not None
    assert practice.assessments["crisis_risk_reduction"].rating == "not_applicable"
