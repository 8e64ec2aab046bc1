"""The language menu of a site build: every language of the site, seen from one of them.

English is at the site's root, each other language under ``<code>/``, with the same page
paths. A build of one language knows only its own folder, so each entry holds the folder of
that language relative to the root of the language being built (``nb/`` from English,
``../`` and ``../uk/`` from Norwegian); the theme adds the current page's path, which makes
a relative link to the same page in that language, known at build time: no script, no
sitemap, and it works from ``file://``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from generator.translate.languages import SOURCE, language

EXTRA = "site_languages"  # the key of the menu in ``extra``


@dataclass(frozen=True)
class Alternate:
    code: str  # hreflang, and the lang of the name
    name: str  # in the language itself
    english_name: str
    prefix: str  # that language's root, relative to the root of the language being built
    current: bool  # the language of this build
    # The share of the language's units translated, as the home page shows it; None until
    # the translations' status is known (the seam for ``translations status``).
    coverage: str | None = None


@dataclass(frozen=True)
class Alternates:
    current: str
    entries: tuple[Alternate, ...]

    def extra(self) -> dict[str, Any]:
        """The ``extra`` settings of the build: the menu as plain data (a generated tree's
        mkdocs.yml holds it too), and ``alternate: true``, which makes Material's header
        include its language menu (``partials/alternate.html``, the handbook's). Not a list
        on purpose: for a list Material writes its own ``<link rel="alternate">`` tags, to
        each language's home page; the handbook's templates write them per page."""
        menu = {"current": self.current, "entries": [asdict(entry) for entry in self.entries]}
        return {"alternate": True, EXTRA: menu}


def alternates(
    current: str, languages: Sequence[str], coverage: Mapping[str, str] | None = None
) -> Alternates | None:
    """The menu of the build of ``current`` (``en`` or one of ``languages``), with each
    language's ``coverage`` where given (``generator.translate.status.coverage``); None
    when the site is English only."""
    if not languages:
        return None
    entries = []
    for code in (SOURCE, *languages):
        if code == current:
            prefix = ""
        else:
            up = "" if current == SOURCE else "../"
            prefix = up if code == SOURCE else f"{up}{code}/"
        if code == SOURCE:
            name = english = "English"
        else:
            name, english = language(code).endonym, language(code).name
        shown = (coverage or {}).get(code)
        entries.append(Alternate(code, name, english, prefix, code == current, shown))
    return Alternates(current, tuple(entries))
