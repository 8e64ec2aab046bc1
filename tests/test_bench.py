"""The benchmark's synthetic catalogue: valid records, and the same bytes every time."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from generator.commands.cli import main
from tests.conftest import ROOT

MAKE_CORPUS = ROOT / "bench" / "make_corpus.py"


def make_corpus(count: int, out: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(MAKE_CORPUS), str(count), "--out", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_corpus_validates(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "corpus"
    make_corpus(20, out)
    assert len(list((out / "practices").glob("*.yaml"))) == 20
    assert main(["validate", "--root", str(out)]) == 0
    assert "20 practice(s) valid" in capsys.readouterr().out


def test_two_runs_give_byte_identical_files(tmp_path: Path) -> None:
    make_corpus(20, tmp_path / "one")
    make_corpus(20, tmp_path / "two")
    one, two = tree(tmp_path / "one"), tree(tmp_path / "two")
    assert len(one) > 20
    assert one == two


def test_records_are_synthetic_and_keep_contacts_private(tmp_path: Path) -> None:
    make_corpus(20, tmp_path / "corpus")
    synthetic = sorted((tmp_path / "corpus" / "practices").glob("synthetic-*.yaml"))
    assert len(synthetic) == 17  # and the three real records the content pages link to
    for path in synthetic:
        text = path.read_text("utf-8")
        assert 3000 <= len(text) <= 9000, f"{path.name}: {len(text)} bytes"
        assert "publish: true" not in text
        assert "name:" not in text.split("contacts:")[1].split("sources:")[0]


def test_the_corpus_is_english_only_and_its_copy_has_every_language(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from make_corpus import with_languages
    finally:
        sys.path.remove(str(ROOT / "bench"))
    from generator.load.settings import read_settings
    from generator.translate.languages import CODES

    make_corpus(5, tmp_path / "corpus")
    assert read_settings(tmp_path / "corpus" / "mkdocs.yml").languages == ()
    copy = with_languages(tmp_path / "corpus", tmp_path / "languages")
    assert read_settings(copy / "mkdocs.yml").languages == CODES
    assert (copy / "translations" / "nb" / "practices.po").read_bytes() == (
        ROOT / "translations" / "nb" / "practices.po"
    ).read_bytes()
    assert main(["validate", "--root", str(copy)]) == 0
