"""Each invalid-input case is a named fixture with its expected error lines beside it."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.catalog.catalog import load_practice
from generator.problems import errors
from tests import golden
from tests.conftest import FIXTURES

INVALID = sorted((FIXTURES / "invalid").glob("*.yaml"))


@pytest.mark.parametrize("path", INVALID, ids=[p.stem for p in INVALID])
def test_invalid_record_gives_located_errors(path: Path, update_golden: bool) -> None:
    _, _, problems = load_practice(path)
    assert errors(problems), "an invalid record must report at least one error"
    lines = "".join(p.format(relative_to=path.parent) + "\n" for p in sorted(problems))
    golden.check(path.with_suffix(".expected"), lines, update_golden)


def test_every_fixture_has_its_expected_output() -> None:
    expected = {p.stem for p in (FIXTURES / "invalid").glob("*.expected")}
    assert expected == {p.stem for p in INVALID}


def test_minimal_record_is_valid() -> None:
    _, practice, problems = load_practice(FIXTURES / "valid" / "minimal.yaml")
    assert problems == []
    assert practice is not None
    assert practice.assessments["crisis_risk_reduction"].rating == "not_applicable"


@pytest.mark.parametrize(
    ("summary", "found"),
    [
        ("Pasted from a web page: <b>bold</b> text.", "'<b>'"),
        ('See <a href="https://example.org">the report</a>.', "'<a href=\"https://example.org\">'"),
        ("Line one<br/>line two", "'<br/>'"),
        ("Draft <!-- check this figure --> text", "'<!--'"),
    ],
    ids=["bold", "link", "line-break", "comment"],
)
def test_raw_html_in_text_is_a_located_warning(tmp_path: Path, summary: str, found: str) -> None:
    text = (FIXTURES / "valid" / "minimal.yaml").read_text("utf-8")
    record = tmp_path / "minimal.yaml"
    record.write_text(text.replace("The smallest record that validates.", repr(summary)))
    _, practice, problems = load_practice(record)
    assert practice is not None, "a warning keeps the record"
    column = 11 + summary.index(found[1:4])  # the value starts at 10, after its quote
    assert [p.format(relative_to=tmp_path) for p in problems] == [
        f"minimal.yaml:12:{column}: summary: warning: HTML {found} will show as text, not as "
        "markup; expected Markdown: **bold**, *italic*, [text](https://...), a blank line "
        "between paragraphs"
    ]


@pytest.mark.parametrize(
    "summary", ["Ages 16<25 and >30", "If x<y and z>w the rule holds", "Scores <50% and >75%"]
)
def test_angle_brackets_that_are_not_markup_pass(tmp_path: Path, summary: str) -> None:
    text = (FIXTURES / "valid" / "minimal.yaml").read_text("utf-8")
    record = tmp_path / "minimal.yaml"
    record.write_text(text.replace("The smallest record that validates.", repr(summary)))
    _, practice, problems = load_practice(record)
    assert practice is not None and problems == []


def test_every_field_with_pasted_markup_gets_its_own_warning() -> None:
    _, practice, problems = load_practice(FIXTURES / "hostile" / "hostile-html.yaml")
    assert practice is not None and not errors(problems)
    assert [".".join(map(str, p.field)) for p in problems] == [
        "title",
        "organisations.0.name",
        "summary",
        "goal",
        "steps.0.title",
        "steps.0.text",
        "key_figures.0.what",
        "success_factors.0.text",
        "sources.0.citation",
    ]
    assert all("will show as text, not as markup" in p.message for p in problems)
