"""The checklist: titled sections of items, each item traceable to where it came from.

Hand-written checklists live in ``content/checklists/*.yaml``; others are derived from the
records and the criteria. Both are the same model, so they render, print and export alike.
"""

from __future__ import annotations

import hashlib
from typing import Annotated, TypeAlias

from pydantic import Field, model_validator

from generator.model.practice import (
    SLUG_PATTERN,
    BlockText,
    InlineText,
    PlainText,
    Record,
    Slug,
    Text,
)
from generator.model.vocabulary import OneOf

# Practice fields an item may come from: the sections of a practice page.
PRACTICE_SECTIONS = {
    "goal": "Goal",
    "objectives": "Objectives",
    "steps": "Step by step",
    "activities": "Activities",
    "resources": "Resources",
    "validation": "Validation",
    "impact": "Impact",
    "success_factors": "Success factors",
    "lessons_learnt": "Lessons learnt",
    "sustainability": "Sustainability",
    "funding": "Funding",
}

SectionField: TypeAlias = Annotated[
    str, OneOf(tuple(PRACTICE_SECTIONS), "The practice field the item comes from.")
]


class ItemSource(Record):
    """Where an item comes from: a practice (and its field), or a handbook page."""

    practice: Slug | None = Field(None, description="The id of a practice record.")
    field: SectionField | None = Field(None, description="The practice field, such as steps.")
    page: Text | None = Field(
        None, description="A page under content/, such as methodology/stakeholder-network.md."
    )

    @model_validator(mode="after")
    def _one_kind(self) -> ItemSource:
        if (self.practice is None) == (self.page is None):
            raise ValueError(
                "expected either 'practice' (with 'field') or 'page'; found "
                + ("both" if self.practice else "neither")
            )
        if self.page is not None and self.field is not None:
            raise ValueError("expected 'field' only with 'practice'")
        return self


class Item(Record):
    id: Annotated[str, Field(pattern=SLUG_PATTERN, max_length=80)] | None = Field(
        None,
        description="Stable id that keeps a reader's tick when the text is reworded; "
        "default: derived from the text.",
    )
    text: InlineText
    hint: InlineText | None = None
    source: ItemSource | None = None

    @property
    def key(self) -> str:
        """The id a browser stores ticks under: given, or a digest of the text."""
        return self.id or "t" + hashlib.sha256(self.text.encode("utf-8")).hexdigest()[:12]


class Section(Record):
    title: PlainText
    intro: InlineText | None = None
    items: Annotated[list[Item], Field(min_length=1)]


class Checklist(Record):
    id: Slug = Field(description="Unique id; the file name without '.yaml'.")
    title: PlainText
    intro: BlockText | None = None
    audience: PlainText | None = Field(None, description="Who the checklist is for.")
    sections: Annotated[list[Section], Field(min_length=1)]

    @property
    def items(self) -> list[Item]:
        return [item for section in self.sections for item in section.items]
