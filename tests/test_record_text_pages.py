"""For any record, module or checklist that validates, the pages made from it hold no element,
attribute, id, class, style or address that the project's own templates did not put there.

Each case is compared with the same documents holding neutral text: first on the pages the
generator makes, converted by the Markdown of mkdocs.yml (hypothesis draws the text of every
kind of field), then on a real ``handbook build`` of the hostile fixtures, whose pages are
also kept as expected output beside them.
"""

from __future__ import annotations

import copy
import itertools
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup, Tag
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from generator.catalog.catalog import load_catalog
from generator.commands.cli import main
from generator.load.project import Project
from generator.model.checklist import Checklist
from generator.model.module import Module
from generator.model.practice import Practice
from generator.outputs.registry import all_pages
from generator.problems import FieldPath, Severity, errors
from generator.text.subset import findings
from generator.validate.documents import PLACEHOLDER, field_kind, text_values
from tests import golden
from tests.conftest import HOSTILE, ROOT, add_hostile, copy_project
from tests.markup import Markup, differences, markup, outside_hosts, site_markdown, tree
from tests.text.strategies import hostile_text

# The hostile documents, and where each goes in a project.
DOCUMENTS: list[tuple[Path, type[BaseModel], str]] = [
    (HOSTILE / "hostile-markdown.yaml", Practice, "practices"),
    (HOSTILE / "modules" / "hostile-module.yaml", Module, "content/modules"),
    (HOSTILE / "checklists" / "hostile-checklist.yaml", Checklist, "content/checklists"),
]


def _set(data: Any, path: FieldPath, value: str) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


def text_fields(data: Any, model: type[BaseModel]) -> list[FieldPath]:
    return [
        path
        for path, _ in text_values(data)
        if field_kind(model, tuple(0 if isinstance(p, int) else p for p in path)) is not None
    ]


def neutral(data: Any, model: type[BaseModel], counter: itertools.count[int]) -> Any:
    """``data`` with the value of every text field replaced by a neutral sentence."""
    data = copy.deepcopy(data)
    for path in text_fields(data, model):
        _set(data, path, f"Neutral text {next(counter)}.")
    return data


def _documents() -> list[tuple[Any, type[BaseModel], str, str]]:
    """(neutral data, model, folder, file name) of each hostile document."""
    counter = itertools.count(1)
    return [
        (neutral(yaml.safe_load(path.read_text("utf-8")), model, counter), model, folder, path.name)
        for path, model, folder in DOCUMENTS
    ]


def _write(project: Path, documents: list[tuple[Any, type[BaseModel], str, str]]) -> None:
    for data, _, folder, name in documents:
        target = project / folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")


def _small_project(root: Path) -> Path:
    """A project of only the (neutral) hostile documents, with the real config and glossary."""
    (root / "practices").mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    (root / "content" / "includes").mkdir(parents=True)
    shutil.copy(ROOT / "content" / "includes" / "abbreviations.md", root / "content" / "includes")
    return root


def _pages_markup(project: Path) -> dict[str, Markup] | None:
    """The markup of every page the generator makes for ``project``, in MkDocs' Markdown;
    None if the project does not validate."""
    catalog, problems = load_catalog(Project(project), workers=1)
    if errors(problems):
        return None
    engine = site_markdown(project / "mkdocs.yml", project / "content")
    found = {}
    for page in all_pages(catalog, workers=1):
        if page.path.endswith(".md"):
            found[page.path] = markup(engine.reset().convert(page.text))
        elif page.path.endswith(".js"):  # data scripts: JSON values, written as text
            for line in page.text.splitlines():
                value = line.split(" = ", 1)[-1]
                if line.startswith("window.") and value[:1] in "{[":
                    json.loads(value.removesuffix(";"))
    return found


@pytest.fixture(scope="module")
def neutral_pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Markup]:
    project = _small_project(tmp_path_factory.mktemp("neutral"))
    _write(project, _documents())
    pages = _pages_markup(project)
    assert pages is not None
    return pages


def _accepted(value: str, path: FieldPath, model: type[BaseModel]) -> bool:
    kind = field_kind(model, tuple(0 if isinstance(p, int) else p for p in path))
    if not value.strip() or (value.startswith("<") and PLACEHOLDER.match(value)):
        return False
    return not [f for f in findings(value, kind) if f.severity is Severity.ERROR]


FIELDS = [
    (index, path)
    for index, (data, model, _, _) in enumerate(_documents())
    for path in text_fields(data, model)
]


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(values=st.lists(hostile_text, min_size=len(FIELDS), max_size=len(FIELDS)))
def test_pages_of_any_valid_document_hold_only_the_templates_markup(
    tmp_path_factory: pytest.TempPathFactory, neutral_pages: dict[str, Markup], values: list[str]
) -> None:
    documents = _documents()
    for (index, path), value in zip(FIELDS, values, strict=True):  # every text field at once
        data, model, _, _ = documents[index]
        if _accepted(value, path, model):
            _set(data, path, value)
    project = _small_project(tmp_path_factory.mktemp("drawn"))
    _write(project, documents)
    pages = _pages_markup(project)
    assume(pages is not None)  # two drawn checklist items alike, say: not a valid project
    assert pages is not None and set(pages) == set(neutral_pages)
    found = [p for path, m in pages.items() for p in differences(m, neutral_pages[path], path)]
    assert found == []


# The hostile fixtures built for real: the pages expected in full, and every page compared.
EXPECTED = HOSTILE / "expected"
GOLDEN_PAGES = [
    "practices/hostile-markdown.html",
    "practices/hostile-html.html",
    "training/hostile-module/index.html",
    "training/hostile-module/facilitator.html",
    "training/hostile-module/handout.html",
    "checklists/hostile-checklist.html",
    "checklists/replication/hostile-markdown.html",
]


@pytest.fixture(scope="module")
def neutral_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hostile project with neutral text in every text field of its hostile documents."""
    project = add_hostile(copy_project(tmp_path_factory.mktemp("neutral-site") / "project"))
    counter = itertools.count(1)
    documents: list[tuple[Path, type[BaseModel], str]] = [
        *DOCUMENTS,
        (HOSTILE / "hostile-html.yaml", Practice, "practices"),
    ]
    for path, model, folder in documents:
        target = project / folder / path.name
        data = neutral(yaml.safe_load(target.read_text("utf-8")), model, counter)
        target.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    assert main(["build", "--root", str(project)]) == 0
    return project / "site"


def _html_files(site: Path) -> dict[str, Path]:
    return {p.relative_to(site).as_posix(): p for p in sorted(site.rglob("*.html"))}


def test_built_hostile_pages_hold_only_the_templates_markup(
    hostile_site: Path, neutral_site: Path
) -> None:
    hostile, calm = _html_files(hostile_site), _html_files(neutral_site)
    assert set(hostile) == set(calm)
    marks = {name: markup(path.read_text("utf-8")) for name, path in hostile.items()}
    found = [
        problem
        for name, path in calm.items()
        for problem in differences(marks[name], markup(path.read_text("utf-8")), name)
    ]
    assert found == [], "\n".join(found)
    assert outside_hosts(marks.values()) == set()


@pytest.mark.parametrize("page", GOLDEN_PAGES)
def test_built_hostile_page_is_as_expected(
    hostile_site: Path, page: str, update_golden: bool
) -> None:
    soup = BeautifulSoup((hostile_site / page).read_text("utf-8"), "html.parser")
    article = soup.select_one("article")
    assert isinstance(article, Tag)
    title = soup.select_one("title")
    assert isinstance(title, Tag)
    actual = f"title: {json.dumps(title.get_text(), ensure_ascii=False)}\n" + tree(article)
    golden.check(
        EXPECTED / (page.replace("/", "--").removesuffix(".html") + ".txt"), actual, update_golden
    )


def _built_without_the_plugin(project: Path, tmp: Path) -> Path:
    """``handbook generate``'s tree of ``project`` built by plain MkDocs: no plugin hook, so
    no page-level sanitizer either; what other site engines get."""
    out = tmp / "out"
    assert main(["generate", "--root", str(project), "--out", str(out)]) == 0
    config = yaml.safe_load((project / "mkdocs.yml").read_text("utf-8"))
    config.update(
        docs_dir=str(out / "docs"),
        site_dir=str(tmp / "site"),
        nav=yaml.safe_load((out / "nav.yml").read_text("utf-8"))["nav"],
        plugins=[
            p
            for p in config["plugins"]
            if p != "handbook" and not (isinstance(p, dict) and "handbook" in p)
        ],
    )
    config["theme"]["custom_dir"] = str(project / "overrides")
    for extension in config["markdown_extensions"]:
        if isinstance(extension, dict) and "pymdownx.snippets" in extension:
            extension["pymdownx.snippets"]["base_path"] = [str(out / "docs")]
    (tmp / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(tmp / "mkdocs.yml")],
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return tmp / "site"


def test_without_the_plugin_hostile_pages_hold_only_the_templates_markup(
    tmp_path: Path, neutral_site: Path
) -> None:
    hostile = add_hostile(copy_project(tmp_path / "hostile"))
    calm = neutral_site.parent  # the neutral project
    built = {
        name: _html_files(_built_without_the_plugin(project, tmp_path / f"{name}-build"))
        for name, project in (("hostile", hostile), ("neutral", calm))
    }
    assert set(built["hostile"]) == set(built["neutral"])
    marks = {name: markup(path.read_text("utf-8")) for name, path in built["hostile"].items()}
    found = [
        problem
        for name, path in built["neutral"].items()
        for problem in differences(marks[name], markup(path.read_text("utf-8")), name)
        # The Markdown downloads become pages here, whose heading ids the engine derives
        # from the checklist's titles; the template's words start them, so none can be one
        # of the theme's ids (and their anchors point at them).
        if not DOWNLOAD_HEADING_ID.match(problem)
    ]
    assert found == [], "\n".join(found)
    assert outside_hosts(marks.values()) == set()


DOWNLOAD_HEADING_ID = re.compile(
    r"checklists/downloads/[\w-]+\.html: (id '|address a\[href\]='#)(checklist-|\d+-)[\w-]*'$"
)
