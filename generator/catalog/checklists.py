"""The generated checklists, derived once from the catalog's records: the assessment form,
a replication checklist per practice, a checklist per placement phase, beside the hand-written
ones. The checklist output renders them; the training, practice, PDF and cartridge outputs
link to them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from generator.addresses import (
    ASSESSMENT_ID,
    ASSESSMENT_PAGE,
    CHECKLIST_PAGE,
    CRITERIA_PAGE,
    DIGEST_LENGTH,
    PHASE_CHECKLIST_ID,
    PHASE_CHECKLIST_PAGE,
    PRACTICE_ITEM_ID,
    REPLICATION_ID,
    REPLICATION_PAGE,
)
from generator.catalog.content import has_replication_checklist
from generator.model.checklist import Checklist, Item, ItemSource, Section
from generator.model.criteria import criteria_set
from generator.model.practice import Practice
from generator.model.vocabulary import label, vocabularies
from generator.reuse import reused
from generator.text.subset import literal


@dataclass(frozen=True)
class ChecklistPage:
    checklist: Checklist
    path: str  # the page, e.g. "checklists/replication/p1824-drammen.md"
    kind: str  # "tasks", or "assessment" for the criteria form
    group: str  # how the index groups it

    @property
    def repeats_records(self) -> bool:
        """Its items are records' text (a replication or a placement-phase list)."""
        return any(item.source.practice for item in self.checklist.items if item.source)


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
    """The checklist of what to do to replicate ``practice``, from its record alone."""
    return reused("replication-checklist", (practice,), lambda: _replication(practice))


def _replication(practice: Practice) -> Checklist | None:
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


def phase_checklist(phase: str, practices: Sequence[Practice]) -> Checklist | None:
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


def checklist_pages(
    handwritten: Sequence[Checklist], practices: Sequence[Practice]
) -> tuple[ChecklistPage, ...]:
    """Every checklist and where its page goes, in the order the index lists them.

    Built once, by ``load_catalog``: the checklist, training and practice outputs, the PDFs
    and the cartridges all use them, and there is one replication checklist per practice.
    """
    result = [
        ChecklistPage(assessment_checklist(), ASSESSMENT_PAGE.pattern, "assessment", "Assessment")
    ]
    result += [
        ChecklistPage(c, CHECKLIST_PAGE.of(c.id), "tasks", "Working together") for c in handwritten
    ]
    for phase in vocabularies()["placement_phases"]:
        checklist = phase_checklist(phase, practices)
        if checklist is not None:
            result.append(
                ChecklistPage(
                    checklist, PHASE_CHECKLIST_PAGE.of(phase), "tasks", "Placement phases"
                )
            )
    for practice in practices:
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
    return tuple(result)
