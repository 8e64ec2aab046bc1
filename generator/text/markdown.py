"""Record text written back as Markdown, for the Markdown downloads of the checklists.

A download is meant to be edited or printed elsewhere, so it keeps record text as Markdown;
but site engines without the handbook's plugin render the docs tree's ``.md`` downloads as
pages. So the text is written again from its parsed tokens: only the accepted constructs
(emphasis, code spans, links to safe addresses), every other character escaped for
CommonMark and Python-Markdown alike (``subset.escaped``), on one line.
"""

from __future__ import annotations

import re

from markdown_it.token import Token

from generator.text.subset import escaped, line_start, literal, parse, safe_href


def markdown_line(text: str) -> str:
    """Record text as one line of Markdown: a block text's paragraphs joined by spaces."""
    parts: list[str] = []
    for token in parse(text).tokens:
        if token.type == "inline":
            parts.append(_inline(token.children or []))
        elif token.type in ("code_block", "fence"):  # refused by validation: its text
            parts.append(literal(token.content))
    return line_start(" ".join(" ".join(parts).split()))


def _inline(children: list[Token]) -> str:
    out: list[str] = []
    links: list[tuple[int, str | None]] = []  # where each open link's text starts, its address
    emphasis: list[int] = []  # where each open emphasis starts
    for child in _plain_emphasis(children):
        kind = child.type
        if kind == "text" or kind == "image":  # an image is refused by validation: its text
            out.append(escaped(re.sub(r"\s+", " ", child.content)))
        elif kind in ("softbreak", "hardbreak"):
            out.append(" ")
        elif kind in ("em_open", "strong_open"):
            emphasis.append(len(out))
            out.append("*" if kind == "em_open" else "**")
        elif kind in ("em_close", "strong_close"):
            start = emphasis.pop()
            out[start:] = _emphasised(out[start], "".join(out[start + 1 :]))
        elif kind == "code_inline":
            out.append(_code(child.content))
        elif kind == "link_open":
            href = str(child.attrs.get("href", ""))
            safe = safe_href(href) and re.search(r"[\s<>]", href) is None
            links.append((len(out), href if safe else None))
        elif kind == "link_close" and links:
            start, address = links.pop()
            if address is not None:
                out.insert(start, "[")
                out.append(f"](<{address}>)")
    return "".join(out)


def _plain_emphasis(children: list[Token]) -> list[Token]:
    """The tokens without emphasis that looks no different: inside the same emphasis, or
    right after the same emphasis closed. Python-Markdown reads the runs of stars these need
    (``***1*1*``, ``*1**1*``) otherwise than CommonMark."""
    kept: list[Token] = []
    depth = {"em": 0, "strong": 0}
    for child in children:
        style, _, edge = child.type.partition("_")
        if style in depth and edge in ("open", "close"):
            opening = edge == "open"
            depth[style] += 1 if opening else -1
            if depth[style] != (1 if opening else 0):
                continue
            if opening and kept and kept[-1].type == f"{style}_close":
                kept.pop()  # the two spans are one
                continue
        kept.append(child)
    return kept


def _emphasised(marker: str, inner: str) -> list[str]:
    """``inner`` between two ``marker``, its spaces at either end outside them: Python-Markdown
    reads no emphasis that starts or ends with a space, and an empty one as stars."""
    text = inner.strip()
    if not text:
        return [inner]
    lead, trail = inner[: len(inner) - len(inner.lstrip())], inner[len(inner.rstrip()) :]
    return [lead, marker, text, marker, trail]


def _code(content: str) -> str:
    """A code span whose fence is longer than any run of backticks in ``content``. Spaces at
    either end go outside it: CommonMark keeps them in the span, Python-Markdown strips them."""
    inner = content.strip()
    if not inner:
        return " " if content else ""
    before = " " if content[:1].isspace() else ""
    after = " " if content[-1:].isspace() else ""
    longest = max((len(run) for run in re.findall(r"`+", inner)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if inner.startswith("`") or inner.endswith("`") else ""
    return f"{before}{fence}{pad}{inner}{pad}{fence}{after}"
