"""The hand-written pages of content/ in a language's site: translated where a usable
translation exists, marked as English where none does, with the English headings' ids; the
same pages in ``handbook generate``'s tree (for engines without plugins)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from generator.catalog.catalog import load_catalog
from generator.commands.cli import main
from generator.load.project import Project
from generator.outputs.registry import pages_for
from generator.translate.extract import page_files

# The pages of content/ the site publishes (not the abbreviations it appends to each).
PAGES = [
    "index",
    "glossary",
    "methodology/good-practice",
    "methodology/place-then-train",
    "methodology/stakeholder-network",
    "methodology/igma-recommendations",
    "guide/add-a-practice",
    "about/performance",
]


@pytest.fixture(scope="module")
def site(languages_project: Path) -> Path:
    return languages_project / "site"


def _article(path: Path) -> Tag:
    soup = BeautifulSoup(path.read_text("utf-8"), "html.parser")
    article = soup.find("article")
    assert isinstance(article, Tag), path
    return article


def _ids(article: Tag) -> list[str]:
    """The ids of the page's headings (not the list of languages of the English home page)."""
    headings = article.find_all(["h1", "h2", "h3", "h4"])
    return [str(h["id"]) for h in headings if h.get("id") and h["id"] != "ih-languages"]


def test_the_nb_glossary_shows_the_norwegian_terms(site: Path) -> None:
    article = _article(site / "nb" / "glossary.html")
    assert article.h1 is not None and article.h1.find(string=True) == "Ordliste"
    assert article.h1["id"] == "glossary"  # the English heading's id
    terms = [dt.get_text(" ", strip=True) for dt in article.find_all("dt")]
    assert "Inkluderingskompetanse" in terms and "Jobbcoach" in terms
    assert "Inclusion competence" not in terms
    definition = article.find("dd")
    assert definition is not None and "Norges ordning" in definition.get_text()
    english = _article(site / "glossary.html")
    assert "Inclusion competence" in [dt.get_text(" ", strip=True) for dt in english.find_all("dt")]


def test_the_abbreviations_of_every_nb_page_are_translated(site: Path) -> None:
    article = _article(site / "nb" / "methodology" / "place-then-train.html")
    titles = {abbr.get_text(): abbr["title"] for abbr in article.find_all("abbr")}
    assert titles["PES"] == "Offentlig arbeidsformidling"
    english = _article(site / "methodology" / "place-then-train.html")
    assert {a.get_text(): a["title"] for a in english.find_all("abbr")}["PES"] == (
        "Public employment service"
    )


def test_an_untranslated_block_is_shown_in_english_and_says_so(site: Path) -> None:
    nb = _article(site / "nb" / "methodology" / "place-then-train.html")
    english = _article(site / "methodology" / "place-then-train.html")
    marked = nb.select('p[lang="en"].ih-en')
    assert marked, "the page is not translated into nb: its paragraphs are marked English"
    paragraphs = [p.get_text() for p in english.find_all("p")]
    assert all(p.get_text() in paragraphs for p in marked)
    assert {t.name for t in nb.select('[lang="en"].ih-en')} >= {"h1", "h2", "p", "li", "dt"}
    assert nb.select_one('.admonition-title span[lang="en"].ih-en') is not None
    coverage = nb.select_one("p.ih-coverage")
    assert coverage is not None and re.search(r"\d", coverage.get_text())
    assert coverage.find_previous_sibling("h1") is not None  # right under the title
    assert not english.select(".ih-en, .ih-coverage"), "the English page is as it was"


@pytest.mark.parametrize("page", PAGES)
def test_headings_keep_their_english_ids(site: Path, page: str) -> None:
    english = _ids(_article(site / f"{page}.html"))
    assert english
    for code in ("nb", "uk"):
        assert _ids(_article(site / code / f"{page}.html")) == english, code


def test_no_page_shows_an_attribute_list_or_a_snippet_line(site: Path) -> None:
    for code in ("nb", "uk"):
        for page in PAGES:
            text = _article(site / code / f"{page}.html").get_text()
            assert 'lang="en"' not in text and ".ih-en" not in text, (code, page)
            english = _article(site / f"{page}.html").get_text()
            assert text.count("--8<--") == english.count("--8<--"), (code, page)


def test_generate_writes_the_same_translated_pages(languages_project: Path, tmp_path: Path) -> None:
    """``handbook generate --language nb`` (Zensical's tree) holds the pages the plugin builds
    from, the abbreviations that snippets appends included."""
    project = shutil.copytree(languages_project, tmp_path / "project", symlinks=True)
    out = tmp_path / "nb"
    assert main(["generate", "--root", str(project), "--out", str(out), "--language", "nb"]) == 0
    catalog, _ = load_catalog(Project(project))
    pages = {p.path: p.source for p in pages_for(catalog, "nb")}
    for path in page_files(Project(project)):
        relative = path.relative_to(project / "content").as_posix()
        assert (out / "docs" / relative).read_text("utf-8") == pages[relative], relative
    assert "# Ordliste { #glossary }" in (out / "docs" / "glossary.md").read_text("utf-8")
    abbreviations = (out / "docs" / "includes" / "abbreviations.md").read_text("utf-8")
    assert "*[PES]: Offentlig arbeidsformidling" in abbreviations
    assert main(["generate", "--root", str(project), "--out", str(tmp_path / "en")]) == 0
    english = tmp_path / "en" / "docs" / "glossary.md"
    assert english.read_text("utf-8") == (project / "content" / "glossary.md").read_text("utf-8")


def test_the_nb_tree_builds_translated_without_plugins(
    languages_project: Path, tmp_path: Path
) -> None:
    """The tree of nb, built by an engine that runs no plugins (plain MkDocs here, as Zensical
    reads it), shows the translated pages and appends the translated abbreviations."""
    out = tmp_path / "nb"
    assert (
        main(["generate", "--root", str(languages_project), "--out", str(out), "--language", "nb"])
        == 0
    )
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(out / "mkdocs.yml")],
        cwd=out,  # the snippets' base path is relative to the working folder
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    article = _article(out / "site" / "glossary.html")
    assert article.h1 is not None and article.h1["id"] == "glossary"
    assert article.h1.find(string=True) == "Ordliste"
    page = _article(out / "site" / "methodology" / "place-then-train.html")
    assert {a.get_text(): a["title"] for a in page.find_all("abbr")}["PES"] == (
        "Offentlig arbeidsformidling"
    )
    assert page.select('p[lang="en"].ih-en')


def test_translated_pages_pass_the_sanitizer_and_keep_what_english_has(site: Path) -> None:
    """A translated page is sanitized as a page made from records is (defence in depth behind
    the translation's own escaping); the sanitizer keeps every element of a hand-written
    page: the same element names and classes as the English page's, besides the markers."""
    for page in PAGES:
        english = _article(site / f"{page}.html")
        nb = _article(site / "nb" / f"{page}.html")
        names = {t.name for t in english.find_all(True)}
        assert {t.name for t in nb.find_all(True)} - names <= {"span"}, page
        classes = {c for t in english.find_all(True) for c in t.get("class") or []}
        nb_classes = {c for t in nb.find_all(True) for c in t.get("class") or []}
        assert nb_classes - classes <= {"ih-en", "ih-coverage"}, page
