"""The catalog: every valid record, after the checks that look across fields and files.

``load_catalog`` runs the first three stages of the pipeline (load -> validate -> catalog) and
returns the catalog together with every problem found in every file, in one pass.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from generator.catalog.checklists import ChecklistPage, checklist_pages
from generator.catalog.content import content_page_problems, file_ids, load_checklists, load_modules
from generator.load.project import Project
from generator.load.settings import Settings, settings_problems
from generator.load.yaml_source import YamlDocument, read_yaml
from generator.model.checklist import Checklist
from generator.model.criteria import criteria_set
from generator.model.module import Module
from generator.model.practice import Practice
from generator.model.vocabulary import country_name
from generator.parallel import ordered_map
from generator.problems import FieldPath, Problem, Severity
from generator.text.glossary import NO_GLOSSARY, Glossary, read_glossary
from generator.validate.documents import file_name_problem, load_document
from generator.validate.privacy import Unpublished, personal_data_in_text, personal_details, public


@dataclass(frozen=True)
class PracticeFile:
    """A valid practice and the file it came from."""

    practice: Practice
    path: Path


@dataclass(eq=False)  # compared by identity: two loads of one project are two catalogs
class Catalog:
    project: Project
    practice_files: list[PracticeFile] = field(default_factory=list)
    settings: Settings = field(default_factory=Settings)
    checklists: list[Checklist] = field(default_factory=list)  # the hand-written ones
    modules: list[Module] = field(default_factory=list)
    glossary: Glossary = NO_GLOSSARY  # the project's abbreviations, marked in record text
    # Every checklist, generated and hand-written, and where its page goes: derived once here.
    checklist_pages: tuple[ChecklistPage, ...] = ()

    @property
    def practices(self) -> list[Practice]:
        return [e.practice for e in self.practice_files]

    def practice(self, practice_id: str) -> Practice:
        return next(p for p in self.practices if p.id == practice_id)

    def countries(self) -> dict[str, list[Practice]]:
        """Country code -> its practices, countries in order of their names."""
        by_code: dict[str, list[Practice]] = {}
        for practice in self.practices:
            by_code.setdefault(practice.country, []).append(practice)
        return dict(sorted(by_code.items(), key=lambda item: country_name(item[0])))


_Read = tuple[Path, Practice | None, list[Problem]]


class RecordCache:
    """What each record file told when last read, by its bytes: a later load of the same
    project (``handbook serve``, after a save) reads again only the files whose bytes, the
    settings or the day changed. Unchanged records come back as the same objects.
    """

    def __init__(self) -> None:
        self._read: dict[Path, tuple[bytes, Settings, dt.date, _Read]] = {}
        self._public: dict[int, tuple[Practice, Practice]] = {}  # id(record) -> both
        self._glossary: tuple[bytes, Glossary] | None = None
        self.reread = 0  # files read by the last load

    def __getstate__(self) -> dict[str, object]:
        """Kept in a file (``generator.build_cache``); the published copies are found by the
        ``id`` of their record, which is made again when read."""
        return {
            "read": self._read,
            "public": list(self._public.values()),
            "glossary": self._glossary,
        }

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__()  # type: ignore[misc]
        self._read, self._glossary = state["read"], state["glossary"]
        self._public = {id(kept[0]): kept for kept in state["public"]}

    def read(
        self,
        read: Callable[[Path], _Read],
        paths: Sequence[Path],
        settings: Settings,
        today: dt.date,
        workers: int | None,
    ) -> list[_Read]:
        digests = {path: _digest(path) for path in paths}
        stale = [
            path
            for path in paths
            if (kept := self._read.get(path)) is None
            or digests[path] is None
            or kept[:3] != (digests[path], settings, today)
        ]
        fresh = dict(zip(stale, ordered_map(read, stale, workers), strict=True))
        self._read = {
            path: (digest, settings, today, fresh[path] if path in fresh else self._read[path][3])
            for path, digest in digests.items()
            if digest is not None
        }
        self.reread = len(stale)
        return [fresh[path] if path in fresh else self._read[path][3] for path in paths]

    def public(self, practice: Practice) -> Practice:
        kept = self._public.get(id(practice))
        if kept is None or kept[0] is not practice:
            kept = (practice, public(practice))
            self._public[id(practice)] = kept
        return kept[1]

    def glossary(self, path: Path) -> Glossary:
        digest = _digest(path) or b""
        if self._glossary is None or self._glossary[0] != digest or not digest:
            self._glossary = (digest, read_glossary(path))
        return self._glossary[1]

    def forget_others(self, practices: Sequence[Practice]) -> None:
        """Keep the published copies of ``practices`` only."""
        alive = {id(p) for p in practices}
        self._public = {key: kept for key, kept in self._public.items() if key in alive}


def _digest(path: Path) -> bytes | None:
    try:
        return hashlib.sha256(path.read_bytes()).digest()
    except OSError:
        return None  # read again, where the record's own reading reports the problem


def load_catalog(
    project: Project,
    today: dt.date | None = None,
    workers: int | None = None,
    cache: RecordCache | None = None,
) -> tuple[Catalog, list[Problem]]:
    """Load, validate and cross-check every record of ``project``.

    ``today`` (default: the system date) dates the warnings for records due for review; it
    never reaches a page, so the site stays the same from one day to the next. The records
    are read on ``workers`` processes (default: as many as pay; see ``generator.parallel``).
    With a ``cache``, only the files that changed since its last load are read again.
    """
    settings = project.settings()
    problems: list[Problem] = project.refused_inputs()  # links leaving the project: unread
    problems.extend(settings_problems(project.mkdocs_yml))
    if not project.practices_dir.is_dir():
        problems.append(
            Problem(
                project.practices_dir,
                1,
                1,
                (),
                "folder not found; expected practices/ "
                "with one .yaml record per practice (is --root right?)",
            )
        )
    day = today or dt.date.today()
    read = partial(_read_record, settings=settings, today=day)
    paths = project.practice_files()
    results = (
        ordered_map(read, paths, workers)
        if cache is None
        else cache.read(read, paths, settings, day, workers)
    )
    loaded: list[tuple[Path, Practice]] = []
    for path, practice, record_problems in results:
        problems.extend(record_problems)
        if practice is not None:
            loaded.append((path, practice))
    problems.extend(_catalog_checks(loaded, file_ids(project.practice_files())))
    practices = {p.id: p for _, p in loaded}
    checklists, checklist_problems = load_checklists(project, practices)
    problems.extend(checklist_problems)
    modules, module_problems = load_modules(project, practices, checklists)
    problems.extend(module_problems)
    problems.extend(content_page_problems(project))
    published = public if cache is None else cache.public
    files = sorted(
        (PracticeFile(published(p), path) for path, p in loaded), key=lambda e: e.practice.id
    )
    if cache is not None:
        cache.forget_others([p for _, p in loaded])
    catalog = Catalog(  # what may be published of each record: see generator.validate.privacy
        project,
        files,
        settings,
        checklists,
        modules,
        read_glossary(project.glossary_file)
        if cache is None
        else cache.glossary(project.glossary_file),
        checklist_pages(checklists, [f.practice for f in files]),
    )
    return catalog, sorted(problems, key=lambda p: (str(p.file), p.line, p.column, p.message))


def _read_record(
    path: Path, settings: Settings, today: dt.date
) -> tuple[Path, Practice | None, list[Problem]]:
    """Everything that one record file tells on its own; small enough to pass between processes."""
    if path.suffix == ".yml":
        return path, None, [Problem(path, 1, 1, (), "expected the extension .yaml; found .yml")]
    doc, practice, problems = load_practice(path)
    if doc is not None and practice is not None:
        problems.extend(_freshness(doc, practice, settings, today))
    return path, practice, problems


def load_practice(path: Path) -> tuple[YamlDocument | None, Practice | None, list[Problem]]:
    """Read, validate and check one record file on its own."""
    doc, practice, problems = load_document(path, Practice)
    if doc is None or practice is None:
        return doc, None, problems
    return doc, practice, [*problems, *_record_checks(doc, practice)]


def _record_checks(doc: YamlDocument, practice: Practice) -> Iterator[Problem]:
    """Checks across the fields of one record: ids, references to its own sources."""
    if (misnamed := file_name_problem(doc, practice.id)) is not None:
        yield misnamed
    source_ids = [s.id for s in practice.sources]
    seen: set[str] = set()
    for index, source in enumerate(practice.sources):
        if source.id in seen:
            yield doc.problem(
                ("sources", index, "id"),
                f"duplicate source id {source.id!r}; expected each source id once",
            )
        seen.add(source.id)
        if source.cited_in is not None and source.cited_in not in source_ids:
            yield _unknown_source(doc, ("sources", index, "cited_in"), source.cited_in, source_ids)
    for index, figure in enumerate(practice.key_figures):
        if figure.source not in source_ids:
            yield _unknown_source(doc, ("key_figures", index, "source"), figure.source, source_ids)
        if figure.value_max is not None and figure.value_max < figure.value:
            yield doc.problem(
                ("key_figures", index, "value_max"),
                f"expected a value_max above value ({figure.value}); found {figure.value_max}",
            )
    for criterion in criteria_set().criteria:
        assessment = practice.assessments[criterion.id]
        path: FieldPath = ("criteria", criterion.id)
        if assessment.source is not None and assessment.source not in source_ids:
            yield _unknown_source(doc, (*path, "source"), assessment.source, source_ids)
    for index, contact in enumerate(practice.contacts):
        if contact.publish and (details := personal_details(contact)):
            yield doc.problem(
                ("contacts", index, "publish"),
                f"personal contact {details[0]!r} will be published (publish: true)",
                Severity.NOTICE,
            )
    unpublished = Unpublished.of([practice])
    for at, message in personal_data_in_text(doc.data, [practice.country], unpublished):
        yield doc.problem(at, message, Severity.WARNING)


def _freshness(
    doc: YamlDocument, practice: Practice, settings: Settings, today: dt.date
) -> Iterator[Problem]:
    reviewed = practice.last_reviewed
    if reviewed > today:
        yield doc.problem(
            ("last_reviewed",),
            f"{reviewed.isoformat()} is in the future; "
            "expected the date the record was last checked",
            Severity.WARNING,
        )
    elif (today - reviewed).days > settings.review_after_days:
        yield doc.problem(
            ("last_reviewed",),
            f"last reviewed {reviewed.isoformat()}, "
            f"{(today - reviewed).days} days ago (more than {settings.review_after_days}); "
            "check the record against its sources and update last_reviewed",
            Severity.WARNING,
        )


def _unknown_source(doc: YamlDocument, path: FieldPath, value: str, known: list[str]) -> Problem:
    return doc.problem(
        path,
        f"unknown source {value!r}; expected the id of an entry in sources: {', '.join(known)}",
    )


def _catalog_checks(loaded: list[tuple[Path, Practice]], existing: set[str]) -> Iterator[Problem]:
    """Checks across records: unique ids, references between records.

    A reference to a record that is ``existing`` (as a file) but invalid resolves.

    Each file is read again to place a problem in it: only files that have one, so the
    records themselves need not carry their positions from the worker that read them.
    """
    docs: dict[Path, YamlDocument] = {}

    def _located(path: Path) -> YamlDocument:
        if path not in docs:
            doc, _ = read_yaml(path)  # read and validated once already: it reads again
            docs[path] = doc if doc is not None else YamlDocument(path, None)
        return docs[path]

    first: dict[str, Path] = {}
    for path, practice in loaded:
        if practice.id in first:
            yield _located(path).problem(
                ("id",),
                f"duplicate id {practice.id!r}, also used by "
                f"{first[practice.id].name}; expected a unique id",
            )
        else:
            first[practice.id] = path
    for path, practice in loaded:
        for index, other in enumerate(practice.related_practices):
            if other == practice.id:
                yield _located(path).problem(
                    ("related_practices", index), "a practice cannot be related to itself"
                )
            elif other not in first and other not in existing:
                yield _located(path).problem(
                    ("related_practices", index),
                    f"unknown practice {other!r}; expected the id of a record in practices/",
                )
