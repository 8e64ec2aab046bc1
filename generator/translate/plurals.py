"""A language's plural rule: how many forms a plural entry has, and which form a count takes.

The rule a PO file declares is its ``Plural-Forms`` header (``nplurals=3; plural=...;``),
which ``translations update`` writes from Babel's data for the language
(``babel.messages.plurals.get_plural``). A header is hostile input: its expression is only
ever compiled by ``gettext.c2py``, which accepts nothing but ``n``, numbers and C's
arithmetic, comparison and ``?:`` operators (never Python's ``eval`` of the text), and is
then tried on counts before it is used. A header that is missing, cannot be read, declares a
number of forms other than the language's, chooses a form out of range, fails on a count
(``n/0``) or chooses another form than the language's rule does, is a problem; the
language's own rule is used instead.
"""

from __future__ import annotations

import gettext
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from babel.core import UnknownLocaleError
from babel.messages.plurals import get_plural

from generator.problems import shown

MAX_FORMS = 6  # CLDR's largest number of plural categories (zero one two few many other)
MAX_EXPRESSION = 400  # characters: the longest rule of Babel's data is about 150
# Counts a rule is tried on: every number to 1 000, then the large ones that some rules
# (es, pt, fr: a million) single out.
TRIED = (*range(1001), 1_000_000, 2_000_000, 1_000_001, 10**9, 10**12)
_NPLURALS = re.compile(r"^\s*nplurals\s*=\s*(\S*?)\s*;\s*plural\s*=\s*(.*?)\s*;?\s*$", re.S)


@dataclass(frozen=True)
class PluralRule:
    """``count`` forms; ``expression`` as a header writes it; ``choose`` a count's form."""

    count: int
    expression: str
    choose: Callable[[int], int]

    @property
    def header(self) -> str:
        return f"nplurals={self.count}; plural={self.expression};"

    def index(self, n: int) -> int:
        """The form of ``n`` (0 when the rule gives nothing usable: it was tried before)."""
        try:
            chosen = self.choose(n)
        except (ArithmeticError, ValueError, TypeError, RecursionError):
            return 0
        return chosen if isinstance(chosen, int) and 0 <= chosen < self.count else 0

    def example(self, index: int) -> int | None:
        """The smallest count of the form ``index`` (for a translator, and for migration)."""
        return next((n for n in TRIED if self.index(n) == index), None)


@cache
def language_rule(lang: str | None) -> PluralRule:
    """The rule of ``lang`` from Babel's data (English's for an unknown or no language)."""
    try:
        found = get_plural(lang.replace("-", "_") if lang else "en")
    except (UnknownLocaleError, ValueError):
        found = get_plural("en")
    expression = str(found.plural_expr)
    return PluralRule(found.num_plurals, expression, gettext.c2py(expression))


def header_value(headers: list[tuple[str, str]]) -> str | None:
    """The ``Plural-Forms`` value of a header's fields, or None."""
    for name, value in headers:
        if name.strip().lower() == "plural-forms":
            return value
    return None


def header_rule(value: str | None, lang: str) -> tuple[PluralRule, str | None]:
    """The rule to use for a file of ``lang`` whose header says ``value`` (None: no
    ``Plural-Forms``), and what is wrong with the header (None when nothing is)."""
    known = language_rule(lang)
    expected = f"expected {shown(known.header, 200)}, the rule of {lang!r}"
    if value is None:
        return known, f"the header has no Plural-Forms; {expected}"
    match = _NPLURALS.match(value)
    if match is None:
        return known, f"Plural-Forms {shown(value)} is not 'nplurals=N; plural=EXPRESSION;'; " + (
            expected
        )
    count_text, expression = match.groups()
    if not count_text.isdigit() or not 1 <= int(count_text) <= MAX_FORMS:
        return known, (
            f"nplurals={shown(count_text)} is not a number of forms from 1 to {MAX_FORMS}; "
            f"{expected}"
        )
    count = int(count_text)
    if count != known.count:
        return known, f"nplurals={count}, but {lang!r} has {known.count} plural forms; {expected}"
    if len(expression) > MAX_EXPRESSION:
        return known, f"the plural expression is {len(expression):,} characters long; {expected}"
    try:
        choose = gettext.c2py(expression)
    except (ValueError, SyntaxError, RecursionError, MemoryError, OverflowError) as exc:
        return (
            known,
            f"the plural expression {shown(expression)} cannot be used ({exc}); {expected}",
        )
    chosen_for: list[int] = []
    for n in TRIED:
        try:
            chosen = choose(n)
        except (ArithmeticError, ValueError, TypeError, RecursionError) as exc:
            return known, f"the plural expression fails for n={n} ({exc}); {expected}"
        if not isinstance(chosen, int) or not 0 <= chosen < count:
            return known, (
                f"the plural expression gives form {chosen!r} for n={n}, not one of "
                f"0 to {count - 1}; {expected}"
            )
        chosen_for.append(chosen)
    for n, chosen in zip(TRIED, chosen_for, strict=True):
        if chosen != known.index(n):
            return known, (
                f"the plural expression gives form {chosen} for n={n}, where the rule of "
                f"{lang!r} gives form {known.index(n)}; {expected}"
            )
    return PluralRule(count, expression, choose), None
