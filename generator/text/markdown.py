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
    for child in children:
        kind = child.type
        if kind == "text" or kind == "image":  # an image is refused by validation: its text
            out.append(escaped(re.sub(r"\s+", " ", child.content)))
        elif kind in ("softbreak", "hardbreak"):
            out.append(" ")
        elif kind in ("em_open", "em_close"):
            out.append("*")
        elif kind in ("strong_open", "strong_close"):
            out.append("**")
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
