from __future__ import annotations

import re
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
    assert doc.data == {"id": "a", "list": ["x", {"when": "2020-01-02"}]}
    assert doc.values[("list", 1, "when")] == Position(4, 11)
    assert doc.keys[("list", 1, "when")] == Position(4, 5)
    assert doc.position(("list", 1, "missing")) == Position(4, 5)


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


def test_alias_bomb_is_refused_before_it_expands(tmp_path: Path) -> None:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 12):
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * 9) + "]")
    doc, problems = read_yaml(write(tmp_path, "\n".join(lines) + "\n"))
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


# The YAML 1.2 core schema (spec 1.2.2, 10.3.2), and the YAML 1.1 forms that are text in it.
CORE_SCHEMA = [
    ("null", None),
    ("Null", None),
    ("NULL", None),
    ("~", None),
    ("", None),
    ("true", True),
    ("True", True),
    ("TRUE", True),
    ("false", False),
    ("FALSE", False),
    ("0", 0),
    ("-19", -19),
    ("+12", 12),
    ("017", 17),
    ("0o17", 15),
    ("0x3A", 58),
    ("0.", 0.0),
    ("-0.0", -0.0),
    (".5", 0.5),
    ("+12e03", 12000.0),
    ("-2E+05", -200000.0),
    ("1e3", 1000.0),
    (".inf", float("inf")),
    ("-.Inf", float("-inf")),
    ("+.INF", float("inf")),
    ("NO", "NO"),
    ("No", "No"),
    ("no", "no"),
    ("yes", "yes"),
    ("Y", "Y"),
    ("n", "n"),
    ("on", "on"),
    ("OFF", "OFF"),
    ("10:30", "10:30"),
    ("1:30:00", "1:30:00"),
    ("1_000", "1_000"),
    ("0b101", "0b101"),
    ("0o8", "0o8"),
    ("2026-01-31", "2026-01-31"),
    ("2026-01-31 10:00:00", "2026-01-31 10:00:00"),
    ("nul", "nul"),
    ("tRUE", "tRUE"),
    (".NaNa", ".NaNa"),
    ("1.2.3", "1.2.3"),
]


@pytest.mark.parametrize(
    ("plain", "value"), CORE_SCHEMA, ids=[c[0] or "empty" for c in CORE_SCHEMA]
)
def test_plain_scalars_resolve_as_yaml_1_2_reads_them(
    tmp_path: Path, plain: str, value: object
) -> None:
    doc, problems = read_yaml(write(tmp_path, f"a: {plain}\n"))
    assert problems == [] and doc is not None
    assert doc.data == {"a": value}
    assert type(doc.data["a"]) is type(value)


def test_not_a_number_is_a_float(tmp_path: Path) -> None:
    doc, _ = read_yaml(write(tmp_path, "a: .nan\nb: .NaN\n"))
    assert doc is not None
    assert all(v != v for v in doc.data.values())


def test_quoted_and_block_scalars_are_text(tmp_path: Path) -> None:
    doc, _ = read_yaml(write(tmp_path, "a: '10'\nb: \"true\"\nc: |\n  2007\nd: ! 12\n"))
    assert doc is not None
    assert doc.data == {"a": "10", "b": "true", "c": "2007\n", "d": "12"}


def test_keys_are_text_as_written(tmp_path: Path) -> None:
    doc, _ = read_yaml(write(tmp_path, "NO: 1\nyes: 2\n2016: 3\n"))
    assert doc is not None
    assert doc.data == {"NO": 1, "yes": 2, "2016": 3}


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("!!str 10", "10"),
        ("!!int '10'", 10),
        ("!!float 1", 1.0),
        ("!!bool 'true'", True),
        ("!!null ''", None),
    ],
)
def test_core_tags_are_read(tmp_path: Path, text: str, value: object) -> None:
    doc, problems = read_yaml(write(tmp_path, f"a: {text}\n"))
    assert problems == [] and doc is not None
    assert doc.data == {"a": value} and type(doc.data["a"]) is type(value)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("!!int 1.5", "cannot read '1.5' as !!int"),
        ("!!bool yes", "cannot read 'yes' as !!bool"),
        ("!!timestamp 2026-01-31", "tag '!!timestamp' is not allowed"),
        ("!!binary aGk=", "tag '!!binary' is not allowed"),
    ],
)
def test_tags_beyond_the_core_schema_are_refused(tmp_path: Path, text: str, message: str) -> None:
    doc, problems = read_yaml(write(tmp_path, f"id: x\na: {text}\n"))
    assert doc is None
    assert [(p.line, p.column) for p in problems] == [(2, 4)]
    assert message in problems[0].message


def editor_position(text: str, needle: str) -> tuple[int, int]:
    """Where an editor that breaks lines only at \\n, \\r\\n and \\r shows ``needle``."""
    before = re.split(r"\r\n|\r|\n", text[: text.index(needle)])
    return len(before), len(before[-1]) + 1


@pytest.mark.parametrize(
    "separator",
    ["\u2028", "\u2029", "\x85", "\r", "\r\n"],
    ids=["line-separator", "paragraph-separator", "next-line", "cr", "crlf"],
)
def test_positions_are_those_editors_show(tmp_path: Path, separator: str) -> None:
    end = "\r\n" if separator == "\r\n" else "\n"
    text = f"a: one{separator}  two{end}b:{end}  - x{separator}    y{end}  - {{c: here}}{end}"
    doc, problems = read_yaml(write(tmp_path, text))
    assert problems == [] and doc is not None
    assert doc.values[("b", 1, "c")] == editor_position(text, "here")
    assert doc.keys[("b",)] == editor_position(text, "b:")
    if separator in ("\r", "\r\n"):
        assert doc.data == {"a": "one two", "b": ["x y", {"c": "here"}]}  # a line break
    else:
        assert doc.data == {"a": f"one{separator}  two", "b": [f"x{separator}    y", {"c": "here"}]}


def test_line_separators_in_quoted_and_block_text_are_kept(tmp_path: Path) -> None:
    text = 'a: "x\u2028y \\ue000"\nb: |\n  p\u2029q\n  r\x85\nc: [\n'
    doc, problems = read_yaml(write(tmp_path, text.replace("c: [\n", "")))
    assert doc is not None and problems == []
    assert doc.data == {"a": "x\u2028y \ue000", "b": "p\u2029q\nr\x85\n"}
    _, problems = read_yaml(write(tmp_path, text))
    assert [(p.line, p.column) for p in problems] == [(6, 1)]  # the end of the file


@pytest.mark.parametrize(
    ("char", "name"),
    [
        ("\x00", "U+0000 (NUL)"),
        ("\x07", "U+0007 (BEL)"),
        ("\x1b", "U+001B (ESC)"),
        ("\x7f", "U+007F (DEL)"),
        ("\x9b", "U+009B"),
        ("\x0c", "U+000C (FF)"),
    ],
)
def test_control_characters_are_refused_where_they_are(
    tmp_path: Path, char: str, name: str
) -> None:
    text = f"id: x\r\nsummary: |\r\n  caf\u00e9 ok\u2028 and{char} more\r\n"
    doc, problems = read_yaml(write(tmp_path, text))
    assert doc is None
    assert [(p.line, p.column) for p in problems] == [editor_position(text, char)] == [(3, 15)]
    assert problems[0].message.startswith(f"control character {name} is not allowed")


def test_bad_bytes_are_located_in_characters(tmp_path: Path) -> None:
    _, problems = read_yaml(write(tmp_path, "a: ok\rb: caf\u00e9 ".encode() + b"\xff\n"))
    assert (problems[0].line, problems[0].column) == (2, 9)


def test_tab_in_indentation_is_located_after_line_separators(tmp_path: Path) -> None:
    _, problems = read_yaml(write(tmp_path, "a: x\u2028y\nb:\n\t- c\n"))
    assert (problems[0].line, problems[0].column) == (3, 1)


def test_an_integer_too_long_to_read_is_refused_briefly(tmp_path: Path) -> None:
    doc, problems = read_yaml(write(tmp_path, "id: x\nvalue: " + "1" * 5000 + "\n"))
    assert doc is None
    assert [(p.line, p.column) for p in problems] == [(2, 8)]
    assert "cannot read '111" in problems[0].message and len(problems[0].message) < 100
