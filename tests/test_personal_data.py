"""Personal data: an unpublished contact's details reach no output, and validate warns where
free text holds an e-mail address, a phone number or an unpublished contact's name.

The fixture project ``tests/fixtures/personal-data`` adds a record, a module and a checklist
to the real project; its record's comment says which details are where.
"""

from __future__ import annotations

import html
import io
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from generator.catalog.catalog import load_catalog, load_practice
from generator.commands.cli import main
from generator.load.project import Project
from generator.model.practice import Contact, Practice
from generator.problems import Severity, errors
from generator.validate.privacy import Unpublished, personal_data_in_text, phone_numbers, public
from tests import golden
from tests.conftest import FIXTURES, ROOT, copy_project

CASE = FIXTURES / "personal-data"
# The unpublished contacts' details, as typed in their contact fields.
HIDDEN = [
    "Solveig Fjeld",
    "Solveig",
    "Fjeld",
    "solveig.fjeld@bergen.example",
    "s.fjeld@bergen.example",
    "+47 415 22 908",
    "415 22 908",
    "41522908",
    "Torgallmenningen 9, 5014 Bergen",
    "Torgallmenningen",
    "ola.hansen@bergen.example",
    "+47 907 31 554",
    "907 31 554",
    "90731554",
]
# Warned about in free text, and published as written.
PUBLISHED_AS_WRITTEN = ["Ola Hansen", "mentoring@bergen.example", "55 56 60 00"]


def handbook(*args: str) -> subprocess.CompletedProcess[str]:
    """``handbook`` in a process of its own (``pdf`` drives Playwright, which the browser
    tests already run in this one)."""
    done = subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert "Traceback" not in done.stderr, done.stderr
    return done


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("personal-data") / "project")
    for path in CASE.rglob("*.yaml"):
        target = project / path.relative_to(CASE)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, target)
    return project


def test_validate_warns_where_free_text_holds_personal_data(
    project: Path, update_golden: bool, capsys: pytest.CaptureFixture[str]
) -> None:
    _, problems = load_catalog(Project(project))
    assert errors(problems) == []
    mine = [p for p in problems if p.file.name in {f.name for f in CASE.rglob("*.yaml")}]
    assert {p.severity for p in mine} == {Severity.WARNING, Severity.NOTICE}
    lines = "".join(p.format(relative_to=project) + "\n" for p in mine)
    golden.check(CASE / "expected.txt", lines, update_golden)
    capsys.readouterr()
    assert main(["validate", "--root", str(project)]) == 0  # warnings: nothing is refused
    assert capsys.readouterr().err == lines


def _texts(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` as text: zip entries and PDF pages read out."""
    found: dict[str, str] = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        name = str(path.relative_to(folder))
        data = path.read_bytes()
        if path.suffix in (".imscc", ".zip"):
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                for entry in archive.namelist():
                    found[f"{name}!{entry}"] = archive.read(entry).decode("utf-8", "replace")
        elif path.suffix == ".pdf":
            found[name] = "\n".join(page.extract_text() for page in PdfReader(path).pages)
        else:
            found[name] = data.decode("utf-8", "replace")
    return found


@pytest.fixture(scope="module")
def outputs(project: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Every file every command writes from the project: site, exports, cartridges, PDFs."""
    out = tmp_path_factory.mktemp("outputs")
    root = ["--root", str(project)]
    assert main(["build", *root, "--site-dir", str(out / "site")]) == 0
    for kind in ("csv", "json"):
        assert main(["export", *root, "--format", kind, "--out", str(out / f"export.{kind}")]) == 0
    assert main(["export-cartridge", *root, "--out", str(out / "cc")]) == 0
    pdfs = handbook("pdf", "--root", str(project), "--out", str(out / "pdf"))
    assert pdfs.returncode == 0, pdfs.stderr
    return _texts(out)


def test_unpublished_contact_details_reach_no_output(outputs: dict[str, str]) -> None:
    kinds = {Path(name.split("!")[0]).suffix for name in outputs}
    assert {".html", ".js", ".json", ".csv", ".txt", ".imscc", ".pdf", ".xml"} <= kinds
    assert "site/search/search_index.json" in outputs or any(
        "search_index" in name for name in outputs
    )
    assert any("mentoring-privacy" in name for name in outputs)  # the module's cartridge
    leaks = [
        (name, detail)
        for name, text in outputs.items()
        for readable in {text, html.unescape(text)}
        for detail in HIDDEN
        if detail in readable
    ]
    assert leaks == []


def test_warned_free_text_is_published_as_written(outputs: dict[str, str]) -> None:
    page = html.unescape(outputs["site/practices/youth-mentoring-bergen.html"])
    for text in PUBLISHED_AS_WRITTEN:
        assert text in page
    assert "Kari Lunde" in page  # the contact with publish: true
    assert "press@bergen.example" in page


def test_a_mailto_url_of_an_unpublished_contact_is_its_e_mail() -> None:
    _, practice, _ = load_practice(CASE / "practices" / "youth-mentoring-bergen.yaml")
    assert practice is not None
    shown = public(practice).contacts
    assert [c.url for c in shown] == [None, "https://www.bergen.example/youth-office", None]
    assert [(c.name, c.email, c.phone, c.address) for c in shown[:2]] == [(None,) * 4] * 2
    assert (shown[2].name, shown[2].email) == ("Kari Lunde", "press@bergen.example")


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Call +47 22 33 44 55 today.", ["+47 22 33 44 55"]),
        ("Ring 22 33 44 55.", ["22 33 44 55"]),
        ("Call +1 650 253 0000.", ["+1 650 253 0000"]),
        ("6000 people between 2018-2021, 12 500 in all, 2 000 000 NOK.", []),
        ("Reached 120 young people (85%) by 2021-06-30.", []),
        # dates as YAML writes them (last_reviewed) and as Norwegian text does
        ("2024-09-15", []),
        ("Reviewed 2024-09-23, next 15.09.2025 or 1/3/2026.", []),
        ("Call 22 33 44 55. Reviewed 2024-09-15.", ["22 33 44 55"]),
    ],
)
def test_phone_numbers_are_found_and_counts_are_not(text: str, found: list[str]) -> None:
    assert list(phone_numbers(text, ["NO"])) == found


@pytest.mark.parametrize("region", ["DK", "LU", "LV"])  # where 2024-09-15 dials as a number
def test_a_date_is_not_a_phone_number_in_any_country(region: str) -> None:
    assert list(phone_numbers("Reviewed 2024-09-15, next 15.09.2025.", [region])) == []


def test_an_unpublished_phone_is_found_in_its_national_form() -> None:
    contact = Contact(organisation="An office", name="Per Olsen", phone="+47 415 22 908")
    # Only the contacts matter here; the pydantic plugin asks for every field.
    record = Practice.model_construct(contacts=[contact])  # type: ignore[call-arg]
    unpublished = Unpublished.of([record])
    found = list(
        personal_data_in_text(
            {"summary": "PER  OLSEN answers on 415-22-908.", "title": "Perolsen"}, [], unpublished
        )
    )
    assert [(path, message.split(" in free text")[0]) for path, message in found] == [
        (("summary",), "phone number '415-22-908'"),
        (("summary",), "name of the unpublished contact 'Per Olsen'"),
    ]
