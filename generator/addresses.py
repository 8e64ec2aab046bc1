"""Where every generated page goes, and which ids an editor may therefore choose.

One owner for the address patterns: the outputs ask here for their paths, and validation
derives from the same table which ids are taken and how long an id may be. A practice called
``index`` would overwrite the catalogue (``practices/index.md``); a checklist called
``phase-before`` would overwrite the downloads of a generated one; a practice id becomes part
of longer ids (``replication-ID``), which must stay valid ids themselves, never cut short.

An id of one kind gives way to the addresses of the kinds before it in ``KINDS``: fixed pages
first, then the vocabularies' pages, practices, modules and, last, hand-written checklists.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
ID_MAX_LENGTH = 80  # any id, as written in a record or derived from one
DIGEST_LENGTH = 10  # hex digits of a derived checklist item's id

# Whose id fills an address's slot, in the order in which they give way (see above).
KINDS = ("phase", "country", "practice", "module", "checklist")

MODULE_VIEWS = ("index", "facilitator", "agenda", "handout")
DOWNLOADS = ("md.txt", "csv")  # a .md file would be a page to every engine


@dataclass(frozen=True)
class Address:
    """A pattern of generated paths: fixed, or with one ``{}`` slot for an id of ``kind``."""

    pattern: str
    what: str  # what lives there, as a message names it
    kind: str | None = None

    def of(self, value: str = "") -> str:
        return self.pattern.format(value) if self.kind else self.pattern


# Generated checklists' ids: (pattern, kind of its slot); a hand-written one is "{}".
ASSESSMENT_ID = "assessment"
PHASE_CHECKLIST_ID = Address("phase-{}", "a placement-phase checklist", "phase")
REPLICATION_ID = Address("replication-{}", "a practice's replication checklist", "practice")
# A checklist item derived from a practice: the practice id and a digest of the item's text.
PRACTICE_ITEM_ID = Address("{}-" + "0" * DIGEST_LENGTH, "a checklist item", "practice")

PRACTICE_PAGE = Address("practices/{}.md", "a practice's page", "practice")
COUNTRY_PAGE = Address("countries/{}.md", "a country's page", "country")
PRACTICE_DETAILS = Address("compare/data/{}.js", "a practice's side-by-side data", "practice")
CHECKLIST_PAGE = Address("checklists/{}.md", "a checklist's page", "checklist")
PHASE_CHECKLIST_PAGE = Address("checklists/phases/{}.md", "a placement-phase checklist", "phase")
REPLICATION_PAGE = Address(
    "checklists/replication/{}.md", "a practice's replication checklist", "practice"
)
CATALOGUE = Address("practices/index.md", "the practice catalogue")
COUNTRIES = Address("countries/index.md", "the list of countries")
CRITERIA = Address("criteria/index.md", "the criteria page")
CRITERIA_PAGE = CRITERIA.pattern  # several outputs link to it
CRITERIA_TITLE = "The seven good-practice criteria"
CHECKLISTS = Address("checklists/index.md", "the list of checklists")
ASSESSMENT_PAGE = Address(f"checklists/{ASSESSMENT_ID}.md", "the assessment checklist")
TRAINING = Address("training/index.md", "the list of training modules")
TRANSLATIONS = Address("about/translations.md", "the translations' status")
LEARNING_PATH = Address("training/path.md", "the learning path")
FINDER = Address("compare/finder.md", "the practice finder")
FINDER_DATA = Address("compare/practices.js", "the finder's data")
PRACTICES_CSV = Address("compare/practices.csv", "the CSV download")
PRACTICES_JSON = Address("compare/practices.json", "the JSON download")
PRACTICES_SCHEMA = Address("compare/practices.schema.json", "the JSON download's schema")
MATRIX = Address("compare/matrix.md", "the criteria matrix")
SIDE_BY_SIDE = Address("compare/side-by-side.md", "the side-by-side view")
SUMMARY = Address("compare/summary.md", "the catalogue summary")
COMPARE = (
    FINDER,
    FINDER_DATA,
    PRACTICES_CSV,
    PRACTICES_JSON,
    PRACTICES_SCHEMA,
    MATRIX,
    SIDE_BY_SIDE,
    SUMMARY,
)
DOWNLOADS_FOLDER = "checklists/downloads/"


def module_page(view: str) -> Address:
    return Address(f"training/{{}}/{view}.md", f"a module's {view} page", "module")


def download(checklist: Address | str, extension: str) -> Address:
    """The download of a checklist whose id is ``checklist`` (fixed, or a pattern)."""
    if isinstance(checklist, str):
        what = f"the {checklist} checklist's download"
        return Address(f"{DOWNLOADS_FOLDER}{checklist}.{extension}", what)
    what = f"the download of {checklist.what}"
    return Address(f"{DOWNLOADS_FOLDER}{checklist.pattern}.{extension}", what, checklist.kind)


HAND_WRITTEN_CHECKLIST = Address("{}", "a hand-written checklist", "checklist")
GENERATED_CHECKLIST_IDS = (PHASE_CHECKLIST_ID, REPLICATION_ID)

ADDRESSES: tuple[Address, ...] = (
    CATALOGUE,
    COUNTRIES,
    CRITERIA,
    CHECKLISTS,
    ASSESSMENT_PAGE,
    TRAINING,
    LEARNING_PATH,
    TRANSLATIONS,
    *COMPARE,
    *(download(ASSESSMENT_ID, e) for e in DOWNLOADS),
    PRACTICE_PAGE,
    COUNTRY_PAGE,
    PRACTICE_DETAILS,
    PHASE_CHECKLIST_PAGE,
    REPLICATION_PAGE,
    CHECKLIST_PAGE,
    *(module_page(view) for view in MODULE_VIEWS),
    *(
        download(checklist, extension)
        for checklist in (*GENERATED_CHECKLIST_IDS, HAND_WRITTEN_CHECKLIST)
        for extension in DOWNLOADS
    ),
)
# Ids derived from another id: they must be valid ids too.
DERIVED_IDS = (*GENERATED_CHECKLIST_IDS, PRACTICE_ITEM_ID)


def checklist_download(checklist_id: str, extension: str = "") -> str:
    """``checklists/downloads/ID.EXT``; without an extension, the base a page links from."""
    return download(checklist_id, extension).pattern.removesuffix(".")


def module_path(module_id: str, view: str = "index") -> str:
    return module_page(view).of(module_id)


def html(path: str) -> str:
    """The built page of a Markdown page (the site does not use directory URLs)."""
    return path.removesuffix(".md") + ".html" if path.endswith(".md") else path


def country_page(code: str) -> str:
    """A country's page, named by its lowercase code."""
    return COUNTRY_PAGE.of(code.lower())


@lru_cache(maxsize=65_536)  # a few kinds of link, between thousands of pages
def relative(from_page: str, to_path: str) -> str:
    """The link from the page at ``from_page`` to ``to_path``, both under the docs tree, as
    Markdown writes it (a ``.md`` path, which the site engine turns into its built page)."""
    return posixpath.relpath(to_path, posixpath.dirname(from_page) or ".")


def built_link(from_page: str, to_page: str, fragment: str = "") -> str:
    """The link from one generated page to another as the built site names them (for HTML
    that no engine rewrites), with an optional ``#fragment``."""
    return html(relative(from_page, to_page)) + (f"#{fragment}" if fragment else "")


def _view(view: str) -> Callable[[str], str]:
    return lambda module_id: module_path(module_id, view)


# The pages templates link to, by the name ``link_to`` takes: a function of the page's id
# (ignored by the fixed pages).
PAGES: dict[str, Callable[[str], str]] = {
    "practice": PRACTICE_PAGE.of,
    "country": country_page,
    "replication": REPLICATION_PAGE.of,
    "catalogue": CATALOGUE.of,
    "countries": COUNTRIES.of,
    "criteria": CRITERIA.of,
    "checklists": CHECKLISTS.of,
    "training": TRAINING.of,
    "learning_path": LEARNING_PATH.of,
    "finder": FINDER.of,
    "matrix": MATRIX.of,
    "side_by_side": SIDE_BY_SIDE.of,
    "summary": SUMMARY.of,
    "practices_csv": PRACTICES_CSV.of,
    "practices_json": PRACTICES_JSON.of,
    "practices_schema": PRACTICES_SCHEMA.of,
    **{f"module_{view}": _view(view) for view in MODULE_VIEWS},
}


def link(from_page: str, name: str, value: str = "") -> str:
    """The link from ``from_page`` to the page ``name`` (a key of ``PAGES``) of ``value``."""
    return relative(from_page, PAGES[name](value))


def _rank(kind: str | None) -> int:
    return -1 if kind is None else KINDS.index(kind)


def _regex(pattern: str) -> str:
    """A regular expression for every path ``pattern`` can give."""
    return SLUG_PATTERN[1:-1].join(re.escape(part) for part in pattern.split("{}"))


@cache
def _matches(pattern: str) -> Callable[[str], re.Match[str] | None]:
    """``_regex(pattern)``'s full match, compiled once: the patterns are the handbook's own
    (``ADDRESSES`` and their folders), and ``taken`` tries each for every record."""
    return re.compile(_regex(pattern)).fullmatch


def _folders(path: str) -> list[str]:
    """The folders above a path (``a/b/c.md``: ``a``, ``a/b``)."""
    parts = path.split("/")
    return ["/".join(parts[:n]) for n in range(1, len(parts))]


def _stem(path: str) -> str:
    """A page's path without its extension: the folder it becomes with directory URLs."""
    return path.rsplit(".", 1)[0]


@cache
def id_max_length(kind: str) -> int:
    """How long an id of ``kind`` may be, so that every id derived from it stays valid."""
    longest = max((len(a.pattern) - len("{}") for a in DERIVED_IDS if a.kind == kind), default=0)
    return ID_MAX_LENGTH - longest


@dataclass(frozen=True)
class _Rule:
    """An address that comes before those of a kind, with its matchers compiled once."""

    other: Address
    full: Callable[[str], re.Match[str] | None]  # a path it gives
    folders: tuple[Callable[[str], re.Match[str] | None], ...]  # a folder above one
    stem: Callable[[str], re.Match[str] | None]  # a path it gives, as a folder


@cache
def _rules(kind: str) -> tuple[tuple[Address, tuple[_Rule, ...]], ...]:
    """For each address of ``kind``, the addresses before it (``taken`` checks every id)."""
    before = tuple(
        _Rule(
            a,
            _matches(a.pattern),
            tuple(map(_matches, _folders(a.pattern))),
            _matches(_stem(a.pattern)),
        )
        for a in ADDRESSES
        if _rank(a.kind) < _rank(kind)
    )
    return tuple((mine, before) for mine in ADDRESSES if mine.kind == kind)


def taken(kind: str, value: str) -> str | None:
    """How an id of ``kind`` would take or shadow an address that comes before it, or None.

    A page at the path also clashes with another address when one would be a folder of the
    other (with directory URLs a page is a folder: its path without the extension)."""
    for mine, rules in _rules(kind):
        path = mine.of(value)
        stem, folders = _stem(path), _folders(path)
        for rule in rules:
            if rule.full(path):
                return f"would take {path}, the address of {rule.other.what}"
            if any(m(stem) for m in rule.folders) or any(rule.stem(f) for f in folders):
                shown = rule.other.pattern.replace("{}", "ID")
                return f"would give {path}, which clashes with {rule.other.what} ({shown})"
    return None


def owner(path: str) -> Address | None:
    """The address pattern a path under the docs tree belongs to, if the handbook makes it."""
    return next((a for a in ADDRESSES if _matches(a.pattern)(path)), None)


def id_problem(kind: str, value: str) -> str | None:
    """Why ``value`` cannot be the id of a ``kind`` (a practice, module or checklist), or None.

    The one check behind ``handbook validate`` and ``handbook new``: the id's shape, its
    length, and the generated addresses it would take.
    """
    if not re.fullmatch(SLUG_PATTERN, value):
        return (
            "expected lowercase letters, digits and single hyphens, like 'p1824-drammen'; "
            f"found {value!r}"
        )
    limit = id_max_length(kind)
    if len(value) > limit:
        derived = [a.pattern.format("ID") for a in DERIVED_IDS if a.kind == kind]
        why = (
            f", so that the ids made from it (such as {derived[0]}) stay within {ID_MAX_LENGTH}"
            if derived
            else ""
        )
        return f"expected at most {limit} characters{why}; found {len(value)}"
    if (clash := taken(kind, value)) is not None:
        return f"{value!r} {clash}; expected another id"
    return None
