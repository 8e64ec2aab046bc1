"""Record text as HTML: what each construct becomes, and that the site's own Markdown (the
extensions of mkdocs.yml, the glossary appended) leaves it exactly as written, in a block, a
list item, a table cell, a heading or an attribute."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from hypothesis import HealthCheck, given, settings

from generator.problems import Severity
from generator.text.glossary import NO_GLOSSARY, Glossary, read_glossary
from generator.text.html import block_html, inline_html, plain_markdown, plain_text
from generator.text.subset import Kind, findings
from tests.conftest import ROOT
from tests.markup import shipped_markdown
from tests.text.strategies import text

GLOSSARY = read_glossary(ROOT / "content" / "includes" / "abbreviations.md")
NAV = '<abbr title="Norwegian Labour and Welfare Administration">NAV</abbr>'


def dom(html: str) -> str:
    """HTML as browsers read it: references decoded, whitespace between tags dropped."""
    canonical = BeautifulSoup(html, "html.parser").decode(formatter="minimal")
    return re.sub(r">[ \t]*\n\s*<", "><", canonical).strip()


@pytest.mark.parametrize(
    ("value", "html"),
    [
        ("Plain text.", "<p>Plain text.</p>"),
        ("*it* **bold** `a<b`", "<p><em>it</em> <strong>bold</strong> <code>a&lt;b</code></p>"),
        (
            "[a](https://example.org/x?a=1&b=2)",
            '<p><a href="https://example.org/x?a=1&amp;b=2">a</a></p>',
        ),
        ("A\nB  \nC", "<p>A B<br/>C</p>"),
        ("- a\n- b", "<ul><li>a</li><li>b</li></ul>"),
        ("3. c\n4. d", '<ol start="3"><li>c</li><li>d</li></ol>'),
        (
            "| a | b |\n| :-- | --: |\n| c | d |",
            "<table><thead><tr><th>a</th><th>b</th></tr></thead>"
            "<tbody><tr><td>c</td><td>d</td></tr></tbody></table>",
        ),
        ("NAV and NAVs and SNAV", f"<p>{NAV} and NAVs and SNAV</p>"),
        ("[NAV](https://nav.no)", f'<p><a href="https://nav.no">{NAV}</a></p>'),
        ("`NAV` in code", "<p><code>NAV</code> in code</p>"),
        ("<b>x</b> & <script>", "<p>&lt;b&gt;x&lt;/b&gt; &amp; &lt;script&gt;</p>"),
        # refused by validation, and harmless if it were ever rendered
        ("[x](javascript:alert(1))", "<p>x</p>"),
        ("![x](https://tracker.example/p.png)", "<p>x</p>"),
        ("# Heading", "<p>Heading</p>"),
        ("```\n<script>\n```", "<p>&lt;script&gt;</p>"),
        ('x {: onclick="alert(1)" }', '<p>x {: onclick="alert(1)" }</p>'),
    ],
)
def test_each_construct_becomes_its_html(value: str, html: str) -> None:
    assert dom(block_html(value, GLOSSARY)) == html


def test_no_line_starts_with_record_text() -> None:
    html = block_html("a\n- b\n\n    c\n\n| x |\n| - |\n| y |", GLOSSARY)
    assert all(line.startswith("<") for line in html.splitlines() if line)


def test_markdown_characters_and_glossary_terms_are_references() -> None:
    html = inline_html("*a* `{: #x }` [NAV](https://nav.no) 1.", GLOSSARY)
    assert "{" not in html and "*" not in html.replace("<em>", "")
    assert "NAV<" not in html and "&#78;AV" in html
    assert (
        plain_markdown("- [a](b) | {: #x }")
        == "&#45; &#91;a&#93;(b) &#124; &#123;&#58; &#35;x &#125;"
    )
    assert plain_markdown('2018. "x"') == "2018&#46; &#34;x&#34;"


def test_words_without_markdown_for_data_scripts() -> None:
    assert plain_text("*A* [link](https://x.org) `c`\n\n- one\n- two") == "A link c one two"


def _accepted(value: str, kind: Kind) -> bool:
    return not [f for f in findings(value, kind) if f.severity is Severity.ERROR]


def _converted(source: str) -> BeautifulSoup:
    return BeautifulSoup(shipped_markdown().reset().convert(source), "html.parser")


def _inner(element: Tag | None) -> str:
    assert element is not None
    return dom(element.decode_contents(formatter="minimal"))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(value=text)
def test_site_markdown_leaves_record_html_as_written(value: str) -> None:
    glossary: Glossary = GLOSSARY
    if _accepted(value, Kind.BLOCK):
        block = block_html(value, glossary)
        soup = _converted(f"# Title\n\n{block}\n\nAfter.\n")
        converted = dom(soup.decode(formatter="minimal")).removeprefix(dom(str(soup.h1)))
        assert converted == dom(block) + "<p>After.</p>"
    if _accepted(value, Kind.INLINE):
        line = inline_html(value, glossary)
        soup = _converted(f"- {line}\n\n| {line} | b |\n| --- | --- |\n| {line} | d |\n")
        assert _inner(soup.li) == dom(line)
        assert _inner(soup.th) == dom(line)
        assert _inner(soup.td) == dom(line)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(value=text)
def test_plain_text_is_shown_exactly_as_typed(value: str) -> None:
    typed = " ".join(re.sub(r"[\x00-\x08\x0b-\x1f\x7f]", "", value).split())
    if not typed or not _accepted(value, Kind.PLAIN):  # a text field is never blank
        return
    shown = plain_markdown(value)
    soup = _converted(
        f"## {shown} {{ #x }}\n\n- {shown}\n\n| {shown} | b |\n| --- | --- |\n\n"
        f'<p title="{shown}">x</p>\n'
    )
    for element in (soup.h2, soup.li, soup.th):
        assert element is not None
        for child in element.find_all(True):  # the glossary's tooltips, a heading's link only
            assert child.name in ("abbr", "a"), child
        assert " ".join(element.get_text().replace("¶", "").split()) == typed
    assert soup.h2 is not None and soup.h2.get("id") == "x"
    assert soup.p is not None and soup.p.get("title") == typed


def test_a_missing_glossary_marks_nothing(tmp_path: Path) -> None:
    assert read_glossary(tmp_path / "none.md") is NO_GLOSSARY
    assert block_html("NAV", NO_GLOSSARY) == "<p>NAV</p>"
