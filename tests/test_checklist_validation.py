"""Checklists are validated like records: each invalid case is a named fixture with its
expected error lines beside it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.catalog import load_catalog
from generator.problems import errors
from generator.project import Project
from tests import golden
from tests.conftest import FIXTURES, ROOT, copy_project

INVALID = sorted((FIXTURES / "checklists" / "invalid").glob("*.yaml"))


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_project(tmp_path_factory.mktemp("checklists") / "project")


@pytest.mark.parametrize("case", INVALID, ids=[p.stem for p in INVALID])
def test_invalid_checklist_gives_located_errors(
    project: Path, case: Path, update_golden: bool
) -> None:
    target = project / "content" / "checklists" / case.name
    shutil.copy(case, target)
    try:
        catalog, problems = load_catalog(Project(project))
    finally:
        target.unlink()
    mine = [p for p in problems if p.file.name == case.name]
    assert errors(mine)
    assert case.stem not in {c.id for c in catalog.checklists}
    lines = "".join(p.format(relative_to=project / "content" / "checklists") + "\n" for p in mine)
    golden.check(case.with_suffix(".expected"), lines, update_golden)


def test_shipped_checklists_are_valid() -> None:
    catalog, problems = load_catalog(Project(ROOT))
    assert errors(problems) == []
    assert [c.id for c in catalog.checklists] == ["network-coordination"]
    titles = [s.title for s in catalog.checklists[0].sections]
    assert titles == [
        "Roles and responsibilities",
        "Coordinating team",
        "Youth team",
        "Referral committee",
        "Partnership agreements",
        "Communication",
        "Regular review",
    ]
