"""The comparison export: CSV and JSON rows, their schema, the command, and no personal data."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import jsonschema
import pytest

from generator.catalog.catalog import load_catalog
from generator.commands.cli import main
from generator.load.project import Project
from generator.model.criteria import criteria_set
from generator.model.practice import Practice
from generator.outputs.export import (
    FORMAT,
    VERSION,
    csv_columns,
    export_rows,
    export_schema_text,
    export_text,
)
from tests import golden
from tests.conftest import FIXTURES, ROOT, records_with_contacts_published

SCHEMA = ROOT / "schema" / "export.schema.json"
EXPORT = FIXTURES / "export"
CRITERIA = [c.id for c in criteria_set().criteria]


def load(root: Path) -> list[Practice]:
    catalog, _ = load_catalog(Project(root))
    return catalog.practices


def export(root: Path, kind: str) -> str:
    catalog, _ = load_catalog(Project(root))
    return export_text(catalog, "csv" if kind == "csv" else "json")


def parse_csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def committed_schema() -> dict[str, object]:
    schema: dict[str, object] = json.loads(SCHEMA.read_text(encoding="utf-8"))
    return schema


def test_committed_export_schema_is_fresh() -> None:
    assert SCHEMA.read_text(encoding="utf-8") == export_schema_text(), (
        "schema/export.schema.json is stale: run handbook export --schema "
        "--out schema/export.schema.json"
    )


@pytest.mark.parametrize("kind", ["csv", "json"])
def test_export_of_the_fixture_records_matches_its_golden_file(
    kind: str, update_golden: bool
) -> None:
    text = export(EXPORT, kind)
    if kind == "csv":  # RFC 4180 ends records with CRLF; the golden file keeps plain lines
        assert text.endswith("\r\n") and text.count("\r\n") == 3
        text = text.replace("\r\n", "\n")
    golden.check(EXPORT / f"expected.{kind}", text, update_golden)


def test_csv_has_one_row_per_practice_with_every_criterion_rating() -> None:
    practices = load(ROOT)
    rows = parse_csv(export(ROOT, "csv"))
    assert [r["id"] for r in rows] == [p.id for p in practices]
    assert list(rows[0]) == csv_columns()
    for practice, row in zip(practices, rows, strict=True):
        assert row["title"] == practice.title
        assert row["country"] == practice.country
        assert row["scope"] == practice.scope
        assert row["started"] == str(practice.period.started)
        assert set(row["placement_phases"].split("; ")) == set(practice.placement_phase)
        assert set(row["target_groups"].split("; ")) == set(practice.target_groups)
        for criterion in CRITERIA:
            assert row[f"criterion_{criterion}"] == practice.assessments[criterion].rating
        figures = row["key_figures"].split("; ")
        assert len(figures) == len(practice.key_figures)
        for figure, kf in zip(figures, practice.key_figures, strict=True):
            assert kf.unit in figure
            assert figure.split(": ", 1)[1].startswith(kf.what)


def test_csv_writes_key_figures_readably() -> None:
    row = parse_csv(export(EXPORT, "csv"))[1]
    assert row["key_figures"] == (
        "about 12500 young people: Young people met in the first year (2020); "
        "12\u201320 customers per coach: Caseload; "
        "2.5%: Share who left the pilot early (2021)"
    )


def test_csv_cells_never_start_a_spreadsheet_formula() -> None:
    rows = parse_csv(export(EXPORT, "csv"))
    assert rows[1]["title"] == '\'=Jugendgarantie, Pilot "Plus"'
    assert json.loads(export(EXPORT, "json"))["practices"][1]["title"] == (
        '=Jugendgarantie, Pilot "Plus"'
    )


@pytest.mark.parametrize("root", [ROOT, EXPORT], ids=["shipped", "fixture"])
def test_json_validates_against_the_committed_schema(root: Path) -> None:
    document = json.loads(export(root, "json"))
    jsonschema.validate(document, committed_schema())
    assert (document["format"], document["version"]) == (FORMAT, VERSION)
    assert [c["id"] for c in document["criteria"]] == CRITERIA
    practices = load(root)
    assert [p["id"] for p in document["practices"]] == [p.id for p in practices]
    for entry, practice in zip(document["practices"], practices, strict=True):
        assert entry["criteria"] == {k: a.rating for k, a in practice.assessments.items()}
        assert len(entry["key_figures"]) == len(practice.key_figures)


def test_schema_refuses_a_document_of_another_shape() -> None:
    document = json.loads(export(EXPORT, "json"))
    for broken in (
        {**document, "version": 2},
        {**document, "format": "something/else"},
        {**document, "practices": [{**document["practices"][0], "criteria": {}}]},
        {**document, "practices": [{**document["practices"][0], "contacts": []}]},
    ):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(broken, committed_schema())


def test_rows_follow_the_vocabulary_order() -> None:
    row = export_rows(load_catalog(Project(EXPORT))[0])[1]
    assert row.placement_phases == ["before", "after"]  # the record says [after, before]


def test_exports_hold_no_personal_data_even_when_published(tmp_path: Path) -> None:
    project = records_with_contacts_published(tmp_path / "project")
    shutil.copy(EXPORT / "practices" / "youth-guarantee-pilot.yaml", project / "practices")
    practices = load(project)
    personal = [
        value
        for p in practices
        for c in p.contacts
        for value in (c.name, c.email, c.phone)
        if value
    ]
    assert len(personal) >= 9 and all(c.publish for p in practices for c in p.contacts)
    for kind in ("csv", "json"):
        text = export(project, kind)
        leaked = [value for value in personal if value in text or value.lower() in text]
        assert leaked == [], f"{kind} export leaks {leaked}"


def test_export_command_writes_csv_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--format", "csv", "--root", str(ROOT)]) == 0
    rows = parse_csv(capsys.readouterr().out)
    assert [r["id"] for r in rows] == [p.id for p in load(ROOT)]


def test_export_command_writes_json_to_a_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "new" / "practices.json"
    assert main(["export", "--format", "json", "--root", str(ROOT), "--out", str(out)]) == 0
    assert "wrote 3 practice(s)" in capsys.readouterr().out
    assert out.read_text(encoding="utf-8") == export(ROOT, "json")


def test_export_command_prints_the_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--schema"]) == 0
    assert capsys.readouterr().out == export_schema_text()


def test_export_of_invalid_records_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "practices").mkdir()
    shutil.copy(FIXTURES / "invalid" / "bad-enum.yaml", tmp_path / "practices")
    assert main(["export", "--format", "csv", "--root", str(tmp_path)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "bad-enum.yaml:7:8: scope:" in captured.err
    assert "Traceback" not in captured.err


@pytest.mark.parametrize(
    "argv",
    [
        ["export"],
        ["export", "--format", "xml"],
        ["export", "--format", "csv", "--schema"],
        ["export", "--format", "csv", "--root", "/no/such/dir"],
        ["export", "--format", "csv", "--root", str(ROOT), "--out", "/proc/no/such/x.csv"],
    ],
)
def test_export_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_export_has_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--help"]) == 0
    out = capsys.readouterr().out
    assert "--format" in out and "--schema" in out and "--root" in out
