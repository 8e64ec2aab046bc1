"""PO catalogs under ``translations/``: the template of each domain and its merge into every
language, read back for the site build.

Files: ``translations/templates/<domain>.pot`` and ``translations/<lang>/<domain>.po``, one
per domain of ``generator.translate.units.Domain`` and language of the project's settings.

Merging (``update``): a unit is found again by its ``msgctxt`` alone; the same context with
the same English source keeps its translation as it is; with a changed source, the
translation is kept, flagged ``fuzzy``, and the source it was made from stays as the
previous msgid (``#| msgid``), so the translator sees what changed; a context that is gone
becomes obsolete (``#~``) and is kept; a new context comes untranslated. Units of the
handbook's own interface (a context starting with ``ui``, the msgid the English string) are
found by context and msgid together: a changed string is a new unit.

A plural interface string (``ngettext``) is one entry with ``msgid_plural`` and a
``msgstr[i]`` for each form of the language's rule (``generator.translate.plurals``: the
``Plural-Forms`` header is written from Babel's data). It is found by its msgid, else by its
msgid_plural (its singular changed); a change of either English form makes it fuzzy, with
both old forms as ``#| msgid`` and ``#| msgid_plural``. Before plural entries its singular and
plural were two units: their translations become the form of 1 and the form most counts take
(Ukrainian's ``many``), with their flags; the language's other forms are left to translate.

Each entry carries the unit's label as an extracted comment (``#.``) and its source file
and line as a reference (``#:``). A translation not yet reviewed by a native speaker has the
flag ``unreviewed`` (``#, unreviewed``); the translator who reviews it takes the flag away.

The bytes are deterministic: a fixed header (no dates, no tool version), entries in
extraction order, obsolete ones after them in the order they were dropped, no rewrapping
(each line of a text is one line of the file). Files are written whole or not at all
(a temporary file, then ``os.replace``); nothing is written while a record or a PO file is
invalid.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from babel.core import Locale, UnknownLocaleError
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import PoFileError, PoFileParser, escape, normalize, unescape

from generator.atomic import write_file
from generator.load.project import Project
from generator.problems import Problem, Severity, errors, shown
from generator.translate.plurals import PluralRule, header_rule, header_value, language_rule
from generator.translate.units import Domain, Unit

UNREVIEWED = "unreviewed"  # the flag of a translation no native speaker has reviewed yet
FUZZY = "fuzzy"
MAX_PO_BYTES = 10_000_000  # a catalog of the whole handbook is about a tenth of this
PROJECT_NAME = "Inclusion Handbook"
_HEADER_COMMENT = (
    "# {what} of the Inclusion Handbook, domain {domain}.\n"
    "# Written by `handbook translations update`; keep msgctxt as it is.\n"
    "# Flag a translation `unreviewed` until a native speaker has reviewed it."
)
_KEPT_HEADERS = ("Last-Translator", "Language-Team")  # a translator's own, kept on update
# The flag Babel adds to a text with a % in it: not ours to set, and not a Python format.
_BABEL_GUESSES = {"python-format"}


@dataclass(frozen=True)
class Translation:
    """One unit in one language, as its PO file has it."""

    text: str  # the translation ('' when untranslated); a plural entry's first form
    source: str  # the English source of the PO entry (a plural entry's singular)
    fuzzy: bool  # its source changed since: the English source is shown instead
    reviewed: bool  # not flagged unreviewed
    plural: str | None = None  # a plural entry's English plural (msgid_plural)
    forms: tuple[str, ...] = ()  # a plural entry's forms, msgstr[0..]; '' where not usable
    rule: PluralRule | None = None  # a plural entry's: its file's rule, which picks a form


def msgid(message: Message) -> str:
    """An entry's msgid (a plural entry's singular)."""
    return str(message.id[0]) if isinstance(message.id, (list, tuple)) else str(message.id)


def msgid_plural(message: Message) -> str | None:
    """A plural entry's msgid_plural, or None."""
    return str(message.id[1]) if isinstance(message.id, (list, tuple)) else None


def forms(message: Message) -> tuple[str, ...]:
    """An entry's translations: one, or a plural entry's msgstr[0..]."""
    return forms_of(message.string)


def forms_of(string: object) -> tuple[str, ...]:
    """A msgstr, or a plural entry's msgstr[0..], as a tuple."""
    if isinstance(string, (list, tuple)):
        return tuple(str(form or "") for form in string)
    return (str(string or ""),)


def translated(message: Message) -> bool:
    """Whether the entry has a translation (of a plural entry: any of its forms)."""
    return any(forms(message))


def complete(message: Message) -> bool:
    """Whether every form of the entry is translated."""
    return all(forms(message))


def form_source(message: Message, rule: PluralRule, index: int) -> str:
    """The English form that form ``index`` of a plural entry translates: the singular for
    the form of 1, the plural for the others."""
    plural = msgid_plural(message)
    if plural is None or rule.example(index) == 1:
        return msgid(message)
    return plural


def is_ui(context: str) -> bool:
    """Whether ``context`` is one of the interface strings' (keyed with their msgid)."""
    return context.startswith("ui")


def key(context: str, msgid: str) -> str:
    """How a unit is found: its context; for interface strings context and msgid
    (``ui\\x04Next``, gettext's own way of joining them)."""
    return f"{context}\x04{msgid}" if is_ui(context) else context


def template_path(project: Project, domain: Domain) -> Path:
    return project.translations_dir / "templates" / f"{domain.value}.pot"


def po_path(project: Project, lang: str, domain: Domain) -> Path:
    return project.translations_dir / lang / f"{domain.value}.po"


def outside_problem(project: Project, path: Path) -> Problem | None:
    """A problem if ``path`` is a link that leaves the project (it is then not read)."""
    real = path.resolve()
    if real.is_relative_to(project.root.resolve()):
        return None
    return Problem(
        path,
        1,
        1,
        (),
        f"a link to {real}, outside the project folder; not read: inputs are read only from "
        "inside the project",
    )


# --- reading -------------------------------------------------------------------------------


@dataclass
class PoFile:
    """A PO file as read: its catalog, where each entry stands (line of its msgid) and each
    of a plural entry's forms (line of its ``msgstr[i]``), its plural rule, and the problem
    of its ``Plural-Forms`` header (the language's rule is then used)."""

    path: Path
    catalog: Catalog
    lines: dict[str, int] = field(default_factory=dict)  # key(context, msgid) -> line
    form_lines: dict[str, dict[int, int]] = field(default_factory=dict)  # key -> i -> line
    rule: PluralRule = field(default_factory=lambda: language_rule(None))
    plural_problem: Problem | None = None


class _Catalog(Catalog):
    """Babel's catalog, which never reads the header's Plural-Forms itself (Babel's own
    reading fails on a hostile ``nplurals``): the header's value is kept, and the rule used is
    the one ``generator.translate.plurals`` tried, or the language's."""

    def __init__(self, locale: Locale | None, lang: str | None) -> None:
        super().__init__(locale=locale)
        self.lang = lang
        self.header_seen = False
        self.rule = language_rule(lang)
        self.plural_why: str | None = None
        self.plural_value: str | None = None  # the header's Plural-Forms, if it has one
        use_rule(self, self.rule)

    def _set_mime_headers(self, headers: Iterable[tuple[str, str]]) -> None:
        fields = [(str(name), str(value)) for name, value in headers]
        self.header_seen = True
        super()._set_mime_headers([f for f in fields if f[0].strip().lower() != "plural-forms"])
        self.plural_value = header_value(fields)
        if self.lang is not None:
            self.rule, self.plural_why = header_rule(self.plural_value, self.lang)
        use_rule(self, self.rule)


def use_rule(catalog: Catalog, rule: PluralRule) -> None:
    """Make ``rule`` the catalog's plural rule (its number of forms when it reads a file)."""
    catalog._num_plurals = rule.count  # type: ignore[assignment]  # Babel: None until read
    catalog._plural_expr = rule.expression  # type: ignore[assignment]


class _Parser(PoFileParser):
    """Babel's parser, which also keeps the previous msgid (``#| msgid``), which Babel reads
    as a translator comment, and names each context found twice."""

    def __init__(self, catalog: Catalog) -> None:
        super().__init__(catalog, ignore_obsolete=False, abort_invalid=True)
        self.previous: list[str] = []
        self.previous_plural: list[str] = []
        self.in_previous: list[str] | None = None  # the previous msgid being read, if any
        self.lines: dict[str, int] = {}
        self.form_lines: dict[str, dict[int, int]] = {}
        self.current_forms: dict[int, int] = {}
        self.duplicates: list[tuple[int, str]] = []

    def _process_comment(self, line: str) -> None:
        if line.startswith("#|"):
            self._finish_current_message()
            rest = line[2:].strip()
            if rest.startswith("msgid "):
                self.previous = [rest[6:].strip()]
                self.in_previous = self.previous
            elif rest.startswith("msgid_plural "):
                self.previous_plural = [rest[13:].strip()]
                self.in_previous = self.previous_plural
            elif rest.startswith('"') and self.in_previous is not None:
                self.in_previous.append(rest)
            else:
                self.in_previous = None
            return
        super()._process_comment(line)

    def _process_keyword_line(self, lineno: int, line: str, obsolete: bool = False) -> None:
        keyword = line.partition(" ")[0]
        if keyword.startswith("msgstr[") and keyword.endswith("]") and keyword[7:-1].isdigit():
            self.current_forms.setdefault(int(keyword[7:-1]), lineno + 1)
        super()._process_keyword_line(lineno, line, obsolete)

    def _add_message(self) -> None:
        singular = _unquoted(self.previous) if self.previous else None
        previous: str | list[str] | None = singular
        if singular is not None and self.previous_plural:
            previous = [singular, _unquoted(self.previous_plural)]
        self.previous, self.previous_plural, self.in_previous = [], [], None
        context = self.context.denormalize() if self.context else None
        msgid = self.messages[0].denormalize() if self.messages else ""
        obsolete = self.obsolete
        line = self.offset + 1
        form_lines, self.current_forms = self.current_forms, {}
        super()._add_message()
        if msgid == "" and context is None:
            return  # the header
        found = key(context or "", msgid)
        if not obsolete:
            if found in self.lines:
                self.duplicates.append((line, found))
            self.lines.setdefault(found, line)
            self.form_lines.setdefault(found, form_lines)
        if obsolete:
            message = self.catalog.obsolete.get(self.catalog._key_for(msgid, context))
        else:
            message = self.catalog.get(msgid, context)
        if message is not None and previous is not None:
            message.previous_id = previous  # type: ignore[assignment]  # Babel: str or tuple


def _unquoted(parts: list[str]) -> str:
    return "".join(unescape(part) for part in parts if part.startswith('"'))


def read_po(path: Path, lang: str | None = None) -> tuple[PoFile | None, list[Problem]]:
    """The PO (or POT) file at ``path``, or None and the problems that keep it from being
    read: too big, not UTF-8, not PO syntax, a context twice. Never raises on its content."""

    def problem(line: int, message: str, column: int = 1) -> list[Problem]:
        return [Problem(path, line, column, (), message)]

    try:
        size = path.stat().st_size
        if size > MAX_PO_BYTES:
            return None, problem(
                1, f"{size:,} bytes is too big for a PO file; expected at most {MAX_PO_BYTES:,}"
            )
        data = path.read_bytes()
    except OSError as exc:
        return None, problem(1, f"cannot read it: {exc.strerror or exc}")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        return None, problem(
            line,
            f"byte 0x{data[exc.start]:02x} is not UTF-8; expected a PO file saved as UTF-8",
            column,
        )
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        return None, problem(line, "a NUL character; expected a text file")
    try:
        locale = Locale.parse(lang) if lang else None
    except (ValueError, UnknownLocaleError):
        locale = None
    catalog = _Catalog(locale, lang)
    parser = _Parser(catalog)
    try:
        parser.parse(text.splitlines())
    except PoFileError as exc:
        why = re.sub(r" on \d+$", "", str(exc.args[0] if exc.args else exc))  # the line: ours
        return None, problem(exc.lineno + 1, f"not PO syntax: {why}; found {shown(exc.line)}")
    except (ValueError, IndexError, KeyError, TypeError) as exc:  # Babel on odd input
        return None, problem(parser.offset + 1, f"not PO syntax: {exc}")
    found = [
        Problem(
            path,
            line,
            1,
            (),
            f"msgctxt {shown(duplicate.split(chr(4))[0])} is there twice; expected each "
            f"context once (the first is on line {parser.lines[duplicate]})",
        )
        for line, duplicate in parser.duplicates
    ]
    if found:
        return None, found
    charset = (catalog.charset or "utf-8").lower().replace("_", "-")
    if charset not in ("utf-8", "utf8", "charset"):  # "CHARSET": a template left as is
        return None, problem(1, f"the header says charset={charset}; expected charset=UTF-8")
    plural_problem = None
    header_why = catalog.plural_why
    if lang is not None and not catalog.header_seen:
        header_why = f"the file has no header; expected Plural-Forms: {catalog.rule.header}"
    if catalog.plural_value is None and not any(m.pluralizable for m in catalog):
        header_why = None  # as for gettext's msgfmt: a rule matters to plural entries only
    if header_why is not None:
        at = next((i for i, t in enumerate(text.splitlines()[:200], 1) if "Plural-Forms:" in t), 1)
        plural_problem = Problem(path, at, 1, ("Plural-Forms",), header_why)
    read = PoFile(path, catalog, parser.lines, parser.form_lines, catalog.rule, plural_problem)
    return read, [plural_problem] if plural_problem else []


def previous_id(message: Message) -> str | None:
    """The source a fuzzy translation was made from (``#| msgid``), or None."""
    previous: object = message.previous_id
    if isinstance(previous, (list, tuple)):
        previous = previous[0] if previous else None
    return str(previous) if previous else None


def previous_plural(message: Message) -> str | None:
    """The plural a fuzzy plural translation was made from (``#| msgid_plural``), or None."""
    previous: object = message.previous_id
    if isinstance(previous, (list, tuple)) and len(previous) > 1 and previous[1]:
        return str(previous[1])
    return None


def messages(catalog: Catalog) -> list[Message]:
    """The catalog's entries, without its header."""
    return [m for m in catalog if m.id]


# --- merging -------------------------------------------------------------------------------


def template(domain: Domain, units: Iterable[Unit]) -> Catalog:
    """The template (``.pot``) of ``domain``: one untranslated entry per unit (a plural
    unit's entry has its msgid_plural and two empty forms, as gettext's templates do)."""
    catalog = Catalog(domain=domain.value, project=PROJECT_NAME, fuzzy=False)
    for unit in units:
        existing = catalog.get(unit.source, unit.context)
        if existing is not None:  # an interface string used twice: one entry, two places
            existing.locations.append((unit.file, unit.line))
            continue
        catalog.add(
            unit.source if unit.plural is None else (unit.source, unit.plural),
            "" if unit.plural is None else ("", ""),
            locations=[(unit.file, unit.line)],
            auto_comments=[unit.label],
            context=unit.context,
        )
    return catalog


@dataclass
class _Merged:
    """What an entry of the merged catalog takes from the old one."""

    string: Any = ""
    flags: list[str] = field(default_factory=list)
    previous: Any = None  # the source(s) a fuzzy translation was made from
    comments: list[str] = field(default_factory=list)


def merge(pot: Catalog, old: Catalog | None, lang: str, domain: Domain) -> Catalog:
    """``old`` (the language's catalog as it was, or None) brought up to ``pot``."""
    merged = Catalog(locale=lang, domain=domain.value, project=PROJECT_NAME, fuzzy=False)
    rule = language_rule(lang)
    candidates: dict[str, Message] = {}
    obsolete: dict[Any, Message] = {}
    if old is not None:
        for message in old.obsolete.values():  # a unit back again takes up its translation
            candidates.setdefault(key(message.context or "", msgid(message)), message)
        for message in messages(old):
            candidates[key(message.context or "", msgid(message))] = message
    used: set[str] = set()
    for unit in messages(pot):
        context = unit.context or ""
        found = key(context, msgid(unit))
        used.add(found)
        if unit.pluralizable:
            kept = _plural(unit, candidates, used, rule)
        else:
            kept = _singular(unit, candidates.get(found), rule)
        if unit.pluralizable and not any(forms_of(kept.string)):
            kept.string = ("",) * rule.count  # untranslated: an empty form for each
        merged.add(
            unit.id,
            kept.string,
            locations=unit.locations,
            flags=sorted(kept.flags, key=lambda f: (f != FUZZY, f)),
            auto_comments=unit.auto_comments,
            user_comments=kept.comments,
            previous_id=kept.previous or (),
            context=unit.context,
        )
    if old is not None:
        for message in [*old.obsolete.values(), *messages(old)]:
            found = key(message.context or "", msgid(message))
            if found not in used and translated(message):
                obsolete[(msgid(message), message.context)] = message
                used.add(found)
    merged.obsolete.update(obsolete)
    return merged


def _singular(unit: Message, before: Message | None, rule: PluralRule) -> _Merged:
    if before is None:
        return _Merged()
    comments = list(before.user_comments)
    if not translated(before):
        return _Merged(comments=comments)
    flags = [f for f in before.flags if f != FUZZY]
    if before.pluralizable:  # a plural string is singular now: its form of 1, to review
        string = forms(before)[rule.index(1)] if rule.index(1) < len(forms(before)) else ""
        previous = (before.fuzzy and previous_id(before)) or msgid(before)
        return _Merged(string, [*flags, FUZZY], previous, comments)
    if before.id == unit.id:
        if before.fuzzy:
            return _Merged(before.string, [*flags, FUZZY], previous_id(before), comments)
        return _Merged(before.string, flags, None, comments)
    # The English source changed: the translation no longer follows it.
    previous = (before.fuzzy and previous_id(before)) or msgid(before)
    return _Merged(before.string, [*flags, FUZZY], previous, comments)


def _plural(
    unit: Message, candidates: dict[str, Message], used: set[str], rule: PluralRule
) -> _Merged:
    """A plural entry: its old plural entry (found by its msgid, else by its msgid_plural:
    a changed singular), or the two separate units its forms were before (migrated)."""
    context = unit.context or ""
    singular, plural = str(unit.id[0]), str(unit.id[1])
    before = candidates.get(key(context, singular))
    if before is None or not before.pluralizable:
        same_plural = next(
            (
                m
                for m in candidates.values()
                if m.pluralizable and (m.context or "") == context and msgid_plural(m) == plural
            ),
            None,
        )
        if same_plural is not None and key(context, msgid(same_plural)) not in used:
            before = same_plural
            used.add(key(context, msgid(same_plural)))
    if before is not None and before.pluralizable:
        old_forms = [*forms(before), *[""] * rule.count][: rule.count]
        comments = list(before.user_comments)
        if not any(old_forms):
            return _Merged(comments=comments)
        flags = [f for f in before.flags if f != FUZZY]
        old_source = (msgid(before), msgid_plural(before) or "")
        previous = (previous_id(before), previous_plural(before) or "")
        if before.id == unit.id:
            if before.fuzzy:
                return _Merged(tuple(old_forms), [*flags, FUZZY], previous, comments)
            return _Merged(tuple(old_forms), flags, None, comments)
        changed = previous if before.fuzzy and previous[0] else old_source
        return _Merged(tuple(old_forms), [*flags, FUZZY], changed, comments)
    return _migrated(unit, before, candidates.get(key(context, plural)), used, rule)


def _migrated(
    unit: Message,
    one: Message | None,
    other: Message | None,
    used: set[str],
    rule: PluralRule,
) -> _Merged:
    """A plural entry made of the units its singular and plural were before it had
    ``msgid_plural``: the singular's translation is the form of 1, the plural's the form
    most counts take (``other``, Ukrainian's ``many``); the language's other forms are left
    to translate."""
    olds = [m for m in (one, other) if m is not None and not m.pluralizable]
    if other is not None and not other.pluralizable:
        used.add(key(other.context or "", msgid(other)))
    comments = list(dict.fromkeys(c for m in olds for c in m.user_comments))
    new_forms = [""] * rule.count
    singular_index = rule.index(1)
    if one is not None and not one.pluralizable:
        new_forms[singular_index] = forms(one)[0]
    rest = [i for i in range(rule.count) if i != singular_index]
    if rest and other is not None and not other.pluralizable:
        most = max(rest, key=lambda i: (sum(rule.index(n) == i for n in range(1000)), -i))
        new_forms[most] = forms(other)[0]
    if not any(new_forms):
        return _Merged(comments=comments)
    flags = sorted({f for m in olds if translated(m) for f in m.flags} - {FUZZY})
    if any(m.fuzzy and translated(m) for m in olds):
        previous = (
            (one is not None and previous_id(one)) or str(unit.id[0]),
            (other is not None and previous_id(other)) or str(unit.id[1]),
        )
        return _Merged(tuple(new_forms), [*flags, FUZZY], previous, comments)
    return _Merged(tuple(new_forms), flags, None, comments)


# --- writing -------------------------------------------------------------------------------


def po_bytes(catalog: Catalog, lang: str | None, kept: dict[str, str] | None = None) -> bytes:
    """The file's bytes: the fixed header, then the entries as Babel writes them, unwrapped."""
    what = "Translation template" if lang is None else f"Translation into {lang}"
    headers = [("Project-Id-Version", PROJECT_NAME)]
    if lang is not None:
        headers.append(("Language", lang))
        headers += [(name, value) for name, value in (kept or {}).items()]
        headers.append(("Plural-Forms", language_rule(lang).header))
    headers += [
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=UTF-8"),
        ("Content-Transfer-Encoding", "8bit"),
    ]
    head = _HEADER_COMMENT.format(what=what, domain=catalog.domain) + '\nmsgid ""\nmsgstr ""\n'
    head += "".join(f"{escape(f'{name}: {value}' + chr(10))}\n" for name, value in headers)
    entries = [_entry(m) for m in messages(catalog)]
    entries += [_entry(m, "#~ ") for m in catalog.obsolete.values()]
    return "\n".join([head, *entries]).encode("utf-8")


def _entry(message: Message, prefix: str = "") -> str:
    """One entry as GNU gettext writes it, unwrapped. (Babel's own writer wraps the previous
    msgid like a comment, which gettext's tools cannot read back.) A plural entry has its
    ``msgid_plural`` and one ``msgstr[i]`` per form."""
    lines = [f"# {comment}" for comment in message.user_comments]
    lines += [f"#. {comment}" for comment in message.auto_comments]
    if message.locations and not prefix:
        lines.append("#: " + " ".join(f"{f}:{n}" if n else f for f, n in message.locations))
    flags = sorted(set(message.flags) - _BABEL_GUESSES, key=lambda f: (f != FUZZY, f))
    if flags:
        lines.append("#, " + ", ".join(flags))
    if (previous := previous_id(message)) and not prefix:
        lines.append("#| msgid " + normalize(previous, "#| ", width=0))
        if message.pluralizable and (previous_many := previous_plural(message)):
            lines.append("#| msgid_plural " + normalize(previous_many, "#| ", width=0))
    if message.context is not None:
        lines.append(f"{prefix}msgctxt " + normalize(message.context, prefix, width=0))
    lines.append(f"{prefix}msgid " + normalize(msgid(message), prefix, width=0))
    if message.pluralizable:
        lines.append(
            f"{prefix}msgid_plural " + normalize(msgid_plural(message) or "", prefix, width=0)
        )
        for index, form in enumerate(forms(message)):
            lines.append(f"{prefix}msgstr[{index}] " + normalize(form, prefix, width=0))
    else:
        lines.append(f"{prefix}msgstr " + normalize(forms(message)[0], prefix, width=0))
    return "\n".join(lines) + "\n"


def kept_headers(catalog: Catalog) -> dict[str, str]:
    """The translator's own headers of ``catalog`` (Last-Translator, Language-Team)."""
    found = {}
    for name in _KEPT_HEADERS:
        value = dict(catalog.mime_headers).get(name, "")
        if value and "FULL NAME" not in value and "LL@li.org" not in value:
            found[name] = " ".join(value.split())
    return found


def write_atomic(path: Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` whole (``generator.atomic``); False when the file already
    held exactly these bytes (it is then left alone)."""
    if path.is_file() and path.read_bytes() == data:
        return False
    write_file(path, data)
    return True


@dataclass(frozen=True)
class Updated:
    problems: list[Problem]
    written: list[Path]  # the files whose bytes changed
    files: int  # the files the update covers (written or already up to date)


def update(project: Project, units: Sequence[Unit] | None = None) -> Updated:
    """Write every template and merge it into every language's catalog (see the module's
    description). ``units`` default: everything ``generator.translate.extract`` finds.
    Nothing is written when a record or an existing PO file is invalid."""
    from generator.catalog.catalog import load_catalog
    from generator.translate.extract import units as all_units

    catalog, problems = load_catalog(project)
    if errors(problems):
        return Updated(problems, [], 0)
    found = list(units) if units is not None else all_units(catalog)
    outputs: list[tuple[Path, bytes]] = []
    for domain in Domain:
        pot = template(domain, (u for u in found if u.domain is domain))
        outputs.append((template_path(project, domain), po_bytes(pot, None)))
        for lang in catalog.settings.languages:
            path = po_path(project, lang, domain)
            old = None
            kept: dict[str, str] = {}
            outside = outside_problem(project, path) if path.exists() else None
            if outside is not None:
                problems.append(outside)
            elif path.exists():
                read, read_problems = read_po(path, lang)
                header = read.plural_problem if read is not None else None
                problems += [p for p in read_problems if p is not header]
                if header is not None:  # not in the way: the update writes the right header
                    rewritten = f"{header.message}; the update writes it so"
                    problems.append(replace(header, message=rewritten, severity=Severity.WARNING))
                if read is not None:
                    old = read.catalog
                    kept = kept_headers(old)
            outputs.append((path, po_bytes(merge(pot, old, lang, domain), lang, kept)))
    if errors(problems):
        return Updated(problems, [], 0)
    written = [path for path, data in outputs if write_atomic(path, data)]
    return Updated(problems, written, len(outputs))


# --- the site build's view -----------------------------------------------------------------

_READ: dict[tuple[str, str | None, bytes], tuple[PoFile | None, list[Problem]]] = {}


def read_po_for_reading(path: Path, lang: str | None = None) -> tuple[PoFile | None, list[Problem]]:
    """``read_po``, remembered while the file's bytes stay the same: a build reads a
    language's files for its pages and again for its status page. For readers only: the
    catalog returned must not be changed (``update`` reads its own)."""
    try:
        if path.stat().st_size > MAX_PO_BYTES:
            return read_po(path, lang)
        digest = hashlib.sha256(path.read_bytes()).digest()
    except OSError:
        return read_po(path, lang)
    at = (str(path.resolve()), lang, digest)
    if at not in _READ:
        if len(_READ) > 64:  # a long `handbook serve`: the files' old versions go
            _READ.clear()
        _READ[at] = read_po(path, lang)
    return _READ[at]


def load_translations(
    project: Project, lang: str, units: Sequence[Unit] = ()
) -> dict[str, Translation]:
    """Every translated or fuzzy unit of ``lang``, by ``key(context, msgid)`` (the context
    alone, but for interface strings). A file that cannot be read gives nothing, and a
    translation whose markup fails ``generator.translate.check`` is left out, as untranslated
    units are (``handbook validate`` reports both): a page shows the English source instead.
    ``units`` give the fields' kinds of text for that check."""
    from generator.translate.check import translation_problems

    kinds = {key(u.context, u.source): u.kind for u in units}
    found: dict[str, Translation] = {}
    for domain in Domain:
        path = po_path(project, lang, domain)
        if not path.is_file() or outside_problem(project, path) is not None:
            continue
        read, _ = read_po_for_reading(path, lang)
        if read is None:
            continue
        for message in messages(read.catalog):
            if not translated(message):
                continue
            at = key(message.context or "", msgid(message))
            reviewed = UNREVIEWED not in message.flags
            if message.pluralizable:
                usable = tuple(
                    ""
                    if next(
                        translation_problems(
                            form_source(message, read.rule, index),
                            form,
                            kinds.get(at),
                            toolkit=False,
                        ),
                        None,
                    )
                    else form
                    for index, form in enumerate(forms(message))
                )
                found[at] = Translation(
                    usable[0],
                    msgid(message),
                    message.fuzzy,
                    reviewed,
                    msgid_plural(message),
                    usable,
                    read.rule,
                )
                continue
            text = forms(message)[0]
            source = previous_id(message) if message.fuzzy else msgid(message)
            if next(translation_problems(source, text, kinds.get(at), toolkit=False), None):
                continue
            found[at] = Translation(text, msgid(message), message.fuzzy, reviewed)
    return found
