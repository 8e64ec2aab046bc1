"""Every input that validates must build: the cases that once passed validation and then
crashed the build (or failed it naming generated pages) are refused by validate, and the
build refuses them with the same located message, exit 1 and no traceback."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from generator.commands.cli import main
from tests.conftest import FIXTURES, copy_project

# (where the case goes in the project, the case: a file, or a folder of files)
CASES = {
    "practice-id-index": ("practices", FIXTURES / "invalid" / "index.yaml"),
    "practice-id-of-80-characters": ("practices", FIXTURES / "invalid" / "id-too-long.yaml"),
    "long-ids-that-collide-when-cut": (
        "practices",
        FIXTURES / "projects" / "long-ids-collide" / "practices",
    ),
    "checklist-id-of-a-phase-checklist": (
        "content/checklists",
        FIXTURES / "checklists" / "invalid" / "phase-before.yaml",
    ),
    "checklist-id-of-a-replication-checklist": (
        "content/checklists",
        FIXTURES / "checklists" / "invalid" / "replication-p1824-drammen.yaml",
    ),
    "checklist-page-that-is-a-program": (
        "content/checklists",
        FIXTURES / "checklists" / "invalid" / "page-absolute.yaml",
    ),
}


def id_of(case: Path) -> str:
    found = re.search(r"(?m)^id: (\S+)$", case.read_text("utf-8"))
    assert found is not None
    return found.group(1)


def add_case(project: Path, folder: str, case: Path) -> list[str]:
    """Put the case into ``project``, each file named after its id (as an editor would, so
    that nothing but the case's own fault is found); return the lines validate must print."""
    if case.is_dir():
        for path in case.iterdir():
            shutil.copy(path, project / folder / path.name)
        return (case.parent / "expected.txt").read_text("utf-8").splitlines()
    name = f"{id_of(case)}.yaml"
    shutil.copy(case, project / folder / name)
    lines = case.with_suffix(".expected").read_text("utf-8").splitlines()
    return [f"{folder}/{name}{line.removeprefix(case.name)}" for line in lines]


@pytest.mark.parametrize("name", list(CASES))
def test_validate_refuses_what_the_build_cannot_make(
    tmp_path: Path, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    folder, case = CASES[name]
    project = copy_project(tmp_path / "project")
    expected = add_case(project, folder, case)
    assert expected

    assert main(["validate", "--root", str(project)]) == 1  # a crash would raise here
    err = capsys.readouterr().err
    assert "Traceback" not in err
    for line in expected:
        assert line in err.splitlines(), err

    assert main(["build", "--root", str(project)]) == 1
    out, err = capsys.readouterr()
    assert "Traceback" not in err + out
    for line in expected:
        assert line in err.splitlines(), err
    assert "nothing was built" in err
    assert not (project / "site").exists()
