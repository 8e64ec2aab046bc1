"""The comparison data: one row per practice, written as CSV or as versioned JSON.

The rows are built here once and serve the ``handbook export`` command, the downloads
``compare/practices.csv`` and ``compare/practices.json``, and the practice finder's data.
They hold no personal data: contacts are never exported, whatever their ``publish`` flag.

The JSON document has a fixed, versioned shape (``format`` and ``version`` say which); its
JSON Schema is ``export_schema()``, committed as ``schema/export.schema.json``. A change that
removes or renames a field raises ``VERSION``; adding a field does not.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, create_model

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
from generator.outputs import spreadsheet
from generator.outputs.render import figure_text

FORMAT = "inclusion-handbook/practices"
VERSION = 1
LIST_SEPARATOR = "; "


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

    def text(self) -> str:
        """'about 6000 people: People placed and trained (2018)', as in the CSV."""
        year = f" ({self.year})" if self.year is not None else ""
        return f"{figure_text(self, thousands='')}: {self.what}{year}"


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
    criteria: list[ExportCriterion] = Field(description="The seven criteria, in order.")
    ratings: list[ExportRating]
    vocabularies: dict[str, dict[str, str]] = Field(
        description="Labels of the ids used in scope, placement_phases, target_groups, "
        "themes and key_figures[].qualifier."
    )
    practices: list[ExportPractice]


_VOCABULARIES = ("scopes", "placement_phases", "target_groups", "themes", "figure_qualifiers")


def _in_vocabulary_order(values: Iterable[str], vocabulary: str) -> list[str]:
    order = list(vocabularies()[vocabulary])
    return sorted(values, key=order.index)


def export_row(practice: Practice) -> ExportPractice:
    return ExportPractice(
        id=practice.id,
        title=practice.title,
        title_en=practice.title_en,
        country=practice.country,
        country_name=country_name(practice.country),
        scope=practice.scope,
        started=practice.period.started,
        ended=practice.period.ended,
        placement_phases=_in_vocabulary_order(practice.placement_phase, "placement_phases"),
        target_groups=_in_vocabulary_order(practice.target_groups, "target_groups"),
        themes=_in_vocabulary_order(practice.themes, "themes"),
        organisations=[o.name for o in practice.organisations],
        summary=practice.summary,
        criteria=ExportRatings(**{k: a.rating for k, a in practice.assessments.items()}),
        key_figures=[
            ExportFigure(
                value=k.value,
                value_max=k.value_max,
                qualifier=k.qualifier,
                unit=k.unit,
                what=k.what,
                year=k.year,
            )
            for k in practice.key_figures
        ],
        page=html(PRACTICE_PAGE.of(practice.id)),
        last_reviewed=practice.last_reviewed,
    )


def export_rows(catalog: Catalog) -> list[ExportPractice]:
    """One row per practice, in the catalog's order (by id)."""
    return [export_row(p) for p in catalog.practices]


def ratings_of(row: ExportPractice) -> dict[str, str]:
    """Criterion id -> rating, in the order of the criteria."""
    return {c.id: getattr(row.criteria, c.id) for c in criteria_set().criteria}


def export_document(rows: list[ExportPractice]) -> ExportDocument:
    criteria = criteria_set()
    return ExportDocument(
        format=FORMAT,
        version=VERSION,
        criteria=[ExportCriterion(id=c.id, name=c.name) for c in criteria.criteria],
        ratings=[ExportRating(id=r.id, label=r.label) for r in criteria.ratings],
        vocabularies={name: dict(vocabularies()[name]) for name in _VOCABULARIES},
        practices=rows,
    )


def json_text(rows: list[ExportPractice]) -> str:
    data = export_document(rows).model_dump(mode="json")
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


def csv_row(row: ExportPractice) -> list[str]:
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
        "key_figures": LIST_SEPARATOR.join(k.text() for k in row.key_figures),
        "page": row.page,
    }
    numbers = {
        "started": str(row.started),
        "ended": "" if row.ended is None else str(row.ended),
        "last_reviewed": row.last_reviewed.isoformat(),
    }
    return [numbers[c] if c in numbers else texts[c] for c in csv_columns()]


def csv_text(rows: list[ExportPractice]) -> str:
    """The rows as CSV with a header row, made safe for spreadsheets (see spreadsheet.py)."""
    return spreadsheet.csv_text(csv_columns(), [csv_row(r) for r in rows])


def export_schema() -> dict[str, Any]:
    schema = ExportDocument.model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **schema,
    }


def export_schema_text() -> str:
    return json.dumps(export_schema(), indent=2, ensure_ascii=False) + "\n"


def export_text(catalog: Catalog, kind: Literal["csv", "json"]) -> str:
    rows = export_rows(catalog)
    return csv_text(rows) if kind == "csv" else json_text(rows)
