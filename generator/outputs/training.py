"""Training modules: a learner view, a facilitator view, a timed agenda and a printable
handout per module; an index filterable by audience; a learning path for new PES staff.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from generator.addresses import LEARNING_PATH, TRAINING, module_path
from generator.catalog.catalog import Catalog
from generator.catalog.checklists import ChecklistPage
from generator.model.checklist import PRACTICE_SECTIONS
from generator.model.module import Episode, Module
from generator.model.vocabulary import vocabularies
from generator.outputs.language import ui_text
from generator.outputs.page import Page
from generator.outputs.render import render

PATH_AUDIENCE = "new-pes-staff"


@dataclass(frozen=True)
class Slot:
    start: str
    end: str
    episode: Episode


def agenda(module: Module) -> list[Slot]:
    """Clock times of each episode, from the module's start time and the episodes' minutes."""
    clock = dt.datetime.combine(dt.date(2000, 1, 1), dt.time.fromisoformat(module.start_time))
    slots = []
    for episode in module.episodes:
        end = clock + dt.timedelta(minutes=episode.minutes)
        slots.append(Slot(clock.strftime("%H:%M"), end.strftime("%H:%M"), episode))
        clock = end
    return slots


def learning_path(modules: list[Module], audience: str = PATH_AUDIENCE) -> list[Module]:
    """The modules for ``audience``, each after its prerequisites (ties in id order)."""
    chosen = {m.id: m for m in modules if audience in m.audience}
    done: list[Module] = []
    placed: set[str] = set()
    while len(done) < len(chosen):
        ready = [
            m
            for m in chosen.values()
            if m.id not in placed and all(p in placed or p not in chosen for p in m.prerequisites)
        ]
        if not ready:  # a cycle; validation reports it, the path lists the rest by id
            ready = [m for m in chosen.values() if m.id not in placed]
        first = min(ready, key=lambda m: m.id)
        done.append(first)
        placed.add(first.id)
    return done


class ModuleViews:
    """What the module templates show of a module, on the site and in a cartridge."""

    def __init__(self, catalog: Catalog) -> None:
        self.modules = {m.id: m for m in catalog.modules}
        self.practices = {p.id: p for p in catalog.practices}
        self.checklists = {e.checklist.id: e for e in catalog.checklist_pages}

    def handouts(self, module: Module) -> list[ChecklistPage]:
        return [self.checklists[h] for h in module.handouts if h in self.checklists]

    def context(self, module: Module, standalone: bool) -> dict[str, Any]:
        """The context of ``module.md.j2`` and its views; ``standalone`` (a cartridge's
        guide) leaves out what links to other modules."""
        prerequisites = [] if standalone else module.prerequisites
        return {
            "module": module,
            "slots": agenda(module),
            "prerequisites": [self.modules[p] for p in prerequisites if p in self.modules],
            "practices": self.practices,
            "sections": PRACTICE_SECTIONS,
            "handouts": self.handouts(module),
            "standalone": standalone,
        }


def pages(catalog: Catalog) -> Iterator[Page]:
    modules = catalog.modules
    views = ModuleViews(catalog)
    yield Page(
        TRAINING.pattern,
        ui_text("Training modules"),
        render(
            "training-index.md.j2",
            catalog.glossary,
            TRAINING.pattern,
            modules=modules,
            audiences=vocabularies()["audiences"],
        ),
        from_records=True,
    )
    path = learning_path(modules)
    yield Page(
        LEARNING_PATH.pattern,
        ui_text("Learning path for new PES staff"),
        render(
            "training-path.md.j2",
            catalog.glossary,
            LEARNING_PATH.pattern,
            path=path,
            total=sum(m.duration for m in path),
        ),
        from_records=True,
    )
    for module in modules:
        context = views.context(module, standalone=False)
        for view, title in (
            ("index", module.title),
            ("facilitator", ui_text("Facilitator guide")),
            ("agenda", ui_text("Agenda")),
            ("handout", ui_text("Handout")),
        ):
            page = module_path(module.id, view)
            yield Page(
                page,
                title,
                render(
                    f"module-{view}.md.j2" if view in ("agenda", "handout") else "module.md.j2",
                    catalog.glossary,
                    page,
                    facilitator=view == "facilitator",
                    **context,
                ),
                from_records=True,
            )
