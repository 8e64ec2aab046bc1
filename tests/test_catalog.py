from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from generator.catalog.catalog import load_catalog
from generator.load.project import Project
from generator.model.criteria import criteria_set
from generator.problems import Severity, errors
from tests import golden
from tests.conftest import FIXTURES, ROOT, copy_project, in_fresh_python

PROJECTS = sorted(p for p in (FIXTURES / "projects").iterdir() if p.is_dir())


def test_shipped_records_load_without_problems() -> None:
    catalog, problems = load_catalog(Project(ROOT))
    assert errors(problems) == []
    assert [p.id for p in catalog.practices] == [
        "arbeid-med-bistand",
        "nav-supported-employment",
        "p1824-drammen",
    ]
    assert {p.template for p in catalog.practices} == {"igma3", "pes-fiche"}


# The seven criteria of the igma3 good-practice template, in its order.
SEVEN = [
    "effective",
    "sustainable",
    "gender_sensitive",
    "technically_feasible",
    "participatory",
    "replicable",
    "crisis_risk_reduction",
]


def test_every_shipped_record_assesses_all_seven_criteria() -> None:
    """Read as written (the model would fill no gap, but a test of the model cannot tell)."""
    assert [c.id for c in criteria_set().criteria] == SEVEN
    ratings = {r.id for r in criteria_set().ratings}
    files = Project(ROOT).practice_files()
    assert len(files) == 3
    for path in files:
        written = yaml.safe_load(path.read_text("utf-8"))["criteria"]
        assert sorted(written) == sorted(SEVEN), path.name
        assert {a["rating"] for a in written.values()} <= ratings, path.name


@pytest.mark.parametrize("project", PROJECTS, ids=[p.name for p in PROJECTS])
def test_cross_record_checks(project: Path, update_golden: bool) -> None:
    _, problems = load_catalog(Project(project))
    assert errors(problems)
    lines = "".join(p.format(relative_to=project) + "\n" for p in problems)
    golden.check(project / "expected.txt", lines, update_golden)


def test_published_contact_is_a_notice_not_an_error(tmp_path: Path) -> None:
    practices = tmp_path / "practices"
    practices.mkdir()
    text = (FIXTURES / "valid" / "minimal.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "sources:",
        "contacts:\n  - organisation: A municipality\n"
        "    name: Kari Nordmann\n    publish: true\nsources:",
    )
    (practices / "minimal.yaml").write_text(text, encoding="utf-8")
    catalog, problems = load_catalog(Project(tmp_path))
    assert errors(problems) == []
    assert len(catalog.practice_files) == 1
    assert [p.severity for p in problems] == [Severity.NOTICE]
    assert "'Kari Nordmann' will be published" in problems[0].message


def test_missing_practices_folder_is_reported(tmp_path: Path) -> None:
    _, problems = load_catalog(Project(tmp_path))
    assert "expected practices/" in problems[0].message


def test_records_due_for_review_get_a_located_warning(tmp_path: Path) -> None:
    import datetime as dt

    practices = tmp_path / "practices"
    practices.mkdir()
    (tmp_path / "mkdocs.yml").write_text(
        "plugins:\n  - search\n  - handbook:\n      review_after_days: 365\n", "utf-8"
    )
    text = (FIXTURES / "valid" / "minimal.yaml").read_text("utf-8")
    (practices / "minimal.yaml").write_text(
        text.replace("last_reviewed: 2026-11-23", "last_reviewed: 2024-01-01"), "utf-8"
    )
    _, problems = load_catalog(Project(tmp_path), today=dt.date(2026, 11, 23))
    assert errors(problems) == []
    assert [p.format(relative_to=tmp_path) for p in problems] == [
        "practices/minimal.yaml:24:16: last_reviewed: warning: last reviewed 2024-01-01, "
        "1057 days ago (more than 365); check the record against its sources and update "
        "last_reviewed"
    ]
    _, problems = load_catalog(Project(tmp_path), today=dt.date(2024, 6, 1))
    assert problems == []


def test_records_read_in_worker_processes_give_the_same_catalog(tmp_path: Path) -> None:
    """Many files with every kind of problem, read on one process and on three."""
    project = tmp_path / "project"
    (project / "practices").mkdir(parents=True)
    minimal = (FIXTURES / "valid" / "minimal.yaml").read_text(encoding="utf-8")
    for number in range(60):
        text = minimal.replace("id: minimal", f"id: record-{number:02d}")
        if number % 7 == 0:
            text = text.replace("scope: local", "scope: citywide")  # invalid on its own
        if number % 11 == 0:
            text += "related_practices: [no-such-practice]\n"  # a cross-record problem
        (project / "practices" / f"record-{number:02d}.yaml").write_text(text, "utf-8")
    (project / "practices" / "copy.yaml").write_text(
        minimal.replace("id: minimal", "id: record-01"), "utf-8"
    )
    (project / "practices" / "broken.yaml").write_text("id: [unclosed\n", "utf-8")
    (project / "practices" / "wrong.yml").write_text(minimal, "utf-8")
    one, one_problems = load_catalog(Project(project), workers=1)
    messages = "\n".join(p.format(relative_to=project) for p in one_problems)
    three = in_fresh_python(
        f"""
        import json
        from pathlib import Path
        from generator import parallel
        from generator.catalog.catalog import load_catalog
        from generator.load.project import Project
        assert parallel.can_fork()
        project = Path({str(project)!r})
        catalog, problems = load_catalog(Project(project), workers=3)
        print(json.dumps({{
            "messages": "\\n".join(p.format(relative_to=project) for p in problems),
            "files": [[str(f.path), f.practice.model_dump_json()] for f in catalog.practice_files],
        }}))
        """
    )
    assert json.loads(three)["messages"] == messages
    assert json.loads(three)["files"] == [
        [str(e.path), e.practice.model_dump_json()] for e in one.practice_files
    ]
    assert "practices/record-01.yaml:1:5: id: duplicate id 'record-01', also used by copy.yaml" in (
        messages
    )
    assert "unknown practice 'no-such-practice'" in messages
    assert "practices/broken.yaml" in messages and "practices/wrong.yml" in messages
    # copy's name, its duplicate, broken, .yml; 9 scopes; 5 related (record-00 is invalid)
    assert len(errors(one_problems)) == 4 + 9 + 5


@pytest.mark.parametrize(
    ("project", "broken"),
    [
        ("broken-record", {"practices/broken.yaml"}),
        (
            "broken-content",
            {"content/checklists/broken-checklist.yaml", "content/modules/broken-module.yaml"},
        ),
    ],
)
def test_a_broken_file_gives_its_own_errors_only(project: str, broken: set[str]) -> None:
    """Checklists, modules and records refer to the broken files; none adds an error."""
    root = FIXTURES / "projects" / project
    _, problems = load_catalog(Project(root))
    assert {p.file.relative_to(root).as_posix() for p in errors(problems)} == broken


@pytest.mark.parametrize(
    ("old", "new"),
    [("scope: local", "scope: citywide"), ("id: p1824-drammen", "id: [p1824-drammen")],
    ids=["invalid-field", "yaml-syntax-error"],
)
def test_a_broken_shipped_record_gives_its_own_errors_only(
    tmp_path: Path, old: str, new: str
) -> None:
    """The shipped checklists and modules cite Prosjekt P1824 many times over."""
    project = copy_project(tmp_path / "project")
    record = project / "practices" / "p1824-drammen.yaml"
    text = record.read_text(encoding="utf-8")
    assert old in text
    record.write_text(text.replace(old, new, 1), encoding="utf-8")
    _, problems = load_catalog(Project(project))
    assert errors(problems)
    assert {p.file for p in errors(problems)} == {record}
