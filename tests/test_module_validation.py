"""Training modules are validated like records: each invalid case is a named fixture with its
expected error lines beside it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.catalog.catalog import load_catalog
from generator.load.project import Project
from generator.outputs.training import agenda
from generator.problems import errors
from tests.conftest import FIXTURES, check_invalid_content, copy_project

INVALID = sorted((FIXTURES / "modules" / "invalid").glob("*.yaml"))


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("modules") / "project")
    for shipped in (project / "content" / "modules").glob("*.yaml"):
        shipped.unlink()  # only the case under test, so its errors stand alone
    (project / "content" / "modules").mkdir(parents=True, exist_ok=True)
    return project


@pytest.mark.parametrize("case", INVALID, ids=[p.stem for p in INVALID])
def test_invalid_module_gives_located_errors(
    project: Path, case: Path, update_golden: bool
) -> None:
    catalog = check_invalid_content(project, "modules", case, update_golden)
    assert catalog.modules == []


def test_fixture_module_is_valid(project: Path) -> None:
    target = project / "content" / "modules" / "demo-module.yaml"
    shutil.copy(FIXTURES / "modules" / "demo-module.yaml", target)
    try:
        catalog, problems = load_catalog(Project(project))
    finally:
        target.unlink()
    assert errors(problems) == []
    assert [m.id for m in catalog.modules] == ["demo-module"]


def test_prerequisite_cycle_is_an_error(project: Path) -> None:
    folder = project / "content" / "modules"
    text = (FIXTURES / "modules" / "demo-module.yaml").read_text("utf-8")
    for this, other in (("first", "second"), ("second", "first")):
        (folder / f"{this}.yaml").write_text(
            text.replace("id: demo-module", f"id: {this}").replace(
                'start_time: "13:30"', f'start_time: "13:30"\nprerequisites: [{other}]'
            ),
            "utf-8",
        )
    try:
        _, problems = load_catalog(Project(project))
    finally:
        for name in ("first", "second"):
            (folder / f"{name}.yaml").unlink()
    assert [p.format(relative_to=folder) for p in errors(problems)] == [
        "first.yaml:9:16: prerequisites: module 'first' needs itself through its "
        "prerequisites; expected no cycle",
        "second.yaml:9:16: prerequisites: module 'second' needs itself through its "
        "prerequisites; expected no cycle",
    ]


def test_unquoted_start_time_is_a_time_of_day(project: Path) -> None:
    """YAML 1.1 reads 10:30 as the number 630 (sexagesimal); editors and the loader read text."""
    target = project / "content" / "modules" / "demo-module.yaml"
    text = (FIXTURES / "modules" / "demo-module.yaml").read_text("utf-8")
    target.write_text(text.replace('start_time: "13:30"', "start_time: 10:30"), "utf-8")
    try:
        catalog, problems = load_catalog(Project(project))
    finally:
        target.unlink()
    assert errors(problems) == []
    [module] = catalog.modules
    assert module.start_time == "10:30"
    assert [(slot.start, slot.end) for slot in agenda(module)] == [
        ("10:30", "10:45"),
        ("10:45", "11:15"),
    ]
