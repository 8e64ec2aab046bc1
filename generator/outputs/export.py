"""The comparison data: one row per practice, written as CSV or as versioned JSON.

The rows are built here once and serve the ``handbook export`` command, the downloads
``compare/practices.csv`` and ``compare/practices.json``, and the practice finder's data.
They hold no personal data: contacts are never exported, whatever their ``publish`` flag.

The JSON document has a fixed, versioned shape (``format`` and ``version`` say which); its
JSON Schema is ``export_schema()``, committed as ``schema/export.schema.json``. A change that
removes or renames a field raises ``VERSION``; adding a field does not.

An export in another language (``export_text(..., language=site_language(catalog, "nb"))``)
gives the texts (summaries, English titles, key figures' units and descriptions, country
names, criterion names, rating and vocabulary labels) in that language where a usable
translation exists (``generator.translate.reading``), else in English. Its JSON says
``"language": "nb"`` and, in ``languages`` (the document's, and each practice's), the path of
every text that is still in English: ``{"summary": "en", "key_figures[0].what": "en"}``. An
English export has neither field, byte for byte as before. Ids, numbers, years and dates are
the same in every language, and so are names (titles, organisations).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from functools import partial
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, create_model

from generator.addresses import PRACTICE_PAGE, html
from generator.catalog.catalog import Catalog
from generator.model.criteria import criteria_set
from generator.model.practice import (
    Phase,
    Practice,
    Qualifier,
    RatingId,
    Scope,
    TargetGroup,
    Theme,
)
from generator.model.vocabulary import CountryCode, country_name, vocabularies
from generator.outputs import language as languages
from generator.outputs import spreadsheet
from generator.outputs.language import ENGLISH, SOURCE, Language
from generator.outputs.render import figure_text
from generator.reuse import reused

FORMAT = "inclusion-handbook/practices"
VERSION = 1
LIST_SEPARATOR = "; "

LanguageCode = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}$")]
FieldLanguages = dict[str, LanguageCode]
_LANGUAGES_DESCRIPTION = (
    "Only in an export in another language than English: the path of each text field "
    "below that has no usable translation (as 'summary', 'key_figures[0].what') -> the "
    "language it is in ('en'). A text not named here is in the document's language."
)


class _Shape(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ExportFigure(_Shape):
    """A key figure, as the record gives it."""

    value: int | float
    value_max: int | float | None = Field(description="Upper end of a range, or null.")
    qualifier: Qualifier | None
    unit: str = Field(description="What is counted: 'people', '%', 'social workers' ...")
    what: str = Field(description="What the number measures.")
    year: int | None = Field(description="The year the number refers to, or null.")

    def text(self, qualifiers: dict[str, str] | None = None) -> str:
        """'about 6000 people: People placed and trained (2018)', as in the CSV: the number
        as English writes it, in any language; ``qualifiers`` labels the qualifier (default:
        the English labels)."""
        year = f" ({self.year})" if self.year is not None else ""
        with languages.speaking(ENGLISH):  # the number stays machine-readable
            if qualifiers is None or self.qualifier is None:
                amount = figure_text(self, thousands="")
            else:
                bare = figure_text(self.model_copy(update={"qualifier": None}), thousands="")
                amount = f"{qualifiers[self.qualifier]} {bare}"
        return f"{amount}: {self.what}{year}"


def _ratings_shape() -> type[_Shape]:
    fields: dict[str, Any] = {
        c.id: (RatingId, Field(description=c.name)) for c in criteria_set().criteria
    }
    return create_model("ExportRatings", __base__=_Shape, **fields)


ExportRatings = _ratings_shape()


class ExportPractice(_Shape):
    """One practice: the facts that compare across practices, without personal data."""

    id: str = Field(description=f"The record's id; its page is {html(PRACTICE_PAGE.of('ID'))}.")
    title: str
    title_en: str | None = Field(description="English title, when the title is not English.")
    country: CountryCode
    country_name: str
    scope: Scope
    started: int = Field(description="Year the practice started.")
    ended: int | None = Field(description="Year it ended, or null while it runs.")
    placement_phases: list[Phase]
    target_groups: list[TargetGroup]
    themes: list[Theme]
    organisations: list[str] = Field(description="Names of the organisations involved.")
    summary: str
    criteria: ExportRatings = Field(  # type: ignore[valid-type]
        description="Criterion id -> rating: met, partly, not_evidenced or not_applicable."
    )
    key_figures: list[ExportFigure]
    page: str = Field(description="The practice's page, relative to the site's root.")
    last_reviewed: dt.date
    languages: FieldLanguages | None = Field(default=None, description=_LANGUAGES_DESCRIPTION)


class ExportCriterion(_Shape):
    id: str
    name: str


class ExportRating(_Shape):
    id: str
    label: str


class ExportDocument(_Shape):
    """Inclusion Handbook practices for comparison, one entry per practice."""

    format: Literal["inclusion-handbook/practices"]
    version: Literal[1]
    language: LanguageCode | None = Field(
        default=None,
        description="The language of the texts (such as 'nb'), left out in English, the "
        "source. Texts without a usable translation stay in English: each 'languages' "
        "names them.",
    )
    criteria: list[ExportCriterion] = Field(description="The seven criteria, in order.")
    ratings: list[ExportRating]
    vocabularies: dict[str, dict[str, str]] = Field(
        description="Labels of the ids used in scope, placement_phases, target_groups, "
        "themes and key_figures[].qualifier."
    )
    practices: list[ExportPractice]
    languages: FieldLanguages | None = Field(default=None, description=_LANGUAGES_DESCRIPTION)


class _Texts:
    """The texts of one exported object in a language, and the paths of those left in English."""

    def __init__(self, language: Language) -> None:
        self.language = language
        self.english: dict[str, str] = {}

    def __call__(self, value: str, path: str) -> str:
        if self.language.is_source or value not in self.language.sources:
            return value  # English, or a name (not translated in any language)
        shown = self.language.texts.get(value)
        if shown is None:
            self.english[path] = SOURCE
            return value
        return shown

    def fallbacks(self) -> FieldLanguages | None:
        return None if self.language.is_source else dict(sorted(self.english.items()))


_VOCABULARIES = ("scopes", "placement_phases", "target_groups", "themes", "figure_qualifiers")


def _in_vocabulary_order(values: Iterable[str], vocabulary: str) -> list[str]:
    order = list(vocabularies()[vocabulary])
    return sorted(values, key=order.index)


def export_row(practice: Practice, language: Language = ENGLISH) -> ExportPractice:
    shown = _Texts(language)
    with languages.speaking(language):
        country = languages.country(practice.country, country_name(practice.country))
    figures = [
        ExportFigure(
            value=k.value,
            value_max=k.value_max,
            qualifier=k.qualifier,
            unit=shown(k.unit, f"key_figures[{n}].unit"),
            what=shown(k.what, f"key_figures[{n}].what"),
            year=k.year,
        )
        for n, k in enumerate(practice.key_figures)
    ]
    return ExportPractice(
        id=practice.id,
        title=practice.title,
        title_en=None if practice.title_en is None else shown(practice.title_en, "title_en"),
        country=practice.country,
        country_name=country,
        scope=practice.scope,
        started=practice.period.started,
        ended=practice.period.ended,
        placement_phases=_in_vocabulary_order(practice.placement_phase, "placement_phases"),
        target_groups=_in_vocabulary_order(practice.target_groups, "target_groups"),
        themes=_in_vocabulary_order(practice.themes, "themes"),
        organisations=[o.name for o in practice.organisations],
        summary=shown(practice.summary, "summary"),
        criteria=ExportRatings(**{k: a.rating for k, a in practice.assessments.items()}),
        key_figures=figures,
        page=html(PRACTICE_PAGE.of(practice.id)),
        last_reviewed=practice.last_reviewed,
        languages=shown.fallbacks(),
    )


def export_rows(catalog: Catalog, language: Language = ENGLISH) -> list[ExportPractice]:
    """One row per practice, in the catalog's order (by id), with its texts in ``language``."""
    return [
        reused("export-row", (p, language), partial(export_row, p, language))
        for p in catalog.practices
    ]


def ratings_of(row: ExportPractice) -> dict[str, str]:
    """Criterion id -> rating, in the order of the criteria."""
    return {c.id: getattr(row.criteria, c.id) for c in criteria_set().criteria}


def _labels(shown: _Texts) -> dict[str, dict[str, str]]:
    return {
        name: {
            term: shown(text, f"vocabularies.{name}.{term}")
            for term, text in vocabularies()[name].items()
        }
        for name in _VOCABULARIES
    }


def export_document(rows: list[ExportPractice], language: Language = ENGLISH) -> ExportDocument:
    criteria = criteria_set()
    shown = _Texts(language)
    return ExportDocument(
        format=FORMAT,
        version=VERSION,
        language=None if language.is_source else language.code,
        criteria=[
            ExportCriterion(id=c.id, name=shown(c.name, f"criteria[{n}].name"))
            for n, c in enumerate(criteria.criteria)
        ],
        ratings=[
            ExportRating(id=r.id, label=shown(r.label, f"ratings[{n}].label"))
            for n, r in enumerate(criteria.ratings)
        ],
        vocabularies=_labels(shown),
        practices=rows,
        languages=shown.fallbacks(),
    )


# What an English export leaves out: its JSON is as it was before languages.
_ENGLISH_ONLY: Any = {"language": True, "languages": True, "practices": {"__all__": {"languages"}}}


def json_text(rows: list[ExportPractice], language: Language = ENGLISH) -> str:
    document = export_document(rows, language)
    data = document.model_dump(mode="json", exclude=_ENGLISH_ONLY if language.is_source else None)
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def csv_columns() -> list[str]:
    criteria = [f"criterion_{c.id}" for c in criteria_set().criteria]
    return [
        "id",
        "title",
        "title_en",
        "country",
        "country_name",
        "scope",
        "started",
        "ended",
        "placement_phases",
        "target_groups",
        "themes",
        "organisations",
        "summary",
        *criteria,
        "key_figures",
        "page",
        "last_reviewed",
    ]


def csv_row(row: ExportPractice, qualifiers: dict[str, str] | None = None) -> list[str]:
    """The CSV cells of ``row``; ``qualifiers`` labels the key figures' qualifiers (default:
    in English)."""
    texts = {
        "id": row.id,
        "title": row.title,
        "title_en": row.title_en or "",
        "country": row.country,
        "country_name": row.country_name,
        "scope": row.scope,
        "placement_phases": LIST_SEPARATOR.join(row.placement_phases),
        "target_groups": LIST_SEPARATOR.join(row.target_groups),
        "themes": LIST_SEPARATOR.join(row.themes),
        "organisations": LIST_SEPARATOR.join(row.organisations),
        "summary": row.summary,
        **{f"criterion_{k}": v for k, v in ratings_of(row).items()},
        "key_figures": LIST_SEPARATOR.join(k.text(qualifiers) for k in row.key_figures),
        "page": row.page,
    }
    numbers = {
        "started": str(row.started),
        "ended": "" if row.ended is None else str(row.ended),
        "last_reviewed": row.last_reviewed.isoformat(),
    }
    return [numbers[c] if c in numbers else texts[c] for c in csv_columns()]


def csv_text(rows: list[ExportPractice], language: Language = ENGLISH) -> str:
    """The rows as CSV with a header row, made safe for spreadsheets (see spreadsheet.py);
    the key figures' qualifiers labelled in ``language``."""
    qualifiers = None
    if not language.is_source:
        qualifiers = _labels(_Texts(language))["figure_qualifiers"]
    return spreadsheet.csv_text(csv_columns(), [csv_row(r, qualifiers) for r in rows])


def export_schema() -> dict[str, Any]:
    schema = ExportDocument.model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **schema,
    }


def export_schema_text() -> str:
    return json.dumps(export_schema(), indent=2, ensure_ascii=False) + "\n"


def export_text(
    catalog: Catalog, kind: Literal["csv", "json"], language: Language = ENGLISH
) -> str:
    """The export of ``catalog`` as ``kind``, its texts in ``language``
    (``generator.translate.reading.site_language``; English by default)."""
    rows = export_rows(catalog, language)
    return csv_text(rows, language) if kind == "csv" else json_text(rows, language)
