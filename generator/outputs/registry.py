"""The outputs' registry: every output, run over the catalog, gives the pages of the site."""

from __future__ import annotations

import gettext
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from generator.catalog.catalog import Catalog
from generator.outputs import checklists, comparison, handbook, training
from generator.outputs.language import ENGLISH, SOURCE, Language, speaking
from generator.outputs.page import Page
from generator.outputs.render import current_memo
from generator.outputs.script_strings import script_strings
from generator.parallel import ordered_map, workers_for
from generator.reuse import current_reuse

Output = Callable[[Catalog], Iterable[Page]]

# In an order that splits the work about evenly between two workers.
OUTPUTS: tuple[Output, ...] = (handbook.pages, training.pages, comparison.pages, checklists.pages)


def all_pages(
    catalog: Catalog,
    workers: int | None = None,
    *,
    language: str | Language = SOURCE,
    translations: gettext.NullTranslations | None = None,
) -> list[Page]:
    """Every generated page of every output, in a stable order.

    With many practices the outputs run in forked workers (``workers``: None decides from
    the catalog's size and the cores; 1 runs them all here). ``language`` is the site's
    language (``generator.translate.reading.site_language``), or its code with
    ``translations``, its interface strings (English, the source, has none: its strings are
    the templates' own).
    """
    if workers is None:  # four outputs, whose work grows with the number of practices
        workers = workers_for(len(catalog.practice_files))
    speaker = language if isinstance(language, Language) else _language(language, translations)

    memo, reuse = current_memo(), current_reuse()
    Made = tuple[list[Page], dict[bytes, str], list[tuple[str, object, object]]]

    def run(output: Output) -> Made:
        rendered = set() if memo is None else memo.used_keys()
        known = set() if reuse is None else reuse.used_keys()
        with speaking(speaker):  # in the worker: a forked process starts a fresh context
            pages = list(output(catalog))
        # What a forked worker rendered and derived goes back with its pages, to be kept here.
        used = {} if memo is None else memo.entries(rendered)
        return pages, used, [] if reuse is None else reuse.entries(known)

    parts = ordered_map(run, OUTPUTS, workers)
    if memo is not None:
        for _, used, _ in parts:
            memo.take(used)
    if reuse is not None:  # the objects the workers' values were derived from, by their id
        inputs: list[object] = [speaker, ENGLISH, catalog.glossary, *catalog.practices]
        inputs.extend(entry.checklist for entry in catalog.checklist_pages)
        objects = {id(thing): thing for thing in inputs}
        for _, _, made in parts:
            reuse.take(made, objects)
    pages = [page for part, _, _ in parts for page in part]
    paths = [p.path for p in pages]
    duplicates = sorted(p for p, n in Counter(paths).items() if n > 1)  # linear: 1000s of pages
    if duplicates:  # a bug in an output, not an editor's mistake
        raise RuntimeError(f"two outputs generate the same page: {', '.join(duplicates)}")
    return sorted(pages, key=lambda p: p.path)


def _language(code: str, translations: gettext.NullTranslations | None) -> Language:
    if code == SOURCE and translations is None:
        return ENGLISH
    return Language(code, translations or gettext.NullTranslations())


@dataclass(frozen=True)
class SiteOutput:
    """What a build of the site in one language takes from the outputs: its generated pages,
    its navigation, and the theme's ``extra`` settings of that language (the scripts'
    strings)."""

    pages: list[Page]
    nav: list[Any] | None = None  # mkdocs.yml's nav, its titles in the language; None: as is
    extra: dict[str, Any] = field(default_factory=dict)


def pages_for(catalog: Catalog, language: str) -> list[Page]:
    """The generated pages of the site in ``language`` (see ``site_output``)."""
    return site_output(catalog, language).pages


def site_output(catalog: Catalog, language: str, workers: int | None = None) -> SiteOutput:
    """The generated pages of the site in ``language`` (``en`` or a code of
    ``generator.translate.languages``), in its translations (``translations/LANG/``), with
    the page of the translations' status, its navigation and the theme's settings of the
    language: every build of a language takes them from here. In a language other than
    English they include the hand-written pages of content/, translated, which replace the
    English ones, and the navigation's titles are translated (its PO files read once for
    all of it). ``workers``: see ``all_pages``."""
    # The translate stage, on demand (an English site without languages needs none of it).
    from generator.outputs import translations
    from generator.translate import extract
    from generator.translate.navigation import page_titles
    from generator.translate.reading import language_site
    from generator.translate.status import status

    if language == SOURCE:
        found, _ = status(catalog.project, catalog.settings.languages)
        with speaking(ENGLISH):
            page = translations.pages(catalog, found, frozenset())
        return SiteOutput(sorted([*all_pages(catalog, workers), page], key=lambda p: p.path))
    site = language_site(catalog, language)
    found, _ = status(catalog.project, (language,))
    known = frozenset(unit.context for unit in extract.units(catalog))
    with speaking(site.language):
        page = translations.pages(catalog, found, known, page_titles(site.nav))
        extra = script_strings() or {}
    pages = [*all_pages(catalog, workers, language=site.language), *site.pages, page]
    return SiteOutput(sorted(pages, key=lambda p: p.path), site.nav, extra)
