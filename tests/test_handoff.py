"""The pages `handbook build` hands to its MkDocs child arrive whole, or the child says why not."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator.catalog.catalog import load_catalog
from generator.load.project import Project
from generator.outputs.registry import all_pages
from generator.site import handoff
from tests.conftest import ROOT


def test_pages_arrive_as_they_were_sent() -> None:
    catalog, _ = load_catalog(Project(ROOT))
    sent = handoff.Handoff(all_pages(catalog), "1767225600")
    assert handoff.decode(handoff.encode(sent)) == sent


def test_the_theme_settings_of_a_language_arrive_as_they_were_sent() -> None:
    """The scripts' strings of a language (``generator.outputs.script_strings``), hostile."""
    extra = {"script_strings": {"language": "nb", "strings": {"Right.": "</script>\u2028"}}}
    sent = handoff.Handoff([], "0", "nb", ("nb",), None, extra)
    assert handoff.decode(handoff.encode(sent)) == sent
    data = json.loads(handoff.encode(sent))
    broken = json.dumps({**data, "extra": [data["extra"]]}).encode("utf-8")
    with pytest.raises(handoff.HandoffError, match="extra settings of type list"):
        handoff.decode(broken)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"", "the build was cancelled before the pages were ready"),
        (b'{"version":1,"epoch":"1","pages":[["a.md","A",', "the pages arrived incomplete"),
        (b'{"version":99,"epoch":"1","pages":[]}', "handoff version 99"),
    ],
    ids=["empty", "truncated", "other-version"],
)
def test_missing_or_broken_pages_are_an_error(raw: bytes, message: str) -> None:
    with pytest.raises(handoff.HandoffError, match=message):
        handoff.decode(raw)


def test_receive_reads_the_pipe_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(handoff.ENV, raising=False)
    assert handoff.receive() is None  # a plain `mkdocs build`
    read_end, write_end = os.pipe()
    sent = handoff.Handoff([], "0")
    os.write(write_end, handoff.encode(sent))
    os.close(write_end)
    monkeypatch.setenv(handoff.ENV, str(read_end))
    assert handoff.receive() == sent
    assert handoff.ENV not in os.environ  # a rebuild under `mkdocs serve` reads the records


def test_mkdocs_child_whose_parent_sent_nothing_stops_with_a_message(tmp_path: Path) -> None:
    read_end, write_end = os.pipe()
    os.close(write_end)  # as when `handbook build` dies or cancels before sending
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
        cwd=ROOT,
        env={**os.environ, handoff.ENV: str(read_end), "NO_MKDOCS_2_WARNING": "1"},
        pass_fds=(read_end,),
        capture_output=True,
        text=True,
        check=False,
    )
    os.close(read_end)
    assert done.returncode == 1
    assert "the build was cancelled before the pages were ready" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "site" / "index.html").exists()
