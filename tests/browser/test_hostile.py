"""A record full of markup: in Chromium, no dialog opens and no request leaves the site."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import Recorder
from tests.conftest import QuietHandler

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def hostile_url(hostile_site: Path) -> Iterator[str]:
    handler = functools.partial(QuietHandler, directory=str(hostile_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize(
    "path", ["practices/hostile-html.html", "practices/index.html", "countries/se.html"]
)
def test_no_dialog_and_no_request_leaves(
    page_and_requests: tuple[Any, Recorder], hostile_url: str, path: str
) -> None:
    page, requests = page_and_requests
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(hostile_url + path)
    page.mouse.move(300, 300)
    for element in page.locator("article *:visible").all()[:200]:
        box = element.bounding_box()
        if box and box["width"] > 0 and box["height"] > 0:
            element.scroll_into_view_if_needed(timeout=1000)
            element.hover(timeout=1000, force=True)
    page.wait_for_timeout(300)
    assert dialogs == []
    assert requests.outside(hostile_url) == []
