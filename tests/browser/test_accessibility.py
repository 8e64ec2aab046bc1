"""axe-core's WCAG 2.1 A/AA rules on every page type, in the light and the dark palette."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import PAGE_TYPES

pytestmark = pytest.mark.browser

AXE_JS = resources.files("axe_playwright_python").joinpath("axe.min.js").read_text("utf-8")
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_violations(page: Any) -> list[dict[str, Any]]:
    page.add_script_tag(content=AXE_JS)
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS
    )
    return [
        {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("page_type", list(PAGE_TYPES))
def test_no_axe_violations(page: Any, site_url: str, page_type: str, scheme: str) -> None:
    page.emulate_media(color_scheme=scheme)
    page.goto(site_url + PAGE_TYPES[page_type])
    expected = "slate" if scheme == "dark" else "default"
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == expected
    violations = axe_violations(page)
    assert violations == [], json.dumps(violations, indent=1)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_other_page_has_no_axe_violations(
    page: Any, site_url: str, built_site: Path, scheme: str
) -> None:
    """The page types above stand for their kind; this visits every remaining page once."""
    covered = {path.split("?")[0] for path in PAGE_TYPES.values()}
    others = sorted(
        p.relative_to(built_site).as_posix()
        for p in built_site.rglob("*.html")
        if p.relative_to(built_site).as_posix() not in covered
    )
    assert len(others) >= 20  # the methodology pages, every module's four views, ...
    page.emulate_media(color_scheme=scheme)
    found = {}
    for path in others:
        page.goto(site_url + path)
        if violations := axe_violations(page):
            found[path] = violations
    assert found == {}, json.dumps(found, indent=1)
