"""The language menu from file://, with the keyboard only and scripts off: it reaches the
same page in the other language."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

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
