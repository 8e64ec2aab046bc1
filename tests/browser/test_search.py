"""Search, typed with key presses, over HTTP and from file:// with no request leaving the site."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import Recorder

pytestmark = pytest.mark.browser


def search(page: Any, query: str) -> list[str]:
    page.keyboard.press("/")  # Material's shortcut that focuses the search field
    page.keyboard.type(query, delay=30)
    results = page.locator(".md-search-result__item a")
    results.first.wait_for()
    return [str(a.get_attribute("href")) for a in results.all()]


@pytest.mark.parametrize(
    ("query", "practice"),
    [
        ("Ungteam", "p1824-drammen"),
        ("inclusion grant", "nav-supported-employment"),
        ("Arbeidsmarkedsloven", "arbeid-med-bistand"),
    ],
)
def test_search_finds_the_practice_over_http(
    page_and_requests: tuple[Any, Recorder], site_url: str, query: str, practice: str
) -> None:
    page, requests = page_and_requests
    page.goto(site_url + "index.html")
    hrefs = search(page, query)
    assert any(f"practices/{practice}.html" in h for h in hrefs), hrefs
    assert requests.outside(site_url) == []


def test_search_works_from_file_urls(
    page_and_requests: tuple[Any, Recorder], built_site: Path
) -> None:
    page, requests = page_and_requests
    page.goto((built_site / "practices" / "index.html").as_uri())
    hrefs = search(page, "Ungteam")
    assert any("p1824-drammen.html" in h for h in hrefs), hrefs
    page.locator('.md-search-result__item a[href*="/practices/p1824-drammen.html"]').first.click()
    page.wait_for_url("**/practices/p1824-drammen.html*")
    assert requests.outside("file://") == []
