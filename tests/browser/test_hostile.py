"""Records, modules and checklists full of markup: in Chromium, over http:// and from file://,
no dialog opens, the title stays, the theme's configuration is its own, and no request
leaves the site."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import Recorder, dialogs_of
from tests.conftest import serving

pytestmark = pytest.mark.browser

PAGES = [
    "practices/hostile-html.html",
    "practices/hostile-markdown.html",
    "practices/index.html",
    "countries/se.html",
    "countries/dk.html",
    "training/index.html",
    "training/path.html",
    "training/hostile-module/index.html",
    "training/hostile-module/facilitator.html",
    "training/hostile-module/agenda.html",
    "training/hostile-module/handout.html",
    "checklists/index.html",
    "checklists/hostile-checklist.html",
    "checklists/replication/hostile-markdown.html",
    "compare/matrix.html",
    "compare/finder.html?q=hostile",
    "compare/side-by-side.html?p=hostile-markdown&p=hostile-html",
]


@pytest.fixture(scope="module")
def hostile_url(hostile_site: Path) -> Iterator[str]:
    with serving(hostile_site) as url:
        yield url


def _visit(page: Any, url: str) -> list[str]:
    """Load ``url``, hover, focus and press what is there; the dialogs that opened."""
    dialogs = dialogs_of(page)
    page.goto(url)
    title = page.title()
    page.mouse.move(300, 300)
    # every event a handler could listen for, on every element of the content
    page.evaluate(
        """() => {
        const stay = e => e.preventDefault();  // fire click handlers, follow no link
        document.addEventListener('click', stay, true);
        for (const el of document.querySelectorAll('article *')) {
            for (const kind of ['mouseover', 'mouseenter', 'mousemove', 'click', 'focus',
                                'toggle', 'animationstart', 'load', 'error']) {
                el.dispatchEvent(new Event(kind, {bubbles: true}));
            }
            if (el.tagName === 'DETAILS') el.open = true;
        }
        document.removeEventListener('click', stay, true);
        }"""
    )
    for element in page.locator("article a:visible, article abbr:visible").all()[:15]:
        element.hover(timeout=1000, force=True)
    for option in page.locator("form.ih-selfcheck input[type=radio]").all():
        option.check(force=True)
        option.locator("xpath=ancestor::form//button").click()
    for _ in range(8):
        page.keyboard.press("Tab")
    page.wait_for_timeout(200)
    assert page.title() == title, "the page's title changed"
    config = page.evaluate(
        "() => [...document.querySelectorAll('[id^=\"__\"]')]"
        ".filter(e => !e.closest('article')).length === "
        "document.querySelectorAll('[id^=\"__\"]').length"
    )
    assert config, "an element in the article took one of the theme's ids"
    assert page.evaluate("() => document.getElementById('__config').tagName") == "SCRIPT"
    return dialogs


@pytest.mark.parametrize("path", PAGES)
def test_no_dialog_no_title_change_and_no_request_leaves_over_http(
    page_and_requests: tuple[Any, Recorder], hostile_url: str, path: str
) -> None:
    page, requests = page_and_requests
    assert _visit(page, hostile_url + path) == []
    assert requests.outside(hostile_url) == []


@pytest.mark.parametrize("path", PAGES)
def test_no_dialog_no_title_change_and_no_request_leaves_from_file(
    page_and_requests: tuple[Any, Recorder], hostile_site: Path, path: str
) -> None:
    page, requests = page_and_requests
    name, _, query = path.partition("?")
    url = (hostile_site / name).as_uri() + (f"?{query}" if query else "")
    assert _visit(page, url) == []
    assert requests.outside("file://") == []


def test_self_check_feedback_is_shown_as_text(
    page_and_requests: tuple[Any, Recorder], hostile_site: Path
) -> None:
    page, _ = page_and_requests
    page.goto((hostile_site / "training" / "hostile-module" / "index.html").as_uri())
    form = page.locator("form.ih-selfcheck").first
    form.locator("input[type=radio]").first.check()
    form.locator("button").click()
    feedback = form.locator(".ih-feedback")
    assert feedback.inner_text() == 'Right. Feedback " onfocus="alert(1)" autofocus x="'
    assert feedback.locator("*").count() == 0
