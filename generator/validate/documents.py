"""Validate loaded documents against the models; every failure becomes a located Problem.

Pydantic reports errors by field path; the document knows where each path stands in the file,
so each error becomes ``path:line:col: field.path: expected ...; found ...``. Record text is
checked against the Markdown subset its field accepts (``generator.text.subset``), by the
parser that renders it, and a problem inside a multi-line value is placed on its own line.
"""

from __future__ import annotations

import re
import types
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Annotated, Any, TypeVar, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from generator.load.yaml_source import Position, YamlDocument, read_yaml
from generator.model.fields import PLACEHOLDER_PATTERN
from generator.problems import FieldPath, Problem, Severity, did_you_mean, errors, shown
from generator.text import subset
from generator.text.subset import Kind

M = TypeVar("M", bound=BaseModel)
PLACEHOLDER = re.compile(PLACEHOLDER_PATTERN)
_EXPECTED = {
    "int_parsing": "a whole number",
    "int_type": "a whole number",
    "int_from_float": "a whole number",
    "float_parsing": "a number",
    "float_type": "a number",
    "finite_number": "a finite number",
    "string_type": "text",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "list_type": "a list (lines starting with '- ')",
    "dict_type": "a mapping of fields",
    "model_type": "a mapping of fields",
    "model_attributes_type": "a mapping of fields",
    "date_type": "a date such as 2026-01-31",
    "date_parsing": "a date such as 2026-01-31",
    "date_from_datetime_parsing": "a date such as 2026-01-31",
    "date_from_datetime_inexact": "a date such as 2026-01-31",
    "string_too_short": "non-empty text",
    "string_pattern_mismatch": "lowercase letters, digits and single hyphens, like 'p1824-drammen'",
}


_YAML11_BOOLEANS = {"yes", "no", "y", "n", "on", "off"}


def describe(value: Any) -> str:
    """How a message names the value it found."""
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, dict):
        return "a mapping" if value else "an empty mapping"
    if isinstance(value, list):
        return "a list" if value else "an empty list"
    return shown(value)


def validate_document(doc: YamlDocument, model: type[M]) -> tuple[M | None, list[Problem]]:
    """Validate one document; return the record (None if any error) and every problem found."""
    problems = list(text_problems(doc, model))
    flagged = {p.field for p in errors(problems)}
    try:
        record = model.model_validate(doc.data)
    except ValidationError as exc:
        problems.extend(p for p in _problems(doc, model, exc.errors()) if p.field not in flagged)
        return None, problems
    return (None, problems) if errors(problems) else (record, problems)


def load_document(
    path: Path, model: type[M]
) -> tuple[YamlDocument | None, M | None, list[Problem]]:
    """Read and validate one file: its document (when readable), record, and problems."""
    doc, problems = read_yaml(path)
    if doc is None:
        return None, None, problems
    record, problems = validate_document(doc, model)
    return doc, record, problems


def file_name_problem(doc: YamlDocument, record_id: str) -> Problem | None:
    """A record's id must be its file name, so that editors find it and links stay stable."""
    if record_id == doc.path.stem:
        return None
    return doc.problem(
        ("id",), f"expected the file name without '.yaml', {doc.path.stem!r}; found {record_id!r}"
    )


def text_values(data: Any, path: FieldPath = ()) -> Iterator[tuple[FieldPath, str]]:
    """Every text value in ``data``, with its field path."""
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            if isinstance(value, (str, dict, list)):
                yield from text_values(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            if isinstance(value, (str, dict, list)):
                yield from text_values(value, (*path, index))


def text_problems(doc: YamlDocument, model: type[BaseModel]) -> Iterator[Problem]:
    """Checks on every text value: unfilled placeholders, raw HTML, and the Markdown subset
    of its field (see ``generator.text.subset``)."""
    for at, text in text_values(doc.data):
        if text.lstrip().startswith("<") and PLACEHOLDER.match(text):
            yield doc.problem(at, f"placeholder {text.strip()} is still to be filled in")
            continue
        kind = field_kind(model, tuple(0 if isinstance(p, int) else p for p in at))
        for found in subset.findings(text, kind):
            yield _at(doc, at, text, found.offset, found.message, found.severity)


def link_destinations(text: str) -> Iterator[str]:
    """Where the Markdown links and images of ``text`` point."""
    yield from subset.links(text)


def _at(
    doc: YamlDocument,
    path: FieldPath,
    text: str,
    offset: int,
    message: str,
    severity: Severity = Severity.ERROR,
) -> Problem:
    """A problem at ``offset`` in the text value of ``path``: on its own line of the file."""
    line, column = _position_in_value(doc.path, doc.position(path), text, offset)
    return Problem(doc.path, line, column, path, message, severity)


def _position_in_value(file: Path, start: Position, text: str, offset: int) -> tuple[int, int]:
    """The line and column of ``text[offset]`` in the file, for a value starting at ``start``.

    Each source line of the value is found again in the value (folded and block scalars keep
    a line's words in order); where that fails (escapes in a quoted value), the value's start.
    """
    try:
        lines = file.read_text(encoding="utf-8").split("\n")
    except (OSError, UnicodeDecodeError):
        return start.line, start.column
    number, column = start.line, start.column
    first = lines[number - 1][column - 1 :] if number <= len(lines) else ""
    cursor = 0
    if first[:1] in ("|", ">"):  # a block scalar: its text starts on the next line
        first = ""
    elif first[:1] in ("'", '"'):
        first, column = first[1:], column + 1
    common = 0
    while common < min(len(first), len(text)) and first[common] == text[common]:
        common += 1
    if first and offset <= common:  # on the value's first line (or at an escape on it)
        return number, column + offset
    cursor = common
    for index in range(number, min(len(lines), number + text.count("\n") + 2 * len(text))):
        source = lines[index]
        content = source.strip()
        if not content:
            continue
        if content[0] in ("'", '"') and cursor >= len(text) - 1:
            break
        found = text.find(content, cursor)
        if found < 0:
            # the closing quote of a quoted value, or the end of the value
            found = text.find(content.rstrip("'\""), cursor)
            if found < 0:
                break
            content = content.rstrip("'\"")
        indent = len(source) - len(source.lstrip())
        if offset < found + len(content):
            return index + 1, indent + 1 + max(0, offset - found)
        cursor = found + len(content)
    return start.line, start.column


@cache
def field_kind(model: type[BaseModel], path: FieldPath) -> Kind | None:
    """The kind of text the field at ``path`` holds (list indices given as 0), or None."""
    current: Any = model
    metadata: list[Any] = []
    for part in path:
        current = _unwrap(current)
        metadata = []
        if isinstance(part, int):
            if get_origin(current) is not list:
                return None
            current = get_args(current)[0]
        elif isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(part)
            if field is None:
                return None
            current, metadata = field.annotation, list(field.metadata)
        else:
            return None
    return subset.kind_of(current, metadata)


def _problems(
    doc: YamlDocument, model: type[BaseModel], errors: list[ErrorDetails]
) -> Iterator[Problem]:
    grouped: dict[FieldPath, list[ErrorDetails]] = {}
    for error in errors:
        grouped.setdefault(_data_path(doc.data, error), []).append(error)
    for path, group in grouped.items():
        kinds = {e["type"] for e in group}
        first = group[0]
        if "missing" in kinds:
            position = doc.position(path[:-1])
            message = f"missing required field {path[-1]!r}"
        elif "extra_forbidden" in kinds:
            position = doc.position(path, key=True)
            known = _known_fields(model, path[:-1])
            message = f"unknown field {path[-1]!r}{did_you_mean(str(path[-1]), known)}"
            if not did_you_mean(str(path[-1]), known) and known:
                message += f"; expected one of {', '.join(known)}"
        else:
            position = doc.position(path)
            message = _message(group, first["input"])
        yield Problem(doc.path, position.line, position.column, path, message)


def _message(group: list[ErrorDetails], found: Any) -> str:
    values = [e for e in group if e["type"] in ("value_error", "assertion_error")]
    if values:
        text = values[0]["msg"].removeprefix("Value error, ")
        return text.removeprefix("Assertion failed, ")
    expected: list[str] = []
    for error in group:
        text = _expectation(error)
        if text not in expected:
            expected.append(text)
    if "a whole number" in expected and "a number" in expected:
        expected.remove("a whole number")  # int | float: say it once
    hint = ""
    if isinstance(found, str) and found.lower() in _YAML11_BOOLEANS and "true or false" in expected:
        hint = " (YAML 1.2, as editors read it, has only true and false)"
    return f"expected {' or '.join(expected)}; found {describe(found)}{hint}"


def _expectation(error: ErrorDetails) -> str:
    """What an error expected, in an editor's words."""
    ctx = error.get("ctx", {})
    kind = error["type"]
    if kind == "greater_than_equal":
        return f"a number not below {ctx['ge']}"
    if kind == "less_than_equal":
        return f"a number not above {ctx['le']}"
    if kind == "string_too_long":
        return f"at most {ctx['max_length']} characters"
    if kind == "too_short":
        return f"at least {ctx.get('min_length', 1)} item(s)"
    if kind in _EXPECTED:
        return _EXPECTED[kind]
    text = error["msg"][0].lower() + error["msg"][1:]
    return text.removeprefix("input should be ")


def _data_path(data: Any, error: ErrorDetails) -> FieldPath:
    """The error's location in the data, without pydantic's union-member tags."""
    loc = error["loc"]
    path: list[str | int] = []
    current = data
    for index, part in enumerate(loc):
        last = index == len(loc) - 1
        if isinstance(current, dict):
            if part in current:
                path.append(part)
                current = current[part]
            elif last and error["type"] in ("missing", "extra_forbidden"):
                path.append(part)
            continue  # a union tag such as 'int' or 'function-after[...]'
        if isinstance(current, list) and isinstance(part, int) and part < len(current):
            path.append(part)
            current = current[part]
            continue
        break  # reached a plain value: the rest of the location is union tags
    return tuple(path)


def _unwrap(annotation: Any) -> Any:
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation = get_args(annotation)[0]
        elif origin in (Union, types.UnionType):
            members = [a for a in get_args(annotation) if a is not type(None)]
            if len(members) != 1:
                return annotation
            annotation = members[0]
        else:
            return annotation


def _known_fields(model: type[BaseModel], path: FieldPath) -> list[str]:
    """The field names allowed in the mapping at ``path`` of a ``model`` document."""
    current: Any = model
    for part in path:
        current = _unwrap(current)
        if isinstance(part, int):
            if get_origin(current) is list:
                current = get_args(current)[0]
            continue
        if isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(part)
            if field is None:
                return []
            current = field.annotation
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []
