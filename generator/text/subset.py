"""What record text may contain, checked with the parser that also renders it.

Each text field is of one of three kinds (``Kind``), marked on the models' types. Validation
and rendering read a text through ``parse`` alone, so they cannot disagree: ``findings``
names every construct the parser found that the field's kind does not accept, and the
renderer (``generator.text.html``) writes only accepted constructs.

The parser is markdown-it-py's CommonMark parser (linear in the size of its input, built
against pathological text), with raw HTML off and tables on. Syntax that only a site engine's
extensions know (attribute lists, abbreviation definitions, footnotes, admonitions, snippets,
definition lists) is text to CommonMark; it is refused by name here, and the renderer writes
its characters so that no engine reads them as syntax either.
"""

from __future__ import annotations

import re
import types
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from typing import Annotated, Union, get_args, get_origin
from urllib.parse import unquote

from markdown_it import MarkdownIt
from markdown_it.token import Token

from generator.problems import Severity, shown


class Kind(StrEnum):
    PLAIN = "plain"  # titles and names: shown as typed, no Markdown
    INLINE = "inline"  # one paragraph: shown inside lists, tables and sentences
    BLOCK = "block"  # paragraphs, lists and tables


@dataclass(frozen=True)
class TextKind:
    """Marks a model field's type with the kind of text it holds."""

    kind: Kind


_INLINE_SYNTAX = "*italic*, **bold**, `code` and [links](https://...)"
ACCEPTED = {
    Kind.PLAIN: "plain text, shown as typed (no Markdown)",
    Kind.INLINE: f"one paragraph of text with {_INLINE_SYNTAX}",
    Kind.BLOCK: (
        "paragraphs, lists ('- ' or '1. ') and tables of text with "
        f"{_INLINE_SYNTAX}; a blank line between paragraphs"
    ),
}
_REFUSED = (
    "attribute lists ({: ...}), abbreviation, footnote and link reference definitions, "
    "admonitions and snippets"
)
# What the JSON Schema says of each kind, for editors' tooltips.
DESCRIPTION = {
    Kind.PLAIN: "Plain text, shown as typed: no Markdown.",
    Kind.INLINE: (
        "Markdown, one paragraph: *italic*, **bold**, `code` and [links](https://...) to "
        f"http(s) or mailto addresses; no headings, lists, tables, images, HTML, {_REFUSED}."
    ),
    Kind.BLOCK: (
        "Markdown: paragraphs (a blank line between them), lists ('- ' or '1. ', nested up "
        "to three deep), tables, *italic*, **bold**, `code` and [links](https://...) to "
        "http(s) or mailto addresses; no headings, images, HTML, code blocks, quotations, "
        f"horizontal rules, {_REFUSED}."
    ),
}
# Longer texts are refused: the longest shipped values are a third of these or less. The site
# engine's inline Markdown is not linear in the length of a line, so the kinds shown inside
# lines (plain, inline) have the tightest bounds.
MAX_LENGTH = {Kind.PLAIN: 300, Kind.INLINE: 2_000, Kind.BLOCK: 20_000}
MAX_LIST_DEPTH = 3


@dataclass(frozen=True)
class Finding:
    """Something in a text that its field does not accept, at ``offset`` in the text."""

    offset: int
    message: str
    severity: Severity = Severity.ERROR


def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable("table")
    # Every link becomes a token, whatever its address, so that validation can name the
    # address it refuses; the renderer writes only links with a safe address.
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    return md


_PARSER = _parser()

# A text in which none of these occur is one paragraph of plain text to CommonMark: it is
# read without the parser (most record text is). A test compares the two on random text.
_SYNTAX = re.compile(
    r"[\\`*_\[\]!<>&|#{}~\x00-\x08\x0b-\x1f\x7f\r]"
    r"|^[ \t]*(?:[-+=:?]|\d+[.)])|^ {0,3}\t|^ {4}|[ \t]\n|\n[ \t]*\n",
    re.MULTILINE,
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class Parsed:
    tokens: list[Token]
    references: dict[str, dict[str, object]]  # link reference definitions, by label
    plain: bool  # one paragraph of plain text, read without the parser


def parse(text: str) -> Parsed:
    """The block tokens of ``text`` (inline tokens hold their children)."""
    return _parse(text)


@lru_cache(maxsize=16_384)  # a summary is shown on several pages
def _parse(text: str) -> Parsed:
    core = text.strip(" \t\n")
    # Other spaces at either end are trimmed differently by markdown-it's versions: parsed.
    if _SYNTAX.search(text) is None and not (core[:1].isspace() or core[-1:].isspace()):
        return Parsed(_paragraph(core), {}, plain=True)
    env: dict[str, object] = {}
    tokens = _PARSER.parse(text, env)
    references = env.get("references", {})
    return Parsed(tokens, dict(references) if isinstance(references, dict) else {}, plain=False)


def _paragraph(content: str) -> list[Token]:
    """One paragraph of ``content`` (no space, tab or line break at either end)."""
    if not content:
        return []
    lines = content.split("\n")
    children: list[Token] = []
    for number, line in enumerate(lines):
        if number:
            children.append(Token("softbreak", "br", 0))
        children.append(Token("text", "", 0, content=line.lstrip(" \t")))
    where = [0, len(lines)]
    return [
        Token("paragraph_open", "p", 1, map=where, block=True),
        Token("inline", "", 0, map=where, content=content, children=children, block=True),
        Token("paragraph_close", "p", -1, block=True),
    ]


def safe_href(href: str) -> bool:
    """An address record text may link to: http(s) with a host, or mailto."""
    scheme, colon, rest = href.partition(":")
    if not colon or not re.fullmatch(r"[A-Za-z][A-Za-z0-9+.-]*", scheme):
        return False
    scheme = scheme.lower()
    if scheme in ("http", "https"):
        return rest.startswith("//") and len(rest) > 2 and rest[2] not in "/?#"
    return scheme == "mailto" and bool(rest)


def links(text: str) -> list[str]:
    """The addresses of every link in ``text``, safe or not."""
    parsed = parse(text)
    found = [str(ref.get("href", "")) for ref in parsed.references.values()]
    for token in parsed.tokens:
        for child in token.children or ():
            if child.type in ("link_open", "image"):
                found.append(str(child.attrs.get("href", child.attrs.get("src", ""))))
    return found


# Syntax of the site engine's extensions, which CommonMark reads as text: (pattern, what it
# is, why it is refused). Each pattern is linear in the length of the text (no nested or
# overlapping repeats), as a test checks on adversarial text.
_EXTENSIONS = [
    (
        re.compile(r"\{[ \t]*[:#.]|\{[^{}\n]*="),
        "an attribute list",
        "record text cannot set attributes",
    ),
    (
        re.compile(r"^[ \t]*\*\[[^\]\n]*\][ \t]*:", re.MULTILINE),
        "an abbreviation definition",
        "the glossary (content/includes/abbreviations.md) defines every abbreviation",
    ),
    (re.compile(r"\[\^[^\[\]\n]*\]"), "a footnote", ""),
    (re.compile(r"^[ \t]*(?:!!!|\?\?\?\+?)(?=[ \t]|$)", re.MULTILINE), "an admonition", ""),
    (re.compile(r"(?<!-)-+8<-"), "a snippet include", "record text cannot include files"),
    (re.compile(r"^[ \t]{0,3}:[ \t]+\S", re.MULTILINE), "a definition list", ""),
    (
        re.compile(r"\]\("),
        "a link that does not parse",
        "its address holds a space or a tab",
    ),
]
_BLOCKS = {
    "heading_open": ("a heading", "the page's own headings give it its structure"),
    "hr": ("a horizontal rule", ""),
    "code_block": ("an indented code block", "a line indented by four or more spaces"),
    "fence": ("a fenced code block", ""),
    "blockquote_open": ("a quotation", ""),
    "html_block": ("an HTML block", ""),
}


# Markup an editor may paste from a web page or a word processor. It shows as typed: a
# warning. Only real element names, so that "x<y and z>w" passes.
_HTML_ELEMENTS = (
    "a abbr b big blockquote br center code dd del div dl dt em font h1 h2 h3 h4 h5 h6 hr i "
    "iframe img ins li mark object ol p pre q s script small span strike strong style sub sup "
    "table tbody td th thead tr u ul"
)
_HTML = re.compile(
    rf"<!--|</?(?:{'|'.join(_HTML_ELEMENTS.split())})(?:\s[^<>]*)?/?>", re.IGNORECASE
)


def _html_warning(offset: int, tag: str) -> Finding:
    return Finding(
        offset,
        f"HTML {shown(tag, 40)} will show as text, not as markup; expected Markdown: "
        "**bold**, *italic*, [text](https://...), a blank line between paragraphs",
        Severity.WARNING,
    )


def findings(text: str, kind: Kind | None) -> list[Finding]:
    """Everything in ``text`` that a field of ``kind`` does not accept, first place of each.

    A value that is not text (an id, an address: ``kind`` None) is only checked for HTML.
    """
    if kind is None:
        tag = _HTML.search(text) if "<" in text else None
        return [_html_warning(tag.start(), tag.group())] if tag else []
    limit = MAX_LENGTH[kind]
    if len(text) > limit:
        return [
            Finding(
                0,
                f"{len(text):,} characters is too long for this field; expected at most "
                f"{limit:,} characters of {ACCEPTED[kind]}",
            )
        ]
    found: list[Finding] = []
    if control := _CONTROL.search(text):
        found.append(
            Finding(
                control.start(),
                f"control character U+{ord(control.group()):04X} is not accepted; "
                "expected printable text",
            )
        )
    if kind is Kind.PLAIN:
        if "<" in text and (tag := _HTML.search(text)):
            found.append(_html_warning(tag.start(), tag.group()))
        return found + _markdown_in_plain_text(text)
    parsed = parse(text)
    if not parsed.plain:
        found += _Checker(text, kind).run(parsed)
    return found


def _markdown_in_plain_text(text: str) -> list[Finding]:
    parsed = parse(" ".join(text.split()))
    if parsed.plain:
        return []
    kinds = {c.type for t in parsed.tokens for c in t.children or ()}
    if kinds & {"em_open", "strong_open", "code_inline", "link_open", "image"}:
        message = "this field is plain text: its Markdown will show as typed"
        return [Finding(0, message, Severity.WARNING)]
    return []


class _Checker:
    """Walks the tokens of one text and names what its kind does not accept."""

    def __init__(self, text: str, kind: Kind) -> None:
        self.text = text.replace("\r\n", "\n").replace("\r", "\n")  # as the parser reads it
        self.kind = kind
        self.starts = [0, *(m.end() for m in re.finditer("\n", self.text))]
        self.found: dict[str, Finding] = {}  # the first place of each construct
        self.footnotes: set[str] = set()

    def offset(self, line: int, snippet: str = "", after: int = 0) -> int:
        start = self.starts[min(line, len(self.starts) - 1)]
        found = self.text.find(snippet, max(start, after)) if snippet else -1
        return found if found >= 0 else max(start, after)

    def quoted(self, offset: int, limit: int = 40) -> str:
        end = self.text.find("\n", offset)
        return shown(self.text[offset : end if end >= 0 else len(self.text)].strip(), limit)

    def refuse(self, offset: int, construct: str, reason: str = "", quote: bool = True) -> None:
        if construct in self.found:
            return
        message = f"{construct} {self.quoted(offset)}" if quote else construct
        message += " is not accepted" + (f": {reason}" if reason else "")
        message += f"; expected {ACCEPTED[self.kind]}"
        self.found[construct] = Finding(offset, message)

    def run(self, parsed: Parsed) -> list[Finding]:
        # a footnote's reference is refused as a footnote, not as a link to its text
        self.footnotes = {str(r.get("href")) for k, r in parsed.references.items() if k[:1] == "^"}
        for label, ref in parsed.references.items():
            where = ref.get("map")
            at = self.offset(where[0] if isinstance(where, list) else 0)
            if label.startswith("^"):
                self.refuse(at, "a footnote")
            else:
                self.refuse(
                    at,
                    "a link reference definition",
                    "write the address in the link itself, [text](https://...)",
                )
        paragraphs = depth = 0
        for token in parsed.tokens:
            at = self.offset(token.map[0] if token.map else 0)
            if token.type in _BLOCKS:
                self.refuse(at, *_BLOCKS[token.type])
            elif token.type in ("bullet_list_open", "ordered_list_open"):
                depth += 1
                self._list(token, at, depth)
            elif token.type in ("bullet_list_close", "ordered_list_close"):
                depth -= 1
            elif token.type == "table_open" and self.kind is Kind.INLINE:
                self.refuse(at, "a table")
            elif token.type == "paragraph_open" and not token.hidden:
                paragraphs += 1
                if self.kind is Kind.INLINE and paragraphs == 2:
                    self.refuse(at, "a second paragraph (after a blank line)", quote=False)
            elif token.type == "inline":
                self._inline(token, at)
        for label, ref in parsed.references.items():
            if not label.startswith("^"):
                self._link(str(ref.get("href", "")), self.offset(0, "]:"))
        return sorted(self.found.values(), key=lambda f: f.offset)

    def _list(self, token: Token, at: int, depth: int) -> None:
        if self.kind is Kind.INLINE and depth == 1:
            if token.type == "ordered_list_open":
                reason = "to start a line with a number and a full stop as text, write '1\\.'"
                self.refuse(at, "a numbered list", reason)
            else:
                self.refuse(at, "a list")
        elif self.kind is Kind.BLOCK and depth == MAX_LIST_DEPTH + 1:
            self.refuse(at, f"a list nested more than {MAX_LIST_DEPTH} deep", quote=False)

    def _inline(self, token: Token, start: int) -> None:
        cursor = start
        run: list[str] = []  # the text, a code span as one neutral character

        for child in token.children or ():
            if child.type == "text":
                run.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                run.append("\n")
            elif child.type == "code_inline":
                run.append("\ufffc")  # extension syntax inside code is code
            elif child.type == "image":
                at = self.offset(0, "![", cursor)
                self.refuse(at, "an image", "images would load from another site")
                cursor = at + 1
            elif child.type == "link_open":
                at = self.offset(0, "<" if child.markup == "autolink" else "[", cursor)
                self._link(str(child.attrs.get("href", "")), at)
                cursor = at + 1
        joined = "".join(run)
        if "<" in joined and (tag := _HTML.search(joined)) and "html" not in self.found:
            self.found["html"] = _html_warning(self._place(joined, tag, start), tag.group())
        for pattern, construct, reason in _EXTENSIONS:
            if match := pattern.search(joined):
                self.refuse(self._place(joined, match, start), construct, reason)

    def _place(self, joined: str, match: re.Match[str], after: int) -> int:
        """Where the source holds what ``match`` found in the text the parser gave."""
        line_end = joined.find("\n", match.start())
        tail = joined[match.start() : line_end if line_end >= 0 else len(joined)]
        for snippet in (tail[:30].strip(), match.group().strip()):
            at = self.text.find(snippet, after) if snippet else -1
            if at >= 0:
                return at
        return after

    def _link(self, href: str, at: int) -> None:
        if safe_href(href) or href in self.footnotes:
            return
        decoded = unquote(href)
        shown_href = shown(decoded)
        message = (
            f"link to {shown_href} is not allowed; expected an http://, https:// or mailto: address"
        )
        if re.match(r"(?i)www\.", decoded):
            message += f" (did you mean {shown('https://' + decoded)}?)"
        elif not re.match(r"[^/?#]*:", decoded):  # no scheme at all: a path
            message += "; record text cannot link to pages of the handbook"
        key = f"link {shown_href}"
        if key not in self.found:
            self.found[key] = Finding(at, message)


def kind_of(annotation: object, metadata: Iterable[object] = ()) -> Kind | None:
    """The text kind a field's type is marked with (through ``| None`` and ``list[...]``)."""
    for item in metadata:
        if isinstance(item, TextKind):
            return item.kind
    origin = get_origin(annotation)
    if origin is Annotated:
        base, *extra = get_args(annotation)
        return kind_of(base, extra)
    if origin in (Union, types.UnionType, list):
        for member in get_args(annotation):
            if (kind := kind_of(member)) is not None:
                return kind
    return None


# Escapes both CommonMark and Python-Markdown read: a backslash before the punctuation they
# both escape, a character reference for the rest (Python-Markdown keeps ``\<`` as HTML).
_BACKSLASHED = re.compile(r"([\\`*_\[\]!{}#])")
_REFERENCES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_AT_START = re.compile(r"^(\d{1,9})([.)])|^([-+])|^([=:>~?|])")


def escaped(text: str) -> str:
    """Text written as Markdown that any engine reads back as exactly that text."""
    text = _BACKSLASHED.sub(r"\\\1", text)
    return re.sub("[&<>]", lambda m: _REFERENCES[m.group()], text)


def literal(text: str) -> str:
    """Plain text as Markdown source that reads back as exactly that text, on one line.

    For generated texts that put a plain-text value (a practice's title) into record text,
    and for the Markdown downloads, which site engines without the plugin render as pages.
    """
    return line_start(escaped(" ".join(text.split())))


def line_start(written: str) -> str:
    """Escaped Markdown whose first characters cannot start a list, a quote or the like."""
    return _AT_START.sub(_start, written)


def _start(match: re.Match[str]) -> str:
    if match[1]:
        return f"{match[1]}\\{match[2]}"
    if match[3]:
        return f"\\{match[3]}"
    return f"&#{ord(match[4])};"
