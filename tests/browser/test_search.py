"""Search, typed with key presses, over HTTP and from file:// with no request leaving the site;
the index is downloaded once the search is opened, never by a page view alone."""

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
    ("query", "found"),
    [
        ("Ungteam", "practices/p1824-drammen.html"),
        ("inclusion grant", "practices/nav-supported-employment.html"),
        ("Arbeidsmarkedsloven", "practices/arbeid-med-bistand.html"),
        ("Drammen municipality", "practices/p1824-drammen.html"),  # its summary
        ("Vocational Profile", "practices/arbeid-med-bistand.html"),  # a step
        ("productivity", "practices/arbeid-med-bistand.html"),  # the evidence for a criterion
        ("Replicating Prosjekt", "checklists/replication/p1824-drammen.html"),  # a checklist
    ],
)
def test_search_finds_the_practice_over_http(
    page_and_requests: tuple[Any, Recorder], site_url: str, query: str, found: str
) -> None:
    page, requests = page_and_requests
    page.goto(site_url + "index.html")
    hrefs = search(page, query)
    assert any(h.split("#")[0].split("?")[0].endswith(found) for h in hrefs), hrefs
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


def _index_requests(requests: Recorder) -> list[str]:
    return [u for u in requests.urls if "search/search_index." in u]


@pytest.mark.parametrize("where", ["http", "file"])
def test_a_page_view_does_not_download_the_index_until_search_opens(
    page_and_requests: tuple[Any, Recorder], site_url: str, built_site: Path, where: str
) -> None:
    page, requests = page_and_requests
    start = (
        site_url + "practices/p1824-drammen.html"
        if where == "http"
        else (built_site / "practices" / "p1824-drammen.html").as_uri()
    )
    page.goto(start, wait_until="load")
    page.wait_for_load_state("networkidle")
    page.mouse.wheel(0, 600)  # reading the page is not opening the search
    page.wait_for_timeout(500)
    assert _index_requests(requests) == []
    assert page.evaluate("document.documentElement.dataset.ihSearchIndex") is None
    hrefs = search(page, "Ungteam")
    assert any("p1824-drammen.html" in h for h in hrefs), hrefs
    wanted = "search_index.json" if where == "http" else "search_index.js"
    assert [u.rsplit("/", 1)[1] for u in _index_requests(requests)] == [wanted]


def test_a_click_on_the_search_field_opens_it(
    page_and_requests: tuple[Any, Recorder], site_url: str
) -> None:
    page, requests = page_and_requests
    page.goto(site_url + "index.html")
    page.wait_for_load_state("networkidle")
    field = page.locator("[data-md-component=search-query]")
    field.click()
    field.type("Ungteam", delay=30)
    page.locator(".md-search-result__item a").first.wait_for()
    assert len(_index_requests(requests)) == 1


def test_a_highlight_in_the_address_loads_the_index(
    page_and_requests: tuple[Any, Recorder], site_url: str
) -> None:
    page, requests = page_and_requests  # a result's link: the page, its words highlighted
    page.goto(site_url + "practices/p1824-drammen.html?h=Ungteam")
    page.locator("mark[data-md-highlight]").first.wait_for()
    assert len(_index_requests(requests)) == 1
