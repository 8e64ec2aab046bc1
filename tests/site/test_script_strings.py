"""The scripts' strings on a language's site: every page of nb and uk (generated or
hand-written) holds them as a JSON block in the language, which the English pages do not
have; ``handbook generate --language nb`` gives them to engines without plugins in its
mkdocs.yml."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup

from generator.commands.cli import main
from generator.outputs.language import CONTEXT
from generator.outputs.script_strings import EXTRA, SCRIPT_STRINGS
from tests.conftest import LANGUAGES, ROOT

PAGES = [
    "index.html",  # hand-written
    "glossary.html",
    "methodology/place-then-train.html",
    "practices/p1824-drammen.html",  # generated
    "compare/finder.html",
    "compare/side-by-side.html",
    "checklists/assessment.html",
    "training/index.html",
]


def shipped(code: str) -> dict[str, str]:
    """The shipped translations of the scripts' strings in ``code``."""
    with (ROOT / "translations" / code / "handbook.po").open("rb") as po:
        catalog = read_po(po, locale=code)
    found = {}
    for message in SCRIPT_STRINGS:
        entry = catalog.get(message, context=CONTEXT)
        if entry is not None and entry.string and not entry.fuzzy:
            found[message] = " ".join(str(entry.string).split())
    return found


def block_of(path: Path) -> Any:
    """The strings block of a built page, read as the script reads it; None if it has none."""
    soup = BeautifulSoup(path.read_text("utf-8"), "html.parser")
    blocks = soup.select("script#ih-strings")
    if not blocks:
        return None
    assert len(blocks) == 1 and blocks[0].get("type") == "application/json"
    return json.loads(blocks[0].string or "")


@pytest.mark.parametrize("code", LANGUAGES)
@pytest.mark.parametrize("page", PAGES)
def test_every_page_of_a_language_has_its_strings(
    languages_project: Path, code: str, page: str
) -> None:
    site = languages_project / "site"
    block = block_of(site / code / page)
    assert block == {"language": code, "strings": shipped(code)}
    assert block_of(site / page) is None  # English: the scripts' own strings
    html = (site / code / page).read_text("utf-8")
    # before the scripts that read it
    assert html.index('id="ih-strings"') < html.index("assets/javascripts/handbook.js")


def test_the_norwegian_strings_are_norwegian(languages_project: Path) -> None:
    strings = block_of(languages_project / "site" / "nb" / "compare" / "finder.html")["strings"]
    assert strings["Right."] == "Riktig."
    assert strings["Practices shown: %(shown)s of %(total)s."].startswith("Praksiser")
    assert set(strings) == set(SCRIPT_STRINGS)  # all shipped translated


def test_the_tree_of_a_language_carries_its_strings(
    languages_project: Path, tmp_path: Path
) -> None:
    project = shutil.copytree(languages_project, tmp_path / "project", symlinks=True)
    out = tmp_path / "nb"
    assert main(["generate", "--root", str(project), "--out", str(out), "--language", "nb"]) == 0
    config = yaml.safe_load((out / "mkdocs.yml").read_text("utf-8"))
    assert config["extra"][EXTRA] == {"language": "nb", "strings": shipped("nb")}
    assert config["extra"]["site_languages"]["current"] == "nb"  # the menu kept beside it
    english = tmp_path / "en"
    assert main(["generate", "--root", str(project), "--out", str(english)]) == 0
    assert EXTRA not in yaml.safe_load((english / "mkdocs.yml").read_text("utf-8"))["extra"]
