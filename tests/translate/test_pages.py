"""A hand-written page in another language: each block replaced by its translation in place,
the English ones marked as English, and no translation able to change the page's structure."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup, Tag
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.load.project import Project
from generator.outputs.language import Language, speaking
from generator.translate.catalogs import load_translations, po_path
from generator.translate.extract import markdown_units, page_units, parse_page
from generator.translate.pages import content_pages, translate_markdown, usable_translations
from generator.translate.units import Domain
from tests.markup import shipped_markdown, site_markdown
from tests.translate.conftest import set_translation

ROOT = Path(__file__).resolve().parents[2]

SAMPLE = """\
# Sample page

Intro paragraph with a [link](other.md) and `code`
on two lines.

## Lists {#lists}

- First item
- Second item
  continued
    - Nested item

1. Ordered item

> A quoted paragraph.

| Head A | Head B |
| --- | --- |
| Cell one | Cell two |

Term
:   Definition text.

First term
Second term
:   A definition of two terms.

!!! note "A title"
    Admonition body.

!!! tip
    Untitled body.

Footnoted text.[^n]

[^n]: The footnote.

```
code block stays
```

Last paragraph.

*[ABBR]: An abbreviation
"""
# Every kind of element the sample's blocks become, which a translation must not add to.
_BLOCK_TAGS = {"p", "h1", "h2", "ul", "ol", "li", "blockquote", "table", "thead", "tbody"} | {
    "tr",
    "th",
    "td",
    "dl",
    "dt",
    "dd",
    "div",
    "pre",
    "hr",
    "sup",
}


# Markdown a translation may use as its source could: emphasis, code, a line break.
_INLINE_MARKUP = {"em", "strong", "code", "br"}


@pytest.fixture(scope="module")
def content(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A content folder with the abbreviations the site appends, and a file no page includes."""
    folder = tmp_path_factory.mktemp("content")
    (folder / "includes").mkdir()
    (folder / "includes" / "abbreviations.md").write_text("*[PES]: Public employment service\n")
    (folder / "secret.txt").write_text("SECRET-CONTENT\n")
    return folder


@pytest.fixture(scope="module")
def engine(content: Path) -> markdown.Markdown:
    """Python-Markdown as the site runs it (mkdocs.yml's extensions), snippets from ``content``."""
    return site_markdown(ROOT / "mkdocs.yml", content)


def _html(engine: markdown.Markdown, text: str) -> BeautifulSoup:
    engine.reset()
    return BeautifulSoup(engine.convert(text), "html.parser")


def _contexts(text: str = SAMPLE) -> list[str]:
    return [u.context for u in markdown_units(text, "s", "content/s.md")]


def _all(translation: str, text: str = SAMPLE) -> dict[str, str]:
    return dict.fromkeys(_contexts(text), translation)


def _faithful(word: str) -> dict[str, str]:
    """A translation of every unit of the sample that keeps what its source needs kept: the
    lines of the definition of two terms, the footnote's reference."""
    found = {c: f"{word}{n}" for n, c in enumerate(_contexts())}
    found["page:s:lists.12"] = f"{word}a\n{word}b\n:   {word}c"
    found["page:s:lists.17"] = f"{word}17[^n]"
    return found


def _blocks(text: str) -> list[tuple[str, str]]:
    """The page's block structure as markdown-it reads it: each block token's type and tag."""
    tokens = parse_page(text).tokens  # abbreviation lines read as blank, as the units are cut
    return [(t.type, t.tag) for t in tokens if t.nesting != 0 or t.block]


def _structure(soup: BeautifulSoup) -> list[str]:
    return [t.name for t in soup.find_all(True) if isinstance(t, Tag) and t.name in _BLOCK_TAGS]


def test_every_block_is_replaced_in_place() -> None:
    translations = _faithful("T")
    written, tally = translate_markdown(SAMPLE, "s", translations)
    assert (tally.translated, tally.english) == (len(translations), 0)
    assert "# T0 { #sample-page }" in written
    assert "## T2 { #lists }" in written
    assert "- T3\n- T4\n    - T5" in written  # the continuation line went with its text
    assert "| T8 | T9 |" in written
    assert '!!! note "' in written and '!!! tip "' in written
    assert "[^n]: T" in written
    assert "*[ABBR]: T" in written
    assert "code block stays" in written


def test_the_translated_page_renders_the_translations_with_the_english_ids(
    engine: markdown.Markdown,
) -> None:
    soup = _html(engine, translate_markdown(SAMPLE, "s", _faithful("Oversatt "))[0])
    english = _html(engine, SAMPLE)
    assert [h["id"] for h in soup.find_all(["h1", "h2"])] == [
        h["id"] for h in english.find_all(["h1", "h2"])
    ]
    assert soup.h1 is not None and soup.h1.find(string=True) == "Oversatt 0"
    assert not soup.select("[lang=en]")
    assert _structure(soup) == _structure(english)
    abbr = soup.find("abbr")
    assert abbr is None or abbr["title"] != "An abbreviation"


def test_an_untranslated_block_is_marked_as_english(engine: markdown.Markdown) -> None:
    written, tally = translate_markdown(SAMPLE, "s", {})
    assert tally.translated == 0 and tally.english == len(_contexts())
    soup = _html(engine, written)
    marked = {t.name for t in soup.select('[lang="en"].ih-en')}
    assert marked >= {"h1", "h2", "p", "li", "th", "td", "dt", "dd"}
    assert not soup.find(string=lambda s: "{" in s or "}" in s), "no attribute list is shown"
    title = soup.select_one(".admonition-title span.ih-en[lang=en]")
    assert title is not None and title.get_text() == "A title"
    footnote = soup.select_one(".footnote p span.ih-en[lang=en]")
    assert footnote is not None and footnote.get_text() == "The footnote."
    assert _structure(soup) == _structure(_html(engine, SAMPLE))
    english = _html(engine, SAMPLE)
    assert soup.get_text(" ", strip=True).split() == english.get_text(" ", strip=True).split()


def test_a_partly_translated_page_marks_only_the_english_blocks(
    engine: markdown.Markdown,
) -> None:
    translations = {"page:s:sample-page.1": "Innledning med en [lenke](other.md) og `code`."}
    soup = _html(engine, translate_markdown(SAMPLE, "s", translations, "nb")[0])
    first = soup.find("p")
    assert first is not None and "lang" not in first.attrs
    assert first.get_text() == "Innledning med en lenke og code."
    last = soup.find_all("p")[-2]  # the footnote's paragraph is last
    assert last.get_text() == "Last paragraph." and last["lang"] == "en"


def test_a_translated_item_in_an_english_item_says_its_language(
    engine: markdown.Markdown,
) -> None:
    nested = next(c for c in _contexts() if c.endswith("lists.3"))
    soup = _html(engine, translate_markdown(SAMPLE, "s", {nested: "Nestet"}, "nb")[0])
    item = soup.find("li", string="Nestet")
    assert item is not None and item["lang"] == "nb"
    parent = item.find_parent("li")
    assert parent is not None
    assert "en" in {parent.get("lang"), *(p.get("lang") for p in parent.find_all("p"))}


def test_a_translation_keeps_the_lines_of_a_definition_with_several_terms(
    engine: markdown.Markdown,
) -> None:
    at = "page:s:lists.12"  # markdown-it reads the two terms and their definition as one text
    written, _ = translate_markdown(
        SAMPLE, "s", {at: "Første term\nAndre term\n:   En definisjon av to termer."}
    )
    soup = _html(engine, written)
    assert [dt.get_text() for dt in soup.find_all("dt")][1:] == ["Første term", "Andre term"]
    assert soup.find_all("dd")[1].get_text() == "En definisjon av to termer."


def test_a_pipe_in_a_cell_stays_in_its_cell(engine: markdown.Markdown) -> None:
    cell = next(c for c in _contexts() if c.endswith("lists.8"))
    written, _ = translate_markdown(SAMPLE, "s", {cell: "a | b \\| c \\\\| d\\"})
    soup = _html(engine, written)
    cells = soup.find_all("td")
    assert len(cells) == 2
    assert cells[0].get_text() == "a | b | c \\| d\\"


ATTACKS = [
    "# Heading\n\n<script>alert(1)</script>",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<a href='javascript:alert(1)'>x</a>",
    "- a list\n- of two",
    "1. a list",
    "1) a list",
    "> a quote",
    '!!! danger "Admonition"',
    '??? danger "Details"',
    "| a | b |\n|---|---|\n| c | d |",
    "---",
    "***",
    "text\n===",
    "text\n---",
    "    indented code",
    "\tindented code",
    "```\nfenced code\n```",
    "~~~\nfenced\n~~~",
    "{: onclick=alert(1) }",
    "text { onclick=alert(1) }",
    "text {: #evil .evil }",
    "*emphasis*{ onclick=alert(1) }",
    "[link](other.md){ onclick=alert(1) }",
    "text\n{ onclick=alert(1) }",
    '--8<-- "secret.txt"',
    'text\n--8<-- "secret.txt"',
    '  --8<-- "secret.txt"',
    "--8<--\nsecret.txt\n--8<--",
    ";--8<-- 'secret.txt'",
    "one\n\ntwo",
    "one\n\n\n- two",
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](<javascript:alert(1)>)",
    "[x](javascript&#58;alert(1))",
    "<javascript:alert(1)>",
    "<http://example.com>",
    "![x](http://example.com/x.png)",
    "[x]: javascript:alert(1)\n\n[y][x]",
    "[^evil]: footnote",
    "*[Intro]: abbreviation",
    ": definition",
    "<!-- comment",
    '<div markdown="1">*x*</div>',
    "text\\",
    "\\{: onclick=alert(1) }",
    "\\\\{: onclick=alert(1) }",
    "\x00\x1b[31m",
    "\r\n# heading",
    '" onclick="alert(1)',
    "</span><script>alert(1)</script>",
]


@pytest.mark.parametrize("attack", ATTACKS)
def test_a_hostile_translation_does_nothing(engine: markdown.Markdown, attack: str) -> None:
    """Whatever a translation holds, the page keeps its English blocks (no new element, no
    attribute, no outside address, no included file): it is text, or it is not used."""
    written, _ = translate_markdown(SAMPLE, "s", _all(attack))
    assert _blocks(written) == _blocks(translate_markdown(SAMPLE, "s", {})[0])
    soup = _html(engine, written)
    neutral = _html(engine, translate_markdown(SAMPLE, "s", _faithful("neutral"))[0])
    assert _structure(soup) == _structure(neutral)
    assert "SECRET-CONTENT" not in str(soup)
    assert not soup.find("script")
    values = [str(v).lower() for t in soup.find_all(True) for v in t.attrs.values()]
    assert not [v for v in values if "javascript" in v or "alert" in v]
    # What it may have: what the page has translated from neutral text, or left in English.
    allowed = [neutral, _html(engine, translate_markdown(SAMPLE, "s", {})[0])]
    assert {t.name for t in soup.find_all(True)} <= {
        t.name for a in allowed for t in a.find_all(True)
    } | _INLINE_MARKUP
    assert {n for t in soup.find_all(True) for n in t.attrs} <= {
        n for a in allowed for t in a.find_all(True) for n in t.attrs
    }
    assert {str(t["id"]) for t in soup.find_all(id=True)} <= {
        str(t["id"]) for a in allowed for t in a.find_all(id=True)
    }
    addresses = {str(t.get("href") or t.get("src")) for t in soup.find_all(["a", "img"])}
    assert addresses <= {str(t.get("href")) for a in allowed for t in a.find_all("a")}
    assert not soup.find("img")


# Pieces of Markdown that start blocks, end them, or carry markup, to build texts from.
_PIECES = [
    "#",
    "-",
    "*",
    "+",
    "1.",
    "1)",
    ">",
    "|",
    ":",
    "=",
    "~",
    "`",
    "```",
    "!!!",
    "???",
    "---",
    "--8<--",
    "{",
    "}",
    "{:#x}",
    "[",
    "]",
    "(",
    ")",
    "[^n]",
    "^[",
    "<",
    ">",
    "<b>",
    "&",
    "\\",
    '"',
    "javascript:",
    "a",
    "Tekst",
    "[x](y.md)",
    "_",
    "*[A]:",
]
_MARKDOWN = st.sampled_from([*_PIECES, " ", "    ", "\t", "\n", "\n\n", "\x85", "\u2028"])
_TEXTS = st.one_of(st.text(max_size=40), st.lists(_MARKDOWN, max_size=12).map("".join))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_TEXTS, min_size=1, max_size=6))
def test_any_translation_keeps_the_blocks_of_the_page(texts: list[str]) -> None:
    """For any translation texts, the translated page has the same number and kinds of
    blocks as the English one, read by markdown-it and by Python-Markdown."""
    contexts = _contexts()
    translations = {c: texts[n % len(texts)] for n, c in enumerate(contexts)}
    written, tally = translate_markdown(SAMPLE, "s", translations)
    english = translate_markdown(SAMPLE, "s", {})[0]
    assert _blocks(written) == _blocks(english)
    assert tally.total == len(contexts)
    engine = shipped_markdown()
    engine.reset()
    soup = BeautifulSoup(engine.convert(written), "html.parser")
    engine.reset()
    reference = BeautifulSoup(engine.convert(english), "html.parser")
    assert _structure(soup) == _structure(reference)
    assert not soup.find("script")


@pytest.mark.parametrize("page", ["glossary", "index", "methodology/place-then-train"])
def test_the_shipped_pages_keep_their_blocks_untranslated_or_translated(page: str) -> None:
    text = (ROOT / "content" / f"{page}.md").read_text("utf-8")
    contexts = [u.context for u in markdown_units(text, page, "x")]
    english = translate_markdown(text, page, {})[0]
    translated = translate_markdown(text, page, dict.fromkeys(contexts, "Tekst"))[0]
    assert _blocks(english) == _blocks(text) == _blocks(translated)


def test_a_fuzzy_translation_is_not_used(project: Project) -> None:
    """A fuzzy translation of a page's block is not shown: the English block, marked."""
    po = po_path(project, "nb", Domain.PAGES)
    set_translation(po, "page:glossary:glossary.1", "Uklar oversettelse.", "fuzzy")
    set_translation(po, "page:glossary:glossary", "Ordliste")
    loaded = load_translations(project, "nb", page_units(project))
    with speaking(Language("nb")):
        pages = {p.path: p for p in content_pages(project, "nb", usable_translations(loaded))}
    glossary = pages["glossary.md"].text
    assert "Uklar" not in glossary
    assert "# Ordliste { #glossary }" in glossary
    assert "Abbreviations and terms used in this handbook" in glossary
    assert '{ lang="en" .ih-en }' in glossary
    assert 'class="ih-coverage"' in glossary  # partly translated: it says how much
    assert "includes/abbreviations.md" in pages


@pytest.mark.parametrize("page", ["index", "methodology/place-then-train", "guide/add-a-practice"])
def test_translated_headings_have_the_ids_the_english_ones_have(page: str) -> None:
    """Each heading's address is the id MkDocs gives the English heading: a translated
    heading keeps it, so that links and the language menu land on it."""
    text = (ROOT / "content" / f"{page}.md").read_text("utf-8")
    translations = {u.context: "Tekst" for u in markdown_units(text, page, "x")}
    engine = shipped_markdown()
    engine.reset()
    english = BeautifulSoup(engine.convert(text), "html.parser")
    engine.reset()
    translated = BeautifulSoup(
        engine.convert(translate_markdown(text, page, translations)[0]), "html.parser"
    )
    ids = [h["id"] for h in english.find_all(["h1", "h2", "h3", "h4"])]
    assert ids and [h["id"] for h in translated.find_all(["h1", "h2", "h3", "h4"])] == ids
    assert {h.find(string=True) for h in translated.find_all(["h1", "h2", "h3", "h4"])} == {"Tekst"}
