"""Expected-output files beside their inputs, refreshed with ``pytest --update-golden``."""

from __future__ import annotations

from pathlib import Path


def check(expected_file: Path, actual: str, update: bool) -> None:
    if update or not expected_file.exists():
        expected_file.write_text(actual, encoding="utf-8")
        if not update:
            raise AssertionError(f"{expected_file} was missing; written, check it in")
    expected = expected_file.read_text(encoding="utf-8")
    assert actual == expected, f"output differs from {expected_file.name}"
