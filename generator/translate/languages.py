"""The partner languages the handbook is translated into, as data.

English is the source language. Each target language has its code (the folder under
``translations/`` and the site's address prefix), its English name and its own name, the
Material theme language (``theme.language``) and the language of Material's search
(``plugins.search.lang``). Material stems Swedish, Dutch, Spanish and Norwegian (its stemmer
is called ``no``); Greek and Ukrainian have no stemmer and get English settings (words split,
no stemming), since ``lang: uk`` silently becomes Russian.
"""

from __future__ import annotations

from dataclasses import dataclass

SOURCE = "en"


@dataclass(frozen=True)
class Language:
    code: str  # translations/<code>/, /<code>/ on the site; also the PO Language header
    name: str  # in English
    endonym: str  # in the language itself
    theme: str  # Material's theme.language
    search: str  # Material's search lang


LANGUAGES = (
    Language("nb", "Norwegian Bokmål", "norsk bokmål", "nb", "no"),
    Language("sv", "Swedish", "svenska", "sv", "sv"),
    Language("el", "Greek", "Ελληνικά", "el", "en"),
    Language("nl", "Dutch", "Nederlands", "nl", "nl"),
    Language("es", "Spanish", "español", "es", "es"),
    Language("uk", "Ukrainian", "українська", "uk", "en"),
)
CODES = tuple(language.code for language in LANGUAGES)


def language(code: str) -> Language:
    """The language of ``code`` (one of ``CODES``)."""
    return next(lang for lang in LANGUAGES if lang.code == code)
