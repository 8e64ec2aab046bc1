"""The Jinja2 environment of the ``.md.j2`` templates and the filters they share.

Templates write Markdown. Record text may hold Markdown but never raw HTML: the ``text``
filter escapes ``<``, ``>`` and ``&`` so that whatever a record contains is shown as text.
Values placed inside HTML attributes use the ``attr`` filter. Links to other pages come from
``link_to`` (a page of ``generator.addresses.PAGES``) and ``link_to_page`` (a path), relative
to the page being rendered: no template spells a page's path.
"""

from __future__ import annotations

import contextlib
import hashlib
import pickle
import string
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from functools import lru_cache
from gettext import NullTranslations
from typing import Any, Protocol
from urllib.parse import quote

import jinja2
from markdown.extensions.toc import slugify

from generator import addresses
from generator.model.criteria import criteria_set
from generator.model.practice import KeyFigure, Period
from generator.model.vocabulary import country_name, label
from generator.outputs import language as languages
from generator.outputs.constant_strings import ConstantStrings
from generator.outputs.language import ENGLISH, Language, gettext
from generator.text.glossary import NO_GLOSSARY, Glossary
from generator.text.html import block_html, inline_html, plain_markdown
from generator.text.subset import safe_href

_GLOSSARY: ContextVar[Glossary] = ContextVar("glossary", default=NO_GLOSSARY)
_PAGE: ContextVar[str | None] = ContextVar("page", default=None)


class RenderMemo:
    """Pages rendered by earlier builds of one process (``handbook serve``), by what they were
    made from: a later build renders again only the templates whose inputs changed.

    The key is a digest of the template's name, the page, the language and a pickle of the
    glossary and the context: equal inputs give the same page, whatever object holds them.
    A build keeps only the entries it used, so the memo holds one site's pages at most.
    """

    def __init__(self) -> None:
        self._kept: dict[bytes, str] = {}
        self._used: dict[bytes, str] = {}
        # The digests of the translations seen, by their id (each kept alive with its own).
        self._held: dict[int, tuple[NullTranslations, str]] = {}
        self.hits = 0
        self.misses = 0

    def __getstate__(self) -> dict[str, object]:
        """Kept in a file (``generator.build_cache``): the pages, by their digests."""
        return {"kept": self._kept}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__()  # type: ignore[misc]
        self._kept = state["kept"]

    def translations_key(self, translations: NullTranslations) -> str:
        """A digest of ``translations``' messages: the same in every process that reads the
        same translations (the memo can be kept in a file)."""
        found = self._held.get(id(translations))
        if found is None or found[0] is not translations:
            catalog = getattr(translations, "_catalog", {})
            items = sorted((repr(k), repr(v)) for k, v in catalog.items())
            digest = hashlib.sha256(pickle.dumps(items, protocol=5)).hexdigest()
            found = self._held[id(translations)] = (translations, digest)
        return found[1]

    def rendered(self, key: bytes, render: Callable[[], str]) -> str:
        written = self._used.get(key)
        if written is None:
            written = self._kept.get(key)
            if written is None:
                self.misses += 1
                written = render()
            else:
                self.hits += 1
            self._used[key] = written
        return written

    def used_keys(self) -> set[bytes]:
        """The digests of the pages the build under way rendered or took so far."""
        return set(self._used)

    def entries(self, known: set[bytes]) -> dict[bytes, str]:
        """The pages the build under way rendered or took, by their digests, but for the
        ``known`` ones (for a forked worker to send back what it added: ``take``)."""
        return {key: page for key, page in self._used.items() if key not in known}

    def take(self, used: dict[bytes, str]) -> None:
        """Count ``used`` (from a forked worker's copy of this memo) as used by this build."""
        self._used.update(used)

    def __len__(self) -> int:
        """The pages kept from the build before."""
        return len(self._kept)

    def for_next_build(self) -> RenderMemo:
        """A memo of what the build under way used (or, between builds, what the last one
        used): what the next build starts from."""
        memo = RenderMemo()
        memo._kept = dict(self._used or self._kept)
        return memo

    def next_build(self) -> None:
        """Forget what the build just ended did not use."""
        self._kept, self._used = self._used, {}
        self.hits = self.misses = 0


_MEMO: ContextVar[RenderMemo | None] = ContextVar("memo", default=None)
# The templates rendered once per record from that record alone: worth remembering. The
# others are few, and pickling their inputs (a whole catalog) costs more than rendering them.
_REMEMBERED = frozenset({"practice.md.j2", "checklist.md.j2"})


def current_memo() -> RenderMemo | None:
    """The memo renders go through, if any (``remembering``)."""
    return _MEMO.get()


@contextlib.contextmanager
def remembering(memo: RenderMemo) -> Iterator[RenderMemo]:
    """Render through ``memo`` while the block runs (in this process: forked workers would
    fill a copy of it)."""
    token = _MEMO.set(memo)
    try:
        yield memo
    finally:
        _MEMO.reset(token)
        memo.next_build()


def _memo_key(
    memo: RenderMemo,
    template: str,
    glossary: Glossary,
    page: str | None,
    language: Language,
    context: Any,
) -> bytes | None:
    """The digest that names a render, or None when its inputs cannot be pickled."""
    try:
        data = pickle.dumps((glossary, context), protocol=5)
    except (pickle.PicklingError, TypeError, AttributeError):
        return None
    head = f"{template}\n{page}\n{language.code}\n{memo.translations_key(language.translations)}\n"
    return hashlib.sha256(head.encode("utf-8") + data).digest()


def _here() -> str:
    page = _PAGE.get()
    if page is None:  # a bug: render() was not told which page it renders
        raise RuntimeError("a template links to a page, but render() was given no page")
    return page


def link_to(name: str, value: str = "") -> str:
    """The link from the page being rendered to the page ``name`` of ``value`` (e.g.
    ``link_to("practice", p.id)``), as Markdown writes it."""
    return addresses.link(_here(), name, value)


def link_to_page(path: str) -> str:
    """The link from the page being rendered to the generated page at ``path``."""
    return addresses.relative(_here(), path)


# What marks a text shown in English on a page in another language (WCAG 3.1.2): its language,
# and a class by which the theme shows a discreet marker.
_ENGLISH_ATTRIBUTES = 'lang="en" class="ih-en"'


def text(value: object, lead: str = "") -> str:
    """Record text as HTML blocks (paragraphs, lists, tables), after a bold ``lead``; in
    the page's language (``generator.outputs.language.record_text``)."""
    shown, english = languages.record_text(str(value))
    html = block_html(shown, _GLOSSARY.get())
    if lead:
        strong = f"<strong>{plain(lead)}</strong>"
        html = f"<p>{strong} {html[3:]}" if html.startswith("<p>") else f"<p>{strong}</p>\n{html}"
    return f"<div {_ENGLISH_ATTRIBUTES}>\n{html}\n</div>" if english else html


def inline(value: object) -> str:
    """Record text as HTML within one line, in the page's language."""
    shown, english = languages.record_text(str(value))
    html = inline_html(shown, _GLOSSARY.get())
    return f"<span {_ENGLISH_ATTRIBUTES}>{html}</span>" if english else html


def plain(value: object) -> str:
    """A plain-text value, shown as typed, in Markdown (not in an attribute: ``attr``), in
    the page's language."""
    shown, english = languages.record_text(str(value))
    written = plain_markdown(shown)
    return f"<span {_ENGLISH_ATTRIBUTES}>{written}</span>" if english else written


def attr(value: object) -> str:
    """A plain-text value inside an HTML attribute, in the page's language (never marked)."""
    return plain_markdown(languages.record_text(str(value))[0])


# Characters an address keeps as they are; the rest (spaces, quotes, <>, `, \\, {}, |, ^ and
# anything beyond ASCII) are percent-encoded, so no address can end a Markdown link early.
_URL_SAFE = "".join(sorted(set(string.ascii_letters + string.digits + "-._~:/?#[]@!$&()*+,;=%")))


def href(value: object) -> str:
    """A record's http(s) or mailto address for a Markdown link, as ``(<...>)``."""
    url = str(value).strip()
    if not safe_href(url):  # validation refuses these: a link to the page itself
        return "#"
    return quote(url, safe=_URL_SAFE)


def number(value: float, thousands: str = "\u00a0") -> str:
    """6000 -> '6 000' (no-break space), 2.5 -> '2.5' in English, CLDR's separators in the
    language being rendered (``generator.outputs.language``); years are not passed here."""
    return languages.number(value, thousands)


class FigureValue(Protocol):
    """What ``figure_text`` reads: a record's key figure or an exported one."""

    @property
    def value(self) -> float: ...
    @property
    def value_max(self) -> float | None: ...
    @property
    def qualifier(self) -> str | None: ...
    @property
    def unit(self) -> str: ...


def figure_text(kf: FigureValue, thousands: str = "\u00a0") -> str:
    """A key figure's value as plain text: 'over 80%', 'about 6 000 people', '12-20 ...'."""
    amount = number(kf.value, thousands)
    if kf.value_max is not None:
        amount += "\u2013" + number(kf.value_max, thousands)
    unit = kf.unit
    shown = f"{amount}{unit}" if unit == "%" else f"{amount} {unit}"
    if kf.qualifier:
        shown = f"{label('figure_qualifiers', kf.qualifier)} {shown}"
    return shown


def period_text(started: int, ended: int | None) -> str:
    """A practice's years: '2019–2022', or 'since 2019' while it runs."""
    if ended is not None:
        return f"{started}\u2013{ended}"
    # Translators: the period of a practice that still runs, e.g. "since 2019".
    return gettext("since %(year)s", year=started)


def period(value: Period) -> str:
    """A record's period for a page: ``period_text``."""
    return period_text(value.started, value.ended)


def figure(kf: KeyFigure) -> str:
    """A key figure's value for a page: ``figure_text`` as plain text."""
    return plain(figure_text(kf))


def heading(english: str) -> str:
    """A section heading (an interface string) that keeps its English id in every language,
    so that a link to ``#step-by-step`` reaches the same section of a translated page."""
    shown = gettext(english)
    if languages.current().is_source:
        return shown
    return f"{shown} {{ #{slugify(english, '-')} }}"


# Material's search leaves out a section whose heading has it, and a block that has it.
SEARCH_EXCLUDE = "data-search-exclude"


def unindexed(heading: str) -> str:
    """A section heading (``heading``'s) whose section the search index leaves out: a page's
    part that repeats what other pages hold (the sources, the related practices ...)."""
    if heading.endswith(" }") and " { #" in heading:  # heading() gave it its English id
        return f"{heading[:-2]} {SEARCH_EXCLUDE} }}"
    return f"{heading} {{ {SEARCH_EXCLUDE} }}"


def markdown_link(shown: str, target: str) -> str:
    """A Markdown link: ``shown`` is already page text (an interface string or ``plain``)."""
    return f"[{shown}]({target})"


def environment(language: Language = ENGLISH) -> jinja2.Environment:
    """The templates' environment for ``language`` (English, the source, by default).

    Interface strings are marked ``{{ _("...") }}`` (Jinja's i18n extension, new-style:
    ``%(name)s`` placeholders filled from keyword arguments); the callables are the
    language's own, which show a translation only when it is safe (``language``).
    """
    return _environment(language)


@lru_cache(maxsize=16)  # English and the site's languages, each compiled once
def _environment(language: Language) -> jinja2.Environment:
    env = jinja2.Environment(
        extensions=["jinja2.ext.i18n", ConstantStrings],
        loader=jinja2.PackageLoader("generator", "templates"),
        autoescape=False,  # Markdown output; record values go through text/inline/plain
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters.update(
        text=text,
        inline=inline,
        plain=plain,
        attr=attr,
        number=number,
        figure=figure,
        period=period,
        href=href,
        country=lambda code: plain_markdown(languages.country(code, country_name(code))),
        label=lambda term, vocabulary: plain(label(vocabulary, term)),
        rating_label=lambda rating: plain(criteria_set().rating(rating).label),
        built=addresses.html,
        day=languages.day,
        unindexed=unindexed,
        count=languages.count,
    )
    gettext_, ngettext_, heading_ = _callables(language)
    env.filters["ui"] = gettext_  # a string marked elsewhere, such as a section heading
    env.globals.update(
        criteria=criteria_set(),
        link_to=link_to,
        link_to_page=link_to_page,
        md_link=markdown_link,
        heading=heading_,
        _=gettext_,
        gettext=gettext_,
        ngettext=ngettext_,
    )
    env.newstyle_gettext = True  # type: ignore[attr-defined]
    return env


def _callables(language: Language) -> tuple[Callable[..., str], ...]:
    """The ``gettext``, ``ngettext`` and ``heading`` of ``language``'s templates."""
    if language.is_source:  # the English site renders as fast as before: no look-up at all
        return languages.source_gettext, languages.ngettext, languages.source_gettext

    def gettext_(message: str, **variables: object) -> str:
        with languages.speaking(language):
            return languages.gettext(message, **variables)

    def ngettext_(singular: str, plural: str, n: int, **variables: object) -> str:
        with languages.speaking(language):
            return languages.ngettext(singular, plural, n, **variables)

    def heading_(english: str) -> str:
        with languages.speaking(language):
            return heading(english)

    return gettext_, ngettext_, heading_


def render(template: str, glossary: Glossary, page: str | None = None, **context: Any) -> str:
    """The ``page`` (its path, which its links start from) that ``template`` makes of
    ``context``; record text marked from ``glossary``; in the language being rendered
    (``generator.outputs.language.speaking``, English unless told)."""
    memo = _MEMO.get()
    if memo is not None and template in _REMEMBERED:
        key = _memo_key(memo, template, glossary, page, languages.current(), context)
        if key is not None:
            return memo.rendered(key, lambda: _render(template, glossary, page, context))
    return _render(template, glossary, page, context)


def _render(template: str, glossary: Glossary, page: str | None, context: dict[str, Any]) -> str:
    token, here = _GLOSSARY.set(glossary), _PAGE.set(page)
    language = languages.current()
    try:
        if language.is_source:
            return environment(language).get_template(template).render(**context)
        with languages.tallied() as tally:
            written = environment(language).get_template(template).render(**context)
        return with_coverage(written, tally)
    finally:
        _GLOSSARY.reset(token)
        _PAGE.reset(here)


def with_coverage(written: str, tally: languages.Tally) -> str:
    """A page in another language says below its title how much of it is translated."""
    if not tally.total:
        return written
    if tally.translated == tally.total:
        note = languages.gettext(
            "All %(total)s texts of this page are translated.", total=languages.count(tally.total)
        )
    else:
        note = languages.gettext(
            "%(translated)s of the %(total)s texts of this page are translated; the others are "
            "shown in English.",
            translated=languages.count(tally.translated),
            total=languages.count(tally.total),
        )
    lines = written.split("\n")
    title = next((i for i, line in enumerate(lines) if line.startswith("# ")), None)
    if title is None:
        return written
    lines[title + 1 : title + 1] = ["", f'<p class="ih-coverage">{note}</p>', ""]
    return "\n".join(lines)
