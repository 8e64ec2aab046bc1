"""The navigation's titles: units of their own, and the ``nav`` of a language's build.

The titles of ``nav`` in mkdocs.yml are what a reader sees in the menu and as the title of
each hand-written page, so each is a unit: ``nav:<page path>`` for a page's title
(``nav:methodology/good-practice.md``), ``nav:section:<slugs of the titles down to it>`` for
a section (``nav:section:methodology``). A language's build takes the same ``nav`` with each
title in its usable translation (not fuzzy, passed the checks), else in English.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from generator.load.settings import read_mkdocs_yml
from generator.translate.units import Domain, Kind, Unit

PREFIX = "nav:"
_SLUG = re.compile(r"[^a-z0-9]+")


def nav_of(mkdocs_yml: Path) -> list[Any]:
    """The ``nav`` of mkdocs.yml, read as plain data ([] when there is none)."""
    nav = read_mkdocs_yml(mkdocs_yml).get("nav")
    return list(nav) if isinstance(nav, list) else []


def _slug(title: str) -> str:
    return _SLUG.sub("-", title.lower()).strip("-") or "section"


def _entries(nav: list[Any], sections: tuple[str, ...] = ()) -> Iterator[tuple[str, str]]:
    """(address, English title) of each titled entry of ``nav``, in order."""
    for item in nav:
        if not isinstance(item, dict) or len(item) != 1:
            continue  # a bare path: its page's own title, a unit of the page
        ((title, value),) = item.items()
        if not isinstance(title, str) or not title.strip():
            continue
        if isinstance(value, list):
            inner = (*sections, _slug(title))
            yield f"{PREFIX}section:{'/'.join(inner)}", title
            yield from _entries(value, inner)
        elif isinstance(value, str):
            yield f"{PREFIX}{value}", title


def nav_units(mkdocs_yml: Path, file: str = "mkdocs.yml") -> list[Unit]:
    """The titles of mkdocs.yml's ``nav``, each with the line it is written on."""
    try:
        lines = mkdocs_yml.read_text("utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return []
    found = []
    searched = 0
    seen: set[str] = set()
    for address, title in _entries(nav_of(mkdocs_yml)):
        if address in seen:
            continue  # a page listed twice keeps its first title
        seen.add(address)
        line = next((n for n in range(searched, len(lines)) if f"{title}:" in lines[n]), searched)
        searched = line + 1 if line < len(lines) else searched
        what = "section title" if address.startswith(f"{PREFIX}section:") else "page title"
        found.append(
            Unit(
                Domain.HANDBOOK,
                address,
                title,
                Kind.PLAIN,
                f"the navigation's {what}",
                file,
                line + 1,
            )
        )
    return found


def translated_nav(nav: list[Any], texts: Mapping[str, str]) -> list[Any]:
    """``nav`` with each title replaced by ``texts[address]`` where there is one.

    A translation is hostile, and the theme writes a title into the page as it is (MkDocs'
    templates do not escape): its ``&``, ``<`` and ``>`` are escaped and its white space
    made single spaces, so it shows as typed and stays one line of the menu."""
    shown_texts = {
        at: html.escape(" ".join(text.split()), quote=False) for at, text in texts.items()
    }
    texts = {at: text for at, text in shown_texts.items() if text}

    def walk(items: list[Any], sections: tuple[str, ...]) -> list[Any]:
        out: list[Any] = []
        for item in items:
            if not isinstance(item, dict) or len(item) != 1:
                out.append(item)
                continue
            ((title, value),) = item.items()
            if not isinstance(title, str) or not title.strip():
                out.append(item)
                continue
            if isinstance(value, list):
                inner = (*sections, _slug(title))
                shown = texts.get(f"{PREFIX}section:{'/'.join(inner)}", title)
                out.append({shown: walk(value, inner)})
            else:
                shown = texts.get(f"{PREFIX}{value}", title) if isinstance(value, str) else title
                out.append({shown: value})
        return out

    return walk(nav, ())


def page_titles(nav: list[Any]) -> dict[str, str]:
    """Each page of ``nav`` and its title (the first, for a page listed twice)."""
    found: dict[str, str] = {}
    for item in nav:
        if not isinstance(item, dict) or len(item) != 1:
            continue
        ((title, value),) = item.items()
        if isinstance(value, list):
            for path, shown in page_titles(value).items():
                found.setdefault(path, shown)
        elif isinstance(value, str) and isinstance(title, str):
            found.setdefault(value, title)
    return found
