"""The search index of the real site: every practice can be found by the words of its summary,
its steps and its criteria evidence; the pages that repeat records' text (replication and
placement-phase checklists, country pages, handouts) are in it by their titles alone, and a
practice page leaves out the parts that repeat other pages (sources, related practices ...)."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

import pytest

from generator.catalog.catalog import load_catalog
from generator.load.project import Project
from tests.conftest import ROOT

WORD = re.compile(r"[^\W\d_]{5,}")
# Sections of a practice page left out of the index: they repeat other pages or carry no
# words a reader searches by.
LEFT_OUT = ("key-figures", "the-seven-criteria", "links", "related-resources", "contacts",
            "related-practices", "replicating-it", "sources")  # fmt: skip


@pytest.fixture(scope="module")
def entries(built_site: Path) -> list[dict[str, Any]]:
    index = json.loads((built_site / "search" / "search_index.json").read_text("utf-8"))
    docs: list[dict[str, Any]] = index["docs"]
    return docs


def _words(markdown: str) -> set[str]:
    without_links = re.sub(r"\]\([^)]*\)|<https?://[^>]*>|https?://\S+", " ", markdown)
    return {w.lower() for w in WORD.findall(without_links)}


def _indexed_words(entries: list[dict[str, Any]], page: str) -> set[str]:
    found: set[str] = set()
    for entry in entries:
        if entry["location"].split("#")[0] == page:
            text = html.unescape(re.sub(r"<[^>]+>", " ", entry["title"] + " " + entry["text"]))
            found |= {w.lower() for w in WORD.findall(text)}
    return found


def test_every_practice_is_found_by_its_summary_steps_and_evidence(
    entries: list[dict[str, Any]],
) -> None:
    catalog, _ = load_catalog(Project(ROOT))
    assert catalog.practices
    for practice in catalog.practices:
        indexed = _indexed_words(entries, f"practices/{practice.id}.html")
        texts = [practice.summary, *(f"{s.title} {s.text}" for s in practice.steps)]
        texts += [a.evidence for a in practice.assessments.values() if a.evidence]
        for text in texts:
            missing = _words(text) - indexed
            assert not missing, f"{practice.id}: not in the index: {sorted(missing)[:10]}"


def test_pages_that_repeat_records_are_indexed_by_their_title_only(
    entries: list[dict[str, Any]],
) -> None:
    repeating = [
        e
        for e in entries
        if e["location"].startswith(("checklists/replication/", "checklists/phases/"))
        or re.match(r"training/[^/]+/handout\.html", e["location"])
    ]
    pages = {e["location"].split("#")[0] for e in repeating}
    assert len(pages) >= 5, pages
    assert all("#" not in e["location"] for e in repeating), "only the page itself"
    assert all(e["text"] == "" and e["title"] for e in repeating)
    titles = {e["title"] for e in repeating}
    assert "Replicating Prosjekt P1824" in titles


def test_country_pages_leave_out_the_practices_they_list(entries: list[dict[str, Any]]) -> None:
    country = [e for e in entries if e["location"].startswith("countries/no.html")]
    assert [e["location"] for e in country] == ["countries/no.html"]
    assert "Drammen" not in country[0]["text"]  # P1824's summary is on its own page


def test_practice_pages_leave_out_the_parts_that_repeat_other_pages(
    entries: list[dict[str, Any]],
) -> None:
    sections = {
        e["location"].split("#")[1]
        for e in entries
        if e["location"].startswith("practices/p1824-drammen.html#")
    }
    assert "step-by-step" in sections and "criterion-effective" in sections
    assert not sections & set(LEFT_OUT), sections & set(LEFT_OUT)
    page = next(e for e in entries if e["location"] == "practices/p1824-drammen.html")
    assert "Source template" not in page["text"]  # the facts card: the finder filters by them


def test_the_facts_card_is_marked_for_the_index_to_leave_out(built_site: Path) -> None:
    page = (built_site / "practices" / "p1824-drammen.html").read_text("utf-8")
    assert '<div class="ih-card" data-search-exclude="">' in page
