"""Checklists in the browser: ticks and notes persist, progress counts, reset clears, the
assessment form yields a criteria block that validates, all by keyboard."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from generator.commands.cli import main
from tests.conftest import FIXTURES, copy_project

pytestmark = pytest.mark.browser

CHECKLIST = "checklists/network-coordination.html"


def progress(page: Any) -> str:
    return str(page.locator(".ih-progress").inner_text()).strip()


def test_ticks_and_notes_survive_a_reload_and_reset_clears(page: Any, site_url: str) -> None:
    page.goto(site_url + CHECKLIST)
    total = page.locator("li.ih-item").count()
    assert progress(page) == f"0 of {total} done"
    boxes = page.locator("li.ih-item input[type=checkbox]")
    boxes.nth(0).focus()
    page.keyboard.press("Space")  # by keyboard
    boxes.nth(2).check()
    first = page.locator("li.ih-item").nth(0)
    first.locator("summary").click()
    first.locator("textarea").fill("Agreed at the March meeting.")
    assert progress(page) == f"2 of {total} done"

    page.reload()
    boxes = page.locator("li.ih-item input[type=checkbox]")
    assert [boxes.nth(i).is_checked() for i in range(3)] == [True, False, True]
    assert page.locator("li.ih-item").nth(0).locator("textarea").input_value() == (
        "Agreed at the March meeting."
    )
    assert progress(page) == f"2 of {total} done"
    assert page.locator("progress.ih-bar").get_attribute("max") == str(total)

    page.get_by_role("button", name="Reset this checklist").click()
    assert progress(page) == f"0 of {total} done"
    page.reload()
    assert page.locator("li.ih-item input:checked").count() == 0
    assert progress(page) == f"0 of {total} done"


def test_every_checkbox_has_an_accessible_name(page: Any, site_url: str) -> None:
    page.goto(site_url + CHECKLIST)
    for box in page.locator("form.ih-checklist input[type=checkbox]").all():
        assert box.evaluate("b => b.labels.length === 1 && b.labels[0].textContent.trim() !== ''")


def test_ticks_survive_a_new_version_that_keeps_the_item(
    page: Any, tmp_path_factory: pytest.TempPathFactory
) -> None:
    versions = []
    for version in ("one", "two"):
        project = copy_project(tmp_path_factory.mktemp(version) / "project")
        if version == "two":  # a new item before the others, the rest kept
            checklist = project / "content" / "checklists" / "network-coordination.yaml"
            checklist.write_text(
                checklist.read_text("utf-8").replace(
                    "    items:\n      - id: roles-clear-early",
                    "    items:\n      - id: brand-new\n        text: A new first item.\n"
                    "      - id: roles-clear-early",
                    1,
                ),
                "utf-8",
            )
        assert main(["build", "--root", str(project)]) == 0
        versions.append(project / "site" / CHECKLIST)
    page.goto(versions[0].as_uri())
    page.get_by_label("Make each partner's role").check()
    page.goto(versions[1].as_uri())
    assert (
        page.locator("li.ih-item").nth(0).locator("label").first.inner_text() == "A new first item."
    )
    assert not page.get_by_label("A new first item.").is_checked()
    assert page.get_by_label("Make each partner's role").is_checked()


def test_assessment_form_gives_a_criteria_block_that_validates(
    page: Any, site_url: str, tmp_path: Path
) -> None:
    page.goto(site_url + "checklists/assessment.html")
    page.get_by_role(
        "group", name=re.compile("^Rating for .*Effective and successful")
    ).get_by_label("Met", exact=True).check()
    page.get_by_label(re.compile("^Evidence for .Effective and successful")).fill(
        'Placements rose by a third; staff said "it works".'
    )
    participatory = page.get_by_role(
        "group", name=re.compile("^Rating for .*Inherently participatory")
    )
    participatory.get_by_label("Partly met").focus()
    page.keyboard.press("Space")
    page.get_by_label(re.compile("^Evidence for .Inherently participatory")).fill(
        "Young people sat on the steering group."
    )
    page.get_by_role("group", name=re.compile("^Rating for .*crisis risks")).get_by_label(
        "Not applicable"
    ).check()
    page.get_by_label(re.compile("^Id of the source")).fill("report")
    page.get_by_role("button", name="Show the criteria block").click()
    assert page.locator(".ih-yaml-status").inner_text() == "The criteria block is ready to copy."
    block = page.locator("#ih-yaml").input_value()
    assert "  effective:\n    rating: met\n" in block

    practices = tmp_path / "practices"
    practices.mkdir()
    minimal = (FIXTURES / "valid" / "minimal.yaml").read_text("utf-8")
    start, end = minimal.index("criteria:"), minimal.index("last_reviewed:")
    (practices / "minimal.yaml").write_text(minimal[:start] + block + minimal[end:], "utf-8")
    assert main(["validate", "--root", str(tmp_path)]) == 0


def test_assessment_says_which_evidence_is_missing(page: Any, site_url: str) -> None:
    page.goto(site_url + "checklists/assessment.html")
    page.get_by_role("group", name=re.compile("^Rating for .*Gender sensitive")).get_by_label(
        "Met", exact=True
    ).check()
    page.get_by_role("button", name="Show the criteria block").click()
    assert (
        "Evidence is still needed for: Rating for “Gender sensitive”"
        in page.locator(".ih-yaml-status").inner_text()
    )
