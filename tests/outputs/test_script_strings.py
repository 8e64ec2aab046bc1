"""The strings the handbook's scripts show are interface units: the scripts and
``generator.outputs.script_strings`` name the same strings, ``translations update`` extracts
them with a translator comment, every shipped language translates them, and a language's
``script_strings`` holds only translations fit to use."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract
from babel.messages.pofile import read_po

from generator.outputs.language import CONTEXT, ENGLISH, Language, placeholders, speaking
from generator.outputs.script_strings import EXTRA, SCRIPT_STRINGS, script_strings
from generator.translate.interface import interface_units
from generator.translate.languages import CODES
from generator.translate.reading import _Interface
from tests.conftest import ROOT

SCRIPTS = sorted((ROOT / "overrides" / "assets" / "javascripts").glob("*.js"))
# The functions of handbook.js (and access.js's `name`) that take a string of the scripts,
# and the position of that string among their arguments.
KEYWORDS = {"say": (2,), "phrase": None, "plain": None, "phraseNode": None, "name": (2,)}
# A literal an English reader would see, written past those functions.
_WRITTEN = re.compile(
    r"""textContent\s*=\s*"[A-Za-z]|createTextNode\("\s*[A-Za-z]|setAttribute\("aria-label",\s*"|"""
    r"""\bel\([^()]*,[^()]*,\s*"[^"]*[A-Za-z]"""
)


def script_messages(path: Path) -> list[str]:
    """The strings ``path`` passes to the handbook's string functions."""
    with path.open("rb") as source:
        return [str(m) for _, m, _, _ in extract("javascript", source, keywords=KEYWORDS)]


def test_the_scripts_and_the_list_name_the_same_strings() -> None:
    assert [p.name for p in SCRIPTS] == [
        "access.js",
        "checklists.js",
        "compare.js",
        "finder-fold.js",
        "handbook.js",
        "search-index.js",
        "training.js",
    ]
    used = {message for path in SCRIPTS for message in script_messages(path)}
    assert used == set(SCRIPT_STRINGS)
    assert len(SCRIPT_STRINGS) == len(set(SCRIPT_STRINGS))


@pytest.mark.parametrize("path", SCRIPTS, ids=lambda p: p.name)
def test_no_script_writes_an_english_string_of_its_own(path: Path) -> None:
    """Every text a script writes is a string of the list (or the page's data)."""
    code = path.read_text("utf-8")
    found = [code[m.start() : m.start() + 60] for m in _WRITTEN.finditer(code)]
    assert found == []


def test_each_string_is_an_interface_unit_that_says_where_it_appears() -> None:
    units = {u.source: u for u in interface_units()}
    for message in SCRIPT_STRINGS:
        unit = units[message]
        assert unit.context == CONTEXT
        assert placeholders(message) is not None, message
        if unit.file == "generator/outputs/script_strings.py":  # else a template's, the same
            assert re.search(r"\((?:[\w-]+\.js)[,)]", unit.label), unit
    assert "access.js" in units["The table is wider than the screen: scroll it sideways."].label
    assert units["Country"].file.startswith("generator/templates/")  # one unit for both


def test_no_counted_string_needs_a_plural_form() -> None:
    """A count stands after a colon or as "N of M", never before a noun it inflects, except
    the side-by-side link's 2 to 4, whose one form fits in every language of the site."""
    for message in SCRIPT_STRINGS:
        for name in placeholders(message) or ():
            if name in {"shown", "total", "listed", "count", "days"}:
                assert re.search(rf":\s%\({name}\)s|%\({name}\)s of|of %\({name}\)s", message), (
                    message
                )


@pytest.mark.parametrize("code", CODES)
def test_every_shipped_language_translates_every_string(code: str) -> None:
    with (ROOT / "translations" / code / "handbook.po").open("rb") as po:
        catalog = read_po(po, locale=code)
    for message in SCRIPT_STRINGS:
        entry = catalog.get(message, context=CONTEXT)
        assert entry is not None and entry.string and not entry.fuzzy, (code, message)
        assert placeholders(str(entry.string)) == placeholders(message), (code, message)


def test_english_has_no_strings_of_its_own() -> None:
    with speaking(ENGLISH):
        assert script_strings() is None


def test_a_language_gets_only_the_translations_fit_to_use() -> None:
    translations = {
        "Right.": "Riktig.",
        "Modules shown: %(shown)s of %(total)s.": "Moduler: %(shown)s av %(total)s.",
        "Practices shown: %(shown)s of %(total)s.": "Praksiser: %(shown)s.",  # one lost
        "Menu": "   ",  # blank
        "Choose an answer first.": "</script><img src=x onerror=alert(1)>\n  Velg",
    }
    with speaking(Language("nb", _Interface(translations))):
        extra = script_strings()
    assert extra is not None
    assert extra[EXTRA]["language"] == "nb"
    assert extra[EXTRA]["strings"] == {
        "Right.": "Riktig.",
        "Modules shown: %(shown)s of %(total)s.": "Moduler: %(shown)s av %(total)s.",
        # as data, on one line; the page's block escapes it, the scripts write it as text
        "Choose an answer first.": "</script><img src=x onerror=alert(1)> Velg",
    }
