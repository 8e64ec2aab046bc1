"""The translations' page: how far each language is translated, and what is outdated.

The English site's page lists every language with its share translated, outdated (fuzzy),
untranslated and not yet reviewed; the same page of a language's site says it for that
language, per part of the handbook and per record, module, checklist and page, and lists
the texts whose English source changed since they were translated (shown in English until
a translator updates them). The counts come from ``generator.translate.status``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape, unescape

from generator.addresses import (
    CHECKLIST_PAGE,
    CRITERIA_PAGE,
    PRACTICE_PAGE,
    TRANSLATIONS,
    html,
    module_path,
    relative,
)
from generator.catalog.catalog import Catalog
from generator.model.criteria import criteria_set
from generator.outputs.language import SOURCE, current, ui_text
from generator.outputs.page import Page
from generator.outputs.render import plain, render
from generator.translate.languages import language as language_of
from generator.translate.status import Counts, LanguageStatus, owner

PAGE = TRANSLATIONS.pattern


@dataclass(frozen=True)
class Row:
    name: str  # Markdown: a link, or plain text
    counts: Counts


def _part_names() -> dict[str, str]:
    return {
        "practices": ui_text("Practices"),
        "modules": ui_text("Training modules"),
        "checklists": ui_text("Checklists"),
        "handbook": ui_text("Interface, criteria and labels"),
        "pages": ui_text("Pages"),
    }


def _item_name(catalog: Catalog, item: str, titles: Mapping[str, str]) -> str:
    """The row's name of a status item (``practice:p1824-drammen``), linked to its page."""
    kind, _, name = item.partition(":")
    practices = {p.id: p for p in catalog.practices}
    modules = {m.id: m for m in catalog.modules}
    checklists = {c.id: c for c in catalog.checklists}
    target, shown = None, None
    if kind == "practice" and name in practices:
        target, shown = PRACTICE_PAGE.of(name), plain(practices[name].title)
    elif kind == "module" and name in modules:
        target, shown = module_path(name), plain(modules[name].title)
    elif kind == "checklist" and name in checklists:
        target, shown = CHECKLIST_PAGE.of(name), plain(checklists[name].title)
    elif kind == "criterion" and name in {c.id for c in criteria_set().criteria}:
        target, shown = CRITERIA_PAGE, plain(criteria_set().criterion(name).name)
    elif kind == "rating":
        target = CRITERIA_PAGE
        ratings = {r.id: r for r in criteria_set().ratings}
        shown = plain(ratings[name].label) if name in ratings else None
    elif kind == "page" and name and name != "includes/abbreviations":
        target = f"{name}.md"
        title = titles.get(target)
        shown = plain(unescape(title)) if title else None
    if item == "ui":
        shown = ui_text("Interface strings")
    elif item == "nav":
        shown = ui_text("Navigation")
    text = shown if shown is not None else plain(item)
    return f"[{text}]({relative(PAGE, target)})" if target else text


def _language_link(code: str) -> str:
    """This page in the site of ``code`` (another MkDocs build, so a link of the built site,
    as raw HTML that the engine leaves alone), named in that language and in English."""
    up = "../" * PAGE.count("/")
    endonym, english = escape(language_of(code).endonym), escape(language_of(code).name)
    return (
        f'<a href="{up}{code}/{html(PAGE)}" hreflang="{code}"><span lang="{code}">{endonym}'
        f"</span> ({english})</a>"
    )


def pages(
    catalog: Catalog,
    found: Sequence[LanguageStatus],
    known: frozenset[str],
    titles: Mapping[str, str] | None = None,
) -> Page:
    """The page of the site in the current language; ``found``: the status of every
    language of the site (English) or of the current one; ``known``: every unit's address
    (an address that is no unit, from a hand-edited PO file, is not listed);
    ``titles``: the navigation's title of each page, as the menu writes it (escaped)."""
    here = current().code
    if here == SOURCE:
        rows = [Row(_language_link(s.code), s.total) for s in found]
        text = render("translations.md.j2", catalog.glossary, PAGE, languages=rows, own=None)
        return Page(PAGE, ui_text("Translations"), text)
    own = next(s for s in found if s.code == here)
    names = _part_names()
    parts = [Row(names.get(name, plain(name)), c) for name, c in own.domains.items()]
    owners = {owner(at) for at in known}
    items = [
        Row(_item_name(catalog, name, titles or {}), c)
        for name, c in own.items.items()
        if name in owners
    ]
    outdated = [plain(at) for at in own.outdated if at in known]
    text = render(
        "translations.md.j2",
        catalog.glossary,
        PAGE,
        languages=[],
        own=own,
        parts=parts,
        items=items,
        outdated=outdated,
        name=plain(language_of(here).endonym),
    )
    return Page(PAGE, ui_text("Translations"), text)
