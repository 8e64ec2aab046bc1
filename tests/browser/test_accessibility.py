"""axe-core's WCAG 2.0, 2.1 and 2.2 A/AA rules (and its best practices) on every page of the
built site, at 1280 px and 375 px, in both palettes, reached both ways: by the reader's
system setting (emulated prefers-color-scheme) and by the site's palette toggle; and 320 px
reflow on every page.

Each page is loaded once per width: at 1280 px from the light system setting, then toggled
to dark; at 375 px from the dark system setting, then toggled to light; the 375 px page is
then narrowed to 320 px for reflow. So each palette is checked at each width, each reached
once by the setting and once by the toggle."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.browser.access import (
    REFLOW,
    axe_source,
    axe_violations,
    every_page,
    new_context,
    scheme_of,
    toggle_palette,
)

pytestmark = pytest.mark.browser

SCHEME = {"light": "default", "dark": "slate"}


@dataclass
class Sweep:
    pages: list[str]
    axe: dict[str, dict[str, Any]] = field(default_factory=dict)  # "375 slate setting" -> page
    schemes: dict[str, list[str]] = field(default_factory=dict)  # wrong scheme seen
    reflow: dict[str, list[str]] = field(default_factory=dict)


def sweep_width(
    browser: Any, site_url: str, result: Sweep, width: int, start: str, reflow_at: int | None
) -> None:
    source = axe_source()
    context = new_context(browser, width, start)
    page = context.new_page()
    try:
        for path in result.pages:
            page.goto(site_url + path)
            if scheme_of(page) != SCHEME[start]:
                result.schemes.setdefault(f"{width} {start} setting", []).append(path)
            if found := axe_violations(page, source):
                result.axe.setdefault(f"{width} px, {SCHEME[start]} by the setting", {})[path] = (
                    found
                )
            other = toggle_palette(page)
            if other == SCHEME[start]:
                result.schemes.setdefault(f"{width} toggle from {start}", []).append(path)
            if found := axe_violations(page, source):
                result.axe.setdefault(f"{width} px, {other} by the toggle", {})[path] = found
            if reflow_at is not None:
                page.set_viewport_size({"width": reflow_at, "height": 800})
                if problems := page.evaluate(REFLOW):
                    result.reflow[path] = problems
                page.set_viewport_size({"width": width, "height": 900})
    finally:
        context.close()


@pytest.fixture(scope="module")
def sweep(browser: Any, site_url: str, built_site: Path) -> Sweep:
    result = Sweep(pages=every_page(built_site))
    sweep_width(browser, site_url, result, 1280, "light", None)
    sweep_width(browser, site_url, result, 375, "dark", 320)
    return result


def test_every_page_is_swept(sweep: Sweep, built_site: Path) -> None:
    html = {p.relative_to(built_site).as_posix() for p in built_site.rglob("*.html")}
    assert len(html) >= 45  # the methodology pages, every module's four views, ...
    assert html <= {p.split("?")[0] for p in sweep.pages}
    assert "compare/finder.html?phase=during&participatory=met&p=p1824-drammen" in sweep.pages


def test_each_palette_is_reached_by_setting_and_by_toggle(sweep: Sweep) -> None:
    assert sweep.schemes == {}


def test_no_axe_violations_on_any_page(sweep: Sweep) -> None:
    assert sweep.axe == {}, json.dumps(sweep.axe, indent=1)


def test_no_page_scrolls_sideways_at_320px(sweep: Sweep) -> None:
    """WCAG 1.4.10: content reflows at 320 CSS px; only boxes meant to scroll may."""
    assert sweep.reflow == {}, json.dumps(sweep.reflow, indent=1)


def test_axe_finds_what_it_must(browser: Any, site_url: str) -> None:
    """The check can fail: an unnamed dialog put into a real page, and the page's wide
    tables at 375 px with their keyboard access taken away, are reported."""
    context = new_context(browser, 375, "light")
    page = context.new_page()
    try:
        page.goto(site_url + "about/performance.html")
        page.evaluate(
            """() => {
              const d = document.createElement('div'); d.setAttribute('role', 'dialog');
              d.textContent = 'x'; document.querySelector('article').appendChild(d);
              for (const box of document.querySelectorAll('.ih-scrolls')) {
                box.removeAttribute('tabindex');
              }
            }"""
        )
        ids = {v["id"] for v in axe_violations(page, axe_source())}
    finally:
        context.close()
    assert {"aria-dialog-name", "scrollable-region-focusable"} <= ids
