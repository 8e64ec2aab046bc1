"""Print: no navigation chrome and no blank page, on A4 and Letter."""

from __future__ import annotations

import io
from typing import Any

import pytest
from pypdf import PdfReader

from tests.browser.conftest import PAGE_TYPES

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
