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

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from babel.core import Locale, UnknownLocaleError
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import PoFileError, PoFileParser, escape, normalize, unescape

from generator.atomic import write_file
from generator.load.project import Project
from generator.problems import Problem, errors, shown
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

    text: str  # the translation ('' when untranslated)
    source: str  # the English source of the PO entry
    fuzzy: bool  # its source changed since: the English source is shown instead
    reviewed: bool  # not flagged unreviewed


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
    """A PO file as read: its catalog and where each entry stands (line of its msgid)."""

    path: Path
    catalog: Catalog
    lines: dict[str, int] = field(default_factory=dict)  # key(context, msgid) -> line


class _Parser(PoFileParser):
    """Babel's parser, which also keeps the previous msgid (``#| msgid``), which Babel reads
    as a translator comment, and names each context found twice."""

    def __init__(self, catalog: Catalog) -> None:
        super().__init__(catalog, ignore_obsolete=False, abort_invalid=True)
        self.previous: list[str] = []
        self.in_previous = False
        self.lines: dict[str, int] = {}
        self.duplicates: list[tuple[int, str]] = []

    def _process_comment(self, line: str) -> None:
        if line.startswith("#|"):
            self._finish_current_message()
            rest = line[2:].strip()
            if rest.startswith("msgid "):
                self.previous, self.in_previous = [rest[6:].strip()], True
            elif rest.startswith('"') and self.in_previous:
                self.previous.append(rest)
            else:
                self.in_previous = False
            return
        super()._process_comment(line)

    def _add_message(self) -> None:
        previous = _unquoted(self.previous) if self.previous else None
        self.previous, self.in_previous = [], False
        context = self.context.denormalize() if self.context else None
        msgid = self.messages[0].denormalize() if self.messages else ""
        obsolete = self.obsolete
        line = self.offset + 1
        super()._add_message()
        if msgid == "" and context is None:
            return  # the header
        found = key(context or "", msgid)
        if not obsolete:
            if found in self.lines:
                self.duplicates.append((line, found))
            self.lines.setdefault(found, line)
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
    catalog = Catalog(locale=locale)
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
    return PoFile(path, catalog, parser.lines), []


def previous_id(message: Message) -> str | None:
    """The source a fuzzy translation was made from (``#| msgid``), or None."""
    previous: object = message.previous_id
    if isinstance(previous, (list, tuple)):
        previous = previous[0] if previous else None
    return str(previous) if previous else None


def messages(catalog: Catalog) -> list[Message]:
    """The catalog's entries, without its header."""
    return [m for m in catalog if m.id]


# --- merging -------------------------------------------------------------------------------


def template(domain: Domain, units: Iterable[Unit]) -> Catalog:
    """The template (``.pot``) of ``domain``: one untranslated entry per unit."""
    catalog = Catalog(domain=domain.value, project=PROJECT_NAME, fuzzy=False)
    for unit in units:
        existing = catalog.get(unit.source, unit.context)
        if existing is not None:  # an interface string used twice: one entry, two places
            existing.locations.append((unit.file, unit.line))
            continue
        catalog.add(
            unit.source,
            "",
            locations=[(unit.file, unit.line)],
            auto_comments=[unit.label],
            context=unit.context,
        )
    return catalog


def merge(pot: Catalog, old: Catalog | None, lang: str, domain: Domain) -> Catalog:
    """``old`` (the language's catalog as it was, or None) brought up to ``pot``."""
    merged = Catalog(locale=lang, domain=domain.value, project=PROJECT_NAME, fuzzy=False)
    candidates: dict[str, Message] = {}
    obsolete: dict[Any, Message] = {}
    if old is not None:
        for message in old.obsolete.values():  # a unit back again takes up its translation
            candidates.setdefault(key(message.context or "", str(message.id)), message)
        for message in messages(old):
            candidates[key(message.context or "", str(message.id))] = message
    used: set[str] = set()
    for unit in messages(pot):
        context = unit.context or ""
        found = key(context, str(unit.id))
        before = candidates.get(found)
        used.add(found)
        flags: list[str] = []
        string: Any = ""
        previous: str | None = None
        comments: list[str] = []
        if before is not None and before.string:
            string = before.string
            comments = list(before.user_comments)
            flags = [f for f in before.flags if f != FUZZY]
            if before.id == unit.id:
                if before.fuzzy:
                    flags.append(FUZZY)
                    previous = previous_id(before)
            else:  # the English source changed: the translation no longer follows it
                flags.append(FUZZY)
                previous = (before.fuzzy and previous_id(before)) or str(before.id)
        elif before is not None:
            comments = list(before.user_comments)
        merged.add(
            unit.id,
            string,
            locations=unit.locations,
            flags=sorted(flags, key=lambda f: (f != FUZZY, f)),
            auto_comments=unit.auto_comments,
            user_comments=comments,
            previous_id=previous or (),
            context=unit.context,
        )
    if old is not None:
        for message in [*old.obsolete.values(), *messages(old)]:
            found = key(message.context or "", str(message.id))
            if found not in used and message.string:
                obsolete[(message.id, message.context)] = message
                used.add(found)
    merged.obsolete.update(obsolete)
    return merged


# --- writing -------------------------------------------------------------------------------


def po_bytes(catalog: Catalog, lang: str | None, kept: dict[str, str] | None = None) -> bytes:
    """The file's bytes: the fixed header, then the entries as Babel writes them, unwrapped."""
    what = "Translation template" if lang is None else f"Translation into {lang}"
    headers = [("Project-Id-Version", PROJECT_NAME)]
    if lang is not None:
        headers.append(("Language", lang))
        headers += [(name, value) for name, value in (kept or {}).items()]
        if catalog.locale is not None:
            headers.append(("Plural-Forms", catalog.plural_forms))
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
    msgid like a comment, which gettext's tools cannot read back.)"""
    lines = [f"# {comment}" for comment in message.user_comments]
    lines += [f"#. {comment}" for comment in message.auto_comments]
    if message.locations and not prefix:
        lines.append("#: " + " ".join(f"{f}:{n}" if n else f for f, n in message.locations))
    flags = sorted(set(message.flags) - _BABEL_GUESSES, key=lambda f: (f != FUZZY, f))
    if flags:
        lines.append("#, " + ", ".join(flags))
    if (previous := previous_id(message)) and not prefix:
        lines.append("#| msgid " + normalize(previous, "#| ", width=0))
    if message.context is not None:
        lines.append(f"{prefix}msgctxt " + normalize(message.context, prefix, width=0))
    lines.append(f"{prefix}msgid " + normalize(str(message.id), prefix, width=0))
    lines.append(f"{prefix}msgstr " + normalize(str(message.string or ""), prefix, width=0))
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
                problems += read_problems
                if read is not None:
                    old = read.catalog
                    kept = kept_headers(old)
            outputs.append((path, po_bytes(merge(pot, old, lang, domain), lang, kept)))
    if errors(problems):
        return Updated(problems, [], 0)
    written = [path for path, data in outputs if write_atomic(path, data)]
    return Updated(problems, written, len(outputs))


# --- the site build's view -----------------------------------------------------------------


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
        read, _ = read_po(path, lang)
        if read is None:
            continue
        for message in messages(read.catalog):
            if not message.string or not isinstance(message.string, str):
                continue
            at = key(message.context or "", str(message.id))
            source = previous_id(message) if message.fuzzy else str(message.id)
            if next(
                translation_problems(source, message.string, kinds.get(at), toolkit=False), None
            ):
                continue
            found[at] = Translation(
                message.string, str(message.id), message.fuzzy, UNREVIEWED not in message.flags
            )
    return found
