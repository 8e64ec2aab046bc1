"""The checklist: titled sections of items, each item traceable to where it came from.

Hand-written checklists live in ``content/checklists/*.yaml``; others are derived from the
records and the criteria. Both are the same model, so they render, print and export alike.
"""

from __future__ import annotations

import hashlib
from typing import Annotated, TypeAlias

from pydantic import ConfigDict, Field, model_validator

from generator.addresses import ID_MAX_LENGTH, SLUG_PATTERN
from generator.model.fields import Slug, Text, present
from generator.model.practice import BlockText, InlineText, Part, PlainText
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


class ItemSource(Part):
    """Where an item comes from: a practice (and its field), or a handbook page."""

    model_config = ConfigDict(
        json_schema_extra={
            "oneOf": [present("practice"), present("page")],
            "not": {"allOf": [present("page"), present("field")]},
        }
    )

    practice: Slug | None = Field(None, description="The id of a practice record.")
    field: SectionField | None = Field(None, description="The practice field, such as steps.")
    page: Text | None = Field(
        None,
        description="A Markdown page under content/, such as "
        "methodology/stakeholder-network.md: relative, without '..', published by the site.",
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


class Item(Part):
    id: Annotated[str, Field(pattern=SLUG_PATTERN, max_length=ID_MAX_LENGTH)] | None = Field(
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


class Section(Part):
    title: PlainText
    intro: InlineText | None = None
    items: Annotated[list[Item], Field(min_length=1)]


class Checklist(Part):
    """A checklist.

    Rules across fields and files: 'id' is the file name without '.yaml' and not the id of a
    generated checklist; each item is there once (by its id, or by its text); a source names a
    record in practices/ and a section it fills in, or a page under content/. Text fields
    hold Markdown: handbook validate also checks the links and the markup in them (see How to
    add a practice).
    """

    id: Slug = Field(description="Unique id; the file name without '.yaml'.")
    title: PlainText
    intro: BlockText | None = None
    audience: PlainText | None = Field(None, description="Who the checklist is for.")
    sections: Annotated[list[Section], Field(min_length=1)]

    @property
    def items(self) -> list[Item]:
        return [item for section in self.sections for item in section.items]
