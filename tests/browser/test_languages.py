"""The language menu from file://, with the keyboard only and scripts off: it reaches the
same page in the other language."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import Recorder
from tests.browser.test_search import search
from tests.conftest import serving

pytestmark = pytest.mark.browser

MAX_TABS = 80  # the menu is in the header: far fewer stops than that come before it


@pytest.mark.parametrize("scripts", [True, False], ids=["scripts", "no-scripts"])
def test_the_language_menu_goes_to_the_same_page_in_norwegian_by_keyboard(
    browser: Any, languages_project: Path, scripts: bool
) -> None:
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, java_script_enabled=scripts
    )
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.set_default_timeout(10_000)
    try:
        page.goto((languages_project / "site" / "criteria" / "index.html").as_uri())
        for _ in range(MAX_TABS):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.getAttribute('hreflang')") == "nb":
                break
        else:
            raise AssertionError("Tab never reached the Norwegian entry of the language menu")
        assert page.locator('a.md-select__link[hreflang="nb"]').is_visible()
        page.keyboard.press("Enter")
        page.wait_for_url("**/site/nb/criteria/index.html")
        assert page.evaluate("document.documentElement.lang") == "nb"
        assert all(url.startswith(("file://", "data:", "blob:")) for url in requests), requests
    finally:
        context.close()


# A word of the Norwegian translation of P1824's summary, not in any English text.
NORWEGIAN_WORD = "samarbeidsfora"


def test_norwegian_search_finds_the_translated_practice_over_http(
    page_and_requests: tuple[Any, Recorder], languages_project: Path
) -> None:
    page, requests = page_and_requests
    failed: list[str] = []
    errors: list[str] = []
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    with serving(languages_project / "site") as url:
        page.goto(url + "nb/practices/p1824-drammen.html")
        page.wait_for_load_state("networkidle")
        # The page links to itself in every language, and nothing it loads fails.
        # en, nb, uk and x-default
        assert page.locator('link[rel~="alternate"][hreflang]').count() == 4
        assert failed == [] and errors == [], (failed, errors)
        hrefs = search(page, NORWEGIAN_WORD)
        assert any("/practices/p1824-drammen.html" in h for h in hrefs), hrefs
        assert all("/nb/" in page.evaluate("u => new URL(u, location.href).href", h) for h in hrefs)
        assert requests.outside(url) == []


def test_norwegian_search_works_from_file_urls(
    page_and_requests: tuple[Any, Recorder], languages_project: Path
) -> None:
    page, requests = page_and_requests
    page.goto((languages_project / "site" / "nb" / "index.html").as_uri())
    hrefs = search(page, NORWEGIAN_WORD)
    assert any("/practices/p1824-drammen.html" in h for h in hrefs), hrefs
    page.locator(".md-search-result__item a").first.click()
    page.wait_for_url("**/site/nb/practices/p1824-drammen.html*")
    assert page.evaluate("document.documentElement.lang") == "nb"
    assert requests.outside("file://") == []
