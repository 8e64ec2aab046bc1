"""Print: no navigation chrome and no blank page, on A4 and Letter; in either palette the
paper is black on white, boxes sit beside their labels, external links show their address."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from tests.browser.access import new_context, scheme_of, toggle_palette
from tests.browser.conftest import PAGE_TYPES
from tests.conftest import LANGUAGES, serving

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("paper", ["A4", "Letter"])
@pytest.mark.parametrize(
    "page_type",
    [
        "practice",
        "practice-pes-fiche",
        "catalogue",
        "criteria",
        "methodology",
        "home",
        "checklist",
        "module",
        "facilitator",
        "handout",
        "assessment",
        "replication",
    ],
)
def test_print_has_no_blank_page_and_no_chrome(
    page: Any, site_url: str, page_type: str, paper: str
) -> None:
    page.goto(site_url + PAGE_TYPES[page_type])
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", ".md-footer"):
        assert not page.locator(selector).first.is_visible(), selector
    pdf = PdfReader(io.BytesIO(page.pdf(format=paper, print_background=True)))
    texts = [p.extract_text().strip() for p in pdf.pages]
    blank = [number for number, text in enumerate(texts, start=1) if not text]
    assert blank == [], f"blank pages {blank} of {len(texts)}"
    assert "Skip to content" not in texts[0]


@pytest.mark.parametrize("code", LANGUAGES)
@pytest.mark.parametrize("page_type", ["practice", "module", "assessment", "glossary"])
def test_print_of_the_languages_has_no_blank_page_and_no_chrome(
    browser: Any, languages_project: Path, code: str, page_type: str
) -> None:
    context = new_context(browser, 1280, "light")
    page = context.new_page()
    try:
        with serving(languages_project / "site") as url:
            page.goto(f"{url}{code}/{PAGE_TYPES[page_type]}")
            page.emulate_media(media="print")
            for selector in (".md-header", ".md-sidebar--primary", ".md-footer"):
                assert not page.locator(selector).first.is_visible(), selector
            pdf = PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True)))
    finally:
        context.close()
    texts = [p.extract_text().strip() for p in pdf.pages]
    assert [n for n, text in enumerate(texts, start=1) if not text] == []


# ---- Print in either palette: paper is white, boxes sit beside their labels, and external
# links print where they lead. ------------------------------------------------------------

PRINTED = ["practice", "assessment", "module", "checklist", "glossary"]


def grey_pixels(pdf: bytes, tmp_path: Path) -> tuple[int, int, bytes]:
    """The first page of `pdf` in grey at 20 dpi, by poppler's pdftoppm (binary PGM)."""
    if shutil.which("pdftoppm") is None:
        pytest.fail("pdftoppm not found: install Debian's poppler-utils (see .ci/run)")
    source = tmp_path / "page.pdf"
    source.write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-r", "20", "-gray", "-f", "1", "-l", "1", str(source), str(tmp_path / "p")],
        check=True,
    )
    (image,) = tmp_path.glob("p*.pgm")
    data = image.read_bytes()
    header = re.match(rb"P5\s+(\d+)\s+(\d+)\s+255\s", data)
    assert header is not None, data[:20]
    return int(header[1]), int(header[2]), data[header.end() :]


def margins_and_page(width: int, height: int, pixels: bytes) -> tuple[float, float]:
    """The mean grey of the outer 6% on each side of the sheet, and of the part within the
    printed margins (from 15% to 85% across and down)."""
    edge_x, edge_y = max(1, width * 6 // 100), max(1, height * 6 // 100)
    frame, inner = [], []
    for y in range(height):
        for x in range(width):
            grey = pixels[y * width + x]
            if x < edge_x or x >= width - edge_x or y < edge_y or y >= height - edge_y:
                frame.append(grey)
            elif 0.15 * width <= x < 0.85 * width and 0.15 * height <= y < 0.85 * height:
                inner.append(grey)
    return sum(frame) / len(frame), sum(inner) / len(inner)


@pytest.mark.parametrize("way", ["setting", "toggle"])
@pytest.mark.parametrize("page_type", PRINTED)
def test_dark_palette_prints_black_on_white(
    browser: Any, site_url: str, tmp_path: Path, page_type: str, way: str
) -> None:
    context = new_context(browser, 1280, "dark" if way == "setting" else "light")
    page = context.new_page()
    try:
        page.goto(site_url + PAGE_TYPES[page_type])
        if way == "toggle":
            assert toggle_palette(page) == "slate"
        assert scheme_of(page) == "slate"
        page.emulate_media(media="print")
        colours = page.evaluate(
            "() => [getComputedStyle(document.body).backgroundColor, "
            "getComputedStyle(document.querySelector('.md-typeset')).color]"
        )
        pdf = page.pdf(format="A4", print_background=True)
    finally:
        context.close()
    assert colours == ["rgb(255, 255, 255)", "rgb(0, 0, 0)"]
    frame, sheet = margins_and_page(*grey_pixels(pdf, tmp_path))
    assert frame > 250, f"the margins print dark (mean grey {frame:.0f} of 255)"
    assert sheet > 200, f"the text area prints dark (mean grey {sheet:.0f} of 255)"


def test_the_pixel_check_sees_a_dark_sheet(browser: Any, site_url: str, tmp_path: Path) -> None:
    """The check can fail: without access.css the dark palette prints a dark frame (the page
    margins take the dark background of the document)."""
    context = new_context(browser, 1280, "dark")
    page = context.new_page()
    try:
        page.goto(site_url + PAGE_TYPES["glossary"])
        page.evaluate("document.querySelector('link[href$=\"access.css\"]').remove()")
        page.emulate_media(media="print")
        pdf = page.pdf(format="A4", print_background=True)
    finally:
        context.close()
    frame, _ = margins_and_page(*grey_pixels(pdf, tmp_path))
    assert frame < 100


# Every box and its label on paper: the box (the input, where the printed square is drawn)
# on the line of the label's first words, just before them.
BOXES_BESIDE_LABELS = """() => {
  const out = [];
  for (const label of document.querySelectorAll(
      ".ih-choice, .ih-option, .ih-item, .ih-facet__value")) {
    const box = label.querySelector("input");
    if (!box || label.offsetParent === null) continue;
    const walker = document.createTreeWalker(label, NodeFilter.SHOW_TEXT,
      {acceptNode: n => n.textContent.trim() ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP});
    const text = walker.nextNode();
    if (!text) continue;
    const range = document.createRange();
    range.setStart(text, text.textContent.search(/\\S/));
    range.setEnd(text, text.textContent.search(/\\S/) + 1);
    const word = range.getBoundingClientRect();
    const b = box.getBoundingClientRect();
    const middle = (b.top + b.bottom) / 2;
    const gap = word.left - b.right;
    if (middle < word.top - 2 || middle > word.bottom + 2 || gap < 0 || gap > 40) {
      out.push(label.textContent.trim().slice(0, 40) + ": box at " +
        [Math.round(b.left), Math.round(b.top)] + ", words at " +
        [Math.round(word.left), Math.round(word.top)]);
    }
  }
  return out;
}"""


@pytest.mark.parametrize("page_type", ["assessment", "checklist", "module", "replication"])
def test_printed_boxes_sit_beside_their_labels(browser: Any, site_url: str, page_type: str) -> None:
    # An A4 sheet's width less its margins, at 96 px to the inch.
    context = new_context(browser, 673, "dark")
    page = context.new_page()
    try:
        page.goto(site_url + PAGE_TYPES[page_type])
        page.emulate_media(media="print")
        counted = page.locator(".ih-choice, .ih-option, .ih-item").count()
        detached = page.evaluate(BOXES_BESIDE_LABELS)
    finally:
        context.close()
    assert counted > 0
    assert detached == []


def test_external_links_print_their_address(browser: Any, site_url: str) -> None:
    context = new_context(browser, 1280, "dark")
    page = context.new_page()
    try:
        page.goto(site_url + PAGE_TYPES["practice"])
        page.emulate_media(media="print")
        links = page.evaluate(
            """() => [...document.querySelectorAll('.md-typeset a[href^="http"]')].map(a =>
                [a.href, getComputedStyle(a, '::after').content])"""
        )
        inside = page.evaluate(
            "() => getComputedStyle(document.querySelector('.md-typeset a[href$=\".html\"]'),"
            " '::after').content"
        )
        text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(page.pdf())).pages)
    finally:
        context.close()
    assert links, "the practice page links to its sources"
    assert all(href in content for href, content in links), links
    assert inside in ("none", "normal", '""')  # links within the handbook print as they are
    flat = "".join(text.split())
    assert all(href.rstrip("/") in flat for href, _ in links[:3]), links[:3]
