"""Shared fixtures: the real project, a site built once from it, and headless Chromium."""

from __future__ import annotations

import contextlib
import fcntl
import functools
import hashlib
import http.server
import os
import re
import shutil
import subprocess
import sys
import textwrap
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hypothesis import settings

from generator.catalog.catalog import Catalog, load_catalog
from generator.commands.cli import main
from generator.load.project import Project
from generator.outputs.pdf import CHROMIUM_ARGS
from generator.problems import errors
from tests import golden

# Property tests explore new examples on every local run; CI (HYPOTHESIS_PROFILE=ci) runs the
# same examples each time, so that a clean clone's verdict does not depend on luck.
settings.register_profile("ci", derandomize=True, database=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True, scope="session")
def _build_cache_of_the_tests(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The builds' cache (generator.build_cache) in the tests' own folder, not the user's."""
    before = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("user-cache"))
    yield
    if before is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = before


FIXTURES = Path(__file__).resolve().parent / "fixtures"
CHROMIUM = "/usr/bin/chromium"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite the expected-output files from the current output",
    )


@pytest.fixture(scope="session")
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


def page_text(path: Path) -> str:
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    article = soup.select_one("article")
    assert article is not None, f"{path} has no article"
    for tag in article.select("a, abbr, strong, em, code, span"):
        tag.unwrap()
    article.smooth()
    return " ".join(article.get_text(" ").replace("\u00a0", " ").split())


def check_invalid_content(project: Path, folder: str, case: Path, update_golden: bool) -> Catalog:
    """Put one invalid content file into ``project``, load the catalog, compare its errors
    with the expected lines beside the case, take the file away again; return the catalog."""
    target = project / "content" / folder / case.name
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(case, target)
    try:
        catalog, problems = load_catalog(Project(project))
    finally:
        target.unlink()
    mine = [p for p in problems if p.file.name == case.name]
    assert errors(mine), f"{case.name} must give at least one error"
    lines = "".join(p.format(relative_to=target.parent) + "\n" for p in mine)
    golden.check(case.with_suffix(".expected"), lines, update_golden)
    return catalog


def records_with_contacts_published(target: Path) -> Path:
    """A project holding the shipped records with every contact marked publish: true."""
    shutil.copytree(ROOT / "practices", target / "practices")
    for record in (target / "practices").glob("*.yaml"):
        text = record.read_text(encoding="utf-8").replace("publish: false", "publish: true")
        record.write_text(text, encoding="utf-8")
    return target


def in_fresh_python(code: str) -> str:
    """Run ``code`` in a new interpreter and return what it printed.

    Work that forks is tested there: this process runs servers on threads (the browser
    tests' site), and the generator never forks a process that has other threads.
    """
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


_LANGUAGES_OPTION = re.compile(r"^(\s+)languages:.*$", re.MULTILINE)


def copy_project(
    target: Path, languages: bool | Sequence[str] = False, translations: bool | None = None
) -> Path:
    """A copy of the real project (records, content, theme, config, translations) to change
    in a test.

    Its site is English only (the handbook plugin's ``languages: []``), which keeps the
    many builds of the tests short, unless ``languages`` is True (the shipped languages) or
    the list of the languages to build."""
    target.mkdir(parents=True, exist_ok=True)
    copied = ["mkdocs.yml", "content", "practices", "overrides"]
    if translations or (translations is None and languages):  # the shipped PO files
        copied.append("translations")
    for name in copied:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        else:
            shutil.copy2(source, target / name)
    if languages is not True:
        chosen = ", ".join(languages or [])
        config = target / "mkdocs.yml"
        text, found = _LANGUAGES_OPTION.subn(rf"\1languages: [{chosen}]", config.read_text("utf-8"))
        assert found == 1, "expected one languages option of the handbook plugin in mkdocs.yml"
        config.write_text(text, "utf-8")
    return target


def tree_digest(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (as a POSIX path relative to it) -> its SHA-256."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def built_once(
    tmp_path_factory: pytest.TempPathFactory, name: str, make: Callable[[Path], None]
) -> Path:
    """The folder ``name`` made by ``make`` once for the whole run, and shared, never changed.

    Under pytest-xdist every worker is its own session: the first worker to ask makes the
    folder (in the run's common temporary folder, under a lock), the others wait and read it.
    """
    if os.environ.get("PYTEST_XDIST_WORKER") is None:
        folder = tmp_path_factory.mktemp(name)
        make(folder)
        return folder
    common = tmp_path_factory.getbasetemp().parent
    folder, done = common / name, common / f"{name}.done"
    with (common / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            make(folder)
            done.touch()
    return folder


def _build_copy(folder: Path, change: Callable[[Path], Path] = lambda project: project) -> None:
    project = change(copy_project(folder / "project"))
    assert main(["build", "--root", str(project)]) == 0


@pytest.fixture(scope="session")
def built_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the real project with its site built once by ``handbook build``; never
    changed: tests that change a project copy it with ``built_copy``."""
    return built_once(tmp_path_factory, "built", _build_copy) / "project"


@pytest.fixture(scope="session")
def built_site(built_project: Path) -> Path:
    """The real site, built once by ``handbook build`` from the shipped records."""
    return built_project / "site"


LANGUAGES = ("nb", "uk")  # the languages of the test site with languages


def _build_languages(folder: Path) -> None:
    project = copy_project(folder / "project", LANGUAGES)
    assert main(["build", "--root", str(project)]) == 0


@pytest.fixture(scope="session")
def languages_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the real project with two languages (``LANGUAGES``), built once by
    ``handbook build``; never changed: copy it to change it."""
    return built_once(tmp_path_factory, "languages", _build_languages) / "project"


# A project with its last good site, and the digest of that site.
BuiltCopy = tuple[Path, dict[str, str]]


@pytest.fixture
def built_copy(built_project: Path, tmp_path: Path) -> BuiltCopy:
    """A project of its own with the last good site in it, and the digest of that site: a copy
    of ``built_project`` (a site is byte-identical whichever folder it was built in)."""
    project = shutil.copytree(built_project, tmp_path / "project", symlinks=True)
    assert not list(project.glob(".site-*")), "the shared build left a staging folder"
    return project, tree_digest(project / "site")


def assert_site_unchanged(project: Path, before: dict[str, str]) -> None:
    """The last good site is byte for byte as it was, and no half-built folder is left."""
    assert tree_digest(project / "site") == before
    assert not list(project.glob(".site-*"))


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def serving(folder: Path) -> Iterator[str]:
    """``folder`` served on 127.0.0.1 (a free port) while the block runs: its address."""
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """The built site served on 127.0.0.1 (a free port)."""
    with serving(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's Chromium driven by Playwright. Missing Chromium fails, never skips."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} not found: install Debian's chromium package (see .ci/run)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        yield launched
        launched.close()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Long tests first (a stable sort): with several workers (``-n auto --dist worksteal``)
    the short ones then share the other cores, instead of one long test ending the run alone."""
    items.sort(key=lambda item: item.get_closest_marker("long") is None)


_skipped_browser_tests: list[str] = []


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.skipped and "browser" in report.keywords:
        _skipped_browser_tests.append(report.nodeid)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """A browser test that could not run is a failure: the pages went unchecked."""
    if _skipped_browser_tests and exitstatus == 0:
        print(f"\n{len(_skipped_browser_tests)} browser test(s) skipped; failing the run:")
        for nodeid in _skipped_browser_tests:
            print(f"  {nodeid}")
        session.exitstatus = 1


HOSTILE = FIXTURES / "hostile"  # records, modules and checklists that validate, full of markup


def add_hostile(project: Path) -> Path:
    """``project`` with the hostile records, modules and checklists added."""
    for case in HOSTILE.glob("*.yaml"):
        shutil.copy(case, project / "practices")
    for kind in ("modules", "checklists"):
        for case in (HOSTILE / kind).glob("*.yaml"):
            shutil.copy(case, project / "content" / kind)
    return project


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real project plus the hostile records, modules and checklists, built by
    ``handbook build``."""
    made = built_once(tmp_path_factory, "hostile", lambda f: _build_copy(f, add_hostile))
    return made / "project" / "site"
