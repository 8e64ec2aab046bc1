from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from generator.commands.cli import main
from generator.load.yaml_source import read_yaml
from generator.validate.schema import schema_text
from tests.conftest import ROOT

RECORDS = sorted((ROOT / "practices").glob("*.yaml"))


@pytest.mark.parametrize("kind", ["practice", "checklist", "module"])
def test_committed_schema_is_fresh(kind: str) -> None:
    committed = ROOT / "schema" / f"{kind}.schema.json"
    assert committed.read_text(encoding="utf-8") == schema_text(kind), (
        f"{committed.name} is stale: run handbook schema --kind {kind} --out "
        f"schema/{kind}.schema.json"
    )


@pytest.mark.parametrize("kind", ["practice", "checklist", "module"])
def test_committed_schema_is_a_valid_json_schema(kind: str) -> None:
    schema = json.loads((ROOT / "schema" / f"{kind}.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)


SHIPPED = [
    *(("practice", p) for p in RECORDS),
    *(("checklist", p) for p in sorted((ROOT / "content" / "checklists").glob("*.yaml"))),
    *(("module", p) for p in sorted((ROOT / "content" / "modules").glob("*.yaml"))),
]


@pytest.mark.parametrize(
    ("kind", "path"), SHIPPED, ids=[f"{kind}-{path.stem}" for kind, path in SHIPPED]
)
def test_shipped_files_reference_their_schema_and_satisfy_it(kind: str, path: Path) -> None:
    """The first line points editors' YAML tools to the schema; read as they read the file
    (YAML 1.2), it satisfies that schema."""
    header = path.read_text(encoding="utf-8").partition("\n")[0]
    assert header.startswith("# yaml-language-server: $schema=")
    target = (path.parent / header.partition("$schema=")[2]).resolve()
    assert target == ROOT / "schema" / f"{kind}.schema.json"
    doc, problems = read_yaml(path)
    assert doc is not None, problems
    schema = json.loads(target.read_text(encoding="utf-8"))
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    assert [e.message for e in validator.iter_errors(doc.data)] == []


def test_schema_command_prints_the_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out)["title"] == "Practice"
