from __future__ import annotations

import hashlib
import shutil
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from bs4 import BeautifulSoup

from generator.catalog import Catalog, load_catalog
from generator.cli import main
from generator.model.module import Module
from generator.outputs.training import agenda, learning_path
from generator.project import Project
from tests.conftest import FIXTURES, copy_project

CP = "{http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1}"
QTI = "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real project with the demonstration module added."""
    project = copy_project(tmp_path_factory.mktemp("training") / "project")
    (project / "content" / "modules").mkdir(parents=True, exist_ok=True)
    shutil.copy(FIXTURES / "modules" / "demo-module.yaml", project / "content" / "modules")
    return project


@pytest.fixture(scope="module")
def catalog(project: Path) -> Catalog:
    return load_catalog(Project(project))[0]


def demo(catalog: Catalog) -> Module:
    return next(m for m in catalog.modules if m.id == "demo-module")


def test_agenda_times_follow_from_the_minutes(catalog: Catalog) -> None:
    slots = agenda(demo(catalog))
    assert [(s.start, s.end, s.episode.title) for s in slots] == [
        ("13:30", "13:45", "The five stages"),
        ("13:45", "14:15", "Practise on a case"),
    ]


def test_learning_path_puts_prerequisites_first(catalog: Catalog) -> None:
    base = demo(catalog)
    later = base.model_copy(update={"id": "a-later-module", "prerequisites": ["demo-module"]})
    other = base.model_copy(update={"id": "z-employers", "audience": ["employers"]})
    path = learning_path([later, other, base])
    assert [m.id for m in path] == ["demo-module", "a-later-module"]


def test_learner_view_has_no_facilitator_notes(project: Path) -> None:
    assert main(["build", "--root", str(project)]) == 0
    folder = project / "site" / "training" / "demo-module"
    learner = (folder / "index.html").read_text("utf-8")
    facilitator = (folder / "facilitator.html").read_text("utf-8")
    assert "FACILITATOR-ONLY" not in learner
    assert "FACILITATOR-ONLY" in facilitator
    assert "13:45–14:15" in facilitator and "13:45–14:15" not in learner
    agenda_page = BeautifulSoup((folder / "agenda.html").read_text("utf-8"), "html.parser")
    rows = [
        [c.get_text(strip=True) for c in r.select("td")]
        for r in agenda_page.select("article tbody tr")
    ]
    assert rows == [
        ["13:30–13:45", "The five stages", "Input", "15"],
        ["13:45–14:15", "Practise on a case", "Exercise", "30"],
    ]
    handout = (folder / "handout.html").read_text("utf-8")
    assert "Place first, then train." in handout and "FACILITATOR-ONLY" not in handout
    answer = BeautifulSoup(learner, "html.parser").find(string=lambda s: s and "MODEL-ANSWER" in s)
    assert answer is not None and answer.find_parent("details") is not None


def test_cartridge_follows_the_format(project: Path, tmp_path: Path) -> None:
    assert main(["export-cartridge", "--root", str(project), "--out", str(tmp_path)]) == 0
    with zipfile.ZipFile(tmp_path / "demo-module.imscc") as archive:
        names = set(archive.namelist())
        manifest = ET.fromstring(archive.read("imsmanifest.xml"))
        assert manifest.tag == f"{CP}manifest"
        assert manifest.findtext(f"{CP}metadata/{CP}schema") == "IMS Common Cartridge"
        assert manifest.findtext(f"{CP}metadata/{CP}schemaversion") == "1.1.0"
        identifiers = [e.get("identifier") for e in manifest.iter() if e.get("identifier")]
        assert len(identifiers) == len(set(identifiers)), "identifiers must be unique"
        resources = {r.get("identifier"): r for r in manifest.iter(f"{CP}resource")}
        organization = manifest.find(f"{CP}organizations/{CP}organization")
        assert organization is not None and organization.get("structure") == "rootbeginning"
        refs = [
            i.get("identifierref") for i in organization.iter(f"{CP}item") if i.get("identifierref")
        ]
        assert sorted(refs) == sorted(resources), "every resource is reached from an item"
        listed = set()
        for resource in resources.values():
            files = [f.get("href") for f in resource.findall(f"{CP}file")]
            assert files and all(f in names for f in files)
            if resource.get("href"):
                assert resource.get("href") in files
            listed.update(files)
        assert names - {"imsmanifest.xml"} == listed, "every file in the zip is listed"
        quiz = next(
            r
            for r in resources.values()
            if r.get("type") == "imsqti_xmlv1p2/imscc_xmlv1p1/assessment"
        )
        qti = ET.fromstring(archive.read(quiz.find(f"{CP}file").get("href")))  # type: ignore[union-attr]
        items = list(qti.iter(f"{QTI}item"))
        assert len(items) == len(demo(load_catalog(Project(project))[0]).self_check)
        for item in items:
            right = [
                c for c in item.iter(f"{QTI}respcondition") if c.find(f"{QTI}setvar") is not None
            ]
            assert len(right) == 1
        page = archive.read("demo-module/index.html").decode("utf-8")
        assert "<form" not in page and "FACILITATOR-ONLY" not in page
        assert "MODEL-ANSWER-TEXT" in page
    first = hashlib.sha256((tmp_path / "demo-module.imscc").read_bytes()).hexdigest()
    assert main(["export-cartridge", "--root", str(project), "--out", str(tmp_path)]) == 0
    assert hashlib.sha256((tmp_path / "demo-module.imscc").read_bytes()).hexdigest() == first
