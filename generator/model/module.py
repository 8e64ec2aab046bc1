"""The training module, after the Carpentries' lessons: episodes with teaching and exercise
minutes, exercises with model answers, facilitator notes only in the facilitator view, case
studies that show a practice record's own facts, self-check questions and handouts.

The schedule is computed from the episodes' minutes, never typed twice: a module's
``duration`` must equal their sum.
"""

from __future__ import annotations

import re
from typing import Annotated, TypeAlias

from pydantic import AfterValidator, Field, model_validator

from generator.model.checklist import SectionField
from generator.model.practice import BlockText, InlineText, PlainText, Record, Slug
from generator.model.vocabulary import terms_of

Audience: TypeAlias = Annotated[str, terms_of("audiences", "Who the module is for.")]
Level: TypeAlias = Annotated[str, terms_of("levels", "How much the learners should know.")]
EpisodeKind: TypeAlias = Annotated[str, terms_of("episode_kinds", "How the episode is run.")]
Minutes = Annotated[int, Field(ge=0, le=600)]


def _clock(value: str) -> str:
    if not re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", value):
        raise ValueError(f"expected a time of day such as 09:30; found {value!r}")
    return value


ClockTime = Annotated[str, AfterValidator(_clock), Field(examples=["09:00"])]


class Exercise(Record):
    prompt: BlockText
    answer: BlockText = Field(description="A model answer, hidden from learners until they ask.")


class Episode(Record):
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


class CaseStudy(Record):
    practice: Slug = Field(description="The id of the practice record the case draws on.")
    focus: list[SectionField] = Field(
        [], description="The record's sections to show, such as steps or success_factors."
    )
    key_figures: bool = Field(True, description="Show the record's key figures.")
    task: InlineText | None = Field(None, description="What learners do with the case.")


class Option(Record):
    text: PlainText
    correct: bool = False
    feedback: PlainText = Field(description="Shown when a learner picks this option.")


class SelfCheck(Record):
    question: PlainText
    options: Annotated[list[Option], Field(min_length=2)]

    @model_validator(mode="after")
    def _one_right_answer(self) -> SelfCheck:
        right = sum(option.correct for option in self.options)
        if right != 1:
            raise ValueError(f"expected exactly one option with 'correct: true'; found {right}")
        return self


class Module(Record):
    id: Slug = Field(description="Unique id; the file name without '.yaml'.")
    title: PlainText
    summary: InlineText
    audience: Annotated[list[Audience], Field(min_length=1)]
    level: Level
    duration: Annotated[int, Field(ge=1, le=2400)] = Field(
        description="Minutes in all: must equal the sum of the episodes' minutes."
    )
    start_time: ClockTime = Field("09:00", description="When the agenda starts, as HH:MM.")
    prerequisites: list[Slug] = Field([], description="Ids of modules to take first.")
    objectives: Annotated[list[InlineText], Field(min_length=1)]
    episodes: Annotated[list[Episode], Field(min_length=1)]
    key_points: Annotated[list[InlineText], Field(min_length=1)]
    case_studies: list[CaseStudy] = Field(default_factory=list)
    self_check: list[SelfCheck] = Field(default_factory=list)
    handouts: list[Slug] = Field([], description="Ids of checklists to hand out.")
    materials: list[InlineText] = Field([], description="What the facilitator needs in the room.")
    sources: list[InlineText] = Field([], description="Where the module's content comes from.")
