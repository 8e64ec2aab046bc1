"""Checks of the translations in the PO files: what a translation must keep of its source.

Each translated entry (fuzzy ones too: they come back into use once the translator clears
the flag) is checked with translate-toolkit's ``pofilter`` tests that matter here (numbers,
web addresses, e-mail addresses, printf placeholders such as ``%(num)s``; each form of a
plural entry against its English form), then for its Markdown: the same link
targets, images, code spans, raw HTML and emphasis as its source. Last, a translation of a
record, module or checklist field must pass the same text-subset validation as the field
(``generator.text.subset``): a translation cannot bring raw HTML, an image or a
``javascript:`` link into a page. Every problem is located at the entry's line of its PO file;
a file that cannot be read is one located problem (``catalogs.read_po``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence

from babel.messages.catalog import Message
from markdown_it.token import Token
from translate.filters.checks import FilterFailure, StandardChecker

from generator.load.project import Project
from generator.problems import Problem, Severity, shown
from generator.text import subset
from generator.translate.catalogs import (
    PoFile,
    form_source,
    forms,
    key,
    messages,
    msgid,
    outside_problem,
    po_path,
    previous_id,
    previous_plural,
    read_po,
    translated,
)
from generator.translate.extract import PAGE_PARSER
from generator.translate.units import Domain, Kind, Unit

# translate-toolkit's tests (pofilter's names) and what a failure says.
_TOOLKIT_TESTS = {
    "numbers": "a number of the source is missing or changed",
    "urls": "a web address of the source is missing or changed",
    "emails": "an e-mail address of the source is missing or changed",
    "printf": "a printf placeholder of the source is missing or changed",
}
_CHECKER = StandardChecker()


def check_project(
    project: Project,
    units: Sequence[Unit] | None = None,
    languages: Sequence[str] | None = None,
) -> list[Problem]:
    """The problems of every PO file of ``languages`` (default: the project's). ``units``
    (the English source, when the records are valid) give each entry its field's kind."""
    kinds = {key(u.context, u.source): u.kind for u in units or ()}
    problems: list[Problem] = []
    for lang in languages if languages is not None else project.settings().languages:
        for domain in Domain:
            path = po_path(project, lang, domain)
            if not path.exists():
                continue
            outside = outside_problem(project, path)
            if outside is not None:
                problems.append(outside)
                continue
            read, read_problems = read_po(path, lang)
            problems += read_problems
            if read is None:
                continue
            for message in messages(read.catalog):
                if not translated(message):
                    continue
                if message.pluralizable:
                    problems += _plural_problems(read, message, kinds)
                    continue
                context = message.context or ""
                line = read.lines.get(key(context, msgid(message)), message.lineno or 1)
                # A fuzzy translation follows the source it was made from, if the file says
                # which (it is not used until the translator has brought it up to date).
                source: str | None = msgid(message)
                if message.fuzzy:
                    source = previous_id(message)
                kind = kinds.get(key(context, msgid(message)))
                for text in translation_problems(source, forms(message)[0], kind):
                    problems.append(Problem(path, line, 1, (context,), text))
    return problems


def _plural_problems(read: PoFile, message: Message, kinds: dict[str, Kind]) -> list[Problem]:
    """Each form of a plural entry checked against its English form (the singular for the
    form of 1, the plural for the others), located at its ``msgstr[i]`` line."""
    context = message.context or ""
    at = key(context, msgid(message))
    line = read.lines.get(at, message.lineno or 1)
    found = []
    for index, form in enumerate(forms(message)):
        if not form:
            continue  # untranslated: the English form is shown
        source: str | None = form_source(message, read.rule, index)
        if message.fuzzy:  # the sources it was made from, if the file says which
            previous = previous_plural(message) if source != msgid(message) else None
            source = previous or previous_id(message)
        where = read.form_lines.get(at, {}).get(index, line)
        for text in translation_problems(source, form, kinds.get(at)):
            found.append(Problem(read.path, where, 1, (context,), f"msgstr[{index}]: {text}"))
    return found


def translation_problems(
    source: str | None, translation: str, kind: Kind | None, *, toolkit: bool = True
) -> Iterator[str]:
    """What is wrong with ``translation`` of ``source`` (a unit of ``kind``, if known);
    without a source, only what the field's kind refuses; without ``toolkit``, only its
    markup (what could make a page unsafe), not its numbers and addresses."""
    if source is None:
        if kind in (Kind.PLAIN, Kind.INLINE, Kind.BLOCK):
            for finding in subset.findings(translation, subset.Kind(kind.value)):
                if finding.severity is Severity.ERROR:
                    yield f"the translation: {finding.message}"
        return
    for test, what in _TOOLKIT_TESTS.items() if toolkit else ():
        try:
            getattr(_CHECKER, test)(source, translation)
        except FilterFailure as failure:
            detail = "; ".join(str(m) for m in getattr(failure, "messages", [failure]))
            yield f"{what} ({detail}; pofilter test {test!r})"
    yield from _markup_problems(source, translation)
    if kind in (Kind.PLAIN, Kind.INLINE, Kind.BLOCK):
        text_kind = subset.Kind(kind.value)
        known = {finding.message for finding in subset.findings(source, text_kind)}
        for finding in subset.findings(translation, text_kind):
            if finding.severity is Severity.ERROR or finding.message not in known:
                yield f"the translation: {finding.message}"


_MARKUP = {
    "link": "link target",
    "image": "image",
    "code": "code span",
    "html": "raw HTML",
    "strong": "bold text (**...**)",
    "em": "italic text (*...*)",
    "footnote": "footnote reference",
    "attributes": "attribute list (a heading's {#id})",
}
# Syntax of the site engine's extensions, which CommonMark reads as text.
_EXTENSION_MARKUP = (
    ("footnote", re.compile(r"\[\^[^\[\]\n]+\]")),
    ("attributes", re.compile(r"\{[ \t]*[:#.][^{}\n]*\}")),
)


def _markup(text: str) -> Counter[tuple[str, str]]:
    """The Markdown markup of ``text`` that a translation keeps: (what, its value)."""
    found: Counter[tuple[str, str]] = Counter()

    def walk(tokens: list[Token]) -> None:
        for token in tokens:
            if token.type == "link_open":
                found["link", str(token.attrs.get("href", ""))] += 1
            elif token.type == "image":
                found["image", str(token.attrs.get("src", ""))] += 1
            elif token.type == "code_inline":
                found["code", token.content] += 1
            elif token.type in ("html_inline", "html_block"):
                found["html", token.content.strip()] += 1
            elif token.type in ("strong_open", "em_open"):
                found[token.type.removesuffix("_open"), ""] += 1
            if token.children:
                walk(token.children)

    walk(PAGE_PARSER.parse(text))
    for what, pattern in _EXTENSION_MARKUP:
        for match in pattern.finditer(text):
            found[what, match.group()] += 1
    return found


def _markup_problems(source: str, translation: str) -> Iterator[str]:
    kept, brought = _markup(source), _markup(translation)
    for what, value in sorted((kept - brought).keys()):
        shown_value = f" {shown(value)}" if value else ""
        yield f"the translation drops the source's {_MARKUP[what]}{shown_value}; expected it kept"
    for what, value in sorted((brought - kept).keys()):
        shown_value = f" {shown(value)}" if value else ""
        yield (
            f"the translation adds {_MARKUP[what]}{shown_value} that the source does not "
            "have; expected the source's markup only"
        )
