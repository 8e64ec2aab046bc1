"""Comparison across practices: the finder, the matrices, side by side, the summary, downloads.

Every page here works from ``file://``: the finder and the side-by-side view read their data
from generated scripts (``compare/practices.js``, and ``compare/data/ID.js`` for the fields only
the side-by-side view shows), never by fetching JSON. Record text reaches those pages only
through the data scripts, as its words without Markdown (``plain_text``), and
``overrides/assets/javascripts/compare.js`` writes it as text.

The data is in the language being built (``generator.outputs.language.current``): record
texts, labels, criterion and country names in their translation where one is usable, else in
English. In a build in another language every object with texts has a field ``en``, the names
of its texts left in English (``"summary"``, ``"objectives.0"``, ``"evidence.effective"``), so
that compare.js marks them ``lang="en"``; the English site's data has no such field, byte for
byte as before.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from generator.addresses import (
    FINDER,
    FINDER_DATA,
    MATRIX,
    PRACTICE_DETAILS,
    PRACTICE_PAGE,
    PRACTICES_CSV,
    PRACTICES_JSON,
    PRACTICES_SCHEMA,
    SIDE_BY_SIDE,
    SUMMARY,
    built_link,
    relative,
)
from generator.catalog.catalog import Catalog
from generator.model.criteria import criteria_set
from generator.model.practice import KeyFigure, Practice
from generator.model.vocabulary import label, vocabularies
from generator.outputs.export import (
    ExportPractice,
    csv_text,
    export_rows,
    export_schema_text,
    json_text,
    ratings_of,
)
from generator.outputs.language import current, record_text, ui_text
from generator.outputs.page import Page
from generator.outputs.render import figure_text, period_text, render
from generator.reuse import reused
from generator.text.html import plain_text

FINDER_FORMAT = "inclusion-handbook/finder"
FINDER_VERSION = 2  # 2: named fields, practice_fields
TEASER_LENGTH = 120  # characters of a summary shown in the finder (and searched by it)
# Where the finder's script finds a practice's page and data, from a page in compare/.
PRACTICE_URL = built_link(FINDER.pattern, PRACTICE_PAGE.pattern).format("{id}")
DETAILS_URL = relative(FINDER.pattern, PRACTICE_DETAILS.pattern).format("{id}")


@dataclass(frozen=True)
class FacetValue:
    id: str
    label: str
    count: int  # practices with this value in the whole catalogue


@dataclass(frozen=True)
class Facet:
    """One group of filters: its URL parameter, its legend, the values found in the catalogue."""

    key: str
    label: str
    values: tuple[FacetValue, ...]
    of: Callable[[ExportPractice], tuple[str, ...]]
    single: bool  # every practice has exactly one value (a country, a scope, a rating)
    criterion: bool = False

    def index(self, row: ExportPractice) -> int | list[int]:
        """The positions of the row's values; a lone number for a one-value facet."""
        ids = [v.id for v in self.values]
        indexes = sorted(ids.index(value) for value in self.of(row))
        return indexes[0] if self.single else indexes


def _facet(
    key: str,
    title: str,
    rows: list[ExportPractice],
    of: Callable[[ExportPractice], tuple[str, ...]],
    labels: dict[str, str],
    single: bool = False,
    criterion: bool = False,
) -> Facet:
    """A facet over ``labels`` (in their order), keeping only values some practice has."""
    counts = {value: 0 for value in labels}
    for row in rows:
        for value in of(row):
            counts[value] += 1
    values = tuple(FacetValue(v, labels[v], n) for v, n in counts.items() if n)
    return Facet(key, title, values, of, single, criterion)


def facets(rows: list[ExportPractice]) -> list[Facet]:
    """The finder's filters, in the order of the form."""
    countries = dict(sorted({(r.country, r.country_name) for r in rows}, key=lambda c: c[1]))
    vocab = vocabularies()
    ratings = {r.id: r.label for r in criteria_set().ratings}
    filters = [
        _facet("country", ui_text("Country"), rows, lambda r: (r.country,), countries, single=True),
        _facet("scope", ui_text("Scope"), rows, lambda r: (r.scope,), vocab["scopes"], single=True),
        _facet(
            "phase",
            ui_text("Placement phase"),
            rows,
            lambda r: tuple(r.placement_phases),
            vocab["placement_phases"],
        ),
        _facet(
            "group",
            ui_text("Target group"),
            rows,
            lambda r: tuple(r.target_groups),
            vocab["target_groups"],
        ),
        _facet("theme", ui_text("Theme"), rows, lambda r: tuple(r.themes), vocab["themes"]),
    ]
    for c in criteria_set().criteria:
        filters.append(
            _facet(
                c.id,
                c.name,
                rows,
                lambda r, cid=c.id: (ratings_of(r)[cid],),  # type: ignore[misc]
                ratings,
                single=True,
                criterion=True,
            )
        )
    return filters


def teaser(text: str, limit: int = TEASER_LENGTH) -> str:
    """The start of ``text``, cut at a word boundary, at most ``limit`` characters."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:.")
    return cut + "\u2026"


def by_title(rows: list[ExportPractice]) -> list[ExportPractice]:
    return sorted(rows, key=lambda r: (r.title.casefold(), r.id))


# The shape of the data scripts, the one place their field names are spelled. Each kind of
# object names its fields; a field whose value is a list of another kind names that kind.
# Every practice of the finder is one compact array in the order of PRACTICE_FIELDS, which the
# data script carries as ``practice_fields``; everything else is an object with named fields.
# compare.js reads these names and no others (tests/outputs/test_compare_script.py).
# ``en`` (ENGLISH_TEXTS) is only in a build in another language (LANGUAGE_FIELDS).
ENGLISH_TEXTS = "en"
PRACTICE_FIELDS = (
    "id",
    "title",
    "title_en",
    "period",
    "summary",
    "organisations",
    "facets",
    ENGLISH_TEXTS,
)
DATA_SHAPE: dict[str, dict[str, str | None]] = {
    "finder": {
        "format": None,
        "version": None,
        "practice_url": None,
        "details_url": None,
        "criteria": "criterion",
        "facets": "facet",
        "practice_fields": None,
        "practices": "practice",
    },
    "criterion": {"id": None, "name": None, ENGLISH_TEXTS: None},
    "facet": {"key": None, "single": None, "criterion": None, "values": "value"},
    "value": {"id": None, "label": None, ENGLISH_TEXTS: None},
    "practice": dict.fromkeys(PRACTICE_FIELDS),
    "details": {
        "organisations": None,
        "goal": None,
        "objectives": None,
        "steps": "step",
        "activities": None,
        "figures": "figure",
        "success_factors": "factor",
        "funding": None,
        "evidence": None,
        ENGLISH_TEXTS: None,
    },
    "step": {"title": None, "text": None, ENGLISH_TEXTS: None},
    "figure": {"unit": None, "text": None, "what": None, "year": None, ENGLISH_TEXTS: None},
    "factor": {"title": None, "text": None, ENGLISH_TEXTS: None},
}
# Fields for readers of the file rather than for compare.js.
FOR_OTHER_READERS = {"finder": ("format", "version")}
# Fields only in the data of a build in another language than English.
LANGUAGE_FIELDS = (ENGLISH_TEXTS,)


def fields_of(kind: str) -> list[str]:
    """The fields of ``kind`` in the data of the language being built."""
    english = current().is_source
    return [f for f in DATA_SHAPE[kind] if not (english and f in LANGUAGE_FIELDS)]


class _Shown:
    """The texts of one data object in the current language (``record_text``), and the names
    of those left in English, which ``marked`` adds as the object's ``en`` field."""

    def __init__(self) -> None:
        self.english: list[str] = []

    def __call__(self, value: str, name: str) -> str:
        shown, english = record_text(value)
        if english:
            self.english.append(name)
        return shown

    def flag(self, name: str, english: bool) -> None:
        """Name ``name`` as in English when ``english`` (a text looked up elsewhere)."""
        if english:
            self.english.append(name)

    def marked(self, data: dict[str, Any]) -> dict[str, Any]:
        if not current().is_source:
            data[ENGLISH_TEXTS] = self.english
        return data


def period_words(started: int, ended: int | None) -> str:
    """``period_text`` as plain text, for data that is written as text (a translation's own
    characters as they are, not as the character references a page's Markdown needs)."""
    if ended is not None:
        return period_text(started, ended)
    # Translators: the period of a practice that still runs, e.g. "since 2019".
    return ui_text("since %(year)s", year=started)


def practice_row(row: ExportPractice, filters: list[Facet]) -> list[Any]:
    """One practice of the finder, its fields in the order of ``fields_of("practice")``; its
    texts as the row has them (in the language it was exported in)."""
    fallbacks = row.languages or {}
    fields: dict[str, Any] = {
        "id": row.id,
        "title": row.title,
        "title_en": row.title_en or "",
        "period": period_words(row.started, row.ended),
        "summary": teaser(plain_text(row.summary)),
        "organisations": "; ".join(row.organisations),
        "facets": [f.index(row) for f in filters],
        ENGLISH_TEXTS: [name for name in ("title_en", "summary") if name in fallbacks],
    }
    return [fields[name] for name in fields_of("practice")]


def _value(value: FacetValue) -> dict[str, Any]:
    shown = _Shown()
    return shown.marked({"id": value.id, "label": shown(value.label, "label")})


def finder_data(rows: list[ExportPractice], filters: list[Facet]) -> dict[str, Any]:
    """The finder's data: facet values once, then each practice as one compact array; its
    labels and names in the current language."""
    criteria = []
    for c in criteria_set().criteria:
        shown = _Shown()
        criteria.append(shown.marked({"id": c.id, "name": shown(c.name, "name")}))
    return {
        "format": FINDER_FORMAT,
        "version": FINDER_VERSION,
        "practice_url": PRACTICE_URL,
        "details_url": DETAILS_URL,
        "criteria": criteria,
        "facets": [
            {
                "key": f.key,
                "single": f.single,
                "criterion": f.criterion,
                "values": [_value(v) for v in f.values],
            }
            for f in filters
        ],
        "practice_fields": fields_of("practice"),
        "practices": [practice_row(r, filters) for r in by_title(rows)],
    }


def _figure(figure: KeyFigure) -> dict[str, Any]:
    """A key figure for the side-by-side view: its unit, value and description in the current
    language; its text in English where its unit or qualifier is."""
    shown = _Shown()
    unit = shown(figure.unit, "unit")
    what = shown(figure.what, "what")
    text = figure_text(figure.model_copy(update={"unit": unit, "qualifier": None}))
    english_text = "unit" in shown.english
    if figure.qualifier:
        qualifier, english = record_text(label("figure_qualifiers", figure.qualifier))
        text = f"{qualifier} {text}"
        english_text = english_text or english
    shown.flag("text", english_text)
    return shown.marked({"unit": unit, "text": text, "what": what, "year": figure.year})


def practice_details(practice: Practice) -> dict[str, Any]:
    """What only the side-by-side view shows of a practice (never its contacts), its texts in
    the current language.

    Record text as its words alone (``plain_text``): the view writes it as text, never markup.
    """
    shown = _Shown()

    def words(text: str | None, name: str) -> str | None:
        return None if text is None else plain_text(shown(text, name))

    def pair(title: str | None, text: str) -> dict[str, Any]:
        parts = _Shown()
        heading = None if title is None else parts(title, "title")
        return parts.marked({"title": heading, "text": plain_text(parts(text, "text"))})

    return shown.marked(
        {
            "organisations": [o.name for o in practice.organisations],
            "goal": words(practice.goal, "goal"),
            "objectives": [
                plain_text(shown(o, f"objectives.{n}")) for n, o in enumerate(practice.objectives)
            ],
            "steps": [pair(s.title, s.text) for s in practice.steps],
            "activities": [
                plain_text(shown(a, f"activities.{n}")) for n, a in enumerate(practice.activities)
            ],
            "figures": [_figure(k) for k in practice.key_figures],
            "success_factors": [pair(f.title, f.text) for f in practice.success_factors],
            "funding": words(practice.funding, "funding"),
            "evidence": {
                k: words(a.evidence, f"evidence.{k}") for k, a in practice.assessments.items()
            },
        }
    )


def _js(value: Any) -> str:
    """``value`` as a JavaScript literal: JSON, with U+2028 and U+2029 escaped for old engines."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


_HEADER = "/* Generated by Inclusion Handbook from practices/*.yaml; do not edit. */\n"


def finder_script(data: dict[str, Any]) -> str:
    return f"{_HEADER}window.IH_FINDER = {_js(data)};\n"


def details_script(practice: Practice) -> str:
    return reused("details-script", (practice, current()), lambda: _details_script(practice))


def _details_script(practice: Practice) -> str:
    return (
        f"{_HEADER}window.IH_DETAILS = window.IH_DETAILS || {{}};\n"
        f"window.IH_DETAILS[{_js(practice.id)}] = {_js(practice_details(practice))};\n"
    )


def pages(catalog: Catalog) -> Iterator[Page]:
    language = current()
    rows = export_rows(catalog, language)
    filters = facets(rows)
    facet = {f.key: f for f in filters}
    yield Page(
        FINDER.pattern,
        ui_text("Practice finder"),
        render("finder.md.j2", catalog.glossary, FINDER.pattern, facets=filters, total=len(rows)),
    )
    yield Page(
        FINDER_DATA.pattern,
        ui_text("Practice finder data"),
        finder_script(finder_data(rows, filters)),
    )
    yield Page(PRACTICES_CSV.pattern, ui_text("Practices (CSV)"), csv_text(rows, language))
    yield Page(PRACTICES_JSON.pattern, ui_text("Practices (JSON)"), json_text(rows, language))
    yield Page(PRACTICES_SCHEMA.pattern, ui_text("Practices (JSON Schema)"), export_schema_text())
    yield Page(
        MATRIX.pattern,
        ui_text("Criteria matrix"),
        render(
            "matrix.md.j2",
            catalog.glossary,
            MATRIX.pattern,
            rows=by_title(rows),
            phases=facet["phase"],
            groups=facet["group"],
        ),
        from_records=True,
    )
    yield Page(
        SIDE_BY_SIDE.pattern,
        ui_text("Practices side by side"),
        render("side-by-side.md.j2", catalog.glossary, SIDE_BY_SIDE.pattern),
    )
    for practice in catalog.practices:
        yield Page(
            PRACTICE_DETAILS.of(practice.id),
            practice.title,
            details_script(practice),
        )
    yield Page(
        SUMMARY.pattern,
        ui_text("Catalogue summary"),
        render(
            "summary.md.j2",
            catalog.glossary,
            SUMMARY.pattern,
            facet=facet,
            rating_counts={
                c.id: {v.id: v.count for v in facet[c.id].values} for c in criteria_set().criteria
            },
            total=len(rows),
            by_country=_by_country(rows, facet["phase"]),
        ),
    )


def _by_country(rows: list[ExportPractice], phases: Facet) -> list[dict[str, Any]]:
    """Per country: its code, name, number of practices and number per placement phase."""
    table: dict[str, dict[str, Any]] = {}
    for row in sorted(rows, key=lambda r: r.country_name):
        entry = table.setdefault(
            row.country,
            {"code": row.country, "name": row.country_name, "count": 0, "phases": {}},
        )
        entry["count"] += 1
        for phase in row.placement_phases:
            entry["phases"][phase] = entry["phases"].get(phase, 0) + 1
    for entry in table.values():
        entry["phases"] = [(v.id, entry["phases"].get(v.id, 0)) for v in phases.values]
    return list(table.values())
