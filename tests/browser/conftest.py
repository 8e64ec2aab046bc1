"""Browser fixtures: a fresh page per test that records every request it makes."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

PAGE_TYPES = {
    "home": "index.html",
    "methodology": "methodology/place-then-train.html",
    "criteria": "criteria/index.html",
    "catalogue": "practices/index.html",
    "practice": "practices/p1824-drammen.html",
    "practice-pes-fiche": "practices/nav-supported-employment.html",
    "countries": "countries/index.html",
    "country": "countries/no.html",
    "glossary": "glossary.html",
    "guide": "guide/add-a-practice.html",
    "not-found": "404.html",
    "checklists": "checklists/index.html",
    "checklist": "checklists/network-coordination.html",
    "assessment": "checklists/assessment.html",
    "replication": "checklists/replication/p1824-drammen.html",
    "phase-checklist": "checklists/phases/before.html",
    "modules": "training/index.html",
    "learning-path": "training/path.html",
    "module": "training/supported-employment/index.html",
    "facilitator": "training/supported-employment/facilitator.html",
    "agenda": "training/supported-employment/agenda.html",
    "handout": "training/stakeholder-network/handout.html",
    "finder": "compare/finder.html",
    "finder-filtered": "compare/finder.html?phase=during&participatory=met&p=p1824-drammen",
    "matrix": "compare/matrix.html",
    "side-by-side": "compare/side-by-side.html"
    "?p=p1824-drammen&p=arbeid-med-bistand&p=nav-supported-employment",
    "side-by-side-empty": "compare/side-by-side.html",
    "summary": "compare/summary.html",
}


class Recorder:
    def __init__(self) -> None:
        self.urls: list[str] = []

    def outside(self, *allowed_prefixes: str) -> list[str]:
        local = ("data:", "blob:", "about:", *allowed_prefixes)
        return [u for u in self.urls if not u.startswith(local)]


def dialogs_of(page: Any) -> list[str]:
    """The messages of the dialogs ``page`` opens from now on (each dismissed): a script
    that a hostile text smuggled in would show its ``alert`` here."""
    dialogs: list[str] = []

    def dismiss(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)
    return dialogs


@pytest.fixture
def page_and_requests(browser: Any) -> Iterator[tuple[Any, Recorder]]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    recorder = Recorder()
    page.on("request", lambda request: recorder.urls.append(request.url))
    page.set_default_timeout(10_000)
    yield page, recorder
    context.close()


@pytest.fixture
def page(page_and_requests: tuple[Any, Recorder]) -> Any:
    return page_and_requests[0]
