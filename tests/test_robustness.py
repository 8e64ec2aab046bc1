"""Broken and random input: always located problems, one line each, never an exception."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from generator.catalog.catalog import load_practice
from generator.commands.cli import main
from generator.model.checklist import Checklist
from generator.model.module import Module
from generator.model.practice import Practice
from generator.problems import PER_FILE, FieldPath, Problem, Severity, report_lines
from generator.validate.documents import field_kind, load_document, text_values
from tests.conftest import FIXTURES
from tests.text.strategies import hostile_text

MINIMAL = (FIXTURES / "valid" / "minimal.yaml").read_text(encoding="utf-8")


def _generated_cases(folder: Path) -> list[Path]:
    """Broken files too big to commit: 50 MB, and nesting a million levels deep."""
    big = folder / "fifty-megabytes.yaml"
    with big.open("wb") as out:
        out.write(b"id: fifty-megabytes\nsummary: >-\n")
        line = b"  " + b"x" * 1022 + b"\n"
        for _ in range(50 * 1024):
            out.write(line)
    deep = folder / "deep-nesting.yaml"
    deep.write_text("id: deep-nesting\nsteps: " + "[" * 1_000_000 + "]" * 1_000_000 + "\n")
    return [big, deep]


def test_every_broken_file_gives_exit_1_and_one_line_each_quickly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    practices = tmp_path / "practices"
    practices.mkdir()
    broken = [
        "alias-bomb",
        "bom",
        "duplicate-key",
        "empty-file",
        "malformed-yaml",
        "not-a-mapping",
        "not-utf8",
        "python-tag",
        "tab-indent",
    ]
    for name in broken:
        shutil.copy(FIXTURES / "invalid" / f"{name}.yaml", practices)
    generated = _generated_cases(practices)
    for path in [*(practices / f"{n}.yaml" for n in broken), *generated]:
        capsys.readouterr()
        _, _, problems = load_practice(path)
        assert len(problems) == 1, (path.name, problems)
    assert main(["validate", "--root", str(tmp_path)]) == 1
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == len(broken) + len(generated) + 1  # one line each, then the count
    assert all(line.startswith("practices/") for line in lines[:-1])
    assert "Traceback" not in "\n".join(lines)


def _mutate(data: object, path: list[object], value: object) -> object:
    if not path:
        return value
    head, *rest = path
    if isinstance(data, dict) and isinstance(head, str):
        copy = dict(data)
        copy[head] = _mutate(data.get(head), rest, value)
        return copy
    if isinstance(data, list) and isinstance(head, int) and data:
        items = list(data)
        items[head % len(data)] = _mutate(data[head % len(data)], rest, value)
        return items
    return value


yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=12,
)
record_keys = st.sampled_from([*sorted(yaml.safe_load(MINIMAL)), "steps", "key_figures", "x"])


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(path=st.lists(record_keys | st.integers(0, 3), min_size=1, max_size=3), value=yaml_values)
def test_mutated_records_only_ever_give_problems(
    tmp_path: Path, path: list[object], value: object
) -> None:
    data = _mutate(yaml.safe_load(MINIMAL), path, value)
    target = tmp_path / "minimal.yaml"
    target.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    _, practice, problems = load_practice(target)
    assert practice is not None or problems
    for problem in problems:
        assert problem.line >= 1 and problem.column >= 1
        assert "\n" not in problem.format()


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    text=st.text(alphabet=st.sampled_from(list("ab: -[]{}&*!|>'\"#\n\t%@`,?~0123\\")), max_size=80)
)
def test_random_yaml_text_only_ever_gives_problems(tmp_path: Path, text: str) -> None:
    target = tmp_path / "random.yaml"
    target.write_text(text, encoding="utf-8")
    _, practice, problems = load_practice(target)
    assert practice is None
    assert problems
    assert all("\n" not in p.format() for p in problems)


HOSTILE_DOCUMENTS = [
    (FIXTURES / "hostile" / "hostile-markdown.yaml", Practice),
    (FIXTURES / "hostile" / "modules" / "hostile-module.yaml", Module),
    (FIXTURES / "hostile" / "checklists" / "hostile-checklist.yaml", Checklist),
]


def _text_paths(data: object, model: type[BaseModel]) -> list[FieldPath]:
    return [
        path
        for path, _ in text_values(data)
        if field_kind(model, tuple(0 if isinstance(p, int) else p for p in path)) is not None
    ]


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(document=st.sampled_from(HOSTILE_DOCUMENTS), data=st.data())
def test_markdown_in_every_text_field_only_ever_gives_located_problems(
    tmp_path: Path, document: tuple[Path, type[BaseModel]], data: st.DataObject
) -> None:
    source, model = document
    record = yaml.safe_load(source.read_text("utf-8"))
    for path in _text_paths(record, model):
        target: Any = record
        for part in path[:-1]:
            target = target[part]
        target[path[-1]] = data.draw(hostile_text)
    written = tmp_path / source.name
    written.write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False), "utf-8")
    lines = written.read_text("utf-8").count("\n") + 1
    _, _, problems = load_document(written, model)
    for problem in problems:
        assert 1 <= problem.line <= lines and problem.column >= 1, problem
        assert "\n" not in problem.format()


def test_thousands_of_errors_in_one_file_print_the_first_and_a_count(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """45,000 unknown keys once printed 23 MB (here 5,000, the same rule): a file shows its
    first ``PER_FILE`` problems,
    then one line with the count of the rest; other files are reported in full, and a long
    value is cut where a message quotes it."""
    practices = tmp_path / "practices"
    practices.mkdir()
    many = "".join(f"key{i}: v\n" for i in range(5_000))
    (practices / "minimal.yaml").write_text(MINIMAL + many, "utf-8")
    (practices / "other.yaml").write_text(f"id: other\ncountry: {'X' * 100_000}\n", "utf-8")
    assert main(["validate", "--root", str(tmp_path)]) == 1
    lines = capsys.readouterr().err.splitlines()
    many_lines = [line for line in lines if line.startswith("practices/minimal.yaml:")]
    assert len(many_lines) == PER_FILE + 1
    assert all("unknown field 'key" in line for line in many_lines[:PER_FILE])
    assert many_lines[-1].endswith(
        f": (file): {5_000 - PER_FILE} more problem(s), {5_000 - PER_FILE} of them error(s), "
        f"not shown; fix the first {PER_FILE} and validate again"
    )
    other = [line for line in lines if line.startswith("practices/other.yaml:")]
    assert 1 < len(other) < PER_FILE
    assert any("country: expected an ISO 3166-1 alpha-2 code" in line for line in other)
    assert all(len(line) < 1_000 for line in lines), "a long value is cut in its message"
    assert lines[-1] == f"handbook: {5_000 + len(other)} error(s) in 2 file(s)"


def test_the_count_of_a_files_other_problems_has_their_gravest_severity() -> None:
    file = Path("practices/x.yaml")
    warnings = [Problem(file, n, 1, ("summary",), "a warning", Severity.WARNING) for n in range(60)]
    assert report_lines(warnings)[-1] == (
        "practices/x.yaml:50:1: (file): warning: 10 more problem(s), 0 of them error(s), not "
        f"shown; fix the first {PER_FILE} and validate again"
    )
    mixed = [*warnings, Problem(file, 99, 1, ("id",), "an error")]
    assert ": (file): 11 more problem(s), 1 of them error(s)," in report_lines(mixed)[-1]
