"""The content stage of the catalog: hand-written checklists and training modules.

Both live under ``content/`` and refer to the practice records (and modules to checklists),
so they are loaded after the practices and checked against them. A reference to a file that
is there but failed validation resolves: one broken file gives its own errors only.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from pathspec import GitIgnoreSpec

from generator.addresses import ASSESSMENT_ID, REPLICATION_ID, id_problem, owner
from generator.load.project import Project
from generator.load.settings import read_mkdocs_yml
from generator.load.yaml_source import YamlDocument
from generator.model.checklist import Checklist, Item
from generator.model.module import DAY, Module, minutes_of_day
from generator.model.practice import Practice
from generator.problems import FieldPath, Problem, Severity, did_you_mean, errors, shown
from generator.validate.documents import file_name_problem, load_document
from generator.validate.privacy import Unpublished, personal_data_in_text

# What MkDocs leaves out of the site whatever mkdocs.yml says: dot-files and templates/.
_ALWAYS_EXCLUDED = (".*", "/templates/")
_PAGE_PATH = re.compile(r"[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*")
_PAGE_EXAMPLE = "a Markdown page under content/, such as methodology/good-practice.md"


def file_ids(paths: list[Path]) -> set[str]:
    """The ids that files claim by their names, whether or not they validate.

    A record's id is its file name, so a reference to a file that failed validation still
    resolves: its own errors say what is wrong, and nothing that refers to it adds more.
    """
    return {path.stem for path in paths}


def load_checklists(
    project: Project, practices: dict[str, Practice]
) -> tuple[list[Checklist], list[Problem]]:
    """Load and check the hand-written checklists of ``content/checklists/``."""
    checklists: list[Checklist] = []
    problems: list[Problem] = []
    first: dict[str, Path] = {}
    docs: list[YamlDocument] = []
    excluded = excluded_pages(project)
    existing = file_ids(project.practice_files())
    for path in project.checklist_files():
        doc, checklist, read_problems = load_document(path, Checklist)
        problems.extend(read_problems)
        if doc is None or checklist is None:
            continue
        docs.append(doc)
        checked = list(_checklist_checks(doc, checklist, project, practices, excluded, existing))
        if checklist.id in first:  # x.yaml beside x.yml
            checked.append(
                doc.problem(
                    ("id",),
                    f"duplicate checklist id {checklist.id!r}, also used by "
                    f"{first[checklist.id].name}; expected a unique id",
                )
            )
        first.setdefault(checklist.id, path)
        problems.extend(checked)
        if not errors(checked):
            checklists.append(checklist)
    problems.extend(personal_data_warnings(docs, practices))
    return sorted(checklists, key=lambda c: c.id), problems


def _checklist_checks(
    doc: YamlDocument,
    checklist: Checklist,
    project: Project,
    practices: dict[str, Practice],
    excluded: GitIgnoreSpec,
    existing: set[str],
) -> Iterator[Problem]:
    if (misnamed := file_name_problem(doc, checklist.id)) is not None:
        yield misnamed
    if (wrong := id_problem("checklist", checklist.id)) is not None:
        yield doc.problem(("id",), wrong)
    seen: dict[str, FieldPath] = {}
    for s, section in enumerate(checklist.sections):
        for i, item in enumerate(section.items):
            path: FieldPath = ("sections", s, "items", i)
            for key in {item.key, _plain(item.text)}:
                if key in seen:
                    first = doc.position(seen[key])
                    yield doc.problem(
                        path,
                        f"duplicate item (same id or text as line "
                        f"{first.line}); expected each item once",
                    )
                    break
                seen[key] = path
            yield from _item_source_checks(
                doc, (*path, "source"), item, project, practices, excluded, existing
            )


def personal_data_warnings(
    docs: list[YamlDocument], practices: dict[str, Practice]
) -> Iterator[Problem]:
    """Where the text of modules or checklists holds personal data (generator.validate.privacy)."""
    unpublished = Unpublished.of(practices.values())
    countries = sorted({p.country for p in practices.values()})  # for national phone numbers
    for doc in docs:
        for at, message in personal_data_in_text(doc.data, countries, unpublished):
            yield doc.problem(at, message, Severity.WARNING)


def _plain(text: str) -> str:
    return " ".join(text.lower().split())


def _item_source_checks(
    doc: YamlDocument,
    path: FieldPath,
    item: Item,
    project: Project,
    practices: dict[str, Practice],
    excluded: GitIgnoreSpec,
    existing: set[str],
) -> Iterator[Problem]:
    source = item.source
    if source is None:
        return
    if source.page is not None:
        if (wrong := page_problem(project, source.page, excluded)) is not None:
            yield doc.problem((*path, "page"), wrong)
        return
    practice = practices.get(source.practice or "")
    if practice is None and source.practice in existing:
        return  # the record is there but invalid: its own errors say why
    if practice is None:
        yield doc.problem(
            (*path, "practice"),
            f"unknown practice {source.practice!r}; expected the id of a record in "
            f"practices/{did_you_mean(source.practice or '', list(practices))}",
        )
    elif source.field is not None and not getattr(practice, source.field):
        yield doc.problem(
            (*path, "field"),
            f"practice {practice.id!r} has no {source.field!r}; "
            "expected a field the record fills in",
        )


def page_problem(project: Project, page: str, excluded: GitIgnoreSpec) -> str | None:
    """Why ``page`` is not a page of the handbook (a Markdown file of content/), or None.

    The path is relative to content/, with no ``..`` and no link out of it, names a file
    that MkDocs publishes and reads as UTF-8 text: its title goes on the citing page.
    """
    found = f"found {shown(page)}"
    if not all(_PAGE_PATH.fullmatch(part) for part in page.split("/")):
        return (
            f"expected {_PAGE_EXAMPLE}: a relative path of letters, digits, '-' and '_', "
            f"parts joined by '/', no '..'; {found}"
        )
    if not page.endswith(".md"):
        return f"expected {_PAGE_EXAMPLE}, ending in .md; {found}"
    target = project.content_dir / page
    if not target.is_file():
        return f"page not found; expected {_PAGE_EXAMPLE}; {found}"
    if not target.resolve().is_relative_to(project.content_dir.resolve()):
        return f"page is a link to a file outside content/; expected {_PAGE_EXAMPLE}; {found}"
    if excluded.match_file(page):
        return f"page is left out of the site (exclude_docs in mkdocs.yml); {found}"
    try:
        target.read_text(encoding="utf-8")
    except (UnicodeDecodeError, OSError):
        return f"page cannot be read as UTF-8 text; {found}"
    return None


def excluded_pages(project: Project) -> GitIgnoreSpec:
    """The files of content/ that MkDocs leaves out, as ``exclude_docs`` (gitignore) says."""
    written = read_mkdocs_yml(project.mkdocs_yml).get("exclude_docs")
    lines = written.splitlines() if isinstance(written, str) else []
    return GitIgnoreSpec.from_lines([*_ALWAYS_EXCLUDED, *lines])


def content_page_problems(project: Project) -> Iterator[Problem]:
    """A file of content/ at an address the handbook generates would be replaced silently."""
    if not project.content_dir.is_dir():
        return
    excluded = excluded_pages(project)
    for path in sorted(project.content_dir.rglob("*")):
        relative = path.relative_to(project.content_dir).as_posix()
        if path.is_file() and not excluded.match_file(relative):
            taken = owner(relative)
            if taken is not None:
                yield Problem(
                    path,
                    1,
                    1,
                    (),
                    f"{relative} is the address of {taken.what}, which the handbook "
                    "generates; expected another path under content/",
                )


def has_replication_checklist(practice: Practice) -> bool:
    """Whether the practice gets a replication checklist: it has something to replicate."""
    return bool(
        practice.success_factors
        or practice.lessons_learnt
        or practice.sustainability
        or practice.steps
        or practice.activities
        or practice.resources
    )


def handout_ids(checklists: list[Checklist], practices: dict[str, Practice]) -> list[str]:
    """The checklist ids a module may hand out: hand-written, assessment, replication."""
    replication = [
        REPLICATION_ID.of(practice_id)
        for practice_id, practice in practices.items()
        if has_replication_checklist(practice)
    ]
    return sorted([*(c.id for c in checklists), ASSESSMENT_ID, *replication])


def load_modules(
    project: Project, practices: dict[str, Practice], checklists: list[Checklist]
) -> tuple[list[Module], list[Problem]]:
    """Load and check the training modules of ``content/modules/``."""
    loaded: list[tuple[YamlDocument, Module]] = []
    problems: list[Problem] = []
    for path in project.module_files():
        doc, module, read_problems = load_document(path, Module)
        problems.extend(read_problems)
        if doc is not None and module is not None:
            loaded.append((doc, module))
    problems.extend(personal_data_warnings([doc for doc, _ in loaded], practices))
    existing = file_ids(project.practice_files())
    handouts = sorted(
        {
            *handout_ids(checklists, practices),
            *file_ids(project.checklist_files()),
            # a record that failed validation may well have one: its own errors say why
            *(REPLICATION_ID.of(p) for p in existing - practices.keys()),
        }
    )
    ids = [m.id for _, m in loaded]
    known = sorted({*ids, *file_ids(project.module_files())})
    valid = []
    for doc, module in loaded:
        checked = list(_module_checks(doc, module, practices, existing, handouts, known))
        if ids.count(module.id) > 1:
            checked.append(
                doc.problem(("id",), f"duplicate module id {module.id!r}; expected a unique id")
            )
        problems.extend(checked)
        if not errors(checked):
            valid.append(module)
    problems.extend(_prerequisite_cycles(loaded))
    return sorted(valid, key=lambda m: m.id), problems


def _module_checks(
    doc: YamlDocument,
    module: Module,
    practices: dict[str, Practice],
    existing: set[str],
    handouts: list[str],
    module_ids: list[str],
) -> Iterator[Problem]:
    if (misnamed := file_name_problem(doc, module.id)) is not None:
        yield misnamed
    total = sum(e.minutes for e in module.episodes)
    if total != module.duration:
        parts = " + ".join(str(e.minutes) for e in module.episodes)
        yield doc.problem(
            ("duration",),
            f"the episodes add up to {total} minutes ({parts}); "
            f"expected duration: {total}; found {module.duration}",
        )
    end = minutes_of_day(module.start_time) + total
    if end > DAY:
        yield doc.problem(
            ("start_time",) if ("start_time",) in doc.values else ("duration",),
            f"the agenda runs from {module.start_time} for {total} minutes, to "
            f"{(end - DAY) // 60:02d}:{(end - DAY) % 60:02d} the next day; expected an agenda "
            "that ends by midnight (start earlier, or split the module)",
        )
    for index, other in enumerate(module.prerequisites):
        if other == module.id:
            yield doc.problem(("prerequisites", index), "a module cannot be its own prerequisite")
        elif other not in module_ids:
            yield doc.problem(
                ("prerequisites", index),
                f"unknown module {other!r}; expected "
                f"the id of a module in content/modules/"
                f"{did_you_mean(other, module_ids)}",
            )
    for index, case in enumerate(module.case_studies):
        path: FieldPath = ("case_studies", index)
        practice = practices.get(case.practice)
        if practice is None and case.practice in existing:
            continue  # the record is there but invalid: its own errors say why
        if practice is None:
            yield doc.problem(
                (*path, "practice"),
                f"unknown practice {case.practice!r}; "
                "expected the id of a record in practices/"
                f"{did_you_mean(case.practice, list(practices))}",
            )
            continue
        for f, field in enumerate(case.focus):
            if not getattr(practice, field):
                yield doc.problem(
                    (*path, "focus", f),
                    f"practice {practice.id!r} has no "
                    f"{field!r}; expected a field the record fills in",
                )
    for index, handout in enumerate(module.handouts):
        if handout not in handouts:
            yield doc.problem(
                ("handouts", index),
                f"unknown checklist {handout!r}{did_you_mean(handout, handouts)}; expected one "
                f"of {', '.join(handouts)}",
            )


def _prerequisite_cycles(loaded: list[tuple[YamlDocument, Module]]) -> Iterator[Problem]:
    """A module that needs itself through its prerequisites can never be scheduled."""
    needs = {m.id: set(m.prerequisites) for _, m in loaded}
    for doc, module in loaded:
        seen: set[str] = set()
        todo = [p for p in module.prerequisites if p != module.id]
        while todo:
            other = todo.pop()
            if other == module.id:
                yield doc.problem(
                    ("prerequisites",),
                    f"module {module.id!r} needs itself "
                    "through its prerequisites; expected no cycle",
                )
                break
            if other not in seen:
                seen.add(other)
                todo.extend(needs.get(other, ()))
