"""The navigation's titles: units at stable addresses with their lines in mkdocs.yml, and
the ``nav`` of a language's build, whose titles a translation cannot turn into markup."""

from __future__ import annotations

from pathlib import Path

import yaml

from generator.catalog.catalog import load_catalog
from generator.commands.cli import main
from generator.load.project import Project
from generator.translate.catalogs import po_path
from generator.translate.navigation import nav_of, nav_units, translated_nav
from generator.translate.reading import language_site
from generator.translate.units import Domain
from tests.conftest import ROOT
from tests.translate.conftest import set_translation


def test_every_title_of_the_nav_is_a_unit_on_its_line() -> None:
    units = nav_units(ROOT / "mkdocs.yml")
    lines = (ROOT / "mkdocs.yml").read_text("utf-8").splitlines()
    by_address = {u.context: u for u in units}
    assert by_address["nav:index.md"].source == "Home"
    assert by_address["nav:section:methodology"].source == "Methodology"
    assert by_address["nav:section:for-editors"].source == "For editors"
    assert by_address["nav:criteria/index.md"].source == "The seven criteria"
    for unit in units:
        assert unit.domain is Domain.HANDBOOK and unit.file == "mkdocs.yml"
        assert f"{unit.source}:" in lines[unit.line - 1], unit
    assert len(by_address) == len(units)


def test_a_translated_nav_keeps_its_shape_and_what_is_not_translated() -> None:
    nav = [{"Home": "index.md"}, {"Guides": [{"One": "a.md"}, "b.md"]}, "c.md"]
    texts = {"nav:index.md": "Hjem", "nav:section:guides": "Veiledninger"}
    assert translated_nav(nav, texts) == [
        {"Hjem": "index.md"},
        {"Veiledninger": [{"One": "a.md"}, "b.md"]},
        "c.md",
    ]


def test_a_hostile_title_shows_as_typed_on_one_line() -> None:
    texts = {"nav:index.md": "<img src=x onerror=alert(1)> &\nnext", "nav:a.md": " \n "}
    nav = translated_nav([{"Home": "index.md"}, {"A": "a.md"}], texts)
    assert nav == [{"&lt;img src=x onerror=alert(1)&gt; &amp; next": "index.md"}, {"A": "a.md"}]


def test_a_language_build_has_its_titles_and_english_where_untranslated(
    tmp_path: Path,
) -> None:
    from tests.conftest import copy_project

    project = Project(copy_project(tmp_path / "p", languages=["nb"]))
    po = po_path(project, "nb", Domain.HANDBOOK)
    set_translation(po, "nav:glossary.md", "Ordliste & forkortelser")
    set_translation(po, "nav:section:compare", "")  # left untranslated
    set_translation(po, "nav:index.md", "<b>Hjem</b>")  # refused by the checks
    nav = language_site(load_catalog(project)[0], "nb").nav  # what the nb build is given
    flat = yaml.safe_dump(nav, allow_unicode=True)
    assert "Ordliste &amp; forkortelser: glossary.md" in flat
    assert "Compare:" in flat and "Home: index.md" in flat
    assert len(nav) == len(nav_of(project.mkdocs_yml))
    assert main(["build", "--root", str(project.root), "--language", "nb"]) == 0
    page = (project.root / "site" / "nb" / "glossary.html").read_text("utf-8")
    assert "Ordliste &amp; forkortelser" in page and "<b>Hjem</b>" not in page
    assert "Hjem" not in page  # the refused translation: the English title instead
