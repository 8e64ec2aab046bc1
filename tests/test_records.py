"""The shipped records hold the seeds' facts and figures, sourced, and no personal data goes public.

The expectations below are read from the two seed documents in ../shared/seeds/.
"""

from __future__ import annotations

import re

import pytest

from generator.catalog.catalog import load_catalog
from generator.load.project import Project
from generator.model.practice import Practice
from tests.conftest import ROOT
from tests.fields import shown_strings

# (practice id, value, value_max, words of the unit or description, year or None)
SEED_FIGURES = [
    ("p1824-drammen", 428, None, "social assistance", 2007),
    ("p1824-drammen", 75, None, "motivat", 2007),
    ("p1824-drammen", 50, None, "reduction", None),
    ("p1824-drammen", 8, None, "social workers", None),
    ("p1824-drammen", 440, None, "course", None),
    ("p1824-drammen", 4, None, "weeks", None),
    ("p1824-drammen", 75, None, "no longer depend", None),
    ("p1824-drammen", 9, None, "scale of 1 to 10", None),
    ("p1824-drammen", 8, None, "conference", None),
    ("p1824-drammen", 40, None, "active", None),
    ("p1824-drammen", 24, None, "still", None),
    ("p1824-drammen", 14, None, "older tha", None),
    ("arbeid-med-bistand", 80, None, "work experience", None),
    ("arbeid-med-bistand", 35, None, "paid jobs", None),
    ("nav-supported-employment", 183000, None, "reduced working capacit", None),
    ("nav-supported-employment", 45000, None, "under the age of 30", None),
    ("nav-supported-employment", 80, None, "youth teams", None),
    ("nav-supported-employment", 200, None, "Individual Placement and Support", None),
    ("nav-supported-employment", 12, 20, "caseload", None),
    ("nav-supported-employment", 6000, None, "placed and trained", 2018),
    ("nav-supported-employment", 1, None, "one-third", 2020),
]

# Dates and other numbers the seeds give, which live in the records' text and periods.
SEED_TEXT = {
    "arbeid-med-bistand": [
        "1970s",
        "1980s",
        "1992",
        "1995",
        "1996",
        "2004",
        "2016",
        "Arbeidsmarkedsloven",
        "Oppfølging",
        "Sæther",
    ],
    "p1824-drammen": [
        "2007",
        "2008",
        "2010",
        "18 to 24",
        "Klart jeg kan",
        "Ungteam",
        "Reference Committee",
        "three main strategies",
    ],
    "nav-supported-employment": [
        "2016",
        "2018",
        "2020",
        "2021",
        "wage subsidies",
        "mentoring scheme",
        "inclusion grant",
        "market advisors",
    ],
}


@pytest.fixture(scope="module")
def practices() -> dict[str, Practice]:
    catalog, _ = load_catalog(Project(ROOT))
    return {p.id: p for p in catalog.practices}


def _shown_text(practice: Practice) -> str:
    """The text values of the record that its page shows as text (no ids, dates, addresses)."""
    return "\n".join(shown_strings(practice.model_dump(mode="json")))


@pytest.mark.parametrize(("practice_id", "value", "value_max", "words", "year"), SEED_FIGURES)
def test_seed_figure_is_a_sourced_key_figure(
    practices: dict[str, Practice],
    practice_id: str,
    value: int,
    value_max: int | None,
    words: str,
    year: int | None,
) -> None:
    practice = practices[practice_id]
    matches = [
        k
        for k in practice.key_figures
        if k.value == value
        and k.value_max == value_max
        and words.lower() in f"{k.unit} {k.what}".lower()
        and (year is None or k.year == year)
    ]
    assert matches, f"{practice_id}: no key figure {value} ({words})"
    assert all(k.source in {s.id for s in practice.sources} for k in matches)


@pytest.mark.parametrize(
    ("practice_id", "words"), [(pid, w) for pid, ws in SEED_TEXT.items() for w in ws]
)
def test_seed_fact_is_in_the_record(
    practices: dict[str, Practice], practice_id: str, words: str
) -> None:
    text = _shown_text(practices[practice_id])
    assert re.search(rf"(?<!\w){re.escape(words)}(?!\w)", text), f"{words!r} is not shown"


def test_periods_match_the_seeds(practices: dict[str, Practice]) -> None:
    assert practices["arbeid-med-bistand"].period.started == 1996
    assert (practices["p1824-drammen"].period.started, practices["p1824-drammen"].period.ended) == (
        2007,
        2010,
    )
    assert practices["nav-supported-employment"].period.started == 2016


def test_templates_match_the_seeds(practices: dict[str, Practice]) -> None:
    assert practices["arbeid-med-bistand"].template == "igma3"
    assert practices["p1824-drammen"].template == "igma3"
    assert practices["nav-supported-employment"].template == "pes-fiche"


def test_no_contact_is_published(practices: dict[str, Practice]) -> None:
    contacts = [c for p in practices.values() for c in p.contacts]
    assert contacts, "the seeds name contacts; the records keep them"
    assert not any(c.publish for c in contacts)


def test_gender_sensitivity_is_not_evidenced_where_the_seeds_are_silent(
    practices: dict[str, Practice],
) -> None:
    for practice in practices.values():
        assert practice.assessments["gender_sensitive"].rating == "not_evidenced"
