"""The language a page is rendered in: its interface strings and its numbers and dates.

English is the source: its strings are the templates' own and its numbers are written as the
handbook always wrote them (``6 000`` with a no-break space, ``2.5``, ISO dates). Another
language has a gettext translations object (from ``translations/LANG/handbook.po``) and its
CLDR locale (through Babel) for numbers and dates.

A translation is hostile input. It is used only when it keeps exactly the placeholders
(``%(name)s``) of its source, otherwise the English string is shown; its own text is written
with every Markdown-significant character as a character reference, so it never becomes
markup, a link or an attribute; it is never read as a template.
"""

from __future__ import annotations

import gettext as _gettext
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cache

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.numbers import format_decimal

from generator.text.html import inert

SOURCE = "en"
CONTEXT = "ui"  # the msgctxt of every interface string in handbook.po

# A placeholder of an interface string, or a percent sign written twice.
_PLACEHOLDER = re.compile(r"%\((\w+)\)s|%%")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_LINE_START = re.compile(r"^(\d{1,9})([.)])|^([-+])")


@dataclass(frozen=True)
class Language:
    """A language of the site: its code (``nb``), its interface translations, and the
    translations of the records' text.

    ``texts`` maps an English source text (a record's, module's or checklist's field, a
    criterion, a vocabulary label) to the translation shown for it: only translations that
    are neither fuzzy nor refused by the checks. ``sources`` is every translatable text,
    translated or not, so that a page can show which of its texts are still in English.
    """

    code: str
    translations: _gettext.NullTranslations = field(default_factory=_gettext.NullTranslations)
    texts: Mapping[str, str] = field(default_factory=dict, compare=False, hash=False)
    sources: frozenset[str] = field(default=frozenset(), compare=False, hash=False)

    @property
    def is_source(self) -> bool:
        return self.code == SOURCE

    @property
    def locale(self) -> Locale:
        return _locale(self.code)


ENGLISH = Language(SOURCE)
_LANGUAGE: ContextVar[Language] = ContextVar("language", default=ENGLISH)


def current() -> Language:
    return _LANGUAGE.get()


@dataclass
class Tally:
    """How many of a page's translatable texts are shown translated, and how many in English."""

    translated: int = 0
    english: int = 0

    @property
    def total(self) -> int:
        return self.translated + self.english


_TALLY: ContextVar[Tally | None] = ContextVar("tally", default=None)


@contextmanager
def tallied() -> Iterator[Tally]:
    """Count, within the block, the translatable texts shown (``record_text``)."""
    tally = Tally()
    token = _TALLY.set(tally)
    try:
        yield tally
    finally:
        _TALLY.reset(token)


def record_text(value: str) -> tuple[str, bool]:
    """The text to show for ``value`` (a record's text, a label) in the current language,
    and whether it is shown in English where a translation belongs: (text, in English)."""
    language = _LANGUAGE.get()
    if language.is_source or value not in language.sources:
        return value, False  # the source itself, or a name that is not translated
    shown = language.texts.get(value)
    tally = _TALLY.get()
    if tally is not None:
        if shown is None:
            tally.english += 1
        else:
            tally.translated += 1
    return (value, True) if shown is None else (shown, False)


@contextmanager
def speaking(language: Language) -> Iterator[None]:
    """Render in ``language`` within the block."""
    token = _LANGUAGE.set(language)
    try:
        yield
    finally:
        _LANGUAGE.reset(token)


@cache
def _locale(code: str) -> Locale:
    try:
        return Locale.parse(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse(SOURCE)


def placeholders(message: str) -> frozenset[str] | None:
    """The names of ``message``'s placeholders, or None if it holds a ``%`` that is neither a
    ``%(name)s`` placeholder nor ``%%``."""
    names = frozenset(m.group(1) for m in _PLACEHOLDER.finditer(message) if m.group(1))
    return names if "%" not in _PLACEHOLDER.sub("", message) else None


def _translated(language: Language, message: str) -> str | None:
    """The translation of ``message`` on one line with single spaces (as every interface
    string is: no indentation that Markdown would read), or None if there is none fit to use."""
    translation = " ".join(language.translations.pgettext(CONTEXT, message).split())
    return translation if translation != message and usable(message, translation) else None


def usable(source: str, translation: str) -> bool:
    """A translation may stand for ``source``: not empty, the same placeholders."""
    return bool(translation.strip()) and placeholders(translation) == placeholders(source)


def _substituted(message: str, variables: Mapping[str, object], translated: bool) -> str:
    """``message`` with its placeholders replaced; a translation's own text made inert."""
    if not translated:
        return message % variables if (variables or "%" in message) else message
    shown: list[str] = []
    position = 0
    for match in _PLACEHOLDER.finditer(message):
        shown.append(_inert(message[position : match.start()], at_start=position == 0))
        shown.append(_value(match, variables))
        position = match.end()
    shown.append(_inert(message[position:], at_start=position == 0))
    return "".join(shown)


def _inert(text: str, at_start: bool) -> str:
    shown = inert(_CONTROL.sub(" ", text))
    return _LINE_START.sub(_line_start, shown) if at_start else shown


def _line_start(match: re.Match[str]) -> str:
    if match.group(3):
        return f"&#{ord(match.group(3))};"
    return f"{match.group(1)}&#{ord(match.group(2))};"


def source_gettext(message: str, **variables: object) -> str:
    """``message`` in English, the source, placeholders filled: what the English site's
    templates call (no language to look up)."""
    return message % variables if (variables or "%" in message) else message


def gettext(message: str, **variables: object) -> str:
    """``message`` (an interface string) in the current language, placeholders filled."""
    language = _LANGUAGE.get()
    if language.is_source:
        return _substituted(message, variables, translated=False)
    translation = _translated(language, message)
    if translation is None:
        return _substituted(message, variables, translated=False)
    return _substituted(translation, variables, translated=True)


def translated_text(message: str) -> str | None:
    """The current language's translation of ``message`` (an interface string), placeholders
    kept, as plain text for a context that writes it only as text (the scripts' strings);
    None in English or where there is no translation fit to use."""
    language = _LANGUAGE.get()
    return None if language.is_source else _translated(language, message)


def ui_text(message: str, **variables: object) -> str:
    """``message`` in the current language as plain text (a page title, a facet's label),
    for a context that escapes it itself: the translation's text is not made inert."""
    language = _LANGUAGE.get()
    if language.is_source:
        return _substituted(message, variables, translated=False)
    translation = _translated(language, message)
    if translation is None:
        return _substituted(message, variables, translated=False)
    return _PLACEHOLDER.sub(lambda m: _value(m, variables), translation)


def _value(match: re.Match[str], variables: Mapping[str, object]) -> str:
    return "%" if match.group(1) is None else str(variables[match.group(1)])


def ngettext(singular: str, plural: str, n: int, **variables: object) -> str:
    """The form of ``singular``/``plural`` for ``n``; ``%(num)s`` is ``n`` as a count."""
    language = _LANGUAGE.get()
    variables.setdefault("num", count(n))
    english = singular if n == 1 else plural
    if language.is_source:
        return _substituted(english, variables, translated=False)
    translation: str | None = " ".join(
        language.translations.npgettext(CONTEXT, singular, plural, n).split()
    )
    if translation in (singular, plural):  # no plural entry: the form's own unit, if any
        translation = _translated(language, english)
    elif translation is not None and not usable(english, translation):
        translation = None
    if translation is None:
        return _substituted(english, variables, translated=False)
    return _substituted(translation, variables, translated=True)


def count(n: int) -> str:
    """A count as the language writes it: English as Python does (``1234``)."""
    language = _LANGUAGE.get()
    if language.is_source:
        return str(n)
    return format_decimal(n, locale=language.locale)


def number(value: float, thousands: str = "\u00a0") -> str:
    """6000 -> '6 000' (no-break space), 2.5 -> '2.5' in English; CLDR separators in another
    language, with the same digits. Years are not passed through here."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    language = _LANGUAGE.get()
    if language.is_source:
        if isinstance(value, int):
            return f"{value:,}".replace(",", thousands)
        return f"{value:g}"
    exact = Decimal(value) if isinstance(value, int) else Decimal(repr(value))
    return format_decimal(
        exact,
        locale=language.locale,
        decimal_quantization=False,
        group_separator=bool(thousands),  # thousands="" (a CSV export): no grouping
    )


def country(code: str, english: str) -> str:
    """A country's name (``english`` in English) as the language writes it, from CLDR."""
    language = _LANGUAGE.get()
    if language.is_source:
        return english
    return str(language.locale.territories.get(code, english))


def day(value: date) -> str:
    """A date the handbook writes itself: ISO in English, CLDR's long form otherwise."""
    language = _LANGUAGE.get()
    if language.is_source:
        return value.isoformat()
    return format_date(value, format="long", locale=language.locale)
