"""The practice record: one normalised model for both source templates.

A record comes from the igma3 good-practice template or from the European PES Network practice
fiche (``template:``). Fields one template lacks are optional, and pages leave out what a record
does not have. Every record assesses the seven criteria of ``generator/data/criteria.yaml``.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, TypeAlias
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    create_model,
    model_validator,
)

from generator.model.criteria import criteria_set
from generator.model.vocabulary import CountryCode, OneOf, terms_of
from generator.text.subset import Kind, TextKind

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
# The kinds of record text (see generator/text/subset.py): what each field may contain.
PlainText = Annotated[Text, TextKind(Kind.PLAIN)]  # titles, names: no Markdown
InlineText = Annotated[Text, TextKind(Kind.INLINE)]  # one paragraph
BlockText = Annotated[Text, TextKind(Kind.BLOCK)]  # paragraphs, lists, tables
Slug = Annotated[
    str, StringConstraints(pattern=SLUG_PATTERN, max_length=80), Field(examples=["p1824-drammen"])
]
Year = Annotated[int, Field(ge=1900, le=2100)]

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
RatingId: TypeAlias = Annotated[
    str,
    OneOf(tuple(r.id for r in criteria_set().ratings), "How far the criterion is met."),
]

_ALLOWED_SCHEMES = ("http", "https", "mailto")


def _check_url(value: str) -> str:
    parts = urlsplit(value.strip())
    if parts.scheme.lower() not in _ALLOWED_SCHEMES:
        raise ValueError(f"expected an http://, https:// or mailto: address; found {value!r}")
    if parts.scheme.lower() in ("http", "https") and not parts.netloc:
        raise ValueError(f"expected a web address with a host name; found {value!r}")
    if re.search(r"[\s<>\"]", value.strip()):
        raise ValueError(f"expected an address without spaces, quotes or <>; found {value!r}")
    return value.strip()


Url = Annotated[
    str,
    AfterValidator(_check_url),
    Field(json_schema_extra={"format": "uri", "pattern": r"^(https?://|mailto:)"}),
]


def _unique(values: list[Any]) -> list[Any]:
    seen = set()
    for value in values:
        if value in seen:
            raise ValueError(f"expected each value once; found {value!r} twice")
        seen.add(value)
    return values


class Record(BaseModel):
    """Base of every record part: unknown keys are errors, text is stripped."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Organisation(Record):
    name: PlainText
    role: InlineText | None = Field(None, description="What the organisation did in the practice.")


class Period(Record):
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


class AgeRange(Record):
    min: Annotated[int, Field(ge=0, le=120)] | None = None
    max: Annotated[int, Field(ge=0, le=120)] | None = None


class Driver(Record):
    kind: DriverKind
    text: InlineText


class Step(Record):
    title: PlainText
    text: InlineText
    phase: Phase | None = Field(
        None, description="The placement phase of this step, where the source makes it clear."
    )


class SuccessFactor(Record):
    title: PlainText | None = None
    text: InlineText


class KeyFigure(Record):
    """A number the source gives, kept comparable across practices."""

    value: int | float
    value_max: int | float | None = Field(None, description="Upper end of a range (12-20).")
    qualifier: Qualifier | None = None
    unit: PlainText = Field(description="What is counted: 'people', '%', 'social workers' ...")
    what: PlainText = Field(description="What the number measures, in a few words.")
    year: Year | None = None
    source: Slug = Field(description="The id of an entry in this record's sources.")


class Link(Record):
    title: PlainText
    url: Url


class Resource(Record):
    title: PlainText
    url: Url | None = None


class Contact(Record):
    """Contacts are personal data: names, e-mails and phones appear only with publish: true."""

    organisation: PlainText
    role: PlainText | None = None
    name: PlainText | None = None
    email: PlainText | None = None
    phone: PlainText | None = None
    address: PlainText | None = None
    url: Url | None = None
    publish: bool = Field(False, description="Publish the person's name, e-mail and phone.")


class Source(Record):
    id: Slug
    citation: InlineText
    url: Url | None = None
    cited_in: Slug | None = Field(
        None, description="The id of the source that cites this one, when read second-hand."
    )


class CriterionAssessment(Record):
    rating: RatingId
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


def _criteria_model() -> type[Record]:
    fields: dict[str, Any] = {
        c.id: (CriterionAssessment, Field(description=f"{c.name}: {c.definition}"))
        for c in criteria_set().criteria
    }
    return create_model("Criteria", __base__=Record, **fields)


Criteria = _criteria_model()


class Practice(Record):
    """One good practice, from either source template."""

    id: Slug = Field(description="Unique id; the record's file name without '.yaml'.")
    template: TemplateId
    title: PlainText
    title_en: PlainText | None = Field(
        None, description="English title, when 'title' is not English."
    )
    country: CountryCode
    organisations: Annotated[list[Organisation], Field(min_length=1)]
    scope: Scope
    period: Period
    placement_phase: Annotated[list[Phase], Field(min_length=1), AfterValidator(_unique)]
    placement_phase_note: InlineText | None = Field(
        None, description="How the phases were read from the source, when it does not name them."
    )
    target_groups: Annotated[list[TargetGroup], Field(min_length=1), AfterValidator(_unique)]
    target_group_text: BlockText | None = Field(None, description="The target group in words.")
    age_range: AgeRange | None = None
    themes: Annotated[list[Theme], AfterValidator(_unique)] = []
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
    related_practices: Annotated[list[Slug], AfterValidator(_unique)] = []
    sources: Annotated[list[Source], Field(min_length=1)]
    criteria: Criteria  # type: ignore[valid-type]
    last_reviewed: dt.date

    @property
    def assessments(self) -> dict[str, CriterionAssessment]:
        return {c.id: getattr(self.criteria, c.id) for c in criteria_set().criteria}
