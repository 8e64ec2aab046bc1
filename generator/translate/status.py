"""How far each language is translated: per domain and per record, module, checklist or page.

Counted from the PO files under ``translations/`` (a language without its file counts the
domain's template as untranslated): a unit is *translated* (a translation, not fuzzy),
*fuzzy* (a translation whose English source changed since: not used) or *untranslated*;
*unreviewed* counts the translated and fuzzy units flagged ``unreviewed`` (not yet reviewed
by a native speaker). A plural entry is one unit, translated only when every one of its
forms is. Percentages are of all units, rounded down, so 100% is complete.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from babel.messages.catalog import Message

from generator.load.project import Project
from generator.problems import Problem
from generator.translate.catalogs import (
    UNREVIEWED,
    complete,
    is_ui,
    messages,
    outside_problem,
    po_path,
    read_po_for_reading,
    template_path,
    translated,
)
from generator.translate.languages import language
from generator.translate.navigation import PREFIX as NAV
from generator.translate.units import Domain


@dataclass
class Counts:
    translated: int = 0
    fuzzy: int = 0
    untranslated: int = 0
    unreviewed: int = 0

    @property
    def total(self) -> int:
        return self.translated + self.fuzzy + self.untranslated

    def percent(self, count: int) -> int:
        return count * 100 // self.total if self.total else 0

    def add(self, message: Message) -> None:
        """One entry (a plural entry is one unit: translated only with all its forms)."""
        if not translated(message) or (not complete(message) and not message.fuzzy):
            self.untranslated += 1
            if translated(message) and UNREVIEWED in message.flags:
                self.unreviewed += 1
            return
        if message.fuzzy:
            self.fuzzy += 1
        else:
            self.translated += 1
        if UNREVIEWED in message.flags:
            self.unreviewed += 1

    def as_json(self) -> dict[str, int]:
        return {
            "total": self.total,
            "translated": self.translated,
            "fuzzy": self.fuzzy,
            "untranslated": self.untranslated,
            "unreviewed": self.unreviewed,
            "translated_percent": self.percent(self.translated),
            "fuzzy_percent": self.percent(self.fuzzy),
            "untranslated_percent": self.percent(self.untranslated),
            "unreviewed_percent": self.percent(self.unreviewed),
        }


@dataclass
class LanguageStatus:
    code: str
    total: Counts = field(default_factory=Counts)
    domains: dict[str, Counts] = field(default_factory=dict)
    items: dict[str, Counts] = field(default_factory=dict)  # owner() -> its counts
    # The msgctxt of each fuzzy unit (its English source changed) and of each unreviewed one.
    outdated: list[str] = field(default_factory=list)
    unreviewed: list[str] = field(default_factory=list)


def owner(context: str) -> str:
    """What a unit belongs to: ``practice:p1824-drammen``, ``page:glossary``,
    ``criterion:effective``, ``vocabulary:scopes``, ``ui``, ``nav``."""
    if is_ui(context):
        return "ui"
    if context.startswith(NAV):
        return "nav"  # the titles of the navigation, together
    return ":".join(context.split(":")[:2])


def status(
    project: Project, languages: tuple[str, ...] | None = None
) -> tuple[list[LanguageStatus], list[Problem]]:
    """The status of each of ``languages`` (default: the project's), and the problems of
    its PO files: those that could not be read count as missing; one with a wrong
    Plural-Forms header is counted as it is."""
    codes = languages if languages is not None else project.settings().languages
    problems: list[Problem] = []
    templates: dict[Domain, list[Message]] = {}
    for domain in Domain:
        path = template_path(project, domain)
        read, _ = read_po_for_reading(path) if path.is_file() else (None, [])
        templates[domain] = messages(read.catalog) if read is not None else []
    found = []
    for code in codes:
        result = LanguageStatus(code)
        for domain in Domain:
            path = po_path(project, code, domain)
            entries = templates[domain]
            outside = outside_problem(project, path) if path.is_file() else None
            if outside is not None:
                problems.append(outside)
            elif path.is_file():
                read, read_problems = read_po_for_reading(path, code)
                problems += read_problems
                if read is not None:
                    entries = messages(read.catalog)
            counts = result.domains.setdefault(domain.value, Counts())
            for message in entries:
                counts.add(message)
                result.total.add(message)
                result.items.setdefault(owner(message.context or ""), Counts()).add(message)
                if translated(message) and message.fuzzy:
                    result.outdated.append(message.context or "")
                if translated(message) and UNREVIEWED in message.flags:
                    result.unreviewed.append(message.context or "")
        found.append(result)
    return found, problems


def coverage(project: Project, languages: tuple[str, ...]) -> dict[str, str]:
    """What the English home page says of each language: ``35% translated``."""
    found, _ = status(project, languages)
    return {s.code: f"{s.total.percent(s.total.translated)}% translated" for s in found}


_COLUMNS = ("translated", "fuzzy", "untranslated", "unreviewed")


def _row(name: str, counts: Counts, width: int) -> str:
    cells = [f"{name:<{width}}", f"{counts.total:>6}"]
    for column in _COLUMNS:
        count = getattr(counts, column)
        cells.append(f"{count:>6} {counts.percent(count):>3}%")
    return "  ".join(cells)


def status_text(found: list[LanguageStatus]) -> str:
    """A table per language: the whole, each domain, each record, module or page."""
    out: list[str] = []
    for result in found:
        names = [*result.domains, *result.items, "all"]
        width = max(len(name) for name in names) + 2
        head = [f"{'':<{width}}", f"{'units':>6}", *(f"{c:>11}" for c in _COLUMNS)]
        lang = language(result.code)
        out += [f"{result.code} ({lang.name}, {lang.endonym})", "  ".join(head)]
        out.append(_row("all", result.total, width))
        out += [_row(name, counts, width) for name, counts in result.domains.items()]
        out += [_row(f"  {name}", counts, width) for name, counts in result.items.items()]
        out.append("")
    return "\n".join(out)


def status_json(found: list[LanguageStatus]) -> str:
    data = {
        "languages": {
            result.code: {
                "all": result.total.as_json(),
                "domains": {name: c.as_json() for name, c in result.domains.items()},
                "items": {name: c.as_json() for name, c in result.items.items()},
                "outdated": result.outdated,
                "unreviewed": result.unreviewed,
            }
            for result in found
        }
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
