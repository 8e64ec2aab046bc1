"""The live preview (generator.site.preview): after any sequence of saves, the site it serves is
the one a clean ``handbook build`` of the same files writes, byte for byte; a save rebuilds
only what it changed; invalid records leave the last good site as it was and are shown in a
banner whose text stays text."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from generator.commands.cli import main
from generator.load.project import Project
from generator.site.preview import Preview, banner
from generator.site.warm import Built
from tests.conftest import add_hostile, copy_project, tree_digest

Change = Callable[[Path], None]


def _replace(path: str, old: str, new: str) -> Change:
    def change(project: Path) -> None:
        file = project / path
        text = file.read_text("utf-8")
        assert old in text, f"{old!r} not in {path}"
        file.write_text(text.replace(old, new, 1), "utf-8")

    return change


def _append(path: str, text: str) -> Change:
    def change(project: Path) -> None:
        with (project / path).open("a", encoding="utf-8") as file:
            file.write(text)

    return change


def _new_record(project: Path) -> None:
    text = (project / "practices" / "p1824-drammen.yaml").read_text("utf-8")
    text = text.replace("id: p1824-drammen", "id: p1824-copy", 1)
    text = text.replace("title: Prosjekt P1824", "title: Prosjekt P1824 (copy)", 1)
    (project / "practices" / "p1824-copy.yaml").write_text(text, "utf-8")


def _no_new_record(project: Path) -> None:
    (project / "practices" / "p1824-copy.yaml").unlink()


STEPS: list[tuple[str, Change]] = [
    (
        "a summary",
        _replace("practices/p1824-drammen.yaml", "summary: >-\n", "summary: >-\n  Edited."),
    ),
    ("a title", _replace("practices/p1824-drammen.yaml", "title: Prosjekt P1824", "title: P 1824")),
    (
        "a related practice's title",  # arbeid-med-bistand's page lists it among its related
        _replace(
            "practices/nav-supported-employment.yaml",
            "title: Supported Employment at NAV",
            "title: Supported Employment, the national scheme",
        ),
    ),
    (
        "the newest review date",
        _replace(
            "practices/p1824-drammen.yaml", "last_reviewed: 2026-11-23", "last_reviewed: 2026-11-30"
        ),
    ),
    ("a new record", _new_record),
    ("the new record removed", _no_new_record),
    ("a hand-written page", _append("content/methodology/good-practice.md", "\nOne more line.\n")),
    (
        "the abbreviations",  # appended to every hand-written page: content/index.md uses it
        _replace("content/includes/abbreviations.md", "Active labour market policy", "ALM policy"),
    ),
    ("mkdocs.yml", _replace("mkdocs.yml", "site_name: Inclusion Handbook", "site_name: Handbook")),
]


def _clean_build(project: Path, site: Path) -> dict[str, str]:
    shutil.rmtree(site, ignore_errors=True)
    assert main(["build", "--root", str(project), "--site-dir", str(site), "--clean"]) == 0
    return tree_digest(site)


def _rebuilt(preview: Preview) -> Built:
    built = preview.rebuild()
    assert built is not None, preview.problems
    assert built.problems == []
    return built


def _differences(one: dict[str, str], two: dict[str, str]) -> list[str]:
    return sorted(p for p in one.keys() | two.keys() if one.get(p) != two.get(p))


def test_after_every_save_the_preview_is_the_clean_build(tmp_path: Path) -> None:
    project = add_hostile(copy_project(tmp_path / "project"))
    served = tmp_path / "served"
    preview = Preview(Project(project), served)
    first = _rebuilt(preview)
    assert first.written == first.pages
    assert _differences(tree_digest(served), _clean_build(project, tmp_path / "clean")) == []
    for name, change in STEPS:
        change(project)
        built = _rebuilt(preview)
        clean = _clean_build(project, tmp_path / "clean")
        assert _differences(tree_digest(served), clean) == [], f"after saving {name}"
        if name == "a summary":  # the practice page and the pages listing it, not all
            assert 0 < built.written < first.pages / 4, built
        if name == "a related practice's title":
            page = (served / "practices" / "arbeid-med-bistand.html").read_text("utf-8")
            assert "Supported Employment, the national scheme" in page


def test_an_invalid_save_leaves_the_last_good_site_and_says_where(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    served = tmp_path / "served"
    preview = Preview(Project(project), served)
    _rebuilt(preview)
    before = tree_digest(served)
    hostile = '"<img src=x onerror=alert(1)>"'
    _replace("practices/p1824-drammen.yaml", "country: NO", f"country: {hostile}")(project)
    assert preview.rebuild() is None
    assert tree_digest(served) == before
    problems = "\n".join(preview.problems)
    assert re.search(r"p1824-drammen\.yaml:6:\d+: country", problems), problems
    assert "<img src=x onerror=alert(1)>" in problems
    _replace("practices/p1824-drammen.yaml", f"country: {hostile}", "country: NO")(project)
    _replace("practices/p1824-drammen.yaml", "title: Prosjekt P1824", "title: P 1824")(project)
    _rebuilt(preview)
    assert preview.problems == []
    assert _differences(tree_digest(served), _clean_build(project, tmp_path / "clean")) == []


@pytest.mark.parametrize(
    "attack",
    ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "</div><svg onload=alert(1)>"],
)
def test_the_banner_shows_problems_as_text(attack: str) -> None:
    shown = banner([f"practices/x.yaml:1:1: title: {attack}"])
    soup = BeautifulSoup(f"<body>{shown}</body>", "html.parser")
    assert [tag.name for tag in soup.find_all(True)] == ["body", "div"]  # the attack is text
    alert = soup.find("div", attrs={"role": "alert"})
    assert isinstance(alert, Tag)
    assert attack in alert.get_text()
