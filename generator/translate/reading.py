"""The site in another language: the translations a language's pages are rendered with.

``site_language(catalog, code)`` reads ``translations/CODE/*.po`` (through
``catalogs.load_translations``, which leaves out what the checks refuse) and gives the
``Language`` the outputs render in: the records' texts and labels by their English source,
the interface strings by their msgid. A fuzzy translation is not used: its English source
is shown instead, marked as English (``generator.outputs.render``). ``language_site`` gives
the hand-written pages in the language too (``generator.translate.pages``).
"""

from __future__ import annotations

import gettext
from dataclasses import dataclass
from typing import Any

from generator.catalog.catalog import Catalog
from generator.load.project import Project
from generator.outputs.language import CONTEXT, Language, speaking
from generator.outputs.page import Page
from generator.translate import extract
from generator.translate.catalogs import Translation, is_ui, load_translations
from generator.translate.navigation import PREFIX, nav_of, translated_nav
from generator.translate.pages import content_pages, usable_translations
from generator.translate.plurals import PluralRule, language_rule
from generator.translate.units import Domain, Unit


class _Interface(gettext.NullTranslations):
    """The interface strings of a language: msgid -> translation (context ``ui``), and its
    plural strings: msgid -> (msgid_plural, forms), a count's form chosen by ``rule``."""

    def __init__(
        self,
        messages: dict[str, str],
        plurals: dict[str, tuple[str, tuple[str, ...]]] | None = None,
        rule: PluralRule | None = None,
    ) -> None:
        super().__init__()
        self._messages = messages
        self._plurals = plurals or {}
        self._rule = rule or language_rule(None)

    def pgettext(self, context: str, message: str) -> str:
        return self._messages.get(message, message) if context == CONTEXT else message

    def npgettext(self, context: str, msgid1: str, msgid2: str, n: int) -> str:
        """The form of ``n``; the English form where the entry or that form is missing (its
        English plural changed, the form empty, fuzzy or refused by the checks)."""
        english = msgid1 if n == 1 else msgid2
        entry = self._plurals.get(msgid1) if context == CONTEXT else None
        if entry is None or entry[0] != msgid2:
            return english
        index = self._rule.index(n)
        form = entry[1][index] if index < len(entry[1]) else ""
        return form or english


def site_language(catalog: Catalog, code: str) -> Language:
    """``code``'s translations of the catalog's texts and of the interface."""
    units = extract.units(catalog)
    return _language(code, units, load_translations(catalog.project, code, units))


@dataclass(frozen=True)
class LanguageSite:
    """What a language's build takes from its translations."""

    language: Language  # the records' texts, labels and interface strings
    pages: list[Page]  # the hand-written pages, translated
    nav: list[Any]  # mkdocs.yml's nav, its titles translated


def language_site(catalog: Catalog, code: str) -> LanguageSite:
    """``code``'s translations (``site_language``), the hand-written pages in it
    (``generator.translate.pages``) and its navigation, its titles translated, the PO files
    read once."""
    units = extract.units(catalog)
    loaded = load_translations(catalog.project, code, units)
    language = _language(code, units, loaded)
    with speaking(language):
        pages = content_pages(catalog.project, code, usable_translations(loaded))
    return LanguageSite(language, pages, _nav(catalog.project, loaded))


def _language(code: str, units: list[Unit], loaded: dict[str, Translation]) -> Language:
    texts: dict[str, str] = {}
    interface: dict[str, str] = {}
    plurals: dict[str, tuple[str, tuple[str, ...]]] = {}
    rule = language_rule(code)  # the rule of the file the plural entries come from, if any
    for at, translation in loaded.items():
        if translation.fuzzy:
            continue
        if translation.plural is not None:
            if is_ui(at) and any(translation.forms):
                plurals[translation.source] = (translation.plural, translation.forms)
                rule = translation.rule or rule
            continue
        if not translation.text:
            continue
        (interface if is_ui(at) else texts)[translation.source] = translation.text
    sources = frozenset(
        u.source for u in units if not is_ui(u.context) and u.domain is not Domain.PAGES
    )
    return Language(code, _Interface(interface, plurals, rule), texts, sources)


def _nav(project: Project, loaded: dict[str, Translation]) -> list[Any]:
    texts = {
        at: translation.text
        for at, translation in loaded.items()
        if at.startswith(PREFIX) and translation.text and not translation.fuzzy
    }
    return translated_nav(nav_of(project.mkdocs_yml), texts)
