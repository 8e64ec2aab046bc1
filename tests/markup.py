"""What a page's HTML is made of, to compare a page made from hostile text with the same page
made from neutral text: elements, attributes, ids, classes and the addresses it points to.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import markdown
import yaml
from bs4 import BeautifulSoup, Comment, Tag
from bs4.element import NavigableString

from generator.text.html import ATTRIBUTES, TAGS
from generator.text.subset import safe_href

# Attributes that make a browser fetch or go somewhere.
URL_ATTRIBUTES = frozenset(
    {"href", "src", "srcset", "action", "formaction", "poster", "data", "cite", "background"}
    | {"longdesc", "manifest", "ping", "xlink:href", "icon"}
)
# Checklist items without an id are keyed by a digest of their text: the same shape always.
_DIGEST = re.compile(r"(?<![0-9a-f])t?[0-9a-f]{10,12}(?![0-9a-f])")
# What record text may add: the elements and attributes of the accepted subset.
RECORD_ATTRIBUTES = frozenset((tag, name) for tag, names in ATTRIBUTES.items() for name in names)


@dataclass
class Markup:
    tags: set[str] = field(default_factory=set)
    attributes: set[tuple[str, str]] = field(default_factory=set)
    ids: set[str] = field(default_factory=set)
    classes: set[str] = field(default_factory=set)
    addresses: set[tuple[str, str, str]] = field(default_factory=set)  # (tag, attribute, value)
    styles: set[str] = field(default_factory=set)


def markup(html: str) -> Markup:
    found = Markup()
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(True):
        assert isinstance(tag, Tag)
        found.tags.add(tag.name)
        for name, value in tag.attrs.items():
            found.attributes.add((tag.name, name))
            text = " ".join(value) if isinstance(value, list) else str(value)
            if name == "id" or name == "for" or (name.startswith("aria-") and "by" in name):
                found.ids.update(_DIGEST.sub("<digest>", v) for v in text.split())
            elif name == "class":
                found.classes.update(text.split())
            elif name == "style":
                found.styles.add(text)
            elif name in URL_ATTRIBUTES:
                found.addresses.add((tag.name, name, text.strip()))
    return found


def differences(hostile: Markup, neutral: Markup, where: str) -> list[str]:
    """Everything ``hostile`` has that neither ``neutral`` nor the record-text subset explains."""
    problems = [f"{where}: element <{t}>" for t in sorted(hostile.tags - neutral.tags - TAGS)]
    problems += [
        f"{where}: attribute {t}[{a}]"
        for t, a in sorted(hostile.attributes - neutral.attributes - RECORD_ATTRIBUTES)
    ]
    problems += [f"{where}: id {i!r}" for i in sorted(hostile.ids - neutral.ids)]
    problems += [f"{where}: class {c!r}" for c in sorted(hostile.classes - neutral.classes)]
    problems += [f"{where}: style {s!r}" for s in sorted(hostile.styles - neutral.styles)]
    for tag, attribute, value in sorted(hostile.addresses - neutral.addresses):
        # A record's own link: an <a href> to an http(s) or mailto address, nothing else.
        if not (tag == "a" and attribute == "href" and safe_href(value)):
            problems.append(f"{where}: address {tag}[{attribute}]={value!r}")
    return problems


def outside_hosts(markups: Iterable[Markup]) -> set[str]:
    """The hosts that pages would load something from (not counting links to follow)."""
    return {
        urlsplit(value).netloc
        for m in markups
        for tag, attribute, value in m.addresses
        if not (tag == "a" and attribute == "href") and urlsplit(value).netloc
    }


@functools.cache
def shipped_markdown() -> markdown.Markdown:
    """``site_markdown`` of the shipped project, made once: ``reset()`` it before each use."""
    root = Path(__file__).resolve().parent.parent
    return site_markdown(root / "mkdocs.yml", root / "content")


def site_markdown(config_file: Path, content_dir: Path) -> markdown.Markdown:
    """Python-Markdown with the extensions and settings of ``mkdocs.yml``, as MkDocs runs it
    (the glossary appended to every page from ``content_dir``)."""
    config = yaml.load(config_file.read_text("utf-8"), Loader=yaml.SafeLoader)
    names: list[str] = []
    settings: dict[str, Any] = {}
    for extension in config["markdown_extensions"]:
        if isinstance(extension, dict):
            ((name, options),) = extension.items()
            names.append(name)
            settings[name] = dict(options or {})
        else:
            names.append(extension)
    if "pymdownx.snippets" in settings:
        settings["pymdownx.snippets"]["base_path"] = [str(content_dir)]
    return markdown.Markdown(extensions=names, extension_configs=settings)


def tree(element: Tag) -> str:
    """An element's content as one line per element or text, indented by depth: the golden
    form of a built page."""
    lines: list[str] = []

    def walk(node: Tag, depth: int) -> None:
        for child in node.children:
            if isinstance(child, Tag):
                attributes = "".join(
                    f" {name}={json.dumps(' '.join(v) if isinstance(v, list) else v)}"
                    for name, v in sorted(child.attrs.items())
                )
                lines.append(f"{'  ' * depth}<{child.name}{attributes}>")
                walk(child, depth + 1)
            elif isinstance(child, NavigableString) and not isinstance(child, Comment):
                words = " ".join(str(child).split())
                if words:
                    lines.append(f"{'  ' * depth}{json.dumps(words, ensure_ascii=False)}")

    walk(element, 0)
    return "\n".join(lines) + "\n"
