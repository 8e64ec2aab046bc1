"""The handbook with each of its engines: MkDocs, ProperDocs and Zensical build the same pages
and keep the promises of ``handbook build``; no search section grows with the catalogue.

The engines come with the test extra; one that is missing fails these tests, never skips them.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from generator.catalog.catalog import load_catalog
from generator.commands.cli import main
from generator.load.project import Project
from generator.outputs.registry import all_pages
from generator.outputs.render import figure
from generator.site.engines import ENGINES
from tests.browser.conftest import PAGE_TYPES, Recorder
from tests.browser.test_accessibility import axe_violations
from tests.conftest import (
    FIXTURES,
    ROOT,
    assert_site_unchanged,
    copy_project,
    page_text,
    serving,
    tree_digest,
)
from tests.fields import normal, shown_strings
from tests.test_bench import make_corpus

NAMES = sorted(ENGINES)
OTHERS = [name for name in NAMES if name != "mkdocs"]  # MkDocs' own promises: test_site.py


def build(project: Path, engine: str, site: Path | None = None) -> int:
    where = ["--site-dir", str(site)] if site is not None else []
    return main(["build", "--root", str(project), "--engine", engine, *where])


@pytest.fixture(scope="module")
def sites(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Callable[[str], Path]:
    """The shipped handbook built with an engine, once per engine."""
    built: dict[str, Path] = {}

    def site(name: str) -> Path:
        if name not in built:
            assert ENGINES[name].installed(), f"{name} is missing: pip install -e '.[test]'"
            if name == "mkdocs":
                built[name] = Path(request.getfixturevalue("built_site"))
            else:
                built[name] = tmp_path_factory.mktemp(name) / "site"
                assert build(ROOT, name, built[name]) == 0
        return built[name]

    return site


def search_items(site: Path) -> dict[str, str]:
    """Location -> text of every entry of the site's search index, whichever engine wrote it."""
    zensical = site / "search.json"
    if zensical.is_file():
        items = json.loads(zensical.read_text("utf-8"))["items"]
    else:
        items = json.loads((site / "search" / "search_index.json").read_text("utf-8"))["docs"]
    return {item["location"]: item["text"] for item in items}


@pytest.mark.parametrize("name", NAMES)
def test_every_page_is_in_the_site(name: str, sites: Callable[[str], Path]) -> None:
    site = sites(name)
    catalog, _ = load_catalog(Project(ROOT))
    missing, changed = [], []
    for page in all_pages(catalog):
        if page.path.endswith(".md"):
            if not (site / (page.path.removesuffix(".md") + ".html")).is_file():
                missing.append(page.path)
        elif not (site / page.path).is_file():
            missing.append(page.path)
        elif (site / page.path).read_bytes() != page.text.encode():  # data and downloads as made
            changed.append(page.path)
    written = [p for p in (ROOT / "content").rglob("*.md") if "includes" not in p.parts]
    missing += [
        str(p)
        for p in written
        if not (site / p.relative_to(ROOT / "content")).with_suffix(".html").is_file()
    ]
    assert (missing, changed) == ([], []), name


@pytest.mark.parametrize("name", NAMES)
def test_a_practice_page_shows_its_record(name: str, sites: Callable[[str], Path]) -> None:
    site = sites(name)
    catalog, _ = load_catalog(Project(ROOT))
    for practice in catalog.practices:
        text = page_text(site / "practices" / f"{practice.id}.html")
        missing = [
            s for s in shown_strings(practice.model_dump(mode="json")) if normal(s) not in text
        ]
        missing += [figure(k) for k in practice.key_figures if normal(figure(k)) not in text]
        assert missing == [], f"{name}, {practice.id}: not on its page: {missing[:5]}"


@pytest.mark.parametrize("name", NAMES)
def test_search_finds_a_practice_by_its_text(name: str, sites: Callable[[str], Path]) -> None:
    found = [loc for loc, text in search_items(sites(name)).items() if "Ungteam" in text]
    assert any(loc.startswith("practices/p1824-drammen.html") for loc in found), (name, found)


@pytest.mark.parametrize("name", OTHERS)
def test_two_builds_are_byte_identical(
    name: str, sites: Callable[[str], Path], tmp_path: Path
) -> None:
    assert build(ROOT, name, tmp_path / "again") == 0
    assert tree_digest(tmp_path / "again") == tree_digest(sites(name))


@pytest.mark.parametrize("name", OTHERS)
def test_markup_in_records_is_never_live(name: str, tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    shutil.copy(FIXTURES / "hostile" / "hostile-html.yaml", project / "practices")
    assert build(project, name) == 0
    site = project / "site"
    soup = BeautifulSoup(
        (site / "practices" / "hostile-html.html").read_text("utf-8"), "html.parser"
    )
    article = soup.select_one("article")
    assert article is not None
    assert article.select("script, img, iframe, object, svg, style, b, details") == []
    assert [(t.name, a) for t in soup.find_all(True) for a in t.attrs if a.startswith("on")] == []
    hrefs = [str(a.get("href", "")) for a in soup.select("a")]
    assert not any(h.lower().lstrip().startswith("javascript:") for h in hrefs)
    assert "<script>alert('summary')</script>" in article.get_text()  # shown as text
    assert not any("<script>alert(" in text for text in search_items(site).values())


def test_failed_zensical_build_keeps_the_last_good_site(
    tmp_path: Path, sites: Callable[[str], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(tmp_path / "project")
    shutil.copytree(sites("zensical"), project / "site")  # the last good Zensical build
    before = tree_digest(project / "site")
    page = project / "content" / "glossary.md"
    page.write_text(page.read_text("utf-8") + "\n[broken](no-such-page.md)\n", "utf-8")
    capsys.readouterr()
    assert build(project, "zensical") == 1  # strict: a broken link fails
    err = capsys.readouterr().err
    assert "glossary.md" in err and "no-such-page.md" in err
    assert "Traceback" not in err and "\x1b[" not in err
    assert "the site build failed; the previous site is unchanged" in err
    assert_site_unchanged(project, before)


def test_the_command_offers_every_engine(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", "--help"]) == 0
    assert "{" + ",".join(NAMES) + "}" in capsys.readouterr().out


def test_an_engine_not_installed_is_named_with_its_extra(tmp_path: Path) -> None:
    code = f"""
        import sys
        class Hide:  # as if zensical had never been installed
            def find_spec(self, name, path=None, target=None):
                if name.partition(".")[0] == "zensical":
                    raise ModuleNotFoundError(name)
        sys.meta_path.insert(0, Hide())
        from generator.commands.cli import main
        sys.exit(main(["build", "--root", {str(ROOT)!r}, "--site-dir", {str(tmp_path / "s")!r},
                       "--engine", "zensical"]))
    """
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 1, done.stderr
    assert "--engine zensical: zensical is not installed" in done.stderr
    assert "pip install 'inclusion-handbook[zensical]'" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "s").exists()


def test_the_generated_tree_builds_with_plain_mkdocs(tmp_path: Path) -> None:
    """``handbook generate`` writes the configuration with the tree: no handbook plugin."""
    out = tmp_path / "out"
    assert main(["generate", "--root", str(ROOT), "--out", str(out)]) == 0
    assert "handbook" not in (out / "mkdocs.yml").read_text("utf-8").replace(
        "inclusion-handbook", ""
    )
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(out / "mkdocs.yml")],
        cwd=out,  # the snippets' base path is relative to the working folder
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert (out / "site" / "practices" / "p1824-drammen.html").is_file()
    assert (out / "site" / "checklists" / "downloads" / "assessment.md.txt").is_file()


# A section that lists the practices grows by at least a title per practice (over 30 bytes);
# one bounded by a vocabulary, such as a table of the countries, grows by a few bytes a
# practice until every country is there. Zensical refuses a section over 2**30 bytes divided
# by the number of entries in its index, rounded down to a power of two: 32 KB at 1,000
# practices, 8 KB at 3,000.
BYTES_PER_PRACTICE = 25


def test_no_search_section_grows_with_the_catalogue(
    sites: Callable[[str], Path], tmp_path: Path
) -> None:
    """The shipped handbook's index against a catalogue of 40, on the engine with a limit."""
    small = sites("zensical")
    project = tmp_path / "corpus"
    make_corpus(40, project)
    assert build(project, "zensical") == 0
    few, many = search_items(small), search_items(project / "site")
    added = 40 - len(list((ROOT / "practices").glob("*.yaml")))
    growing = {
        location: (len(few[location]), len(text))
        for location, text in many.items()
        if location in few and len(text) - len(few[location]) > BYTES_PER_PRACTICE * added
    }
    assert growing == {}


@pytest.mark.browser
def test_zensical_search_works_from_file_urls(browser: Any, sites: Callable[[str], Path]) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    requests = Recorder()
    page.on("request", lambda request: requests.urls.append(request.url))
    page.set_default_timeout(10_000)
    try:
        page.goto((sites("zensical") / "practices" / "index.html").as_uri())
        page.locator(".md-search__button").first.click()  # Zensical's search is a dialog
        page.keyboard.type("Ungteam", delay=30)
        results = page.locator('[aria-label="Search results"] a[role="option"]')
        results.first.wait_for()
        hrefs = [str(a.get_attribute("href")) for a in results.all()]
        assert any("/practices/p1824-drammen.html" in h for h in hrefs), hrefs
        assert requests.outside("file://") == []
    finally:
        context.close()


@pytest.fixture(scope="module")
def zensical_url(sites: Callable[[str], Path]) -> Iterator[str]:
    """The Zensical build served on 127.0.0.1 (its 404 page needs a server, as MkDocs' does)."""
    with serving(sites("zensical")) as url:
        yield url


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_zensical_pages_have_no_axe_violations(
    browser: Any, zensical_url: str, scheme: str
) -> None:
    """Every page type of the Zensical build, whose theme is not Material's."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.emulate_media(color_scheme=scheme)
    found = {}
    try:
        for name, path in PAGE_TYPES.items():
            page.goto(zensical_url + path)
            expected = "slate" if scheme == "dark" else "default"
            assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == expected
            violations = axe_violations(page)
            if violations:
                found[name] = violations
    finally:
        context.close()
    assert found == {}, json.dumps(found, indent=1)


@pytest.mark.parametrize("where", [".", "content/tree", "overrides/tree", ".."])
def test_generate_never_writes_over_the_project(
    tmp_path: Path, where: str, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(tmp_path / "project")
    before = tree_digest(project)
    # refused like every other output folder over an input: exit 1
    assert main(["generate", "--root", str(project), "--out", str(project / where)]) == 1
    assert "handbook: error: --out" in capsys.readouterr().err
    assert tree_digest(project) == before
