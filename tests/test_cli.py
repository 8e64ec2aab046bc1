from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.cli import main
from tests.conftest import FIXTURES, ROOT


def test_validate_shipped_records(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--root", str(ROOT)]) == 0
    assert "3 practice(s) valid" in capsys.readouterr().out


def test_validate_reports_all_errors_of_all_files_in_one_pass(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    practices = tmp_path / "practices"
    practices.mkdir()
    for name in ("bad-enum", "wrong-type", "several-errors", "python-tag"):
        shutil.copy(FIXTURES / "invalid" / f"{name}.yaml", practices)
    assert main(["validate", "--root", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert lines[-1] == "handbook: 7 error(s) in 4 file(s)"
    assert (
        "practices/bad-enum.yaml:7:8: scope: expected one of pilot, local, regional, "
        "national; found 'nationwide' (did you mean 'national'?)" in lines
    )


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["frobnicate"],
        ["validate", "--nope"],
        ["new", "practice"],
        ["new", "practice", "x", "--template", "word"],
        ["validate", "--root", "/no/such/dir"],
    ],
)
def test_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    assert "Traceback" not in capsys.readouterr().err


@pytest.mark.parametrize("command", ["validate", "build", "serve", "generate", "schema", "new"])
def test_every_command_has_help(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([command, "--help"]) == 0
    assert "--root" in capsys.readouterr().out
