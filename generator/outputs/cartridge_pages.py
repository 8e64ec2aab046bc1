"""The web pages of a module's cartridge: an overview, one page per episode, per case study
and per handout, and the facilitator guide, each a standalone HTML file.

Pages are written as Markdown from the ``.md.j2`` templates (record text escaped by their
filters) and turned into HTML by ``body_html`` alone, which ends in an allowlist sanitizer
stricter than the site's: a platform's own styles and scripts must find nothing to act on.
A learning platform has none of the handbook's other pages, so links to them keep only
their text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from html import escape

import markdown
import nh3

from generator.addresses import module_path
from generator.catalog.checklists import ChecklistPage
from generator.model.checklist import PRACTICE_SECTIONS
from generator.model.criteria import criteria_set
from generator.model.module import CaseStudy, Episode, Module
from generator.model.practice import Practice
from generator.outputs.checklists import source_link
from generator.outputs.render import render
from generator.outputs.training import ModuleViews, agenda
from generator.text.glossary import NO_GLOSSARY

# Record text reaches this Markdown already rendered and inert (``generator.text``), so the
# attribute lists here are the templates' own; the allowlist below drops the ids they make
# all the same: a platform's own scripts and styles must find nothing to act on.
_EXTENSIONS = [
    "admonition",
    "attr_list",
    "def_list",
    "md_in_html",
    "tables",
    "pymdownx.details",
    "pymdownx.superfences",
]
# A page inside a platform is text, lists, tables and links: no form, no class, no id.
_TAG_NAMES = (
    "a blockquote br caption code dd details div dl dt em h1 h2 h3 h4 h5 h6 hr li ol p pre "
    "strong sub summary sup table tbody td tfoot th thead tr ul"
)
TAGS = frozenset(_TAG_NAMES.split())
ATTRIBUTES = {
    "a": {"href"},
    "div": {"lang"},  # a text still in English in another language: lang="en" (render.text)
    "ol": {"start"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan"},
}
SCHEMES = frozenset({"http", "https", "mailto"})
_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
_SITE_LINK = re.compile(r"\[([^\]]+)\]\((?!https?:|mailto:)[^)]*\)")
# What XML 1.0 forbids (control characters, lone surrogates, U+FFFE/U+FFFF). Record text
# can hold them through YAML escapes; in a file they would make Moodle refuse the cartridge.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_chars(text: str) -> str:
    """``text`` with each character XML forbids replaced by U+FFFD."""
    return _NOT_XML.sub("\ufffd", text)


def body_html(text: str) -> str:
    """Generated Markdown as sanitized HTML: the one way a cartridge page is rendered."""
    html = markdown.markdown(text, extensions=_EXTENSIONS)
    return nh3.clean(html, tags=set(TAGS), attributes=ATTRIBUTES, url_schemes=set(SCHEMES))


def document(title: str, text: str, language: str = "en") -> bytes:
    """A standalone UTF-8 HTML page in ``language`` (a code of the handbook's, never record
    text) titled ``title`` (plain text) with ``text`` as its body."""
    text = _SITE_LINK.sub(r"\1", _FRONT_MATTER.sub("", xml_chars(text)))
    return (
        f'<!DOCTYPE html>\n<html lang="{escape(language)}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(xml_chars(title), quote=False)}</title>\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "</head>\n<body>\n" + body_html(text) + "\n</body>\n</html>\n"
    ).encode("utf-8")


def overview(module: Module) -> str:
    return render("cartridge/overview.md.j2", NO_GLOSSARY, module=module, slots=agenda(module))


def episode(n: int, episode: Episode) -> str:
    return render("cartridge/episode.md.j2", NO_GLOSSARY, n=n, episode=episode)


def case_study(case: CaseStudy, practices: Mapping[str, Practice]) -> str:
    return render(
        "cartridge/case.md.j2",
        NO_GLOSSARY,
        case=case,
        practices=practices,
        sections=PRACTICE_SECTIONS,
    )


def handout(entry: ChecklistPage, titles: dict[str, str]) -> str:
    """A checklist to print; ``titles`` are ``source_titles`` of the catalog."""
    sources = {
        item.key: source_link(entry.path, item.source, titles)[0]
        for item in entry.checklist.items
        if item.source is not None
    }
    return render(
        "cartridge/handout.md.j2",
        NO_GLOSSARY,
        entry=entry,
        sources=sources,
        criteria=criteria_set(),
    )


def facilitator_guide(module: Module, views: ModuleViews) -> str:
    return render(
        "module.md.j2",
        NO_GLOSSARY,
        module_path(module.id, "facilitator"),  # the links the site's guide has
        facilitator=True,
        **views.context(module, standalone=True),
    )
