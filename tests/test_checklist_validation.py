"""Checklists are validated like records: each invalid case is a named fixture with its
expected error lines beside it."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.catalog.catalog import load_catalog
from generator.load.project import Project
from generator.problems import errors
from tests.conftest import FIXTURES, ROOT, check_invalid_content, copy_project

INVALID = sorted((FIXTURES / "checklists" / "invalid").glob("*.yaml"))


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_project(tmp_path_factory.mktemp("checklists") / "project")


@pytest.mark.parametrize("case", INVALID, ids=[p.stem for p in INVALID])
def test_invalid_checklist_gives_located_errors(
    project: Path, case: Path, update_golden: bool
) -> None:
    catalog = check_invalid_content(project, "checklists", case, update_golden)
    assert case.stem not in {c.id for c in catalog.checklists}


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
