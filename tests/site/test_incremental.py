"""Incremental ``handbook build`` (generator.site.warm, generator.build_cache): after any sequence
of edits, a build that reuses the previous one gives the files a clean build gives, byte for
byte; it writes again only what changed; and it trusts nothing it did not write itself: a
site changed by hand, a state of another site, a damaged or foreign cache."""

from __future__ import annotations

import os
import pickle
import re
import shutil
from pathlib import Path

import pytest

from generator.build_cache import cache_folder, code_key
from generator.commands.cli import main
from generator.load.project import Project
from generator.site.warm import state_key
from tests.conftest import add_hostile, copy_project, tree_digest
from tests.site.test_preview import STEPS, _differences, _replace

UNRELATED = "glossary.html"  # a page that no edit of a record changes
EDITED = "practices/p1824-drammen.html"


def _build(project: Path, site: Path, *options: str) -> dict[str, str]:
    assert main(["build", "--root", str(project), "--site-dir", str(site), *options]) == 0
    return tree_digest(site)


def _clean(project: Path, site: Path) -> dict[str, str]:
    shutil.rmtree(site, ignore_errors=True)
    return _build(project, site, "--clean")


def _inodes(site: Path) -> dict[str, int]:
    return {p.relative_to(site).as_posix(): p.stat().st_ino for p in site.rglob("*.html")}


def test_after_every_edit_the_incremental_build_is_the_clean_build(tmp_path: Path) -> None:
    project = add_hostile(copy_project(tmp_path / "project"))
    site, clean = tmp_path / "site", tmp_path / "clean"
    assert _differences(_build(project, site), _clean(project, clean)) == []
    for name, change in STEPS:
        before = _inodes(site)
        change(project)
        built = _build(project, site)
        assert _differences(built, _clean(project, clean)) == [], f"after editing {name}"
        after = _inodes(site)
        if name == "a summary":  # the practice page anew; the unrelated pages taken as they were
            assert after[EDITED] != before[EDITED]
            assert after[UNRELATED] == before[UNRELATED]
            kept = sum(after[page] == before.get(page) for page in after)
            assert kept > len(after) * 3 / 4, (kept, len(after))
        if name == "mkdocs.yml":  # the configuration: every page anew
            assert not set(after.items()) & set(before.items())


def test_a_changed_theme_override_makes_every_page_anew(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    site = tmp_path / "site"
    _build(project, site)
    before = _inodes(site)
    _replace("overrides/main.html", "{% extends", "{#- edited -#}\n{% extends")(project)
    built = _build(project, site)
    assert not set(_inodes(site).items()) & set(before.items())
    assert _differences(built, _clean(project, tmp_path / "clean")) == []


def test_a_page_changed_in_the_site_by_hand_is_made_anew(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    site = tmp_path / "site"
    first = _build(project, site)
    page = site / UNRELATED
    page.write_bytes(page.read_bytes().replace(b"</body>", b"<p>hand-made</p></body>"))
    assert _differences(_build(project, site), first) == []


def test_another_site_folder_in_its_place_is_not_reused(tmp_path: Path) -> None:
    """The kept state describes the folder it was built into: a copy put in its place (with
    changed pages, and the same sizes and times) is not taken for it."""
    project = copy_project(tmp_path / "project")
    site = tmp_path / "site"
    first = _build(project, site)
    copy = tmp_path / "copy"
    shutil.copytree(site, copy)
    page = copy / UNRELATED
    stat = page.stat()
    data = page.read_bytes().replace(b"Glossary", b"Glossarx", 1)
    page.write_bytes(data)
    os.utime(page, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    shutil.rmtree(site)
    copy.rename(site)
    assert _differences(_build(project, site), first) == []


class _Planted:
    """A pickle that, once read, would run a command."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return os.system, (f"touch {self.marker}",)


@pytest.mark.parametrize("damage", ["garbage", "truncated", "planted in a shared folder"])
def test_a_damaged_or_foreign_cache_is_not_used(tmp_path: Path, damage: str) -> None:
    project = copy_project(tmp_path / "project")
    site = tmp_path / "site"
    first = _build(project, site)
    folder = cache_folder(site)
    assert folder is not None
    kept = sorted(folder.iterdir())
    assert [p.name for p in kept] == ["records.pickle", "site-en.pickle"]
    marker = tmp_path / "ran"
    for path in kept:
        if damage == "garbage":
            path.write_bytes(os.urandom(4096))
        elif damage == "truncated":
            path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
        else:  # the right key, a hostile pickle, in a folder that others may write to
            key = code_key() if path.name == "records.pickle" else state_key(Project(project))
            path.write_bytes(key + pickle.dumps(_Planted(marker)))
    if damage == "planted in a shared folder":
        folder.chmod(0o777)
    _replace("practices/p1824-drammen.yaml", "title: Prosjekt P1824", "title: P 1824")(project)
    built = _build(project, site)
    assert not marker.exists()
    assert _differences(built, _clean(project, tmp_path / "clean")) == []
    assert built != first


def test_a_failed_build_leaves_the_next_one_right(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    site = tmp_path / "site"
    first = _build(project, site)
    glossary = project / "content" / "glossary.md"
    text = glossary.read_text("utf-8")
    glossary.write_text(text + "\n[broken](no-such-page.md)\n", "utf-8")
    assert main(["build", "--root", str(project), "--site-dir", str(site)]) == 1
    assert tree_digest(site) == first
    glossary.write_text(text.replace("\n", "\n\nOne more line.\n", 1), "utf-8")
    assert _differences(_build(project, site), _clean(project, tmp_path / "clean")) == []


def test_the_build_says_how_much_it_wrote_anew(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(tmp_path / "project")
    site = tmp_path / "site"
    _build(project, site)
    assert "written anew" not in capsys.readouterr().out  # the first build: all of them
    _replace("practices/p1824-drammen.yaml", "summary: >-\n", "summary: >-\n  Edited.")(project)
    _build(project, site)
    said = re.search(
        r"^handbook: (\d+) of (\d+) pages written anew;", capsys.readouterr().out, re.M
    )
    assert said is not None
    assert 0 < int(said[1]) < int(said[2]) / 4, said[0]
    _build(project, site, "--clean")
    assert "written anew" not in capsys.readouterr().out
