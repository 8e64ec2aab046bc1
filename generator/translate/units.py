"""A translatable unit: one text field of a record, module, checklist or the criteria, one
label, one string of the handbook's own templates, or one block of a Markdown page."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Domain(StrEnum):
    """One PO catalog per language and domain: ``translations/LANG/DOMAIN.po``."""

    PRACTICES = "practices"  # the records' text fields
    MODULES = "modules"  # training modules
    CHECKLISTS = "checklists"  # hand-written checklists
    HANDBOOK = "handbook"  # the criteria, vocabulary labels and the templates' own strings
    PAGES = "pages"  # the hand-written Markdown pages (paragraphs, headings, list items)


class Kind(StrEnum):
    """What the unit's text may hold, as its source field does (``generator.text``)."""

    PLAIN = "plain"  # shown as typed
    INLINE = "inline"  # one paragraph of the record-text subset
    BLOCK = "block"  # paragraphs and lists of the subset
    MARKDOWN = "markdown"  # a block of a hand-written page, or a template string


@dataclass(frozen=True)
class Unit:
    """One translatable piece of English source.

    ``context`` is its stable address and the PO ``msgctxt`` (for example
    ``practice:p1824-drammen:summary``); ``label`` says what the field is, for the translator;
    ``file`` is relative to the project root (or names the package's data file), ``line`` is
    1-based. An interface string with a plural (``ngettext``) has its English plural form as
    ``plural`` (its ``source`` is the singular): one PO entry with ``msgid_plural`` and a
    ``msgstr[i]`` per plural form of the language.
    """

    domain: Domain
    context: str
    source: str
    kind: Kind
    label: str
    file: str
    line: int
    plural: str | None = None
