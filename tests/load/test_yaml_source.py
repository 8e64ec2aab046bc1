from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest

from generator.load.yaml_source import MAX_BYTES, Position, read_yaml


def write(tmp_path: Path, text: str | bytes) -> Path:
    path = tmp_path / "record.yaml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_values_and_their_positions(tmp_path: Path) -> None:
    doc, problems = read_yaml(write(tmp_path, "id: a\nlist:\n  - x\n  - when: 2020-01-02\n"))
    assert problems == []
    assert doc is not None
    assert doc.data == {"id": "a", "list": ["x", {"when": dt.date(2020, 1, 2)}]}
    assert doc.values[("list", 1, "when")] == Position(4, 11)
    assert doc.keys[("list", 1, "when")] == Position(4, 5)
    assert doc.position(("list", 1, "missing")) == Position(4, 5)


def test_plain_yaml_types_are_kept(tmp_path: Path) -> None:
    doc, _ = read_yaml(write(tmp_path, 'a: 1\nb: 2.5\nc: true\nd: null\ne: "NO"\nf: NO\n'))
    assert doc is not None
    assert doc.data == {"a": 1, "b": 2.5, "c": True, "d": None, "e": "NO", "f": False}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a: !!python/object/apply:os.system ['true']\n", "tag '!!python/object/apply:os.system'"),
        ("a: !!python/name:os.system\n", "is not allowed"),
        ("a: !custom x\n", "tag '!custom' is not allowed"),
        ("a: 1\na: 2\n", "duplicate key 'a' (first at line 1)"),
        ("a: [\n", "YAML syntax error"),
        ("a: 1\n---\nb: 2\n", "a second YAML document"),
        ("a:\n\t- b\n", "tab in indentation"),
        ("# only a comment\n", "file is empty"),
        ("a: " + "[" * 200 + "]" * 200 + "\n", "nested more than 40 levels"),
        ("a: *nowhere\n", "unknown alias *nowhere; expected an anchor &nowhere"),
    ],
)
def test_refused_with_a_message(tmp_path: Path, text: str, message: str) -> None:
    doc, problems = read_yaml(write(tmp_path, text))
    assert doc is None
    assert len(problems) == 1
    assert message in problems[0].message


def test_alias_bomb_is_refused_quickly(tmp_path: Path) -> None:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 12):
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * 9) + "]")
    start = time.perf_counter()
    doc, problems = read_yaml(write(tmp_path, "\n".join(lines) + "\n"))
    assert time.perf_counter() - start < 2
    assert doc is None
    assert "alias bomb" in problems[0].message


def test_oversized_file_is_refused_without_parsing(tmp_path: Path) -> None:
    doc, problems = read_yaml(write(tmp_path, b"a: b\n" * (MAX_BYTES // 5 + 1)))
    assert doc is None
    assert "expected at most 1,000,000 bytes" in problems[0].message


def test_bad_bytes_are_located(tmp_path: Path) -> None:
    _, problems = read_yaml(write(tmp_path, b"a: ok\nb: caf\xe9\n"))
    assert (problems[0].line, problems[0].column) == (2, 7)
    assert "0xe9 is not valid UTF-8" in problems[0].message
