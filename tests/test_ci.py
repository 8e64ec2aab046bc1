"""``.ci/run`` runs the README's commands as written: the test command, and the lint, format and
type checks, each on a line of its own so that ``set -e`` fails CI on any finding."""

from __future__ import annotations

import re

from tests.conftest import ROOT


def _sh_blocks(markdown: str) -> list[list[str]]:
    return [b.strip().splitlines() for b in re.findall(r"```sh\n(.*?)```", markdown, re.S)]


def test_ci_runs_the_readmes_test_and_check_commands() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    assert ci.startswith("#!/usr/bin/env bash\n") and "\nset -euo pipefail\n" in ci
    ci_lines = set(ci.splitlines())
    test_command = next(b[0] for b in _sh_blocks(readme) if "pytest" in b[0])
    runs = [part.strip() for part in test_command.split("&&") if "pytest" in part]
    # every test runs: those without a browser on every core, then the browser ones
    assert runs == [
        ".venv/bin/python -m pytest -m 'not browser' -n auto --dist worksteal",
        ".venv/bin/python -m pytest -m browser",
    ]
    assert test_command in ci_lines
    # `set -e` ignores a failure before the last command of an && list: the next line checks
    lines = ci.splitlines()
    after = lines[lines.index(test_command) + 1 :]
    checked = next(line for line in after if not line.startswith("#"))
    assert checked.startswith("[ $? -eq 0 ] || {") and "exit 1" in checked, checked
    checks = [
        part.strip()
        for block in _sh_blocks(readme)
        for line in block
        if "ruff" in line or "mypy" in line
        for part in line.split("&&")
    ]
    assert checks, "the README shows the lint, format and type checks"
    assert {c.split()[0] for c in checks} == {".venv/bin/ruff", ".venv/bin/mypy"}
    assert any("format --check" in c for c in checks) and any("--strict" in c for c in checks)
    for check in checks:
        assert check.endswith("generator tests bench"), check
        assert check in ci_lines, f".ci/run does not run {check!r} on a line of its own"
