"""Record text as HTML that no site engine can read as anything else.

A text is parsed once (``subset.parse``), its accepted constructs written as HTML, that HTML
passed through a tight nh3 allowlist, and the result written once more so that Markdown
sees no syntax in it: the characters Markdown or one of its extensions could read (``*``,
``[``, ``{``, ``|``, ``:`` ...) become numeric character references, which browsers show as
the characters themselves, and no line starts with the record's text. The first letter of
each glossary term becomes a reference too, so that the engine's abbreviation extension does
not mark a term the renderer has already marked.

So the pages hold record text the same way whichever engine builds them, with or without a
plugin: a block of HTML (``block_html``), HTML within a line (``inline_html``), or plain text
(``plain_markdown``). ``plain_text`` gives the words alone, for data scripts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from html import escape
from html.parser import HTMLParser

import nh3
from markdown_it.token import Token

from generator.text.glossary import Glossary
from generator.text.subset import parse, safe_href

# What record text can become: nothing else survives the allowlist.
TAGS = frozenset(
    [
        "a",
        "abbr",
        "br",
        "code",
        "em",
        "li",
        "ol",
        "p",
        "strong",
        "table",
        "tbody",
        "td",
        "th",
        "thead",
        "tr",
        "ul",
    ]
)
ATTRIBUTES = {"a": {"href"}, "abbr": {"title"}, "ol": {"start"}}
SCHEMES = frozenset({"http", "https", "mailto"})

# Characters that start a construct of Markdown or of one of its common extensions, within a
# line or at the start of a list item's text (``???``, ``!!!``, ``:``), and the quote that
# ends an attribute value. A hyphen or a number and full stop at the very start of a value is
# written as a reference too (``_line_start``).
_MARKDOWN = frozenset('\\`*_{}[]<>#+!?|~^=:&"')
_REFERENCE = {c: f"&#{ord(c)};" for c in _MARKDOWN} | {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_BLOCK_TAGS = frozenset(["p", "ul", "ol", "li", "table", "thead", "tbody", "tr", "th", "td"])
_OPENS_LINE = frozenset(
    ["ul", "ol", "table", "thead", "tbody", "tr"]
)  # no text follows on its line


def inert(text: str) -> str:
    """``text`` with every Markdown-significant character as a character reference."""
    return "".join(_REFERENCE.get(c, c) for c in text) if _needs_reference(text) else text


_ANY_MARKDOWN = re.compile("[" + re.escape("".join(sorted(_MARKDOWN))) + "]")


def _needs_reference(text: str) -> bool:
    return _ANY_MARKDOWN.search(text) is not None


def plain_markdown(text: object) -> str:
    """A plain-text value for a Markdown page or an HTML attribute: shown exactly as typed.

    On one line, control characters dropped, and a number or hyphen that would start a list
    at the start of a line written as a reference.
    """
    return _at_line_start(inert(" ".join(_CONTROL.sub("", str(text)).split())))


def _at_line_start(shown: str) -> str:
    return re.sub(r"^(\d{1,9})([.)])|^([-+])", _line_start, shown)


def _line_start(match: re.Match[str]) -> str:
    if match.group(3):
        return f"&#{ord(match.group(3))};"
    return f"{match.group(1)}&#{ord(match.group(2))};"


def block_html(text: str, glossary: Glossary) -> str:
    """Record text of any kind as HTML blocks (paragraphs, lists, tables), one per line."""
    return _rendered(text, glossary, inline=False)


def inline_html(text: str, glossary: Glossary) -> str:
    """Record text as HTML within one line: a block text's paragraphs joined by spaces."""
    return _at_line_start(" ".join(_rendered(text, glossary, inline=True).split(" ")))


def plain_text(text: str) -> str:
    """The words of record text without its Markdown: link text stays, addresses go."""
    words: list[str] = []
    for token in parse(text).tokens:
        if token.type == "inline":
            for child in token.children or ():
                if child.type in ("text", "code_inline") or child.type == "image":
                    words.append(child.content)
                elif child.type in ("softbreak", "hardbreak"):
                    words.append(" ")
        elif token.nesting == -1 or token.type in ("code_block", "fence"):
            words.append(token.content + " ")
    return " ".join(_CONTROL.sub("", "".join(words)).split())


@lru_cache(maxsize=16_384)
def _rendered(text: str, glossary: Glossary, inline: bool) -> str:
    html = _Writer(glossary, inline).write(parse(_CONTROL.sub("", text)).tokens)
    cleaned = nh3.clean(
        html,
        tags=set(TAGS),
        attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
        url_schemes=set(SCHEMES),
        link_rel=None,
        strip_comments=True,
    )
    return _Inert(glossary).feed_all(cleaned).strip()


class _Writer:
    """Tokens to HTML: the accepted constructs as tags, everything else as text."""

    def __init__(self, glossary: Glossary, inline: bool) -> None:
        self.glossary = glossary
        self.inline = inline
        self.out: list[str] = []
        self.links: list[bool] = []  # for each open link: was it written?

    def write(self, tokens: Iterable[Token]) -> str:
        for token in tokens:
            if token.type == "inline":
                self._inline(token.children or [])
            elif self.inline:
                if token.nesting == -1 or token.type in ("code_block", "fence", "html_block"):
                    self.out.append(" ")
                    if token.nesting != -1:
                        self.text(token.content)
            else:
                self._block(token)
        return "".join(self.out)

    def _block(self, token: Token) -> None:
        kind, tag = token.type, token.tag
        if kind in ("code_block", "fence", "html_block"):  # refused by validation
            self.out.append("<p>")
            self.text(" ".join(token.content.split()))
            self.out.append("</p>\n")
        elif tag in _BLOCK_TAGS and not token.hidden:
            if token.nesting == 1:
                start = token.attrs.get("start") if tag == "ol" else None
                self.out.append(f'<{tag} start="{int(start)}">' if start else f"<{tag}>")
                if tag in _OPENS_LINE:
                    self.out.append("\n")
            else:
                self.out.append(f"</{tag}>\n")
        elif kind.startswith("heading_"):  # refused by validation: kept as a paragraph
            self.out.append("<p>" if token.nesting == 1 else "</p>\n")

    def _inline(self, children: list[Token]) -> None:
        for child in children:
            kind = child.type
            if kind == "text":
                self.text(child.content)
            elif kind == "softbreak":
                self.out.append(" ")
            elif kind == "hardbreak":
                self.out.append("<br>")
            elif kind in ("em_open", "strong_open", "em_close", "strong_close"):
                self.out.append(f"<{'/' if child.nesting == -1 else ''}{child.tag}>")
            elif kind == "code_inline":
                self.out.append(f"<code>{escape(child.content, quote=False)}</code>")
            elif kind == "link_open":
                href = str(child.attrs.get("href", ""))
                written = safe_href(href)
                if written:
                    self.out.append(f'<a href="{escape(href)}">')
                self.links.append(written)
            elif kind == "link_close":
                if self.links and self.links.pop():
                    self.out.append("</a>")
            else:  # an image (refused by validation): its text only
                self.text(child.content)

    def text(self, value: str) -> None:
        """A text, with the glossary's terms marked as abbreviations."""
        pattern = self.glossary.pattern
        if pattern is None:
            self.out.append(escape(value, quote=False))
            return
        last = 0
        for match in pattern.finditer(value):
            definition = self.glossary.definitions[match.group()]
            self.out.append(escape(value[last : match.start()], quote=False))
            self.out.append(f'<abbr title="{escape(definition)}">{escape(match.group())}</abbr>')
            last = match.end()
        self.out.append(escape(value[last:], quote=False))


class _Inert(HTMLParser):
    """Writes sanitized HTML again, with its text and attribute values inert for Markdown."""

    def __init__(self, glossary: Glossary) -> None:
        super().__init__(convert_charrefs=True)
        self.glossary = glossary
        self.out: list[str] = []

    def feed_all(self, html: str) -> str:
        self.feed(html)
        self.close()
        return "".join(self.out)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        written = "".join(f' {name}="{inert(value or "")}"' for name, value in attrs)
        self.out.append(f"<{tag}{written}>")

    def handle_endtag(self, tag: str) -> None:
        self.out.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        if not data.strip():  # the line breaks between blocks
            self.out.append(data)
            return
        data = data.replace("\n", " ").replace("\t", " ")  # Markdown would expand a tab
        pattern = self.glossary.anywhere
        if pattern is None:
            self.out.append(inert(data))
            return
        last = 0
        for match in pattern.finditer(data):  # the engine's abbreviations would mark it again
            term = match.group()
            self.out.append(f"{inert(data[last : match.start()])}&#{ord(term[0])};{term[1:]}")
            last = match.end()
        self.out.append(inert(data[last:]))
