"""Lighthouse's accessibility category scores 100 on every page type the audit named, each
page as a phone and as a desktop.

Lighthouse (npm, pinned in tests/browser/lighthouse/package-lock.json, installed by
`.ci/run` with `npm ci`) drives Debian's Chromium. A Lighthouse that cannot run fails the
test: the pages would go unchecked."""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.outputs.pdf import CHROMIUM_ARGS
from tests.browser.access import INSTALL, NODE_TOOLS
from tests.conftest import CHROMIUM, QuietHandler, serving

pytestmark = pytest.mark.browser

PAGES = {
    "home": "index.html",
    "practice": "practices/p1824-drammen.html",
    "finder": "compare/finder.html",
    "matrix": "compare/matrix.html",
    "side by side, two practices": "compare/side-by-side.html?p=p1824-drammen&p=arbeid-med-bistand",
    "assessment checklist": "checklists/assessment.html",
    "a module's learner view": "training/supported-employment/index.html",
    "glossary": "glossary.html",
}

# A page with two faults Lighthouse must see: an unnamed dialog and an image without text.
BROKEN = (
    '<!doctype html><html lang="en"><head><title>Broken</title></head><body><main>'
    '<h1>Broken</h1><div role="dialog">x</div><img src="x.png"></main></body></html>'
)


@pytest.fixture
def broken_url(tmp_path: Path) -> Iterator[str]:
    (tmp_path / "broken.html").write_text(BROKEN, "utf-8")
    handler = functools.partial(QuietHandler, directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/broken.html"
    server.shutdown()
    server.server_close()


def lighthouse(urls: list[str]) -> dict[str, Any]:
    node = shutil.which("node")
    if node is None:
        pytest.fail("node not found: Lighthouse needs Node.js 18.16 or newer")
    if not (NODE_TOOLS / "node_modules" / "lighthouse" / "package.json").is_file():
        pytest.fail(f"Lighthouse is not installed: run {INSTALL}")
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} not found: install Debian's chromium package (see .ci/run)")
    done = subprocess.run(
        [node, str(NODE_TOOLS / "run.mjs"), *urls],
        capture_output=True,
        text=True,
        env={**os.environ, "CHROME_PATH": CHROMIUM, "CHROME_FLAGS": json.dumps(CHROMIUM_ARGS)},
        timeout=900,
        check=False,
    )
    assert done.returncode == 0, f"Lighthouse could not run:\n{done.stderr[-3000:]}"
    results: dict[str, Any] = json.loads(done.stdout)
    return results


def test_lighthouse_accessibility_is_100_on_every_page_type(site_url: str, broken_url: str) -> None:
    urls = [site_url + path for path in PAGES.values()]
    results = lighthouse([*urls, broken_url])
    scores = {
        f"{name}, {form}": (round(result["score"] * 100), result["failing"])
        for name, url in zip(PAGES, urls, strict=True)
        for form, result in results[url].items()
    }
    print(json.dumps(scores, indent=1))  # the figures, for the record (pytest -s)
    assert len(scores) == 2 * len(PAGES)  # each page as a phone and as a desktop
    assert {name: s for name, s in scores.items() if s[0] != 100} == {}
    versions = {r["version"] for forms in results.values() for r in forms.values()}
    assert versions == {"12.8.2"}
    # The check can fail: the broken page loses points for both faults.
    for broken in results[broken_url].values():
        assert broken["score"] < 1
        assert {"aria-dialog-name", "image-alt"} <= {a["id"] for a in broken["failing"]}


IN_LANGUAGES = {
    "nb practice": "nb/practices/p1824-drammen.html",
    "nb module": "nb/training/individual-follow-up/index.html",
    "nb translations": "nb/about/translations.html",
    "uk home": "uk/index.html",
    "uk finder": "uk/compare/finder.html",
}


def test_lighthouse_accessibility_is_100_in_the_languages(languages_project: Path) -> None:
    with serving(languages_project / "site") as url:
        urls = [url + path for path in IN_LANGUAGES.values()]
        results = lighthouse(urls)
    scores = {
        f"{name}, {form}": (round(result["score"] * 100), result["failing"])
        for name, page in zip(IN_LANGUAGES, urls, strict=True)
        for form, result in results[page].items()
    }
    print(json.dumps(scores, indent=1, ensure_ascii=False))
    assert len(scores) == 2 * len(IN_LANGUAGES)
    assert {name: s for name, s in scores.items() if s[0] != 100} == {}
