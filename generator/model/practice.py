"""The practice record: one normalised model for both source templates.

A record comes from the igma3 good-practice template or from the European PES Network practice
fiche (``template:``). Fields one template lacks are optional, and pages leave out what a record
does not have. Every record assesses the seven criteria of ``generator/data/criteria.yaml``.
"""

from __future__ import annotations

from typing import Annotated, Any, TypeAlias

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, create_model, model_validator

from generator.addresses import SLUG_PATTERN, id_max_length, id_problem
from generator.model.criteria import criteria_set
from generator.model.fields import (
    Age,
    Date,
    Figure,
    Slug,
    Text,
    Unique,
    Url,
    Year,
    present,
)
from generator.model.vocabulary import CountryCode, OneOf, terms_of
from generator.text.subset import Kind, TextKind

__all__ = [
    "SLUG_PATTERN",
    "BlockText",
    "InlineText",
    "Part",
    "PlainText",
    "Practice",
    "Slug",
    "Text",
    "Url",
    "Year",
]

# The kinds of record text (see generator/text/subset.py): what each field may contain.
PlainText = Annotated[Text, TextKind(Kind.PLAIN)]  # titles, names: no Markdown
InlineText = Annotated[Text, TextKind(Kind.INLINE)]  # one paragraph
BlockText = Annotated[Text, TextKind(Kind.BLOCK)]  # paragraphs, lists, tables


def checked_id(kind: str, value: str) -> str:
    """``value`` if it can be the id of a ``kind``: see ``generator.addresses.id_problem``."""
    if (wrong := id_problem(kind, value)) is not None:
        raise ValueError(wrong)
    return value


def id_schema(kind: str) -> dict[str, Any]:
    return {"pattern": SLUG_PATTERN, "maxLength": id_max_length(kind), "minLength": 1}


# A record's own id: shorter than other ids (it becomes part of longer ones) and never the
# address of a generated page.
PracticeId = Annotated[
    str,
    AfterValidator(lambda value: checked_id("practice", value)),
    Field(examples=["p1824-drammen"], json_schema_extra=id_schema("practice")),
]

TemplateId: TypeAlias = Annotated[
    str, terms_of("templates", "The source template the record follows.")
]
Scope: TypeAlias = Annotated[str, terms_of("scopes", "How widely the practice is implemented.")]
Phase: TypeAlias = Annotated[
    str, terms_of("placement_phases", "When, relative to a job placement, the practice acts.")
]
DriverKind: TypeAlias = Annotated[
    str, terms_of("drivers", "Whether the practice was introduced from inside or outside.")
]
TargetGroup: TypeAlias = Annotated[
    str, terms_of("target_groups", "A target group from the controlled vocabulary.")
]
Theme: TypeAlias = Annotated[str, terms_of("themes", "A theme from the controlled vocabulary.")]
Qualifier: TypeAlias = Annotated[
    str, terms_of("figure_qualifiers", "How the value is qualified in the source.")
]


class Part(BaseModel):
    """Base of every part of a record, module or checklist: unknown keys are errors, no value
    is converted."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    # Pickled with the names of the fields set in order (a set's order follows the process's
    # string hashes): equal records pickle to equal bytes in every process, which is what
    # names a rendered page in the memo of ``generator.outputs.render``.
    def __getstate__(self) -> dict[Any, Any]:
        state = super().__getstate__()
        state["__pydantic_fields_set__"] = sorted(state["__pydantic_fields_set__"])
        return state

    def __setstate__(self, state: dict[Any, Any]) -> None:
        fields = set(state["__pydantic_fields_set__"])
        super().__setstate__({**state, "__pydantic_fields_set__": fields})


_RATINGS = tuple(r.id for r in criteria_set().ratings)
_ONLY_IF_APPLICABLE = ", ".join(
    repr(c.name) for c in criteria_set().criteria if c.allows_not_applicable
)
CriterionRating: TypeAlias = Annotated[
    str,
    OneOf(
        tuple(r for r in _RATINGS if r != "not_applicable"),
        "How far the criterion is met.",
        notes=(("not_applicable", f"only {_ONLY_IF_APPLICABLE} may be rated so"),),
    ),
]
RatingId: TypeAlias = Annotated[
    str, OneOf(_RATINGS, "How far the criterion is met, or not_applicable.")
]


class Organisation(Part):
    name: PlainText
    role: InlineText | None = Field(None, description="What the organisation did in the practice.")


class Period(Part):
    """When the practice ran; 'ended' is not before 'started'."""

    started: Year = Field(description="Year the practice started.")
    ended: Year | None = Field(None, description="Year it ended; leave out while it runs.")
    note: BlockText | None = Field(None, description="What the source says about timing, in words.")

    @model_validator(mode="after")
    def _ended_after_start(self) -> Period:
        if self.ended is not None and self.ended < self.started:
            raise ValueError(
                f"expected 'ended' ({self.ended}) not before 'started' ({self.started})"
            )
        return self


class AgeRange(Part):
    """The ages the practice serves; 'min' is not above 'max'."""

    min: Age | None = None
    max: Age | None = None

    @model_validator(mode="after")
    def _min_not_above_max(self) -> AgeRange:
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"expected 'min' ({self.min}) not above 'max' ({self.max})")
        return self


class Driver(Part):
    kind: DriverKind
    text: InlineText


class Step(Part):
    title: PlainText
    text: InlineText
    phase: Phase | None = Field(
        None, description="The placement phase of this step, where the source makes it clear."
    )


class SuccessFactor(Part):
    title: PlainText | None = None
    text: InlineText


class KeyFigure(Part):
    """A number the source gives, kept comparable across practices.

    'value_max' is above 'value'; 'source' is the id of an entry in the record's sources.
    """

    value: Figure
    value_max: Figure | None = Field(None, description="Upper end of a range (12-20).")
    qualifier: Qualifier | None = None
    unit: PlainText = Field(description="What is counted: 'people', '%', 'social workers' ...")
    what: PlainText = Field(description="What the number measures, in a few words.")
    year: Year | None = None
    source: Slug = Field(description="The id of an entry in this record's sources.")


class Link(Part):
    title: PlainText
    url: Url


class Resource(Part):
    title: PlainText
    url: Url | None = None


class Contact(Part):
    """Contacts are personal data: names, e-mails and phones appear only with publish: true."""

    organisation: PlainText
    role: PlainText | None = None
    name: PlainText | None = None
    email: PlainText | None = None
    phone: PlainText | None = None
    address: PlainText | None = None
    url: Url | None = None
    publish: bool = Field(False, description="Publish the person's name, e-mail and phone.")


class Source(Part):
    id: Slug
    citation: InlineText
    url: Url | None = None
    cited_in: Slug | None = Field(
        None, description="The id of the source that cites this one, when read second-hand."
    )


class CriterionAssessment(Part):
    """A criterion's rating; 'met' and 'partly' need 'evidence' and its 'source' (an id of
    the record's sources)."""

    model_config = ConfigDict(
        json_schema_extra={
            "if": {"required": ["rating"], "properties": {"rating": {"enum": ["met", "partly"]}}},
            "then": {"allOf": [present("evidence"), present("source")]},
        }
    )

    rating: CriterionRating
    evidence: InlineText | None = Field(None, description="Why this rating, in the record's words.")
    source: Slug | None = Field(None, description="The id of the source the evidence rests on.")

    @model_validator(mode="after")
    def _evidence_when_rated(self) -> CriterionAssessment:
        if self.rating in ("met", "partly"):
            if self.evidence is None:
                raise ValueError(f"expected 'evidence' for rating {self.rating!r}; found none")
            if self.source is None:
                raise ValueError(f"expected 'source' for rating {self.rating!r}; found none")
        return self


class CriterionAssessmentIfApplicable(CriterionAssessment):
    """The rating of a criterion that applies only to some practices: it may be
    'not_applicable'."""

    rating: RatingId


def _criteria_model() -> type[Part]:
    fields: dict[str, Any] = {
        c.id: (
            CriterionAssessmentIfApplicable if c.allows_not_applicable else CriterionAssessment,
            Field(description=f"{c.name}: {c.definition}"),
        )
        for c in criteria_set().criteria
    }
    return create_model("Criteria", __base__=Part, **fields)


Criteria = _criteria_model()


class Practice(Part):
    """One good practice, from either source template.

    Rules across fields and files: 'id' is the file name without '.yaml'; the ids of
    'sources' differ; every 'source' names one of them; 'related_practices' are ids of
    other records in practices/. Text fields hold Markdown: handbook validate also checks
    the links and the markup in them (see How to add a practice).
    """

    id: PracticeId = Field(
        description="Unique id; the record's file name without '.yaml'. Not 'index'."
    )
    template: TemplateId
    title: PlainText
    title_en: PlainText | None = Field(
        None, description="English title, when 'title' is not English."
    )
    country: CountryCode
    organisations: Annotated[list[Organisation], Field(min_length=1)]
    scope: Scope
    period: Period
    placement_phase: Annotated[list[Phase], Field(min_length=1), Unique()]
    placement_phase_note: InlineText | None = Field(
        None, description="How the phases were read from the source, when it does not name them."
    )
    target_groups: Annotated[list[TargetGroup], Field(min_length=1), Unique()]
    target_group_text: BlockText | None = Field(None, description="The target group in words.")
    age_range: AgeRange | None = None
    themes: Annotated[list[Theme], Unique()] = []
    summary: InlineText
    goal: BlockText | None = None
    objectives: list[InlineText] = []
    driver: Driver | None = None
    steps: list[Step] = []
    activities: list[InlineText] = []
    validation: BlockText | None = None
    impact: BlockText | None = None
    outputs: list[InlineText] = []
    outcomes: BlockText | None = None
    key_figures: list[KeyFigure] = []
    success_factors: list[SuccessFactor] = []
    lessons_learnt: list[InlineText] = []
    sustainability: BlockText | None = None
    funding: BlockText | None = None
    resources: list[InlineText] = []
    links: list[Link] = []
    related_resources: list[Resource] = []
    contacts: list[Contact] = []
    related_practices: Annotated[list[Slug], Unique()] = []
    sources: Annotated[list[Source], Field(min_length=1)]
    criteria: Criteria  # type: ignore[valid-type]
    last_reviewed: Date

    @property
    def assessments(self) -> dict[str, CriterionAssessment]:
        return {c.id: getattr(self.criteria, c.id) for c in criteria_set().criteria}
