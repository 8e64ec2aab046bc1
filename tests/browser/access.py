"""What the accessibility, keyboard and print checks share: the site's pages, axe-core, the
palette switch, and a context that starts every page from the reader's own palette."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import PAGE_TYPES

NODE_TOOLS = Path(__file__).resolve().parent / "lighthouse"
AXE_FILE = NODE_TOOLS / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
INSTALL = "npm ci --prefix tests/browser/lighthouse (as .ci/run does)"

# No stored palette (each page starts from the emulated scheme) and no transitions, so that
# colours and positions are read in their final state, never half-way through a change.
START_CLEAN = """
try { localStorage.clear(); sessionStorage.clear(); } catch (e) {}
document.addEventListener("DOMContentLoaded", () => {
  const style = document.createElement("style");
  style.textContent = "*, *::before, *::after { transition-duration: 0s !important; " +
    "transition-delay: 0s !important; animation-duration: 0s !important; " +
    "animation-delay: 0s !important; scroll-behavior: auto !important; }";
  document.head.appendChild(style);
});
"""


def axe_source() -> str:
    """axe-core as pinned in tests/browser/lighthouse/package.json; missing fails the test."""
    if not AXE_FILE.is_file():
        pytest.fail(f"axe-core is not installed: run {INSTALL}")
    return AXE_FILE.read_text("utf-8")


def every_page(site: Path) -> list[str]:
    """Every HTML page of the built site, plus the page types that differ by their query."""
    files = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    queries = sorted({path for path in PAGE_TYPES.values() if "?" in path})
    return files + queries


def new_context(browser: Any, width: int, scheme: str, height: int = 900) -> Any:
    context = browser.new_context(
        viewport={"width": width, "height": height}, color_scheme=scheme, reduced_motion="reduce"
    )
    context.add_init_script(START_CLEAN)
    context.set_default_timeout(15_000)
    return context


def scheme_of(page: Any) -> str:
    return str(page.evaluate("document.body.getAttribute('data-md-color-scheme')"))


def toggle_palette(page: Any) -> str:
    """Switch the palette with Material's own toggle, as a reader does; the scheme after it."""
    before = scheme_of(page)
    page.locator("form[data-md-component=palette] label:visible").click()
    page.wait_for_function(
        "before => document.body.getAttribute('data-md-color-scheme') !== before", arg=before
    )
    return scheme_of(page)


def axe_violations(page: Any, source: str) -> list[dict[str, Any]]:
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=source)
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: "
        "['violations']})",
        AXE_TAGS,
    )
    return [
        {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]


# The document scrolls sideways: the elements that stick out, outside boxes meant to scroll.
REFLOW = """() => {
  const doc = document.documentElement;
  const width = doc.clientWidth;
  if (doc.scrollWidth <= width) return [];
  const scrolls = el => {
    for (let n = el.parentElement; n && n !== doc; n = n.parentElement) {
      const o = getComputedStyle(n).overflowX;
      if (o === "auto" || o === "scroll" || o === "hidden" || o === "clip") return true;
    }
    return false;
  };
  const out = [];
  for (const el of document.body.querySelectorAll("*")) {
    const r = el.getBoundingClientRect();
    if (r.right > width + 0.5 && r.width > 0 && !scrolls(el)) {
      out.push(el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
        (el.className && typeof el.className === "string" ? "." + el.className.split(" ")[0] : "") +
        " right=" + Math.round(r.right));
    }
  }
  return ["scrollWidth " + doc.scrollWidth + " > " + width].concat(out.slice(0, 8));
}"""


# What can show focus on an element: its styles and those of the labels that stand for it
# (Material's palette switch is a hidden radio whose one shown label shows the focus).
_LOOK = """
  const shows = el => {
    /* Material's palette switch: hidden radios, the one label not hidden is the button. */
    if (el.classList.contains("md-option") && el.form) {
      return [el, ...[...el.form.querySelectorAll("label")].filter(l => !l.hidden)];
    }
    return [el, ...(el.labels ? [...el.labels] : [])];
  };
  const look = el => shows(el).map(e => {
    const s = getComputedStyle(e);
    const outline = s.outlineStyle === "none" || parseFloat(s.outlineWidth) === 0 ? "none"
      : [s.outlineStyle, s.outlineWidth, s.outlineColor, s.outlineOffset].join(" ");
    return [outline, s.boxShadow, s.backgroundColor, s.borderColor, s.textDecorationLine,
      s.color].join(" ");
  }).join(" || ");
"""

# The focused element, tagged with its place in the walk: where it is, whether it can be
# seen, and how it looks focused. `null` once focus has left the page.
FOCUS_STOP = (
    """n => {"""
    + _LOOK
    + """
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  if (el.dataset.ihWalk !== undefined) return {repeat: true};
  el.dataset.ihWalk = String(n);
  let box = el.getBoundingClientRect();
  if (box.width * box.height === 0) {
    for (const other of shows(el).slice(1)) {
      const r = other.getBoundingClientRect();
      if (r.width * r.height > 0) { box = r; break; }
    }
  }
  /* The part of it that can be seen: inside the window and every box that clips it. */
  let [left, top, right, bottom] = [box.left, box.top, box.right, box.bottom];
  const clip = r => {
    left = Math.max(left, r.left); top = Math.max(top, r.top);
    right = Math.min(right, r.right); bottom = Math.min(bottom, r.bottom);
  };
  clip({left: 0, top: 0, right: document.documentElement.clientWidth, bottom: innerHeight});
  for (let n = el.parentElement; n && n !== document.documentElement; n = n.parentElement) {
    if (getComputedStyle(n).overflowX !== "visible" || getComputedStyle(n).overflowY !==
        "visible") clip(n.getBoundingClientRect());
  }
  const seen = Math.max(0, right - left), high = Math.max(0, bottom - top);
  const visible = shows(el).some(s => s.checkVisibility({opacityProperty: true,
    visibilityProperty: true}));
  /* Enough of it shows (all of it, or 24 px each way), and nothing the page put on top of
     it covers the middle of what shows (WCAG 2.4.11). */
  let covered = false;
  if (visible && seen > 0 && high > 0) {
    const hit = document.elementFromPoint((left + right) / 2, (top + bottom) / 2);
    covered = !hit || !shows(el).some(s => s === hit || s.contains(hit) || hit.contains(s));
  }
  const enough = seen >= Math.min(box.width, 24) - 0.5 && high >= Math.min(box.height, 24) - 0.5;
  const name = el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + " " +
    (el.getAttribute("aria-label") || el.textContent || el.value || "").trim().slice(0, 40);
  return {repeat: false, name: name, focused: look(el),
    onScreen: visible && seen > 0 && high > 0 && enough && !covered,
    at: [Math.round(box.left), Math.round(box.top), covered ? "covered" : "not covered"]};
}"""
)

# How every element tagged by the walk looks without focus.
UNFOCUSED_LOOKS = (
    """() => {"""
    + _LOOK
    + """
  if (document.activeElement) document.activeElement.blur();
  const out = {};
  for (const el of document.querySelectorAll("[data-ih-walk]")) out[el.dataset.ihWalk] = look(el);
  return out;
}"""
)
