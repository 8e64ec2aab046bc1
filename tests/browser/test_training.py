"""Training modules in the browser: self-check feedback by keyboard, model answers hidden
until asked, facilitator notes only in the facilitator view, the audience filter."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from generator.catalog.catalog import load_catalog
from generator.load.project import Project
from generator.model.module import Module
from tests.conftest import ROOT, page_text

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def modules() -> list[Module]:
    found = load_catalog(Project(ROOT))[0].modules
    assert len(found) >= 5
    return found


def test_self_check_gives_feedback_for_right_and_wrong_answers_by_keyboard(
    page: Any, site_url: str, modules: list[Module]
) -> None:
    module = next(m for m in modules if m.self_check)
    check = module.self_check[0]
    right = next(i for i, o in enumerate(check.options) if o.correct)
    wrong = next(i for i, o in enumerate(check.options) if not o.correct)
    page.goto(site_url + f"training/{module.id}/index.html")
    form = page.locator("form.ih-selfcheck").first
    for choice, verdict in ((wrong, "Not quite."), (right, "Right.")):
        form.locator("input[type=radio]").nth(choice).focus()
        page.keyboard.press("Space")
        page.keyboard.press("Tab")  # to "Check my answer"
        assert page.evaluate("document.activeElement.textContent.trim()") == "Check my answer"
        page.keyboard.press("Enter")
        feedback = form.locator(".ih-feedback").inner_text()
        assert feedback.startswith(verdict)
        assert " ".join(check.options[choice].feedback.split()) in " ".join(feedback.split())


def test_model_answers_stay_hidden_until_asked(
    page: Any, site_url: str, modules: list[Module]
) -> None:
    module = next(m for m in modules if any(e.exercises for e in m.episodes))
    answer = next(e.exercises[0].answer for e in module.episodes if e.exercises)
    page.goto(site_url + f"training/{module.id}/index.html")
    words = " ".join(answer.split())[:40]
    text = page.get_by_text(words, exact=False).first
    assert not text.is_visible()
    details = page.locator("details", has=page.get_by_text(words, exact=False)).first
    details.locator("summary").focus()
    page.keyboard.press("Enter")
    assert text.is_visible()


def test_facilitator_notes_only_in_the_facilitator_view(
    built_site: Path, modules: list[Module]
) -> None:
    def text(view: str, module: Module) -> str:
        return page_text(built_site / "training" / module.id / f"{view}.html")

    for module in modules:
        notes = [n for e in module.episodes for n in e.facilitator_notes]
        assert notes, f"{module.id} has no facilitator notes"
        learner, facilitator = text("index", module), text("facilitator", module)
        assert "Facilitator notes" not in learner
        for note in notes:
            start = " ".join(re.sub(r"[*`_]", "", note).split())[:40]
            assert start in " ".join(re.sub(r"[*`_]", "", facilitator).split())
            assert start not in " ".join(re.sub(r"[*`_]", "", learner).split())


def test_module_index_filters_by_audience(page: Any, site_url: str, modules: list[Module]) -> None:
    page.goto(site_url + "training/index.html")
    rows = page.locator(".ih-modules tbody tr")
    assert rows.count() == len(modules)
    page.get_by_label("Show modules for").select_option("employers")
    visible = [r for r in rows.all() if r.is_visible()]
    expected = [m for m in modules if "employers" in m.audience]
    assert len(visible) == len(expected)
    assert page.locator(".ih-filter-status").inner_text() == (
        f"Modules shown: {len(expected)} of {len(modules)}."
    )
