"""Checklists: the assessment form, replication and placement-phase checklists, and the
hand-written ones, each as an interactive page plus Markdown and CSV downloads.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from pathlib import Path

from generator.addresses import (
    CHECKLISTS,
    CRITERIA_PAGE,
    CRITERIA_TITLE,
    DOWNLOADS,
    PRACTICE_PAGE,
    built_link,
    checklist_download,
)
from generator.catalog.catalog import Catalog
from generator.catalog.checklists import ChecklistPage
from generator.model.checklist import PRACTICE_SECTIONS, Checklist, ItemSource
from generator.model.criteria import criteria_set
from generator.outputs.language import current, ui_text
from generator.outputs.page import Page
from generator.outputs.render import render
from generator.outputs.spreadsheet import csv_text
from generator.reuse import reused
from generator.text.glossary import Glossary
from generator.text.html import plain_text
from generator.text.markdown import markdown_line
from generator.text.subset import literal

INDEX = CHECKLISTS.pattern


def anchor(heading: str) -> str:
    """The id Python-Markdown's toc gives a heading such as 'Step by step'."""
    return "-".join(heading.lower().split())


def page_title(path: Path) -> str:
    """A content page's title: its first level-one heading, else its file name."""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return path.stem.replace("-", " ").capitalize()


def source_link(page: str, source: ItemSource, titles: dict[str, str]) -> tuple[str, str]:
    """The (text, href) of the link from a checklist item to where it came from.

    ``titles`` maps practice ids and content page paths to their titles.
    """
    if source.page is not None:
        return titles.get(source.page, source.page), built_link(page, source.page)
    practice = source.practice or ""
    section = PRACTICE_SECTIONS.get(source.field or "", "")
    # The section's heading in the page's language; its id stays the English one (render.heading).
    text = titles.get(practice, practice) + (f": {ui_text(section)}" if section else "")
    return text, built_link(page, PRACTICE_PAGE.of(practice), anchor(section) if section else "")


def source_titles(catalog: Catalog) -> dict[str, str]:
    """The titles ``source_link`` needs: of every practice and of each page an item cites."""
    # The one generated page items cite is known; content pages are read once each.
    titles = {p.id: p.title for p in catalog.practices} | {CRITERIA_PAGE: CRITERIA_TITLE}
    for entry in catalog.checklist_pages:
        for item in entry.checklist.items:
            page = item.source.page if item.source is not None else None
            if page is not None and page not in titles:
                titles[page] = page_title(catalog.project.content_dir / page)
    return titles


def pages(catalog: Catalog) -> Iterator[Page]:
    titles = source_titles(catalog)
    listed = catalog.checklist_pages
    yield Page(
        INDEX,
        ui_text("Checklists"),
        render("checklists.md.j2", catalog.glossary, INDEX, listed=listed),
        from_records=True,
    )
    for entry in listed:
        # An entry's pages, from its checklist and the titles its items cite alone.
        cited = tuple(
            titles.get(item.source.page or item.source.practice or "")
            for item in entry.checklist.items
            if item.source is not None
        )
        inputs = (entry.checklist, entry.path, entry.kind, entry.group, catalog.glossary)
        yield from reused(
            "checklist-pages",
            (*inputs, current(), cited),
            partial(_entry_pages, entry, titles, catalog.glossary),
        )


def _entry_pages(
    entry: ChecklistPage, titles: dict[str, str], glossary: Glossary
) -> tuple[Page, ...]:
    """A checklist's page and its two downloads."""
    links = {
        item.key: source_link(entry.path, item.source, titles)
        for item in entry.checklist.items
        if item.source is not None
    }
    page = Page(
        entry.path,
        entry.checklist.title,
        render(
            "checklist.md.j2",
            glossary,
            entry.path,
            entry=entry,
            links=links,
            criteria=criteria_set(),
            downloads={
                extension: built_link(entry.path, checklist_download(entry.checklist.id, extension))
                for extension in DOWNLOADS
            },
        ),
        from_records=True,
    )
    return (
        page,
        Page(  # not .md: every engine would render it as a page
            checklist_download(entry.checklist.id, "md.txt"),
            entry.checklist.title,
            checklist_markdown(entry, links),
        ),
        Page(
            checklist_download(entry.checklist.id, "csv"),
            entry.checklist.title,
            checklist_csv(entry.checklist, links),
        ),
    )


def checklist_markdown(entry: ChecklistPage, links: dict[str, tuple[str, str]]) -> str:
    """The checklist as a Markdown task list, for editing or printing elsewhere.

    Site engines without the handbook's plugin render it as a page too, so record text is
    written again from its accepted constructs (``markdown_line``) and plain-text values are
    escaped; the headings start with words of the template's own, so that the ids an engine
    derives from them can never be one of the theme's (``__config``, ``__search`` ...).
    """
    checklist = entry.checklist
    lines = [f"# Checklist: {literal(checklist.title)}", ""]
    if checklist.intro:
        lines += [markdown_line(checklist.intro), ""]
    for number, section in enumerate(checklist.sections, start=1):
        lines += [f"## {number}. {literal(section.title)}", ""]
        if section.intro:
            lines += [markdown_line(section.intro), ""]
        for item in section.items:
            lines.append(f"- [ ] {markdown_line(item.text)}")
            if item.hint:
                lines.append(f"  _{markdown_line(item.hint)}_")
            if item.key in links:
                text, _ = links[item.key]
                lines.append(f"  (Source: {literal(text)})")
        lines.append("")
    return "\n".join(lines)


def checklist_csv(checklist: Checklist, links: dict[str, tuple[str, str]]) -> str:
    """The checklist as CSV, one row per item, made safe for spreadsheets."""
    return csv_text(
        ["section", "item_id", "item", "hint", "source"],
        [
            [
                section.title,
                item.key,
                plain_text(item.text),  # a spreadsheet shows text, not Markdown
                plain_text(item.hint) if item.hint else "",
                links.get(item.key, ("", ""))[0],
            ]
            for section in checklist.sections
            for item in section.items
        ],
    )
