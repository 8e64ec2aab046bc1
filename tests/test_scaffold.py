from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from generator.catalog.catalog import load_catalog
from generator.commands.cli import main
from generator.load.project import Project
from generator.load.yaml_source import read_yaml
from generator.problems import errors
from tests.conftest import ROOT

# What an editor would type for each kind of placeholder.
FILLED = {
    "<country>": "NO",  # unquoted, as editors write it: Norway, not false (YAML 1.2)
    "<scope>": "local",
    "<year>": "2021",
    "<phase>": "during",
    "<target group>": "young-people",
    "<number>": "120",
    "<rating>": "partly",
    "<driver>": "external",
    "<https://...>": "https://example.org/practice",
}


def fill(text: str) -> str:
    def replace(match: re.Match[str]) -> str:
        return FILLED.get(match.group(0), "Filled in by the editor.")

    return re.sub(r"<[^<>\n]+>", replace, text)


@pytest.mark.parametrize("template", ["igma3", "pes-fiche"])
def test_skeleton_validates_once_filled(tmp_path: Path, template: str) -> None:
    assert main(["new", "practice", "demo", "--template", template, "--root", str(tmp_path)]) == 0
    path = tmp_path / "practices" / "demo.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schema/practice.schema.json")
    assert f"last_reviewed: {dt.date.today().isoformat()}" in text

    _, problems = load_catalog(Project(tmp_path))
    unfilled = [p for p in errors(problems) if "placeholder" in p.message]
    assert len(unfilled) >= 10, "an unfilled skeleton must not validate"

    assert not schema_accepts(path), "editors' tools flag the unfilled skeleton too"

    path.write_text(fill(text), encoding="utf-8")
    assert main(["validate", "--root", str(tmp_path)]) == 0
    assert schema_accepts(path)
    catalog, _ = load_catalog(Project(tmp_path))
    assert catalog.practices[0].country == "NO"


def schema_accepts(path: Path) -> bool:
    doc, _ = read_yaml(path)
    schema = json.loads((ROOT / "schema" / "practice.schema.json").read_text("utf-8"))
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    return doc is not None and validator.is_valid(doc.data)


def test_new_refuses_a_bad_id_and_an_existing_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", "practice", "Not A Slug", "--root", str(tmp_path)]) == 2
    assert "expected lowercase letters" in capsys.readouterr().err
    assert main(["new", "practice", "demo", "--root", str(tmp_path)]) == 0
    assert main(["new", "practice", "demo", "--root", str(tmp_path)]) == 2
    assert "already exists" in capsys.readouterr().err


@pytest.mark.parametrize(
    "practice_id",
    ["index", "a" * 68, "a" * 69, "replication-x", "phase-before", "Bad-Id", "trailing-"],
    ids=["index", "68-chars", "69-chars", "replication-x", "phase-before", "upper", "dash"],
)
def test_new_refuses_exactly_the_ids_validate_refuses(
    tmp_path: Path, practice_id: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """One check behind both commands: a refused id gives validate's own message."""
    from generator.commands.scaffold import render_skeleton

    status = main(["new", "practice", practice_id, "--root", str(tmp_path)])
    refusal = capsys.readouterr().err
    record = tmp_path / "practices" / f"{practice_id}.yaml"
    if status == 0:
        record.write_text(fill(record.read_text(encoding="utf-8")), encoding="utf-8")
    else:
        assert status == 2 and not record.exists()
        record.parent.mkdir(exist_ok=True)
        text = render_skeleton(practice_id, "igma3", dt.date.today())
        record.write_text(fill(text), encoding="utf-8")
    _, problems = load_catalog(Project(tmp_path))
    refused = [p.message for p in errors(problems) if p.field == ("id",)]
    assert bool(refused) == (status != 0)
    if refused:
        assert refusal == f"handbook: error: id: {refused[0]}\n"
