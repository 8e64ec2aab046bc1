from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator.catalog.catalog import Catalog, load_catalog
from generator.load.project import Project
from generator.model.module import Module
from generator.outputs.registry import all_pages
from generator.outputs.training import agenda, learning_path
from tests.conftest import FIXTURES, copy_project
from tests.markup import site_markdown


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


def _module_pages(project: Path, catalog: Catalog) -> dict[str, str]:
    """The demonstration module's pages as the site's Markdown (that of mkdocs.yml) makes them:
    view name -> HTML."""
    engine = site_markdown(project / "mkdocs.yml", project / "content")
    folder = "training/demo-module/"
    return {
        page.path.removeprefix(folder).removesuffix(".md"): engine.reset().convert(page.text)
        for page in all_pages(catalog)
        if page.path.startswith(folder)
    }


def test_learner_view_has_no_facilitator_notes(project: Path, catalog: Catalog) -> None:
    views = _module_pages(project, catalog)
    assert sorted(views) == ["agenda", "facilitator", "handout", "index"]
    learner, facilitator = views["index"], views["facilitator"]
    assert "FACILITATOR-ONLY" not in learner
    assert "FACILITATOR-ONLY" in facilitator
    assert "13:45–14:15" in facilitator and "13:45–14:15" not in learner
    agenda_page = BeautifulSoup(views["agenda"], "html.parser")
    rows = [
        [c.get_text(strip=True) for c in r.select("td")] for r in agenda_page.select("tbody tr")
    ]
    assert rows == [
        ["13:30–13:45", "The five stages", "Input", "15"],
        ["13:45–14:15", "Practise on a case", "Exercise", "30"],
    ]
    handout = views["handout"]
    assert "Place first, then train." in handout and "FACILITATOR-ONLY" not in handout
    answer = BeautifulSoup(learner, "html.parser").find(string=lambda s: s and "MODEL-ANSWER" in s)
    assert answer is not None and answer.find_parent("details") is not None
