"""Pages rendered in another language: ``all_pages(catalog, language=..., translations=...)``
with a small handbook.po for ``nb``."""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path

import pytest

from generator.catalog.catalog import Catalog, load_catalog
from generator.load.project import Project
from generator.outputs.registry import all_pages
from generator.translate.interface import project_translations, translations_from_po
from tests.conftest import FIXTURES
from tests.outputs.test_language import po

PROJECT = FIXTURES / "pages" / "project"
EXPECTED = FIXTURES / "pages" / "expected"
TODAY = dt.date(2026, 12, 1)
PRACTICE = "practices/youth-guarantee-pilot.md"
FULL = "practices/first-job-first.md"  # a goal, impact, steps, success factors ...

NORWEGIAN = {
    "Country": "Land",
    "Key figures": "Nøkkeltall",
    "Step by step": "Trinn for trinn",
    "Figure": "Tall",
    "Source %(number)s": "Kilde %(number)s",
    "since %(year)s": "siden %(year)s",
    "Last reviewed on %(date)s.": "Sist gjennomgått %(date)s.",
    "%(num)s practice": "%(num)s praksis",
    "%(num)s practices": "%(num)s praksiser",
}
HOSTILE = {
    "Goal": "<script>alert(1)</script>",
    "Impact": "{{ 7*7 }}",
    "Success factors": "{%% raw %%}",
    "Sources": "[x](javascript:alert(1)) ![p](https://tracker.example/p.png)",
    "Organisations": "Organisasjoner %(x)s",  # a placeholder its source does not have
    "Rated from the sources against the %(criteria)s.": "Vurdert etter kildene.",  # dropped
    "Record: %(file)s.": "<b>Post</b>: %(file)s.",
}


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    loaded, _ = load_catalog(Project(PROJECT), today=TODAY)
    return loaded


def pages_in(catalog: Catalog, entries: dict[str, str], workers: int = 1) -> dict[str, str]:
    translations = translations_from_po(po(entries), "nb")
    made = all_pages(catalog, workers, language="nb", translations=translations)
    return {page.path: page.text for page in made}


def digits_of(line: str) -> str:
    return re.sub(r"\D", "", html.unescape(line))


def english(path: str) -> str:
    return (EXPECTED / path).read_bytes().decode("utf-8")


def test_translated_strings_show_in_the_practice_page(catalog: Catalog) -> None:
    page = pages_in(catalog, NORWEGIAN)[PRACTICE]
    assert "\nLand\n:" in page
    assert "\n## Nøkkeltall { #key-figures data-search-exclude }\n" in page
    assert "| Tall |" in page
    assert "[Kilde 1](#source-" in page
    assert "Sist gjennomgått 1. oktober 2026." in page
    assert "\nOrganisations\n:" in page  # untranslated: English
    assert "\n## The seven criteria { #the-seven-criteria data-search-exclude }\n" in page


def test_a_translated_heading_keeps_the_english_id(catalog: Catalog) -> None:
    page = pages_in(catalog, NORWEGIAN)[FULL]
    assert "\n## Nøkkeltall { #key-figures data-search-exclude }\n" in page
    assert "\n## Trinn for trinn { #step-by-step }\n" in page  # a checklist's link reaches it
    assert "\n## Goal { #goal }\n" in page


def test_a_checklist_links_to_the_translated_section_by_its_english_id(
    catalog: Catalog,
) -> None:
    page = pages_in(catalog, NORWEGIAN | {"From:": "Fra:"})[
        "checklists/replication/first-job-first.md"
    ]
    assert (
        '<p class="ih-source">Fra&#58; <a href="../../practices/first-job-first.html'
        '&#35;step-by-step">First job first&#58; Trinn for trinn</a></p>'
    ) in page


def test_numbers_of_the_page_take_norwegian_separators(catalog: Catalog) -> None:
    page = pages_in(catalog, NORWEGIAN)[PRACTICE]
    source = english(PRACTICE)
    assert "about 12 500 young" in source and "about 12 500 young" in page  # spaces, as plain
    assert "| 2&#46;5% |" in source and "| 2,5% |" in page
    digits = [digits_of(row) for row in source.splitlines() if row.startswith("| ")]
    figures = [row for row in page.splitlines() if row.startswith("| ")]
    assert [digits_of(row) for row in figures] == digits  # the same digits, in order


def test_counts_and_periods_are_translated(catalog: Catalog) -> None:
    pages = pages_in(catalog, NORWEGIAN)
    assert "siden 2020" in pages["practices/minimal.md"]
    assert "3 praksiser from 3 countries." in pages["practices/index.md"]


def test_untranslated_strings_stay_english(catalog: Catalog) -> None:
    pages = pages_in(catalog, {})
    assert pages.keys() == {p.relative_to(EXPECTED).as_posix() for p in EXPECTED.rglob("*.*")}
    for path, text in pages.items():
        if path.startswith("compare/") and not path.endswith(".md"):
            continue  # a language's data names its English texts (test_comparison_languages)
        made, expected = text.splitlines(), english(path).splitlines()
        assert len(made) == len(expected), path

        # The same numbers, line for line up to the order of rows sorted by a name the
        # language writes its own way (countries); not the review date, as nb writes it.
        def numbers(lines: list[str]) -> list[str]:
            return sorted(digits_of(line) for line in lines if "Last reviewed on" not in line)

        assert numbers(made) == numbers(expected), path


def test_a_hostile_translation_never_becomes_markup_nor_breaks_the_page(
    catalog: Catalog,
) -> None:
    page = pages_in(catalog, HOSTILE)[FULL]
    assert "<script" not in page and "## &lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "49" not in page and "## &#123;&#123; 7&#42;7 &#125;&#125;" in page
    assert "](javascript" not in page and "![" not in page and "tracker.example" in page
    assert "<b>" not in page and "&lt;b&gt;Post&lt;/b&gt;" in page
    assert "## &#123;% raw %&#125;" in page
    assert "\nOrganisations\n:" in page  # a placeholder it should not have: English
    assert "Rated from the sources against the [seven good-practice criteria](" in page


def test_pages_are_the_same_in_forked_workers(catalog: Catalog) -> None:
    assert pages_in(catalog, NORWEGIAN, workers=2) == pages_in(catalog, NORWEGIAN, workers=1)


def test_english_pages_are_unchanged_after_a_translated_build(catalog: Catalog) -> None:
    pages_in(catalog, HOSTILE)
    made = {page.path: page.text for page in all_pages(catalog, 1)}
    assert made[PRACTICE] == english(PRACTICE)


def test_a_project_without_a_handbook_po_has_no_translations() -> None:
    translations = project_translations(PROJECT / "translations", "nb")
    assert translations.pgettext("ui", "Country") == "Country"


def test_a_projects_handbook_po_is_read_from_its_language_folder(tmp_path: Path) -> None:
    (tmp_path / "nb").mkdir()
    (tmp_path / "nb" / "handbook.po").write_text(po({"Country": "Land"}), encoding="utf-8")
    assert project_translations(tmp_path, "nb").pgettext("ui", "Country") == "Land"
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "handbook.po").write_text(po({"Country": "X"}), encoding="utf-8")
    for code in ("../elsewhere", "nb/../elsewhere", "/etc", "", "nb\x00"):
        assert project_translations(tmp_path / "nb", code).pgettext("ui", "Country") == "Country"
