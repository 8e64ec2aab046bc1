"""Moodle's own Common Cartridge importer on the exported cartridges.

The conformance kit (``moodle-cc/``: an unchanged excerpt of Moodle 4.4's CC 1.1 validator and
converter, with ``check.sh`` and ``check.php`` to run them outside Moodle) lives outside the
repository: in ``$HANDBOOK_MOODLE_CC``, else in ``shared/conformance/moodle-cc`` beside the
checkout or beside a folder above it. It needs Debian's ``php-cli php-xml php-mbstring``.
A missing kit or PHP fails these tests, never skips them: the cartridges would go unchecked.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from generator.catalog.catalog import load_catalog
from generator.commands.cli import main
from generator.load.project import Project
from generator.model.module import Module
from tests.conftest import ROOT
from tests.test_cartridge import export, hostile_project

_RESULT = re.compile(r"^(?P<file>\S+\.imscc): (?P<verdict>IMPORTED|REFUSED)(?P<rest>.*)$", re.M)
_COUNTS = re.compile(r"^: (\d+) page\(s\), (\d+) quiz\(zes\)$")


def find_kit() -> Path | None:
    given = os.environ.get("HANDBOOK_MOODLE_CC")
    if given:
        return Path(given)
    for folder in ROOT.parents:
        kit = folder / "shared" / "conformance" / "moodle-cc"
        if (kit / "check.sh").is_file():
            return kit
    return None


@pytest.fixture(scope="module")
def kit() -> Path:
    found = find_kit()
    if found is None or not (found / "check.sh").is_file():
        pytest.fail(
            "Moodle's CC importer kit not found: set HANDBOOK_MOODLE_CC to its moodle-cc "
            f"folder (looked for shared/conformance/moodle-cc above {ROOT}; found {found})"
        )
    if shutil.which("php") is None:
        pytest.fail("php not found: apt-get install -y php-cli php-xml php-mbstring (.ci/run)")
    modules = subprocess.run(["php", "-m"], capture_output=True, text=True, check=True).stdout
    missing = {"dom", "mbstring"} - set(modules.lower().split())
    if missing:
        pytest.fail(
            f"PHP lacks {', '.join(sorted(missing))}: apt-get install -y php-xml php-mbstring"
        )
    return found


@pytest.fixture(scope="module")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Path]]:
    """The real project's cartridges: their folder and module id -> cartridge."""
    out = tmp_path_factory.mktemp("cartridges")
    return out, export(ROOT, out)


def check_sh(kit: Path, folder: Path) -> tuple[int, dict[str, tuple[str, str]], str]:
    """Run ``check.sh`` on ``folder`` (or one cartridge): exit status, {module id: (verdict,
    rest)}, its output."""
    done = subprocess.run(
        ["bash", str(kit / "check.sh"), str(folder)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    results = {
        m["file"].removesuffix(".imscc"): (m["verdict"], m["rest"])
        for m in _RESULT.finditer(done.stdout)
    }
    return done.returncode, results, done.stdout + done.stderr


def test_moodle_imports_every_cartridge_with_a_page_per_episode_and_the_quiz(
    kit: Path, shipped: tuple[Path, dict[str, Path]]
) -> None:
    catalog = load_catalog(Project(ROOT))[0]
    folder, cartridges = shipped
    status, results, output = check_sh(kit, folder)
    assert sorted(results) == sorted(cartridges) == sorted(m.id for m in catalog.modules), output
    for module in catalog.modules:
        verdict, rest = results[module.id]
        assert verdict == "IMPORTED", f"Moodle refuses {module.id}: {rest}"
        counts = _COUNTS.match(rest)
        assert counts is not None, output
        pages, quizzes = int(counts[1]), int(counts[2])
        assert pages >= len(module.episodes), f"{module.id}: {pages} page(s)"
        assert quizzes == (1 if module.self_check else 0), f"{module.id}: {quizzes} quiz(zes)"
    assert status == 0, output


def moodle_course(kit: Path, cartridge: Path, folder: Path) -> ET.Element:
    """The course Moodle's converter makes of ``cartridge`` (its ``moodle.xml``)."""
    with zipfile.ZipFile(cartridge) as archive:
        archive.extractall(folder)
    done = subprocess.run(
        ["php", "-d", "error_reporting=E_ERROR", str(kit / "check.php"), str(folder)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0 and done.stdout.startswith("IMPORTED"), done.stdout + done.stderr
    return ET.parse(folder / "moodle.xml").getroot()


def expected_sections(module: Module) -> list[str]:
    return [
        "About this module",
        *(f"Episode {n}: {e.title}" for n, e in enumerate(module.episodes, start=1)),
        *(["Case studies"] if module.case_studies else []),
        *(["Check your understanding"] if module.self_check else []),
        *(["Handouts"] if module.handouts else []),
        "For facilitators",
    ]


def test_moodle_makes_the_course_a_trainer_would_want(
    kit: Path, shipped: tuple[Path, dict[str, Path]], tmp_path: Path
) -> None:
    """Named sections in teaching order, an episode page in each episode's section, the quiz
    with each option's feedback, and the facilitator guide hidden from learners."""
    catalog = load_catalog(Project(ROOT))[0]
    cartridges = shipped[1]
    for module in catalog.modules:
        course = moodle_course(kit, cartridges[module.id], tmp_path / module.id)
        assert course.findtext("COURSE/HEADER/FULLNAME") == module.title
        mods = {
            (m.findtext("MODTYPE"), m.findtext("ID")): m
            for m in course.iterfind("COURSE/MODULES/MOD")
        }
        sections = []
        for section in course.iterfind("COURSE/SECTIONS/SECTION"):
            entries = []
            for mod in section.iterfind("MODS/MOD"):
                definition = mods[(mod.findtext("TYPE"), mod.findtext("INSTANCE"))]
                entries.append((definition, mod.findtext("VISIBLE")))
            sections.append((section.findtext("SUMMARY"), entries))
        assert [title for title, _ in sections] == expected_sections(module)
        for (_, entries), episode in zip(sections[1:], module.episodes, strict=False):
            [(page, visible)] = entries
            assert page.findtext("TYPE") == "html" and visible == "1"  # a Moodle page
            assert page.findtext("NAME") == episode.title
            assert episode.title in (page.findtext("ALLTEXT") or "")
        shown = {d.findtext("NAME"): v for _, entries in sections for d, v in entries}
        assert shown.pop("Facilitator guide") == "0"
        assert set(shown.values()) == {"1"}, f"{module.id}: only the guide is hidden"
        questions = list(course.iterfind(".//QUESTION_CATEGORY/QUESTIONS/QUESTION"))
        assert len(questions) == len(module.self_check)
        for question, check in zip(questions, module.self_check, strict=True):
            assert question.findtext("QUESTIONTEXT") == check.question
            assert not (question.findtext("GENERALFEEDBACK") or "").strip()
            answers = [
                (
                    a.findtext("ANSWER_TEXT"),
                    float(a.findtext("FRACTION") or 0),
                    a.findtext("FEEDBACK"),
                )
                for a in question.iterfind(".//ANSWER")
            ]
            assert answers == [
                (o.text, 1.0 if o.correct else 0.0, o.feedback + " ") for o in check.options
            ]


def test_moodle_imports_a_cartridge_full_of_markup(kit: Path, tmp_path: Path) -> None:
    project = hostile_project(tmp_path / "project")
    cartridge = export(project, tmp_path / "out")["hostile-module"]
    status, results, output = check_sh(kit, cartridge)
    assert results["hostile-module"][0] == "IMPORTED", output
    assert status == 0, output


def test_moodle_imports_a_norwegian_cartridge_with_its_norwegian_course(
    kit: Path, tmp_path: Path
) -> None:
    """One nb cartridge (``handbook export-cartridge --language nb``): Moodle imports it, and
    the course, its episode pages and its quiz carry the Norwegian texts."""
    from tests.conftest import copy_project

    project = copy_project(tmp_path / "project", ["nb"])
    out = tmp_path / "out"
    argv = ["export-cartridge", "--root", str(project), "--out", str(out), "--language", "nb"]
    assert main(argv) == 0
    module = "individual-follow-up"  # translated in translations/nb/modules.po
    cartridge = out / f"{module}.imscc"
    status, results, output = check_sh(kit, cartridge)
    assert results[module][0] == "IMPORTED", output
    assert status == 0, output
    course = moodle_course(kit, cartridge, tmp_path / "course")
    title = course.findtext("COURSE/HEADER/FULLNAME") or ""
    assert title.startswith("Strukturert individuell oppfølging"), title
    names = [m.findtext("NAME") or "" for m in course.iterfind("COURSE/MODULES/MOD")]
    assert "Tilpass tiltaket til personen" in names, names
    questions = [q.findtext("QUESTIONTEXT") or "" for q in course.iterfind(".//QUESTION")]
    assert any(q.startswith("Hva gjorde P1824") for q in questions), questions
