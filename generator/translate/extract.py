"""The English source cut into translatable units, each at a stable address (``msgctxt``).

Addresses (``Unit.context``):

- ``practice:<id>:<path>``, ``module:<id>:<path>``, ``checklist:<id>:<path>``: a text field of
  a record, module or hand-written checklist; ``<path>`` is the field's YAML path in its file,
  mapping keys joined with ``.`` and list indexes as ``[i]`` (0-based), as in
  ``practice:p1824-drammen:steps[2].text``. A translated copy of the YAML file maps onto the
  units by walking the same paths.
- ``criterion:<criterion id>:<path>``: a criterion of ``generator/data/criteria.yaml``
  (``criterion:effective:questions[0]``); ``rating:<rating id>:<path>`` a rating of the same
  file (``rating:met:label``).
- ``vocabulary:<vocabulary>:<term>``: the label of a term (``vocabulary:scopes:pilot``).
- ``nav:<page path>`` and ``nav:section:<slugs>``: a title of mkdocs.yml's ``nav``
  (``generator.translate.navigation``).
- ``page:<path under content/ without .md>:<address>``: a block of a hand-written page. A
  heading's address is its anchor (its ``{#id}``, else its slug, ``_1``, ``_2`` ... after a
  repeat, as MkDocs makes them); the blocks after it (paragraphs, list items, table cells,
  definition terms and descriptions, admonition titles) are ``<anchor>.<n>``, numbered from
  1 under their heading (``top.<n>`` before the first). Inserting a block moves only the
  numbers after it under the same heading. A footnote is ``fn.<label>``, an abbreviation
  definition line ``abbr.<abbreviation>`` (its expansion is the unit).

Not units (kept as written in every language): ids, codes, vocabulary terms, addresses, dates
and numbers (fields without a text kind), a practice's ``title`` (the programme's own name;
``title_en`` is a unit), names of organisations, contacts (people, e-mail, phone), and
source citations. Code blocks, raw HTML and snippet directives of pages are not units either.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.admon import admon_plugin
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.footnote import footnote_plugin
from pydantic import BaseModel

from generator.catalog.content import excluded_pages
from generator.load.yaml_source import YamlDocument, read_yaml
from generator.model.checklist import Checklist
from generator.model.module import Module
from generator.model.practice import Practice
from generator.problems import FieldPath
from generator.translate.interface import interface_units
from generator.translate.navigation import nav_units
from generator.translate.units import Domain, Kind, Unit
from generator.validate.documents import field_kind, text_values

if TYPE_CHECKING:
    from generator.catalog.catalog import Catalog
    from generator.load.project import Project

# Fields that are not translated, by model: a path pattern, list indexes as "*".
_NOT_UNITS: dict[type[BaseModel], tuple[tuple[str, ...], ...]] = {
    Practice: (("title",), ("organisations", "*", "name"), ("contacts",), ("sources",)),
    Module: (("sources",),),
    Checklist: (),
}
_PACKAGE_DATA = "generator/data"
_CRITERION_KINDS = {
    "name": Kind.PLAIN,
    "short": Kind.PLAIN,
    "definition": Kind.INLINE,
    "questions": Kind.INLINE,
    "label": Kind.PLAIN,
    "description": Kind.INLINE,
}


# The units of the last catalog asked about: a build of every language asks once per language.
_LAST: list[tuple[Catalog, tuple[Unit, ...]]] = []


def units(catalog: Catalog) -> list[Unit]:
    """Every unit of the catalog's project, in a stable order: records, modules, checklists,
    the criteria and ratings, the vocabulary labels, the interface strings, the navigation's
    titles, then the pages. Read once per catalog (the same catalog object: a build of
    every language asks for each language)."""
    if _LAST and _LAST[0][0] is catalog:
        return list(_LAST[0][1])
    found = _units(catalog)
    _LAST[:] = [(catalog, tuple(found))]
    return found


def _units(catalog: Catalog) -> list[Unit]:
    project = catalog.project
    found: list[Unit] = []
    for entry in catalog.practice_files:
        found += _record_units(project, entry.path, entry.practice, "practice", Domain.PRACTICES)
    modules = {m.id: m for m in catalog.modules}
    for path in project.module_files():
        if path.stem in modules:
            found += _record_units(project, path, modules[path.stem], "module", Domain.MODULES)
    checklists = {c.id: c for c in catalog.checklists}
    for path in project.checklist_files():
        if path.stem in checklists:
            found += _record_units(
                project, path, checklists[path.stem], "checklist", Domain.CHECKLISTS
            )
    found += criteria_units()
    found += vocabulary_units()
    found += interface_units()
    found += nav_units(project.mkdocs_yml, _relative(project, project.mkdocs_yml))
    found += page_units(project)
    return found


def yaml_path(path: FieldPath) -> str:
    """``steps[2].text`` for ``("steps", 2, "text")``."""
    written = ""
    for part in path:
        written += f"[{part}]" if isinstance(part, int) else (f".{part}" if written else part)
    return written


def _excluded(model: type[BaseModel], path: FieldPath) -> bool:
    for pattern in _NOT_UNITS.get(model, ()):
        if len(path) >= len(pattern) and all(
            want == "*" or want == part for want, part in zip(pattern, path, strict=False)
        ):
            return True
    return False


def _value(model: Any, path: FieldPath) -> Any:
    """The value at ``path`` of a validated model (text stripped as the model keeps it)."""
    for part in path:
        if isinstance(part, int):
            model = model[part] if isinstance(model, (list, tuple)) else None
        else:
            model = getattr(model, part, None)
        if model is None:
            return None
    return model


def _label(model: type[BaseModel], path: FieldPath) -> str:
    """The field's path, with its description when the model gives one."""
    current: Any = model
    description = None
    for part in path:
        if isinstance(part, int):
            continue
        is_model = isinstance(current, type) and issubclass(current, BaseModel)
        field = current.model_fields.get(part) if is_model else None
        if field is None:
            break
        description = field.description
        current = _model_in(field.annotation)
    written = yaml_path(path)
    return f"{written}: {description}" if description else written


def _model_in(annotation: Any) -> Any:
    """The model class inside ``list[X]``, ``X | None`` and ``Annotated[X, ...]``, or None."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for member in getattr(annotation, "__args__", ()):
        found = _model_in(member)
        if found is not None:
            return found
    return None


def _record_units(
    project: Project, path: Path, record: BaseModel, prefix: str, domain: Domain
) -> list[Unit]:
    doc, _ = read_yaml(path)
    if doc is None:
        return []
    model = type(record)
    identifier = getattr(record, "id", path.stem)
    file = _relative(project, path)
    found = []
    for at, _text in text_values(doc.data):
        if _excluded(model, at):
            continue
        kind = field_kind(model, tuple(0 if isinstance(p, int) else p for p in at))
        value = _value(record, at)
        if kind is None or not isinstance(value, str) or not value:
            continue
        found.append(
            Unit(
                domain,
                f"{prefix}:{identifier}:{yaml_path(at)}",
                value,
                Kind(kind.value),
                _label(model, at),
                file,
                doc.position(at).line,
            )
        )
    return found


def _data_file(name: str) -> YamlDocument | None:
    with resources.as_file(resources.files("generator.data").joinpath(name)) as path:
        doc, _ = read_yaml(path)
    return doc


def criteria_units() -> list[Unit]:
    """The criteria's names, definitions and questions, and the ratings' labels."""
    doc = _data_file("criteria.yaml")
    if doc is None:  # the package's own file: its tests keep it readable
        return []
    file = f"{_PACKAGE_DATA}/criteria.yaml"
    found = []
    for group, prefix in (("criteria", "criterion"), ("ratings", "rating")):
        for index, entry in enumerate(doc.data.get(group) or []):
            for at, text in text_values(entry, (group, index)):
                field = at[2]
                kind = _CRITERION_KINDS.get(str(field))
                if kind is None or not text.strip():
                    continue
                path = yaml_path(at[2:])
                found.append(
                    Unit(
                        Domain.HANDBOOK,
                        f"{prefix}:{entry['id']}:{path}",
                        text.strip(),
                        kind,
                        f"{group}[{index}].{path}",
                        file,
                        doc.position(at).line,
                    )
                )
    return found


def vocabulary_units() -> list[Unit]:
    """The label of every term of every controlled vocabulary."""
    doc = _data_file("vocabularies.yaml")
    if doc is None:
        return []
    file = f"{_PACKAGE_DATA}/vocabularies.yaml"
    return [
        Unit(
            Domain.HANDBOOK,
            f"vocabulary:{vocabulary}:{term}",
            label.strip(),
            Kind.PLAIN,
            f"{vocabulary}: the label of {term!r}",
            file,
            doc.position((vocabulary, term)).line,
        )
        for vocabulary, terms in doc.data.items()
        if isinstance(terms, dict)
        for term, label in terms.items()
        if isinstance(label, str) and label.strip()
    ]


# --- pages ---------------------------------------------------------------------------------

_ABBREVIATION = re.compile(r"^\*\[([^\]\n]+)\]:[ \t]*(.*?)[ \t]*$")
_SNIPPET = re.compile(r"^\s*(?:-{1,}8<-{1,}|;*-{2,}8<-{2,})")
_ATTRIBUTES_ONLY = re.compile(r"^\s*\{:?[^}]*\}\s*$")
_HEADING_ID = re.compile(r"\s*\{[^}]*#([\w-]+)[^}]*\}\s*$")


def _markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True}).enable("table")
    # Every link is a token, whatever its address, so that a check sees a translation's
    # javascript: link as a link (the site engine's Markdown would make it one).
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    return md.use(admon_plugin).use(deflist_plugin).use(footnote_plugin)


PAGE_PARSER = _markdown()


def page_files(project: Project) -> list[Path]:
    """The hand-written Markdown pages the site publishes, and the glossary it appends."""
    content = project.content_dir
    if not content.is_dir():
        return []
    excluded = excluded_pages(project)
    root = project.root.resolve()
    pages = []
    for path in sorted(content.rglob("*.md"), key=lambda p: p.relative_to(content).parts):
        relative = path.relative_to(content).as_posix()
        if excluded.match_file(relative) and path != project.glossary_file:
            continue
        if path.is_file() and path.resolve().is_relative_to(root):
            pages.append(path)
    return pages


def page_units(project: Project) -> list[Unit]:
    found = []
    for path in page_files(project):
        try:
            text = path.read_text("utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # validate reports an unreadable page
        page = path.relative_to(project.content_dir).with_suffix("").as_posix()
        found += markdown_units(text, page, _relative(project, path))
    return found


def markdown_units(text: str, page: str, file: str) -> list[Unit]:
    """The units of one Markdown page: headings, paragraphs, list items, table cells,
    definition terms and descriptions, admonition titles, footnotes, abbreviations."""
    parsed = parse_page(text)
    found = [
        Unit(
            Domain.PAGES,
            f"page:{page}:abbr.{abbreviation.name}",
            abbreviation.expansion,
            Kind.PLAIN,
            f"the expansion of the abbreviation {abbreviation.name}",
            file,
            abbreviation.line,
        )
        for abbreviation in parsed.abbreviations
    ]
    return [
        Unit(
            Domain.PAGES, f"page:{page}:{b.address}", b.source, Kind.MARKDOWN, b.what, file, b.line
        )
        for b in blocks(parsed.tokens)
    ] + found


@dataclass(frozen=True)
class Abbreviation:
    """An abbreviation line ``*[name]: expansion`` of a page (its 1-based line)."""

    name: str
    expansion: str
    line: int


@dataclass(frozen=True)
class ParsedPage:
    """A page as the units are cut from it: its abbreviation lines, and the tokens of the
    rest (abbreviation lines read as blank lines, so that every line keeps its number)."""

    abbreviations: list[Abbreviation]
    tokens: list[Token]


def parse_page(text: str) -> ParsedPage:
    abbreviations = []
    kept = []
    for number, line in enumerate(text.splitlines(), 1):
        match = _ABBREVIATION.match(line)
        if match and match.group(2):
            abbreviations.append(Abbreviation(match.group(1), match.group(2), number))
            line = ""  # parsed as a blank line: the other lines keep their numbers
        kept.append(line)
    return ParsedPage(abbreviations, PAGE_PARSER.parse("\n".join(kept)))


@dataclass(frozen=True)
class Block:
    """One translatable block of a page: its address, its source (the inline token's text,
    stripped), what it is, its 1-based line, the index of its inline token, the type of the
    token that holds it (``heading_open``, ``td_open``, ``paragraph_open``,
    ``admonition_title_open`` ...), and whether it is (in) a footnote."""

    address: str
    source: str
    what: str
    line: int
    token: int
    parent: str
    footnote: bool


def blocks(tokens: list[Token]) -> Iterator[Block]:
    """Each translatable block of a page's tokens (``parse_page``), in order."""
    anchor, count = "top", 0
    anchors: dict[str, int] = {}
    context: list[str] = []  # the enclosing blocks' token types
    line = 1
    footnote: str | None = None
    count_in_footnote = 0
    for index, token in enumerate(tokens):
        if token.map is not None:
            line = token.map[0] + 1
        if token.type == "footnote_open":
            footnote, count_in_footnote = str(token.meta.get("label", "")), 0
        elif token.type == "footnote_close":
            footnote = None
        if token.nesting == 1:
            context.append(token.type)
        elif token.nesting == -1 and context:
            context.pop()
        if token.type != "inline" or not token.content.strip():
            continue
        source = token.content.strip()
        if _SNIPPET.match(source) or _ATTRIBUTES_ONLY.match(source):
            continue
        parent = context[-1] if context else ""
        if parent == "heading_open":
            explicit = _HEADING_ID.search(source)
            base = explicit.group(1) if explicit else _slug(source)
            seen = anchors.get(base, 0)
            anchors[base] = seen + 1
            anchor, count = (base if not seen else f"{base}_{seen}"), 0
            level = tokens[index - 1].tag
            yield Block(anchor, source, f"heading ({level})", line, index, parent, False)
            continue
        if footnote is not None:
            count_in_footnote += 1
            number = "" if count_in_footnote == 1 else f".{count_in_footnote}"
            what = f"footnote [^{footnote}]"
            yield Block(f"fn.{footnote}{number}", source, what, line, index, parent, True)
            continue
        count += 1
        what = _what(context, anchor)
        yield Block(f"{anchor}.{count}", source, what, line, index, parent, False)


_WHAT = {
    "th_open": "table header cell",
    "td_open": "table cell",
    "dt_open": "definition term",
    "admonition_title_open": "admonition title",
}


def _what(context: list[str], anchor: str) -> str:
    parent = context[-1] if context else ""
    if parent in _WHAT:
        what = _WHAT[parent]
    elif "list_item_open" in context:
        what = "list item"
    elif "dd_open" in context:
        what = "definition"
    else:
        what = "paragraph"
    return f"{what} under #{anchor}" if anchor != "top" else f"{what} before the first heading"


def _slug(heading: str) -> str:
    """The anchor MkDocs gives a heading (Python-Markdown's toc slugify of its text)."""
    from markdown.extensions.toc import slugify

    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading)  # a link's text
    text = re.sub(r"[`*_]", "", text)
    return slugify(text, "-") or "section"


def _relative(project: Project, path: Path) -> str:
    try:
        return path.relative_to(project.root).as_posix()
    except ValueError:
        return path.as_posix()
