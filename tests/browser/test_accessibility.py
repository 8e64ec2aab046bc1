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
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from tests.browser import access
from tests.browser.access import (
    REFLOW,
    axe_source,
    every_page,
    new_context,
    scheme_of,
    toggle_palette,
)
from tests.conftest import LANGUAGES, serving

pytestmark = pytest.mark.browser

SCHEME = {"light": "default", "dark": "slate"}

# tests/test_engines.py checks the Zensical build with this: axe-core as bundled with
# axe-playwright-python, WCAG 2.1 A/AA rules, as before the full sweep below.
_BUNDLED_AXE = resources.files("axe_playwright_python").joinpath("axe.min.js")
_WCAG21 = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_violations(page: Any) -> list[dict[str, Any]]:
    page.add_script_tag(content=_BUNDLED_AXE.read_text("utf-8"))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", _WCAG21
    )
    return [
        {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]


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
            if found := access.axe_violations(page, source):
                result.axe.setdefault(f"{width} px, {SCHEME[start]} by the setting", {})[path] = (
                    found
                )
            other = toggle_palette(page)
            if other == SCHEME[start]:
                result.schemes.setdefault(f"{width} toggle from {start}", []).append(path)
            if found := access.axe_violations(page, source):
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


@pytest.fixture(scope="module")
def language_sweep(browser: Any, languages_project: Path) -> Sweep:
    """The same sweep over every page of the Norwegian and the Ukrainian site: pages in
    another language, with texts still in English marked as such, and the language menu."""
    site = languages_project / "site"
    pages = [f"{code}/{path}" for code in LANGUAGES for path in every_page(site / code)]
    result = Sweep(pages=pages)
    with serving(site) as url:
        sweep_width(browser, url, result, 1280, "light", None)
        sweep_width(browser, url, result, 375, "dark", 320)
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


def test_every_page_of_the_languages_is_swept(
    language_sweep: Sweep, languages_project: Path
) -> None:
    for code in LANGUAGES:
        site = languages_project / "site" / code
        html = {f"{code}/{p.relative_to(site).as_posix()}" for p in site.rglob("*.html")}
        assert len(html) >= 45, code
        assert html <= {p.split("?")[0] for p in language_sweep.pages}


def test_no_axe_violations_in_the_languages(language_sweep: Sweep) -> None:
    assert language_sweep.schemes == {}
    assert language_sweep.axe == {}, json.dumps(language_sweep.axe, indent=1, ensure_ascii=False)


def test_no_page_of_the_languages_scrolls_sideways_at_320px(language_sweep: Sweep) -> None:
    assert language_sweep.reflow == {}, json.dumps(language_sweep.reflow, indent=1)


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
        ids = {v["id"] for v in access.axe_violations(page, axe_source())}
    finally:
        context.close()
    assert {"aria-dialog-name", "scrollable-region-focusable"} <= ids


def test_navigation_links_are_at_least_24px_high(browser: Any, site_url: str) -> None:
    """WCAG 2.5.8: the sidebar's links, and the open phone drawer's, are 24 px targets."""
    heights = {}
    for width in (1280, 375):
        context = new_context(browser, width, "light")
        page = context.new_page()
        try:
            page.goto(site_url + "practices/p1824-drammen.html")
            if width == 375:
                page.get_by_role("button", name="Menu").click()
            heights[width] = page.evaluate(
                """() => [...document.querySelectorAll('a.md-nav__link')]
                  .filter(a => a.checkVisibility({visibilityProperty: true}))
                  .map(a => Math.round(a.getBoundingClientRect().height))"""
            )
        finally:
            context.close()
    assert len(heights[1280]) > 20 and len(heights[375]) > 15, heights
    assert min(heights[1280] + heights[375]) >= 24, heights


# Layout shifts of the page as it loads, summed as Chromium reports them (CLS).
SHIFTS = """
window.ihShift = 0;
new PerformanceObserver(list => {
  for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.ihShift += entry.value;
}).observe({type: "layout-shift", buffered: true});
"""


@pytest.mark.parametrize("width", [1280, 375])
def test_finder_does_not_shift_as_its_script_starts(
    browser: Any, site_url: str, width: int
) -> None:
    # As a reader loads it: no test styles added.
    context = browser.new_context(viewport={"width": width, "height": 900})
    context.add_init_script(SHIFTS)
    page = context.new_page()
    try:
        page.goto(site_url + "compare/finder.html", wait_until="load")
        page.wait_for_selector("#ih-finder-results li:not([hidden])")
        # Two frames later every shift of the load has been reported.
        page.evaluate(
            "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
        )
        shift = page.evaluate("window.ihShift")
        open_folds = page.locator("#ih-finder details.ih-facet-fold[open]").count()
        folds = page.locator("#ih-finder details.ih-facet-fold").count()
    finally:
        context.close()
    assert shift < 0.01, shift
    assert folds >= 4
    # Filter groups are open on a wide screen and folded on a phone.
    assert open_folds == (folds if width == 1280 else 0)


def test_finder_without_scripts_shows_no_dead_controls(browser: Any, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(site_url + "compare/finder.html")
        assert page.locator("#ih-finder").is_hidden()
        assert page.get_by_text("Skip to results").is_hidden()
    finally:
        context.close()


def test_wide_tables_are_named_focusable_regions_with_a_cue(
    browser: Any, site_url: str, built_site: Path
) -> None:
    context = new_context(browser, 375, "light")
    page = context.new_page()
    try:
        page.goto(site_url + "practices/p1824-drammen.html")
        boxes = page.evaluate(
            """() => [...document.querySelectorAll('.md-typeset__scrollwrap')]
              .filter(b => b.scrollWidth > b.clientWidth + 1)
              .map(b => [b.getAttribute('role'), b.tabIndex, b.getAttribute('aria-label'),
                         getComputedStyle(b).backgroundImage !== 'none',
                         b.previousElementSibling.classList.contains('ih-scroll-hint') &&
                         b.previousElementSibling.checkVisibility()])"""
        )
        page.set_viewport_size({"width": 1280, "height": 900})
        page.evaluate(
            "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
        )
        wide = page.evaluate(
            "() => document.querySelectorAll('.ih-scrolls, [role=region][tabindex]').length"
        )
        # From file:// too, as the site is often opened from a folder.
        page.set_viewport_size({"width": 375, "height": 900})
        page.goto((built_site / "practices" / "p1824-drammen.html").as_uri())
        offline = page.locator(".ih-scrolls[role=region][tabindex='0']").count()
    finally:
        context.close()
    assert boxes, "the key figures table is wider than a phone"
    for role, tabindex, label, shadow, hint in boxes:
        assert (role, tabindex, shadow, hint) == ("region", 0, True, True)
        assert label.startswith("Table: ") and len(label) > len("Table:  (scrolls sideways)")
    assert wide == 0  # where the table fits, it is a plain table again
    assert offline == len(boxes)
