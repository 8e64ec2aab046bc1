"""Every CSV the handbook writes goes through one writer, which neutralises cells that a
spreadsheet would run as formulas. Each sign is tested on the writer, and through a fixture
project whose record and checklist cells start with them, in every CSV the outputs produce."""

from __future__ import annotations

import csv
import io

import pytest

from generator.catalog.catalog import load_catalog
from generator.load.project import Project
from generator.outputs.export import export_text
from generator.outputs.registry import all_pages
from generator.outputs.spreadsheet import FORMULA_SIGNS, csv_text
from generator.problems import errors
from tests import golden
from tests.conftest import FIXTURES

PROJECT = FIXTURES / "csv-formulas"
DANGEROUS = [
    "=1+1",
    "+1+1",
    "-1+1",
    "@SUM(A1)",
    "\t=1+1",
    "\tplain text after a tab",
    "\r=1+1",
    "\rplain text after a carriage return",
    "\n=1+1",
    "  =1+1",
    "\u00a0@A1",
    "\n\t -1",
    "\uff1d1+1",
    "\uff20A1",
]
HARMLESS = ["", "plain", "1+1", "2020", "'=1+1", "a=b", "e-mail", " plain"]


def parse(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def is_formula(value: str) -> bool:
    return value.startswith(("\t", "\r")) or value.lstrip()[:1] in tuple(FORMULA_SIGNS)


@pytest.mark.parametrize("value", DANGEROUS, ids=[repr(v) for v in DANGEROUS])
def test_a_cell_that_a_spreadsheet_would_run_is_prefixed(value: str) -> None:
    rows = parse(csv_text(["column"], [[value, "x"]]))
    assert rows == [["column"], ["'" + value, "x"]]


@pytest.mark.parametrize("value", HARMLESS, ids=[repr(v) for v in HARMLESS])
def test_other_cells_are_written_as_they_are(value: str) -> None:
    assert parse(csv_text(["column"], [[value]])) == [["column"], [value]]


def test_rows_end_with_crlf_as_rfc_4180_says() -> None:
    assert csv_text(["a", "b"], [["1", "two, three"]]) == 'a,b\r\n1,"two, three"\r\n'


@pytest.fixture(scope="module")
def csv_files() -> dict[str, str]:
    """Every CSV of the fixture project: the export and each generated download."""
    catalog, problems = load_catalog(Project(PROJECT))
    assert errors(problems) == []
    files = {p.path: p.text for p in all_pages(catalog, workers=1) if p.path.endswith(".csv")}
    files["handbook export --format csv"] = export_text(catalog, "csv")
    return files


def test_every_csv_of_the_outputs_is_safe(csv_files: dict[str, str]) -> None:
    assert {
        "compare/practices.csv",
        "checklists/downloads/formula-cells.csv",
        "checklists/downloads/replication-formula-cells.csv",
        "checklists/downloads/assessment.csv",
        "handbook export --format csv",
    } <= set(csv_files)
    for name, text in csv_files.items():
        rows = parse(text)
        assert len(rows) > 1, name
        unsafe = [value for row in rows for value in row if is_formula(value)]
        assert unsafe == [], name


@pytest.mark.parametrize(
    "path",
    [
        "compare/practices.csv",
        "checklists/downloads/formula-cells.csv",
        "checklists/downloads/replication-formula-cells.csv",
    ],
)
def test_formula_cells_are_kept_as_text(
    csv_files: dict[str, str], path: str, update_golden: bool
) -> None:
    text = csv_files[path]
    assert "\n" not in text.replace("\r\n", "")
    expected = PROJECT / "expected" / path.replace("/", "--")
    expected.parent.mkdir(exist_ok=True)
    golden.check(expected, text.replace("\r\n", "\n"), update_golden)
    prefixed = [value for row in parse(text) for value in row if value.startswith("'")]
    assert prefixed and all(is_formula(value[1:]) for value in prefixed)


def test_the_export_command_writes_the_download(csv_files: dict[str, str]) -> None:
    assert csv_files["handbook export --format csv"] == csv_files["compare/practices.csv"]
