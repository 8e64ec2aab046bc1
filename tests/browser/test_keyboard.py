"""Keyboard use: skip link, sortable catalogue, palette switch."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.browser


def test_skip_link_is_the_first_stop(page: Any, site_url: str) -> None:
    page.goto(site_url + "practices/p1824-drammen.html")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to content"


def test_catalogue_sorts_by_keyboard(page: Any, site_url: str) -> None:
    page.goto(site_url + "practices/index.html")
    button = page.locator("th button", has_text="Practice")
    button.focus()
    titles = page.locator("tbody tr td:first-child")
    page.keyboard.press("Enter")
    first = titles.all_inner_texts()
    assert button.locator("xpath=..").get_attribute("aria-sort") in ("ascending", "descending")
    page.keyboard.press("Enter")
    second = titles.all_inner_texts()
    assert first == sorted(first) or first == sorted(first, reverse=True)
    assert second == list(reversed(first))


def test_palette_toggle_is_named_and_works_by_keyboard(page: Any, site_url: str) -> None:
    page.emulate_media(color_scheme="light")
    page.goto(site_url + "index.html")
    toggle = page.get_by_label("Switch to dark mode")
    toggle.focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"


def test_record_due_for_review_shows_a_note(page: Any, tmp_path_factory: Any) -> None:
    from generator.commands.cli import main
    from tests.conftest import copy_project

    project = copy_project(tmp_path_factory.mktemp("overdue") / "project")
    record = project / "practices" / "p1824-drammen.yaml"
    record.write_text(
        record.read_text("utf-8").replace("last_reviewed: 2026-11-23", "last_reviewed: 2015-02-01"),
        "utf-8",
    )
    assert main(["build", "--root", str(project)]) == 0
    page.goto((project / "site" / "practices" / "p1824-drammen.html").as_uri())
    assert page.locator(".ih-overdue").inner_text().startswith("Due for review")
    page.goto((project / "site" / "practices" / "arbeid-med-bistand.html").as_uri())
    assert page.locator(".ih-overdue").count() == 0
