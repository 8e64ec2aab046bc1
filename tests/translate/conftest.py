"""A copy of the real project with its translations extracted, to change in a test."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.load.project import Project
from generator.translate.catalogs import update
from tests.conftest import copy_project


@pytest.fixture
def project(tmp_path: Path) -> Project:
    copied = Project(copy_project(tmp_path / "project", languages=True, translations=False))
    result = update(copied)
    assert result.problems == [] and result.files == 35
    return copied


def set_translation(po: Path, context: str, text: str, flags: str = "") -> None:
    """Give the entry of ``context`` in ``po`` the translation ``text`` (a PO string's
    content, escaped as in the file), with ``flags`` (such as ``unreviewed``)."""
    lines = po.read_text("utf-8").split("\n")
    at = lines.index(f'msgctxt "{context}"')
    end = next(i for i in range(at, len(lines)) if lines[i].startswith("msgstr "))
    lines[end] = f'msgstr "{text}"'
    if flags:
        lines.insert(at, f"#, {flags}")
    po.write_text("\n".join(lines), "utf-8")
