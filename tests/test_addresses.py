"""The address table: every generated page has its pattern there, so the ids it reserves and
the id lengths it allows cover every page the outputs write."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from generator.addresses import ADDRESSES, SLUG_PATTERN, id_max_length, id_problem
from generator.catalog.catalog import load_catalog
from generator.load.project import Project
from generator.outputs.registry import all_pages
from generator.problems import errors
from tests.conftest import FIXTURES, ROOT, copy_project


def _regex(pattern: str) -> str:
    return SLUG_PATTERN[1:-1].join(re.escape(part) for part in pattern.split("{}"))


def test_every_generated_page_has_an_address() -> None:
    catalog, problems = load_catalog(Project(ROOT))
    assert errors(problems) == []
    paths = [page.path for page in all_pages(catalog, workers=1)]
    assert len(paths) > 50
    unowned = [p for p in paths if not any(re.fullmatch(_regex(a.pattern), p) for a in ADDRESSES)]
    assert unowned == []


@pytest.mark.parametrize(
    ("kind", "value", "taken"),
    [
        ("practice", "index", "practices/index.md"),
        ("checklist", "index", "checklists/index.md"),
        ("checklist", "assessment", "checklists/assessment.md"),
        ("checklist", "phase-during", "checklists/downloads/phase-during.md"),
        ("checklist", "replication-anything", "checklists/downloads/replication-anything.md"),
        ("checklist", "phases", "checklists/phases.md"),
        ("checklist", "replication", "checklists/replication.md"),
        ("checklist", "downloads", "checklists/downloads.md"),
        ("module", "index", "training/index/index.md"),
        ("module", "path", "training/path/index.md"),
    ],
)
def test_ids_that_would_take_a_generated_address_are_refused(
    kind: str, value: str, taken: str
) -> None:
    message = id_problem(kind, value)
    assert message is not None and f"{value!r} would " in message and taken in message


@pytest.mark.parametrize(
    ("kind", "value"),
    [
        ("practice", "p1824-drammen"),
        ("practice", "replication-x"),  # a practice may be called so; a checklist may not
        ("practice", "phase-before"),
        ("checklist", "network-coordination"),
        ("checklist", "phase"),
        ("module", "supported-employment"),
        ("module", "indexes"),
    ],
)
def test_other_ids_are_free(kind: str, value: str) -> None:
    assert id_problem(kind, value) is None


def test_a_practice_id_leaves_room_for_the_ids_made_from_it() -> None:
    assert id_max_length("practice") == 80 - len("replication-")
    assert id_max_length("checklist") == id_max_length("module") == 80


def test_a_page_that_links_out_of_content_is_refused(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    outside = project / "notes" / "outside.md"  # in the project, not in content/
    outside.parent.mkdir()
    outside.write_text("# Not part of the handbook\n", encoding="utf-8")
    (project / "content" / "methodology" / "linked.md").symlink_to(outside)
    case = FIXTURES / "checklists" / "invalid" / "unknown-page.yaml"
    text = case.read_text(encoding="utf-8").replace("no-such-page.md", "linked.md")
    (project / "content" / "checklists" / "unknown-page.yaml").write_text(text, "utf-8")
    _, problems = load_catalog(Project(project))
    assert [p.format(relative_to=project) for p in errors(problems)] == [
        "content/checklists/unknown-page.yaml:9:24: sections.0.items.1.source.page: page is a "
        "link to a file outside content/; expected a Markdown page under content/, such as "
        "methodology/good-practice.md; found 'methodology/linked.md'"
    ]


def test_two_checklist_files_with_one_id_are_refused(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    shipped = project / "content" / "checklists" / "network-coordination.yaml"
    shutil.copy(shipped, shipped.with_suffix(".yml"))
    _, problems = load_catalog(Project(project))
    assert [p.format(relative_to=project) for p in errors(problems)] == [
        "content/checklists/network-coordination.yml:4:5: id: duplicate checklist id "
        "'network-coordination', also used by network-coordination.yaml; expected a unique id"
    ]


def test_a_module_may_hand_out_only_replication_checklists_that_exist(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    record = (FIXTURES / "valid" / "minimal.yaml").read_text(encoding="utf-8")
    (project / "practices" / "minimal.yaml").write_text(record, encoding="utf-8")  # no steps
    module = project / "content" / "modules" / "supported-employment.yaml"
    text = module.read_text(encoding="utf-8")
    assert "handouts:\n" in text
    module.write_text(
        text.replace("handouts:\n", "handouts:\n  - replication-minimal\n"), encoding="utf-8"
    )
    _, problems = load_catalog(Project(project))
    assert [p.message for p in errors(problems)] == [
        "unknown checklist 'replication-minimal'; expected one of "
        + ", ".join(
            sorted(
                [
                    "assessment",
                    "network-coordination",
                    "replication-arbeid-med-bistand",
                    "replication-nav-supported-employment",
                    "replication-p1824-drammen",
                ]
            )
        )
    ]


@pytest.mark.parametrize(
    "page", ["practices/index.md", "checklists/anything.md", "compare/practices.js"]
)
def test_a_content_file_at_a_generated_address_is_refused(tmp_path: Path, page: str) -> None:
    """MkDocs would replace it with the generated page without a word."""
    project = copy_project(tmp_path / "project")
    (project / "content" / page).parent.mkdir(parents=True, exist_ok=True)
    (project / "content" / page).write_text("# An editor's page\n", encoding="utf-8")
    _, problems = load_catalog(Project(project))
    assert [p.format(relative_to=project) for p in errors(problems)] == [
        f"content/{page}:1:1: (file): {page} is the address of "
        f"{next(a.what for a in ADDRESSES if re.fullmatch(_regex(a.pattern), page))}, which "
        "the handbook generates; expected another path under content/"
    ]
