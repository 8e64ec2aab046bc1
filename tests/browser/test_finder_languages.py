"""The Norwegian finder and side-by-side view in Chromium: the texts in Norwegian where they
are translated, and each text left in English in an element with lang="en" and the EN marker
(WCAG 3.1.2); a hostile translation shows as text.

Expected texts are read from the shipped PO files (tests/outputs/test_comparison_languages.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.outputs.comparison import teaser
from generator.text.html import plain_text
from tests.browser.conftest import Recorder, dialogs_of
from tests.browser.test_finder import WATCH_DATA_READS
from tests.conftest import serving
from tests.outputs.test_comparison_languages import (
    HOSTILE,
    TRANSLATED,
    UNTRANSLATED,
    catalog_of,
    hostile_pages,
    translation,
)

pytestmark = pytest.mark.browser

FINDER = "nb/compare/finder.html"
SIDE = f"nb/compare/side-by-side.html?p={TRANSLATED}&p={UNTRANSLATED}"


@pytest.fixture(scope="module")
def nb_url(languages_project: Path) -> Iterator[str]:
    with serving(languages_project / "site") as url:
        yield url


def card(page: Any, practice: str) -> Any:
    """The finder's list item of ``practice``."""
    link = page.locator(f'.ih-result__title a[href$="/{practice}.html"]')
    return page.locator("#ih-finder-results > li").filter(has=link)


def marker(page: Any, locator: Any) -> str:
    """The content of ``locator``'s ::after: the EN marker of a text in English."""
    return str(locator.evaluate("e => getComputedStyle(e, '::after').content"))


def test_the_norwegian_finder_shows_norwegian_and_marks_english(
    page_and_requests: tuple[Any, Recorder], nb_url: str, languages_project: Path
) -> None:
    page, requests = page_and_requests
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.add_init_script(WATCH_DATA_READS)
    record = {p.id: p for p in catalog_of(languages_project).practices}
    page.goto(nb_url + FINDER + "?q=P1824")
    assert page.evaluate("document.documentElement.lang") == "nb"
    ours = card(page, TRANSLATED)
    assert ours.is_visible()
    summary = ours.locator(".ih-result__summary")
    norwegian = translation(
        "practices", f"practice:{TRANSLATED}:summary", record[TRANSLATED].summary
    )
    assert summary.inner_text() == teaser(plain_text(norwegian))
    assert summary.get_attribute("lang") is None
    assert ours.locator("[lang=en]").count() == 0
    assert "Norge" in ours.locator(".ih-result__meta").inner_text()

    page.goto(nb_url + FINDER + "?q=bistand")
    theirs = card(page, UNTRANSLATED)
    assert theirs.is_visible()
    summary = theirs.locator(".ih-result__summary")
    assert summary.inner_text() == teaser(plain_text(record[UNTRANSLATED].summary))
    assert summary.get_attribute("lang") == "en"
    assert "ih-en" in (summary.get_attribute("class") or "").split()
    assert "EN" in marker(page, summary)
    assert errors == [] and page.evaluate("window.__ihMissing") == []
    assert requests.outside(nb_url) == []


def test_the_norwegian_side_by_side_marks_its_english_texts(
    page_and_requests: tuple[Any, Recorder], nb_url: str, languages_project: Path
) -> None:
    page, _ = page_and_requests
    page.add_init_script(WATCH_DATA_READS)
    record = {p.id: p for p in catalog_of(languages_project).practices}
    page.goto(nb_url + SIDE)
    table = page.locator("#ih-side-table table")
    page.wait_for_function(
        "() => { const t = document.querySelector('#ih-side-table table');"
        " return t && !t.textContent.includes('\\u2026'); }"
    )
    heads = table.locator("thead th a").all_inner_texts()
    assert heads == [record[TRANSLATED].title, record[UNTRANSLATED].title]
    goal_row = table.locator("tbody tr").nth(7)  # country, scope, period, 3 lists, organisations
    goal = record[TRANSLATED].goal
    assert goal is not None
    cells = goal_row.locator("td")
    norwegian = translation("practices", f"practice:{TRANSLATED}:goal", goal)
    assert cells.nth(0).inner_text() == plain_text(norwegian)
    assert cells.nth(0).locator("[lang=en]").count() == 0
    english = cells.nth(1).locator("[lang=en].ih-en")
    other_goal = record[UNTRANSLATED].goal
    assert other_goal is not None
    assert english.count() == 1 and english.inner_text() == plain_text(other_goal)
    assert "EN" in marker(page, english)
    # Every text of the untranslated practice's column that is its own is marked: its key
    # figures and the evidence of its ratings too; the Norwegian practice's steps are not.
    column = table.locator("tbody td:nth-child(3)")
    assert column.locator(".ih-side__evidence[lang=en]").count() > 0
    assert column.locator(".ih-side__evidence:not([lang=en])").count() == 0
    steps = table.locator("tbody td:nth-child(2) ol li")
    assert (
        steps.count() == len(record[TRANSLATED].steps) and steps.locator("[lang=en]").count() == 0
    )
    assert page.evaluate("window.__ihMissing") == []


def serve(text: str) -> Callable[[Any], None]:
    """A route handler that answers with the script ``text``."""

    def fulfil(route: Any) -> None:
        route.fulfill(body=text, content_type="text/javascript")

    return fulfil


def test_a_hostile_translation_shows_as_text(
    page_and_requests: tuple[Any, Recorder], nb_url: str, languages_project: Path
) -> None:
    """The data of a Norwegian whose translations are markup (as the checks would never let
    through), served in place of the built data: the finder and the view show it as text."""
    page, requests = page_and_requests
    dialogs = dialogs_of(page)
    pages = hostile_pages(catalog_of(languages_project))
    for path in ("compare/practices.js", f"compare/data/{TRANSLATED}.js"):
        page.route(f"**/nb/{path}", serve(pages[path]))
    page.goto(nb_url + FINDER + "?q=P1824")
    ours = card(page, TRANSLATED)
    assert ours.locator(".ih-result__summary").inner_text().startswith("<img src=x onerror=")
    page.goto(nb_url + SIDE)
    table = page.locator("#ih-side-table table")
    page.wait_for_function(
        "() => { const t = document.querySelector('#ih-side-table table');"
        " return t && !t.textContent.includes('\\u2026'); }"
    )
    assert table.locator("tbody th", has_text="<img src=x").count() > 0  # criterion names
    assert HOSTILE.split("\u2028")[0] in table.inner_text()
    for element in table.locator("td *").all()[:100]:
        element.hover(timeout=1000, force=True)
    assert page.locator("#ih-side-table img, #ih-side-table script").count() == 0
    page.wait_for_timeout(300)
    assert dialogs == [] and page.evaluate("window.__ihHacked") is None
    assert requests.outside(nb_url) == []
