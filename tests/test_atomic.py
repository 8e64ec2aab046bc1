"""Outputs are written whole or not at all (``generator.atomic``, ``handbook generate``)."""

from __future__ import annotations

import errno
import os
import subprocess
from pathlib import Path

import pytest

from generator import atomic
from generator.commands.cli import main
from generator.outputs.page import Page, write_pages
from generator.site import build as site_build
from tests.conftest import copy_project, tree_digest


def test_a_file_is_replaced_in_one_step_or_left_as_it_was(tmp_path: Path) -> None:
    target = tmp_path / "out" / "practices.csv"
    atomic.write_file(target, "first\r\n")
    assert target.read_bytes() == b"first\r\n"  # line ends as given
    assert oct(target.stat().st_mode & 0o777) == oct(0o666 & ~_umask())
    with pytest.raises(OSError), atomic.staged(target) as unfinished:
        unfinished.write_text("half of the sec", encoding="utf-8")
        raise OSError(errno.ENOSPC, "No space left on device")
    assert target.read_bytes() == b"first\r\n"
    assert sorted(p.name for p in target.parent.iterdir()) == ["practices.csv"]


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def test_export_that_cannot_be_written_leaves_the_old_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    project = copy_project(tmp_path / "project")
    out = tmp_path / "practices.json"
    out.write_text("the last good export\n", encoding="utf-8")

    def full_disk(self: Path, data: bytes) -> int:
        with self.open("wb") as half:
            half.write(data[: len(data) // 2])
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Path, "write_bytes", full_disk)
    code = main(["export", "--root", str(project), "--format", "json", "--out", str(out)])
    assert code == 2
    assert "No space left on device" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "the last good export\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["practices.json", "project"]


CHANGE = "\nA sentence added since the last run.\n"


def _change_home_page(project: Path) -> None:
    home = project / "content" / "index.md"
    home.write_text(home.read_text(encoding="utf-8") + CHANGE, encoding="utf-8")


def test_generate_that_fails_half_way_leaves_the_previous_tree(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    project = copy_project(tmp_path / "project")
    out = tmp_path / "generated"
    assert main(["generate", "--root", str(project), "--out", str(out)]) == 0
    before = tree_digest(out)
    assert {"docs/index.md", "mkdocs.yml", "nav.yml"} <= set(before)
    _change_home_page(project)  # the next tree would differ

    def full_disk(pages: list[Page], docs: Path) -> list[Path]:
        write_pages(pages[:3], docs)
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(site_build, "write_pages", full_disk)  # what generate_tree calls
    assert main(["generate", "--root", str(project), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "No space left on device" in err and "the previous tree is unchanged" in err
    assert tree_digest(out) == before
    assert [p.name for p in out.iterdir() if p.name.startswith(".")] == [".docs.lock"]


def test_generate_replaces_the_tree_and_removes_a_dead_runs_folder(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    out = tmp_path / "generated"
    assert main(["generate", "--root", str(project), "--out", str(out)]) == 0
    dead = subprocess.Popen(["true"])
    dead.wait()
    leftover = out / f".docs-build-{dead.pid}"  # a run killed while writing
    (leftover / "docs").mkdir(parents=True)
    _change_home_page(project)
    assert main(["generate", "--root", str(project), "--out", str(out)]) == 0
    assert not leftover.exists()
    assert (out / "docs" / "index.md").read_text(encoding="utf-8").endswith(CHANGE)
    assert (out / "docs" / "practices" / "p1824-drammen.md").is_file()
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".")) == [".docs.lock"]
