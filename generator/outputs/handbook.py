"""The handbook: a page per practice, the catalogue, the country pages and the criteria page."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from generator.addresses import (
    CATALOGUE,
    COUNTRIES,
    CRITERIA_PAGE,
    CRITERIA_TITLE,
    PRACTICE_PAGE,
    REPLICATION_PAGE,
    country_page,
)
from generator.catalog.catalog import Catalog
from generator.model.criteria import criteria_set
from generator.model.practice import Practice
from generator.model.vocabulary import country_name
from generator.outputs.language import country, ui_text
from generator.outputs.page import Page
from generator.outputs.render import render


def pages(catalog: Catalog) -> Iterator[Page]:
    practices = catalog.practices
    checklists = {entry.path for entry in catalog.checklist_pages}
    by_id = {p.id: p for p in practices}
    # One lookup table (a scan per practice would be quadratic at scale); reversed, so that
    # the first file of an id wins.
    files = {f.practice.id: f.path.name for f in reversed(catalog.practice_files)}
    records = catalog.project.practices_dir.name
    for practice in practices:
        path = PRACTICE_PAGE.of(practice.id)
        yield Page(
            path,
            practice.title,
            render(
                "practice.md.j2",
                catalog.glossary,
                path,
                practice=practice,
                related=[by_id[i] for i in practice.related_practices if i in by_id],
                record_path=f"{records}/{files[practice.id]}",
                secondary=_cited_in(practice),
                numbers={s.id: n for n, s in enumerate(practice.sources, start=1)},
                review_after_days=catalog.settings.review_after_days,
                has_replication_checklist=REPLICATION_PAGE.of(practice.id) in checklists,
            ),
            from_records=True,
        )
    yield Page(
        CATALOGUE.pattern,
        ui_text("Practice catalogue"),
        render(
            "catalogue.md.j2",
            catalog.glossary,
            CATALOGUE.pattern,
            practices=practices,
            countries=catalog.countries(),
        ),
        from_records=True,
    )
    countries = catalog.countries()
    yield Page(
        COUNTRIES.pattern,
        ui_text("Practices by country"),
        render("countries.md.j2", catalog.glossary, COUNTRIES.pattern, countries=countries),
    )
    for code, members in countries.items():
        path = country_page(code)
        yield Page(
            path,
            country(code, country_name(code)),
            render("country.md.j2", catalog.glossary, path, code=code, practices=members),
            from_records=True,
        )
    yield Page(
        CRITERIA_PAGE,
        ui_text(CRITERIA_TITLE),  # the criteria page's heading, marked in its template
        render(
            "criteria.md.j2",
            catalog.glossary,
            CRITERIA_PAGE,
            rating_counts={
                c.id: Counter(p.assessments[c.id].rating for p in practices)
                for c in criteria_set().criteria
            },
        ),
    )


def _cited_in(practice: Practice) -> dict[str, str]:
    """Source id -> the citation of the source that cites it."""
    citations = {s.id: s.citation for s in practice.sources}
    return {s.id: citations[s.cited_in] for s in practice.sources if s.cited_in in citations}
