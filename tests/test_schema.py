from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from generator.cli import main
from generator.schema import schema_text
from tests.conftest import ROOT

SCHEMA = ROOT / "schema" / "practice.schema.json"
RECORDS = sorted((ROOT / "practices").glob("*.yaml"))


@pytest.mark.parametrize("kind", ["practice", "checklist", "module"])
def test_committed_schema_is_fresh(kind: str) -> None:
    committed = ROOT / "schema" / f"{kind}.schema.json"
    assert committed.read_text(encoding="utf-8") == schema_text(kind), (
        f"{committed.name} is stale: run handbook schema --kind {kind} --out "
        f"schema/{kind}.schema.json"
    )


def test_checklists_reference_their_schema_and_satisfy_it() -> None:
    schema = json.loads((ROOT / "schema" / "checklist.schema.json").read_text("utf-8"))
    for path in sorted((ROOT / "content" / "checklists").glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        assert text.startswith("# yaml-language-server: $schema=../../schema/checklist.schema.json")
        jsonschema.validate(yaml.safe_load(text), schema)


@pytest.mark.parametrize("record", RECORDS, ids=[p.stem for p in RECORDS])
def test_records_reference_the_schema_and_satisfy_it(record: Path) -> None:
    text = record.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schema/practice.schema.json\n")
    data = json.loads(json.dumps(yaml.safe_load(text), default=str))
    jsonschema.validate(data, json.loads(SCHEMA.read_text(encoding="utf-8")))


def test_schema_command_prints_the_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out)["title"] == "Practice"
