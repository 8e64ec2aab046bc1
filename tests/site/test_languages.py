"""The site in every language: English at the root, each language under ``<code>/`` with the
same pages, its own interface language and search, a menu and hreflang links to the same page
in the others; built together, swapped in together, and one language rebuilt alone."""

from __future__ import annotations

import contextlib
import json
import os
import posixpath
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from generator.commands.cli import main
from generator.load.project import Project
from generator.site.lock import remove_leftovers, staging_folder
from generator.translate.status import status
from tests.conftest import (
    LANGUAGES,
    ROOT,
    assert_site_unchanged,
    copy_project,
    tree_digest,
)
from tests.processes import children as _children
from tests.processes import running as _running

SEARCH_LANG = {"en": ["en"], "nb": ["no"], "uk": ["en"]}  # generator.translate.languages


def _pages(site: Path) -> list[str]:
    """The HTML pages of the English site (not those of the languages in it)."""
    return sorted(
        p.relative_to(site).as_posix()
        for p in site.rglob("*.html")
        if p.relative_to(site).parts[0] not in LANGUAGES
    )


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text("utf-8"), "html.parser")


def _resolved(site: Path, page: str, href: str) -> str:
    """``href`` on the page ``page`` (a path under ``site``), as a path under ``site``."""
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), href))


@pytest.fixture(scope="module")
def site(languages_project: Path) -> Path:
    return languages_project / "site"


def test_every_english_page_has_its_counterpart_in_each_language(site: Path) -> None:
    english = _pages(site)
    assert "practices/p1824-drammen.html" in english
    for code in LANGUAGES:
        assert _pages(site / code) == english, code


@pytest.mark.parametrize("code", ["en", *LANGUAGES])
def test_html_lang_is_the_language_of_the_build(site: Path, code: str) -> None:
    root = site if code == "en" else site / code
    for page in ("index.html", "criteria/index.html", "404.html"):
        html = _soup(root / page).html
        assert html is not None and html["lang"] == code, (code, page)


def test_menu_and_hreflang_links_reach_the_same_page_in_each_language(site: Path) -> None:
    checked = 0
    for page in _pages(site):
        if page == "404.html":
            continue  # served at any address: no links to other languages
        for code in ("en", *LANGUAGES):
            here = page if code == "en" else f"{code}/{page}"
            soup = _soup(site / here)
            menu = {a["hreflang"]: a["href"] for a in soup.select("a.md-select__link")}
            head = {
                link["hreflang"]: link["href"]
                for link in soup.select('head link[rel="alternate"][hreflang]')
            }
            assert set(menu) == {"en", *LANGUAGES}, here
            assert set(head) == {"en", "x-default", *LANGUAGES}, here
            assert head["x-default"] == head["en"]
            for target, href in [*menu.items(), *head.items()]:
                expected = page if target in ("en", "x-default") else f"{target}/{page}"
                assert _resolved(site, here, str(href)) == expected, (here, target, href)
                assert (site / expected).is_file()
            current = soup.select('a.md-select__link[aria-current="true"]')
            assert [a["hreflang"] for a in current] == [code]
            checked += 1
    assert checked > 50


def test_the_404_page_has_no_links_to_other_languages(site: Path) -> None:
    for root in (site, site / "nb"):
        soup = _soup(root / "404.html")
        assert not soup.select('link[rel="alternate"][hreflang]')
        assert not soup.select("a.md-select__link")


def test_the_english_home_page_lists_the_languages(site: Path) -> None:
    section = _soup(site / "index.html").select_one("section.ih-languages")
    assert section is not None
    links = {a["hreflang"]: (a["href"], a.get_text(" ", strip=True)) for a in section("a")}
    assert links == {
        "nb": ("./nb/index.html", "norsk bokmål (Norwegian Bokmål)"),
        "uk": ("./uk/index.html", "українська (Ukrainian)"),
    }
    assert section.select_one('span[lang="uk"]') is not None
    assert _soup(site / "nb" / "index.html").select_one("section.ih-languages") is None
    found, _ = status(Project(site.parent), LANGUAGES)
    shares = {s.code: s.total.percent(s.total.translated) for s in found}
    assert shares["nb"] > 0
    items = [li.get_text(" ", strip=True) for li in section("li")]
    assert items == [
        f"norsk bokmål (Norwegian Bokmål) : {shares['nb']}% translated",
        f"українська (Ukrainian) : {shares['uk']}% translated",
    ]


def test_the_translations_page_of_each_language_says_what_is_translated(site: Path) -> None:
    found, _ = status(Project(site.parent), LANGUAGES)
    english = _soup(site / "about" / "translations.html")
    rows = english.select("article table tbody tr")
    assert len(rows) == len(LANGUAGES)
    for row, counted in zip(rows, found, strict=True):
        link = row.select_one("a[hreflang]")
        assert link is not None and link["hreflang"] == counted.code
        target = _resolved(site, "about/translations.html", str(link["href"]))
        assert (site / target).is_file() and target == f"{counted.code}/about/translations.html"
        cells = [td.get_text(strip=True) for td in row("td")]
        assert cells[1] == str(counted.total.total)
        assert (
            cells[2]
            == f"{counted.total.translated} ({counted.total.percent(counted.total.translated)}%)"
        )
    norwegian = _soup(site / "nb" / "about" / "translations.html")
    assert norwegian.html is not None and norwegian.html["lang"] == "nb"
    p1824 = next(
        tr for tr in norwegian.select("article table tbody tr") if "Prosjekt P1824" in tr.get_text()
    )
    link = p1824.select_one("a")
    assert link is not None and link["href"] == "../practices/p1824-drammen.html"
    nb = next(s for s in found if s.code == "nb")
    counts = nb.items["practice:p1824-drammen"]
    assert counts.translated == counts.total > 0  # the shipped, complete translation
    assert "100" in p1824("td")[2].get_text()
    glossary = next(a for a in norwegian.select("article table a") if "glossary" in str(a["href"]))
    assert glossary.get_text(strip=True) == "Ordliste"  # a page by its title in the menu


@pytest.mark.parametrize("code", ["en", *LANGUAGES])
def test_each_language_has_its_own_search_index_and_language(site: Path, code: str) -> None:
    root = site if code == "en" else site / code
    index = json.loads((root / "search" / "search_index.json").read_text("utf-8"))
    assert index["config"]["lang"] == SEARCH_LANG[code]
    locations = {doc["location"] for doc in index["docs"]}
    assert "practices/p1824-drammen.html" in locations  # the language's own pages, relative
    assert not any(location.startswith(("nb/", "uk/")) for location in locations)
    assert (root / "search" / "search_index.js").is_file()  # the offline plugin's, for file://


def test_two_builds_are_byte_identical(site: Path, tmp_path: Path) -> None:
    project = copy_project(tmp_path / "again", LANGUAGES)
    assert main(["build", "--root", str(project)]) == 0
    assert tree_digest(project / "site") == tree_digest(site)


def _copy(languages_project: Path, tmp_path: Path) -> tuple[Path, dict[str, str]]:
    project = shutil.copytree(languages_project, tmp_path / "project", symlinks=True)
    assert not list(project.glob(".site-*")), "the shared build left a staging folder"
    return project, tree_digest(project / "site")


def _break_norwegian(project: Path) -> None:
    """A theme override that only the Norwegian build reads, and that MkDocs cannot load."""
    broken = project / "overrides" / "partials" / "languages" / "nb.html"
    broken.parent.mkdir(parents=True, exist_ok=True)
    broken.write_text("{% macro t(key) %}{{ unclosed {% endmacro %}\n", "utf-8")


def test_a_failed_language_leaves_the_last_good_site_untouched(
    languages_project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project, before = _copy(languages_project, tmp_path)
    _break_norwegian(project)
    (project / "content" / "index.md").write_text("# Changed\n", "utf-8")  # English would build
    capsys.readouterr()
    assert main(["build", "--root", str(project)]) == 1
    err = capsys.readouterr().err
    # MkDocs' own log of the broken template (its traceback), under the language's name.
    assert "handbook: the nb site:" in err and "unclosed" in err
    assert err.rstrip().endswith("the site build failed; the previous site is unchanged")
    assert_site_unchanged(project, before)


def test_one_language_rebuilds_its_folder_and_keeps_the_rest(
    languages_project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project, before = _copy(languages_project, tmp_path)
    index = project / "content" / "index.md"
    index.write_text(index.read_text("utf-8") + "\nA sentence added for the test.\n", "utf-8")
    capsys.readouterr()
    assert main(["build", "--root", str(project), "--language", "nb"]) == 0
    assert "the rest of" in capsys.readouterr().out
    after = tree_digest(project / "site")
    changed = {path for path in before.keys() | after.keys() if before.get(path) != after.get(path)}
    assert changed and all(path.startswith("nb/") for path in changed)
    assert "A sentence added" in (project / "site" / "nb" / "index.html").read_text("utf-8")
    assert not list(project.glob(".site-*"))


def test_one_language_that_fails_leaves_the_site_untouched(
    languages_project: Path, tmp_path: Path
) -> None:
    project, before = _copy(languages_project, tmp_path)
    _break_norwegian(project)
    assert main(["build", "--root", str(project), "--language", "nb"]) == 1
    assert_site_unchanged(project, before)


def test_a_language_the_site_does_not_have_is_a_usage_error(
    languages_project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project, before = _copy(languages_project, tmp_path)
    assert main(["build", "--root", str(project), "--language", "sv"]) == 2
    assert "--language sv: not a language of the site" in capsys.readouterr().err
    assert_site_unchanged(project, before)


def test_the_test_copies_of_the_project_build_english_only(tmp_path: Path) -> None:
    config = (copy_project(tmp_path / "p") / "mkdocs.yml").read_text("utf-8")
    assert "languages: []" in config
    shipped = (copy_project(tmp_path / "q", languages=True) / "mkdocs.yml").read_text("utf-8")
    assert "languages: [nb, sv, el, nl, es, uk]" in shipped


def test_a_killed_build_takes_every_language_with_it(
    languages_project: Path, tmp_path: Path
) -> None:
    """SIGKILL while the languages build: every MkDocs ends with the build, the site stays as
    it was, and the next build removes every language's staging folder."""
    project, before = _copy(languages_project, tmp_path)
    build = subprocess.Popen(
        [sys.executable, "-m", "generator", "build", "--root", str(project)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        staging = project / f".site-build-{build.pid}-nb"
        deadline = time.monotonic() + 120
        while not (staging.is_dir() and any(p.is_file() for p in staging.rglob("*"))):
            assert build.poll() is None, "the build ended before the Norwegian site was written"
            assert time.monotonic() < deadline, "the Norwegian build never started writing"
            time.sleep(0.02)
        mkdocs = _children(build.pid)
        assert mkdocs  # the runs on the cores, at least one
        os.kill(build.pid, signal.SIGKILL)
        build.wait(timeout=30)
        deadline = time.monotonic() + 2
        while any(_running(pid) for pid in mkdocs):
            assert time.monotonic() < deadline, "MkDocs outlived the build by 2 seconds"
            time.sleep(0.01)
        assert tree_digest(project / "site") == before
        assert staging.is_dir()  # the kernel ended MkDocs; the folder waits for the next build
        assert main(["build", "--root", str(project)]) == 0
        assert_site_unchanged(project, before)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(build.pid, signal.SIGKILL)
        build.wait()


def test_the_staging_folders_of_dead_builds_are_removed_and_no_others(tmp_path: Path) -> None:
    site = tmp_path / "site"
    sleeper = subprocess.Popen(["sleep", "60"])
    try:
        dead = subprocess.Popen(["true"])
        dead.wait()
        names = [
            f".site-build-{dead.pid}-nb",
            f".site-build-{dead.pid}-uk",
            f".site-build-{dead.pid}",
            f".site-build-{sleeper.pid}-nb",  # a build still running
            f".site-build-{dead.pid}-nb-x",  # not a build's
            ".site-build-nb",
        ]
        for name in names:
            (tmp_path / name).mkdir()
        remove_leftovers(site)
        assert sorted(p.name for p in tmp_path.iterdir()) == sorted(names[3:])
        assert staging_folder(site, "build", "nb").name == f".site-build-{os.getpid()}-nb"
    finally:
        sleeper.kill()
        sleeper.wait()


def test_generate_writes_the_tree_of_one_language(languages_project: Path, tmp_path: Path) -> None:
    """For engines without plugins: the tree of nb has nb's theme and search language and the
    menu seen from nb; English's tree has the menu seen from the root."""
    project = shutil.copytree(languages_project, tmp_path / "project", symlinks=True)
    assert main(["generate", "--root", str(project), "--out", str(tmp_path / "nb")]) == 0
    english = yaml.safe_load((tmp_path / "nb" / "mkdocs.yml").read_text("utf-8"))
    assert english["theme"]["language"] == "en"
    assert english["extra"]["site_languages"]["current"] == "en"
    out = tmp_path / "nb"
    assert main(["generate", "--root", str(project), "--out", str(out), "--language", "nb"]) == 0
    config = yaml.safe_load((out / "mkdocs.yml").read_text("utf-8"))
    assert config["theme"]["language"] == "nb"
    search = next(p["search"] for p in config["plugins"] if isinstance(p, dict) and "search" in p)
    assert search["lang"] == ["no"]
    assert search["separator"]  # the project's own search settings kept
    assert config["extra"]["alternate"] is True
    menu = config["extra"]["site_languages"]
    assert menu["current"] == "nb"
    assert [(e["code"], e["prefix"]) for e in menu["entries"]] == [
        ("en", "../"),
        ("nb", ""),
        ("uk", "../uk/"),
    ]
    assert (out / "docs" / "practices" / "p1824-drammen.md").is_file()
    assert main(["generate", "--root", str(project), "--out", str(out), "--language", "sv"]) == 2


def test_zensical_builds_every_language_from_its_tree(
    languages_project: Path, tmp_path: Path
) -> None:
    project, _ = _copy(languages_project, tmp_path)
    assert main(["build", "--root", str(project), "--engine", "zensical"]) == 0
    site = project / "site"
    for code in LANGUAGES:
        html = _soup(site / code / "criteria" / "index.html")
        assert html.html is not None and html.html["lang"] == code
        menu = {a["hreflang"]: a["href"] for a in html.select("a.md-select__link")}
        assert _resolved(site, f"{code}/criteria/index.html", str(menu["en"])) == (
            "criteria/index.html"
        )
        assert (site / code / "practices" / "p1824-drammen.html").is_file()
        assert (site / code / "about" / "translations.html").is_file()
    nav = _soup(site / "nb" / "criteria" / "index.html").select("nav.md-nav--primary a")
    assert "Ordliste" in {a.get_text(strip=True) for a in nav}  # the menu's own titles
    assert not list(project.glob(".site-*"))


def test_plain_mkdocs_builds_the_english_site_of_a_site_with_languages(
    languages_project: Path, tmp_path: Path
) -> None:
    """Without `handbook build` (no pipe), MkDocs builds English, with the same language menu."""
    project = shutil.copytree(languages_project, tmp_path / "project", symlinks=True)
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(tmp_path / "s")],
        cwd=project,
        env={**env, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    english = {
        path: digest
        for path, digest in tree_digest(project / "site").items()
        if path.split("/")[0] not in LANGUAGES
    }
    assert tree_digest(tmp_path / "s") == english


_NUMBER = re.compile(r"\d(?:[\d\u00a0\u202f ,.]*\d)?")


def _numbers(text: str) -> set[str]:
    """The numbers of ``text``, their digits only (1,234 and 1 234 and 2.5 and 2,5 alike)."""
    return {re.sub(r"\D", "", found) for found in _NUMBER.findall(text)}


@pytest.mark.parametrize("code", LANGUAGES)
@pytest.mark.parametrize(
    "practice", ["p1824-drammen", "arbeid-med-bistand", "nav-supported-employment"]
)
def test_every_figure_of_a_practice_page_is_on_its_page_in_each_language(
    site: Path, code: str, practice: str
) -> None:
    """The seeds' figures, as the records hold them (key figures, years, numbers in the
    texts): each one the English page shows is on the page of every language."""
    text = (ROOT / "practices" / f"{practice}.yaml").read_text("utf-8")
    # Not the review date, which each language writes in its own way (23. november 2026).
    record = _numbers(re.sub(r"\d{4}-\d\d-\d\d", "", text))

    def shown(page: Path) -> set[str]:
        article = _soup(page).select_one("article")
        assert article is not None
        return _numbers(article.get_text(" "))

    english = shown(site / "practices" / f"{practice}.html") & record
    assert len(english) >= 5, english
    missing = english - shown(site / code / "practices" / f"{practice}.html")
    assert missing == set(), f"{code}: {sorted(missing)}"


@pytest.mark.parametrize(
    ("page", "said"),
    [
        ("practices/index.html", "3 практики з 1 країни."),
        ("countries/no.html", "Норвегія: 3 практики"),
        ("compare/summary.html", "3 практики з 1 країни."),
        ("training/path.html", "5 модулів, усього"),
    ],
)
def test_the_ukrainian_pages_write_their_counts_in_the_plural_form_of_the_count(
    site: Path, page: str, said: str
) -> None:
    """uk has three plural forms (one, few, many): 3 takes the few form (практики), 5 the many
    form (модулів), where one English plural form each gave "3 практик" before."""
    article = _soup(site / "uk" / page).select_one("article")
    assert article is not None
    assert said in " ".join(article.get_text(" ").split())
