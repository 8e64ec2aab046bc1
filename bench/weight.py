"""What a reader downloads: a cold view of a practice page, then opening search and finding it.

    python bench/weight.py SITE [--page practices/synthetic-00004.html] [--query WORD]

The built site is served over http on 127.0.0.1 and the page opened in headless Chromium
(Debian's /usr/bin/chromium, driven by Playwright) with an empty cache. Every file the page
asks for until the network is idle is a cold view; then the search field is clicked and
the page's own title typed, and every further file until its result shows is the price of
searching. Each file counts with its gzip size (level 6, what web servers commonly use).
``bench/run.py`` runs it on the site of each size.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import sys
import threading
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))

from generator.outputs.pdf import CHROMIUM_ARGS  # noqa: E402  # the flags the tests use too

GZIP_LEVEL = 6
CHROMIUM = "/usr/bin/chromium"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def _serving(site: Path) -> Iterator[str]:
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def _files(site: Path, base: str, urls: list[str]) -> dict[str, dict[str, int]]:
    found: dict[str, dict[str, int]] = {}
    for url in urls:
        if not url.startswith(base):
            continue  # a request leaving the site: the tests fail on those
        path = urllib.parse.unquote(urllib.parse.urlsplit(url).path).lstrip("/")
        file = site / path
        if file.is_file() and path not in found:
            data = file.read_bytes()
            found[path] = {"raw": len(data), "gzip": len(gzip.compress(data, GZIP_LEVEL, mtime=0))}
    return found


def _total(files: dict[str, dict[str, int]]) -> dict[str, int]:
    return {kind: sum(f[kind] for f in files.values()) for kind in ("raw", "gzip")}


def downloads(site: Path, page: str, query: str | None = None) -> dict[str, Any]:
    """The files of a cold view of ``page`` and those opening search for ``query`` (default:
    the page's title) adds, each raw and gzip."""
    from playwright.sync_api import sync_playwright

    with _serving(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        try:
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            tab = context.new_page()
            tab.set_default_timeout(120_000)
            requested: list[str] = []
            tab.on("request", lambda request: requested.append(request.url))
            tab.goto(base + page, wait_until="load")
            tab.wait_for_load_state("networkidle")
            cold = _files(site, base, requested)
            title = "document.querySelector('h1').firstChild.textContent.trim()"
            words = query or str(tab.evaluate(title))
            field = tab.locator("[data-md-component=search-query]")
            field.click()
            field.type(words, delay=20)
            hit = tab.locator(f'.md-search-result__item a[href*="{Path(page).name}"]')
            hit.first.wait_for()
            tab.wait_for_load_state("networkidle")
            searched = {k: v for k, v in _files(site, base, requested).items() if k not in cold}
        finally:
            browser.close()
    return {
        "page": page,
        "query": words,
        "cold": {"files": cold, "total": _total(cold)},
        "search": {"files": searched, "total": _total(searched)},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path, help="a site that handbook build wrote")
    parser.add_argument("--page", default="practices/synthetic-00004.html")
    parser.add_argument("--query", help="what to search for (default: the page's title)")
    args = parser.parse_args(argv)
    print(json.dumps(downloads(args.site.resolve(), args.page, args.query), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
