"""The training module, after the Carpentries' lessons: episodes with teaching and exercise
minutes, exercises with model answers, facilitator notes only in the facilitator view, case
studies that show a practice record's own facts, self-check questions and handouts.

The schedule is computed from the episodes' minutes, never typed twice: a module's
``duration`` must equal their sum, and the agenda must end by midnight.
"""

from __future__ import annotations

import re
from typing import Annotated, TypeAlias

from pydantic import AfterValidator, Field, model_validator

from generator.model.checklist import SectionField
from generator.model.fields import Slug, Unique, WholeNumber
from generator.model.practice import (
    BlockText,
    InlineText,
    Part,
    PlainText,
    checked_id,
    id_schema,
)
from generator.model.vocabulary import terms_of
from generator.problems import shown

Audience: TypeAlias = Annotated[str, terms_of("audiences", "Who the module is for.")]
Level: TypeAlias = Annotated[str, terms_of("levels", "How much the learners should know.")]
EpisodeKind: TypeAlias = Annotated[str, terms_of("episode_kinds", "How the episode is run.")]
Minutes = Annotated[int, Field(ge=0, le=600), WholeNumber]
CLOCK_PATTERN = r"^(?:[01][0-9]|2[0-3]):[0-5][0-9]$"
DAY = 24 * 60
ModuleId = Annotated[
    str,
    AfterValidator(lambda value: checked_id("module", value)),
    Field(examples=["supported-employment"], json_schema_extra=id_schema("module")),
]


def _clock(value: str) -> str:
    if not re.fullmatch(CLOCK_PATTERN[1:-1], value):
        raise ValueError(f"expected a time of day such as 09:30; found {shown(value)}")
    return value


ClockTime = Annotated[
    str,
    AfterValidator(_clock),
    Field(examples=["09:00"], json_schema_extra={"pattern": CLOCK_PATTERN}),
]


def minutes_of_day(clock: str) -> int:
    hours, minutes = clock.split(":")
    return int(hours) * 60 + int(minutes)


class Exercise(Part):
    prompt: BlockText
    answer: BlockText = Field(description="A model answer, hidden from learners until they ask.")


class Episode(Part):
    title: PlainText
    kind: EpisodeKind
    teaching: Minutes = Field(description="Minutes of teaching.")
    exercises_minutes: Minutes = Field(0, description="Minutes of exercises and discussion.")
    text: BlockText = Field(description="What the episode teaches.")
    questions: list[InlineText] = Field(
        [], description="Questions the episode answers or discusses."
    )
    exercises: list[Exercise] = Field(default_factory=list)
    facilitator_notes: list[InlineText] = Field(
        [], description="Shown only in the facilitator view."
    )

    @property
    def minutes(self) -> int:
        return self.teaching + self.exercises_minutes


class CaseStudy(Part):
    practice: Slug = Field(description="The id of the practice record the case draws on.")
    focus: Annotated[list[SectionField], Unique()] = Field(
        [], description="The record's sections to show, such as steps or success_factors."
    )
    key_figures: bool = Field(True, description="Show the record's key figures.")
    task: InlineText | None = Field(None, description="What learners do with the case.")


class Option(Part):
    text: PlainText
    correct: bool = False
    feedback: PlainText = Field(description="Shown when a learner picks this option.")


class SelfCheck(Part):
    question: PlainText
    options: Annotated[
        list[Option],
        Field(
            min_length=2,
            description="The answers to choose from: exactly one has 'correct: true'.",
            json_schema_extra={
                "contains": {"required": ["correct"], "properties": {"correct": {"const": True}}},
                "minContains": 1,
                "maxContains": 1,
            },
        ),
    ]

    @model_validator(mode="after")
    def _one_right_answer(self) -> SelfCheck:
        right = sum(option.correct for option in self.options)
        if right != 1:
            raise ValueError(f"expected exactly one option with 'correct: true'; found {right}")
        return self


class Module(Part):
    """A training module.

    Rules across fields and files: 'id' is the file name without '.yaml'; 'duration' equals
    the sum of the episodes' minutes; the agenda, from 'start_time' for 'duration' minutes,
    ends by midnight (24:00); 'prerequisites' are ids of other modules in content/modules/,
    without a cycle; 'handouts' are ids of checklists; case studies name records in
    practices/ and sections those records fill in. Text fields hold Markdown: handbook
    validate also checks the links and the markup in them (see How to add a practice).
    """

    id: ModuleId = Field(description="Unique id; the file name without '.yaml'.")
    title: PlainText
    summary: InlineText
    audience: Annotated[list[Audience], Field(min_length=1), Unique()]
    level: Level
    duration: Annotated[int, Field(ge=1, le=DAY), WholeNumber] = Field(
        description="Minutes in all: must equal the sum of the episodes' minutes."
    )
    start_time: ClockTime = Field("09:00", description="When the agenda starts, as HH:MM.")
    prerequisites: Annotated[list[Slug], Unique()] = Field(
        [], description="Ids of modules to take first."
    )
    objectives: Annotated[list[InlineText], Field(min_length=1)]
    episodes: Annotated[list[Episode], Field(min_length=1)]
    key_points: Annotated[list[InlineText], Field(min_length=1)]
    case_studies: list[CaseStudy] = Field(default_factory=list)
    self_check: list[SelfCheck] = Field(default_factory=list)
    handouts: Annotated[list[Slug], Unique()] = Field(
        [], description="Ids of checklists to hand out."
    )
    materials: list[InlineText] = Field([], description="What the facilitator needs in the room.")
    sources: list[InlineText] = Field([], description="Where the module's content comes from.")
