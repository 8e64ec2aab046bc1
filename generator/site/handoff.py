"""The pages ``handbook build`` hands to the MkDocs child it started, through a pipe.

``handbook build`` starts MkDocs first and reads the records meanwhile; once they are valid it
writes the generated pages to a pipe that the child's plugin reads, so the catalog is loaded
once per build, not once in each process. A plain ``mkdocs build`` has no pipe and loads the
records itself. Each language of the site is its own MkDocs run with its own pipe: the
handoff also says which language the run builds and which languages the site has. The data
is plain JSON: nothing in it is executed.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from typing import Any

from generator.outputs.page import Page

ENV = "INCLUSION_HANDBOOK_PAGES_FD"  # the number of the pipe's reading end, in the child
VERSION = 5


class HandoffError(Exception):
    """The pipe held no usable pages: the build was cancelled, its parent died, or it sent
    another version's pages."""


@dataclass(frozen=True)
class Handoff:
    pages: list[Page]
    epoch: str  # the build's SOURCE_DATE_EPOCH
    language: str = "en"  # the language this MkDocs run builds (generator.translate.languages)
    languages: tuple[str, ...] = ()  # every language of the site besides English, for its menu
    nav: list[Any] | None = None  # mkdocs.yml's nav with its titles in the language; None: as is
    extra: dict[str, Any] = field(default_factory=dict)  # the theme's settings of the language


def encode(handoff: Handoff) -> bytes:
    pages = [[p.path, p.title, p.text, p.from_records] for p in handoff.pages]
    data = {
        "version": VERSION,
        "epoch": handoff.epoch,
        "language": handoff.language,
        "languages": list(handoff.languages),
        "pages": pages,
        "nav": handoff.nav,
        "extra": handoff.extra,
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def decode(raw: bytes) -> Handoff:
    if not raw:
        raise HandoffError("the build was cancelled before the pages were ready")
    try:
        data = json.loads(raw.decode("utf-8"))
        if data["version"] != VERSION:
            raise HandoffError(f"pages of handoff version {data['version']}; expected {VERSION}")
        pages = [Page(*fields) for fields in data["pages"]]
        languages = tuple(str(code) for code in data["languages"])
        nav = data["nav"]
        if nav is not None and not isinstance(nav, list):
            raise TypeError(f"a nav of type {type(nav).__name__}")
        extra = data["extra"]
        if not isinstance(extra, dict):
            raise TypeError(f"extra settings of type {type(extra).__name__}")
        return Handoff(pages, str(data["epoch"]), str(data["language"]), languages, nav, extra)
    except (ValueError, KeyError, TypeError) as exc:
        raise HandoffError(f"the pages arrived incomplete ({exc})") from None


def receive() -> Handoff | None:
    """The pages sent by ``handbook build``, or None when this process was not started by it.

    The variable is removed once read, so a later build in the same process (``mkdocs
    serve``) loads the records itself.
    """
    fd = os.environ.pop(ENV, None)
    if fd is None:
        return None
    with open(int(fd), "rb") as pipe:
        return decode(pipe.read())
