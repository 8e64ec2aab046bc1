"""Checklists: the assessment form, replication and placement-phase checklists, and the
hand-written ones, each as an interactive page plus Markdown and CSV downloads.
"""

from __future__ import annotations

import hashlib
import posixpath
import weakref
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.addresses import (
    ASSESSMENT_ID,
    ASSESSMENT_PAGE,
    CHECKLIST_PAGE,
    CHECKLISTS,
    DIGEST_LENGTH,
    PHASE_CHECKLIST_ID,
    PHASE_CHECKLIST_PAGE,
    PRACTICE_ITEM_ID,
    PRACTICE_PAGE,
    REPLICATION_ID,
    REPLICATION_PAGE,
    checklist_download,
    html,
)
from generator.catalog import Catalog
from generator.content import has_replication_checklist
from generator.model.checklist import PRACTICE_SECTIONS, Checklist, Item, ItemSource, Section
from generator.model.criteria import criteria_set
from generator.model.practice import Practice
from generator.model.vocabulary import label, vocabularies
from generator.outputs.render import render
from generator.pages import CRITERIA_PAGE, CRITERIA_TITLE, Page
from generator.spreadsheet import csv_text
from generator.text.html import plain_text
from generator.text.markdown import markdown_line
from generator.text.subset import literal

INDEX = CHECKLISTS.pattern
ASSESSMENT = ASSESSMENT_PAGE.pattern


@dataclass(frozen=True)
class ChecklistPage:
    checklist: Checklist
    path: str  # the page, e.g. "checklists/replication/p1824-drammen.md"
    kind: str  # "tasks", or "assessment" for the criteria form
    group: str  # how the index groups it

    @property
    def download_base(self) -> str:
        return checklist_download(self.checklist.id)


def anchor(heading: str) -> str:
    """The id Python-Markdown's toc gives a heading such as 'Step by step'."""
    return "-".join(heading.lower().split())


def href(from_page: str, to_page: str, fragment: str = "") -> str:
    """A relative link between two generated pages, as the built site names them."""
    target = html(posixpath.relpath(to_page, posixpath.dirname(from_page)))
    return target + (f"#{fragment}" if fragment else "")


def _item(practice: Practice, field: str, text: str, title: str | None = None) -> Item:
    """An item from a record's text, 'Title: text' when it has a (plain-text) title."""
    shown = f"{title}: {text}" if title else text  # its id, stable since the first version
    digest = hashlib.sha256(f"{practice.id}\n{shown}".encode()).hexdigest()[:DIGEST_LENGTH]
    return Item(
        id=PRACTICE_ITEM_ID.of(practice.id)[:-DIGEST_LENGTH] + digest,
        text=f"{literal(title)}: {text}" if title else text,  # the title cannot be Markdown
        source=ItemSource(practice=practice.id, field=field),
    )


def assessment_checklist() -> Checklist:
    """The seven criteria with their guiding questions, to rate a practice."""
    criteria = criteria_set()
    return Checklist(
        id=ASSESSMENT_ID,
        title="Assessing a good practice",
        intro="Go through the guiding questions of each criterion, rate the practice from what "
        "its sources say and note the evidence. 'Not evidenced' means the sources say nothing: "
        "never fill the gap. When you are done, copy the ratings as the criteria block of a "
        "new record.",
        audience="Editors and stakeholder networks assessing a practice",
        sections=[
            Section(
                title=c.name,
                intro=c.definition,
                items=[
                    Item(
                        id=f"{c.id.replace('_', '-')}-q{n}",
                        text=q,
                        source=ItemSource(page=CRITERIA_PAGE),
                    )
                    for n, q in enumerate(c.questions, start=1)
                ],
            )
            for c in criteria.criteria
        ],
    )


def _replication_sections(practice: Practice) -> Iterator[Section]:
    # A text twice (a lesson that is also a success factor): one item, one id.
    seen: set[tuple[str | None, str]] = set()

    def items(field: str, texts: Sequence[str | tuple[str | None, str]]) -> list[Item]:
        pairs = [(None, t) if isinstance(t, str) else t for t in texts]
        unique = [pair for pair in dict.fromkeys(pairs) if pair not in seen]
        seen.update(unique)
        return [_item(practice, field, text, title) for title, text in unique]

    before = [
        *items(
            "success_factors",
            [(f.title, f.text) for f in practice.success_factors],
        ),
        *items("lessons_learnt", practice.lessons_learnt),
        *items("sustainability", [practice.sustainability] if practice.sustainability else []),
    ]
    steps = {
        phase: [s for s in practice.steps if s.phase == phase]
        for phase in ("before", "during", "after")
    }
    unphased = [s for s in practice.steps if s.phase is None]
    setting_up = [
        *items("steps", [(s.title, s.text) for s in unphased + steps["before"]]),
        *items("activities", practice.activities),
        *items("resources", practice.resources),
    ]
    groups = [
        (
            "Before you start",
            "The conditions the practice needed, and what its makers learnt.",
            before,
        ),
        (
            "Setting up",
            "How the practice is organised and what happens before a placement.",
            setting_up,
        ),
        (
            "During placement",
            None,
            items("steps", [(s.title, s.text) for s in steps["during"]]),
        ),
        (
            "After placement",
            None,
            items("steps", [(s.title, s.text) for s in steps["after"]]),
        ),
    ]
    for title, intro, group in groups:
        if group:
            yield Section(title=title, intro=intro, items=group)


def replication_checklist(practice: Practice) -> Checklist | None:
    if not has_replication_checklist(practice):  # the rule modules' handouts are checked by
        return None
    sections = list(_replication_sections(practice))
    return Checklist(
        id=REPLICATION_ID.of(practice.id),
        title=f"Replicating {practice.title}",
        intro="What to have in place and to do, drawn from the record of "
        f"{literal(practice.title)}. Each item links to the part of the practice page it "
        "comes from.",
        audience="Teams adapting the practice to their own context",
        sections=sections,
    )


def phase_checklist(phase: str, practices: list[Practice]) -> Checklist | None:
    sections = [
        Section(
            title=p.title,
            items=[
                _item(p, "steps", text, title)
                for title, text in dict.fromkeys(
                    (s.title, s.text) for s in p.steps if s.phase == phase
                )
            ],
        )
        for p in practices
        if any(s.phase == phase for s in p.steps)
    ]
    if not sections:
        return None
    name = label("placement_phases", phase)
    return Checklist(
        id=PHASE_CHECKLIST_ID.of(phase),
        title=f"{name}: steps from all practices",
        intro=f"The steps the practices in the catalogue take {name.lower()}, gathered by "
        "practice. Each item links to its practice.",
        sections=sections,
    )


_BUILT: weakref.WeakKeyDictionary[Catalog, tuple[ChecklistPage, ...]] = weakref.WeakKeyDictionary()


def checklist_pages(catalog: Catalog) -> tuple[ChecklistPage, ...]:
    """Every checklist and where its page goes, in the order the index lists them.

    Built once per catalog: the checklist, training and practice outputs, the PDFs and the
    cartridges all ask for them, and there is one replication checklist per practice.
    """
    if catalog not in _BUILT:
        _BUILT[catalog] = tuple(_checklist_pages(catalog))
    return _BUILT[catalog]


def _checklist_pages(catalog: Catalog) -> list[ChecklistPage]:
    result = [ChecklistPage(assessment_checklist(), ASSESSMENT, "assessment", "Assessment")]
    result += [
        ChecklistPage(c, CHECKLIST_PAGE.of(c.id), "tasks", "Working together")
        for c in catalog.checklists
    ]
    for phase in vocabularies()["placement_phases"]:
        checklist = phase_checklist(phase, catalog.practices)
        if checklist is not None:
            result.append(
                ChecklistPage(
                    checklist, PHASE_CHECKLIST_PAGE.of(phase), "tasks", "Placement phases"
                )
            )
    for practice in catalog.practices:
        checklist = replication_checklist(practice)
        if checklist is not None:
            result.append(
                ChecklistPage(
                    checklist,
                    REPLICATION_PAGE.of(practice.id),
                    "tasks",
                    "Replicating a practice",
                )
            )
    return result


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
        return titles.get(source.page, source.page), href(page, source.page)
    practice = source.practice or ""
    section = PRACTICE_SECTIONS.get(source.field or "", "")
    text = titles.get(practice, practice) + (f": {section}" if section else "")
    return text, href(page, PRACTICE_PAGE.of(practice), anchor(section) if section else "")


def source_titles(catalog: Catalog) -> dict[str, str]:
    """The titles ``source_link`` needs: of every practice and of each page an item cites."""
    # The one generated page items cite is known; content pages are read once each.
    titles = {p.id: p.title for p in catalog.practices} | {CRITERIA_PAGE: CRITERIA_TITLE}
    for entry in checklist_pages(catalog):
        for item in entry.checklist.items:
            page = item.source.page if item.source is not None else None
            if page is not None and page not in titles:
                titles[page] = page_title(catalog.project.content_dir / page)
    return titles


def pages(catalog: Catalog) -> Iterator[Page]:
    titles = source_titles(catalog)
    listed = checklist_pages(catalog)
    yield Page(
        INDEX,
        "Checklists",
        render("checklists.md.j2", catalog.glossary, listed=listed),
        from_records=True,
    )
    criteria = criteria_set()
    for entry in listed:
        links = {
            item.key: source_link(entry.path, item.source, titles)
            for item in entry.checklist.items
            if item.source is not None
        }
        yield Page(
            entry.path,
            entry.checklist.title,
            render(
                "checklist.md.j2",
                catalog.glossary,
                entry=entry,
                links=links,
                criteria=criteria,
                downloads=href(entry.path, entry.download_base),
            ),
            from_records=True,
        )
        yield Page(  # not .md: every engine would render it as a page
            f"{entry.download_base}.md.txt",
            entry.checklist.title,
            checklist_markdown(entry, links),
        )
        yield Page(
            f"{entry.download_base}.csv",
            entry.checklist.title,
            checklist_csv(entry.checklist, links),
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
