"""What record text may contain: every construct, its verdict for each kind of field, and
the parser's shortcut for plain text checked against the parser itself."""

from __future__ import annotations

import re
from typing import Any, get_args

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from generator.model.checklist import Checklist
from generator.model.module import Module
from generator.model.practice import Practice
from generator.problems import Severity
from generator.text.glossary import NO_GLOSSARY
from generator.text.html import block_html, inline_html, plain_text
from generator.text.subset import (
    _CONTROL,
    _PARSER,
    MAX_LENGTH,
    Kind,
    findings,
    kind_of,
    literal,
    parse,
)
from generator.validate.documents import field_kind
from tests.fields import NOT_TEXT
from tests.text.strategies import text

BLK, INL, PLN = Kind.BLOCK, Kind.INLINE, Kind.PLAIN

# (text, kind, the start of the error's message, or None when accepted)
CONSTRUCTS = [
    ("Plain words, with punctuation: (a), 'b' and \"c\"; 6.5% - done?", INL, None),
    ("*italic*, **bold**, `code` and [a link](https://example.org/)", INL, None),
    ("[mail](mailto:someone@example.org) and <https://example.org/auto>", INL, None),
    ("A hard\\\nbreak", INL, None),
    ("One\n\nTwo", BLK, None),
    ("- a\n- b\n\n1. c\n2. d", BLK, None),
    ("- a\n  - b\n    - c", BLK, None),
    ("| a | b |\n| --- | --- |\n| `c` | *d* |", BLK, None),
    ("`{: #__config }` and `*[NAV]: x` in code", INL, None),
    ('*{"search": "https://attacker.example/x.js"}*', INL, None),
    ("<b>bold</b>", INL, None),  # shown as typed: a warning, not an error
    ("**Title** [x](javascript:alert(1)) {: #id } ![i](https://t.example/p.png)", PLN, None),
    ("# Heading", BLK, "a heading"),
    ("Title\n=====", BLK, "a heading"),
    ("Text\n\n---", BLK, "a horizontal rule"),
    ("> quoted", BLK, "a quotation"),
    ("    indented", BLK, "an indented code block"),
    ("```\ncode\n```", BLK, "a fenced code block"),
    ("~~~\ncode\n~~~", BLK, "a fenced code block"),
    ("![alt](https://tracker.example/p.png)", BLK, "an image"),
    ("![alt](//tracker.example/p.png)", INL, "an image"),
    ("![alt](p.png)", INL, "an image"),
    ("[x][1]\n\n[1]: https://example.org", BLK, "a link reference definition"),
    ("Text[^1]\n\n[^1]: note", BLK, "a footnote"),
    ("Text[^1]", INL, "a footnote"),
    ("*[NAV]: Not NAV", INL, "an abbreviation definition"),
    ("x {: #__config }", INL, "an attribute list"),
    ('[a](https://example.org){: onclick="alert(1)" }', INL, "an attribute list"),
    ("Braces {#id} or {.class} or {key=value}", INL, "an attribute list"),
    ("!!! note\n    x", BLK, "an admonition"),
    ("??? note\n    x", BLK, "an admonition"),
    ('--8<-- "includes/abbreviations.md"', BLK, "a snippet include"),
    ("Term\n:   definition", BLK, "a definition list"),
    ("- a list", INL, "a list"),
    ("2018. A year", INL, "a numbered list"),
    ("One\n\nTwo", INL, "a second paragraph"),
    ("| a | b |\n| --- | --- |\n| c | d |", INL, "a table"),
    ("- a\n  - b\n    - c\n      - d", BLK, "a list nested more than 3 deep"),
    ("[x](javascript:alert(1))", INL, "link to 'javascript:alert(1)'"),
    ("[x](&#106;avascript:alert(1))", INL, "link to 'javascript:alert(1)'"),
    ("[x](javascript&colon;alert(1))", INL, "link to 'javascript:alert(1)'"),
    ("[x](javascript%3Aalert(1))", INL, "link to 'javascript:alert(1)'"),
    ("[x](jav\u200bascript:alert(1))", INL, "link to 'jav\\u200bascript:alert(1)'"),
    ("[x](java\tscript:alert(1))", INL, "a link that does not parse"),
    ("[x](JAVASCRIPT:alert(1))", INL, "link to 'JAVASCRIPT:alert(1)'"),
    ("<javascript:alert(1)>", INL, "link to 'javascript:alert(1)'"),
    ("[x](data:text/html,x)", INL, "link to 'data:text/html,x'"),
    ("[x](vbscript:x)", INL, "link to 'vbscript:x'"),
    ("[NAV](www.nav.no)", INL, "link to 'www.nav.no'"),
    ("[page](../criteria/index.md)", INL, "link to '../criteria/index.md'"),
    ("[top](#__config)", INL, "link to '#__config'"),
    ("[x](https:///path)", INL, "link to 'https:///path'"),
    ("Text \x02 here", INL, "control character U+0002"),
    ("Title \x03", PLN, "control character U+0003"),
    ("x" * (MAX_LENGTH[INL] + 1), INL, "2,001 characters is too long"),
    ("x" * (MAX_LENGTH[PLN] + 1), PLN, "301 characters is too long"),
    ("x" * (MAX_LENGTH[BLK] + 1), BLK, "20,001 characters is too long"),
]


@pytest.mark.parametrize(("value", "kind", "refused"), CONSTRUCTS)
def test_each_construct_is_accepted_or_refused_by_name(
    value: str, kind: Kind, refused: str | None
) -> None:
    errors = [f.message for f in findings(value, kind) if f.severity is Severity.ERROR]
    if refused is None:
        assert errors == []
    else:
        assert errors and errors[0].startswith(refused), errors


def test_a_refusal_names_what_the_field_accepts() -> None:
    (found,) = findings("# Contacts", Kind.BLOCK)
    assert found.message == (
        "a heading '# Contacts' is not accepted: the page's own headings give it its "
        "structure; expected paragraphs, lists ('- ' or '1. ') and tables of text with "
        "*italic*, **bold**, `code` and [links](https://...); a blank line between paragraphs"
    )


def test_html_and_markdown_in_plain_text_are_warnings() -> None:
    assert [f.severity for f in findings("<b>x</b>", Kind.INLINE)] == [Severity.WARNING]
    assert [f.severity for f in findings("**x**", Kind.PLAIN)] == [Severity.WARNING]
    assert findings("`<b>` in code", Kind.INLINE) == []


@pytest.mark.parametrize(
    "value",
    [
        "[" * 10_000,
        "*a" * 100_000,
        ">" * 10_000 + " x",
        "".join("  " * i + "- x\n" for i in range(200)),
        "[a](" * 5_000,
        "![" * 10_000,
        "*a **b " * 2_000,
        "`" * 10_000,
        # against the patterns that name extension syntax
        "{ " + "a-" * 9_990,
        "[^" * 10_000,
        "-" * 20_000,
        "*[" * 10_000,
        "<b " * 6_000,
    ],
    ids=[
        *("brackets", "star-a", "quotes", "nested-list", "links", "images", "emphasis"),
        *("ticks", "attribute-list", "footnotes", "hyphens", "abbreviations", "html"),
    ],
)
@pytest.mark.parametrize("kind", [Kind.PLAIN, Kind.INLINE, Kind.BLOCK])
def test_pathological_text_is_checked_and_rendered(value: str, kind: Kind) -> None:
    """Refused, or rendered without a crash; what it costs is measured by
    ``bench/text_cost.py``, not asserted here."""
    refused = [f for f in findings(value, kind) if f.severity is Severity.ERROR]
    if not refused:  # accepted: it renders in bounded time too
        block_html(value, NO_GLOSSARY)
        inline_html(value, NO_GLOSSARY)
    assert refused or len(value) <= MAX_LENGTH[kind]


def _reads_as_the_parser_does(value: str) -> None:
    parsed = parse(value)
    if parsed.plain:
        env: dict[str, Any] = {}
        tokens = _PARSER.parse(value, env)
        assert env == {}
        assert [t.type for t in tokens] == [t.type for t in parsed.tokens]
        assert [(c.type, c.content) for t in tokens for c in t.children or ()] == [
            (c.type, c.content) for t in parsed.tokens for c in t.children or ()
        ]


@settings(max_examples=300, deadline=None)
@given(value=text)
def test_the_plain_text_shortcut_reads_markdown_as_the_parser_does(value: str) -> None:
    _reads_as_the_parser_does(value)


@settings(max_examples=300, deadline=None)
@given(value=st.text(min_size=1, max_size=200))
def test_the_plain_text_shortcut_reads_any_text_as_the_parser_does(value: str) -> None:
    _reads_as_the_parser_does(value)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(value=st.one_of(text, st.text(max_size=80)).filter(lambda v: not _CONTROL.search(v)))
def test_a_literal_reads_back_as_exactly_the_plain_text(value: str) -> None:
    written = literal(value)
    assert plain_text(written) == " ".join(value.split())
    html = block_html(written, NO_GLOSSARY)
    assert set(re.findall(r"</?([a-z]+)", html)) <= {"p"}, html


def _string_fields(model: type[BaseModel], seen: set[str]) -> list[tuple[str, str, Any]]:
    found = []
    seen.add(model.__name__)
    for name, info in model.model_fields.items():
        annotation = info.annotation
        stack = [annotation]
        while stack:
            current = stack.pop()
            if isinstance(current, type) and issubclass(current, BaseModel):
                if current.__name__ not in seen:
                    found += _string_fields(current, seen)
            elif current is str:
                found.append((model.__name__, name, info))
            stack.extend(get_args(current))
    return found


@pytest.mark.parametrize("model", [Practice, Module, Checklist], ids=lambda m: m.__name__)
def test_every_text_field_has_a_kind(model: type[BaseModel]) -> None:
    unmarked = [
        f"{owner}.{name}"
        for owner, name, info in _string_fields(model, set())
        if name not in NOT_TEXT and kind_of(info.annotation, info.metadata) is None
    ]
    assert unmarked == []


def test_validation_finds_the_kind_of_nested_and_listed_fields() -> None:
    assert field_kind(Practice, ("summary",)) is Kind.INLINE
    assert field_kind(Practice, ("goal",)) is Kind.BLOCK
    assert field_kind(Practice, ("title",)) is Kind.PLAIN
    assert field_kind(Practice, ("steps", 0, "text")) is Kind.INLINE
    assert field_kind(Practice, ("objectives", 0)) is Kind.INLINE
    assert field_kind(Practice, ("criteria", "effective", "evidence")) is Kind.INLINE
    assert field_kind(Module, ("episodes", 0, "exercises", 0, "answer")) is Kind.BLOCK
    assert field_kind(Checklist, ("sections", 0, "items", 0, "text")) is Kind.INLINE
    assert field_kind(Practice, ("id",)) is None
    assert field_kind(Practice, ("links", 0, "url")) is None
    assert field_kind(Practice, ("no_such_field",)) is None
