"""Read one YAML file into plain data, keeping the line and column of every key and value.

Built on PyYAML's safe parser (the C one when present), but composed here from its events, so
that hostile or broken files are refused in bounded time and memory with a located message:
non-UTF-8 bytes, byte-order marks, tabs in indentation, oversized files, deep nesting, alias
bombs, duplicate keys and any tag beyond plain data (``!!python/object`` and friends).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from generator.problems import FieldPath, Problem, Severity

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_BYTES = 1_000_000
MAX_DEPTH = 40
MAX_VALUES = 50_000

_STR = "tag:yaml.org,2002:str"
_RESOLVED: dict[str, str] = {}  # plain scalar text -> the tag the safe resolver gives it
_PLAIN_TAGS = {
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
}


class Position(NamedTuple):  # a tuple: one is made for every value of every record
    line: int
    column: int


@dataclass
class YamlDocument:
    """The data of one file, and where each value (and each mapping key) stands in it."""

    path: Path
    data: Any
    # (line, column) of each value and key; plain tuples, as one is kept for every value
    values: dict[FieldPath, tuple[int, int]] = field(default_factory=dict)
    keys: dict[FieldPath, tuple[int, int]] = field(default_factory=dict)

    def position(self, path: FieldPath, *, key: bool = False) -> Position:
        """The position of ``path``, or of its nearest ancestor that has one."""
        table = self.keys if key else self.values
        while path:
            if path in table:
                return Position(*table[path])
            if key and path in self.values:
                return Position(*self.values[path])
            path = path[:-1]
        return Position(*self.values.get((), (1, 1)))

    def problem(
        self, path: FieldPath, message: str, severity: Severity = Severity.ERROR
    ) -> Problem:
        """A problem located at the value of ``path`` (or its nearest ancestor)."""
        position = self.position(path)
        return Problem(self.path, position.line, position.column, path, message, severity)


class _Refused(Exception):
    def __init__(self, position: Position, field: FieldPath, message: str) -> None:
        super().__init__(message)
        self.position = position
        self.field = field
        self.message = message


def _pos(mark: Any) -> Position:
    return Position(mark.line + 1, mark.column + 1)


def _where(text: bytes, offset: int) -> Position:
    line_start = text.rfind(b"\n", 0, offset) + 1
    return Position(text.count(b"\n", 0, offset) + 1, offset - line_start + 1)


def read_yaml(path: Path) -> tuple[YamlDocument | None, list[Problem]]:
    """Read ``path``; return its document, or None and the problems that stopped the read."""

    def refuse(position: Position, message: str, at: FieldPath = ()) -> list[Problem]:
        return [Problem(path, position.line, position.column, at, message)]

    try:
        size = path.stat().st_size
        if size > MAX_BYTES:  # refused before a byte is read
            return None, refuse(
                Position(1, 1),
                f"file is {size:,} bytes; expected at most {MAX_BYTES:,} bytes for one record",
            )
        raw = path.read_bytes()
    except OSError as exc:
        return None, refuse(Position(1, 1), f"cannot read the file: {exc.strerror}")
    if raw.startswith(b"\xef\xbb\xbf"):
        return None, refuse(
            Position(1, 1),
            "file starts with a byte-order mark; expected UTF-8 without BOM "
            "(save it again as 'UTF-8', not 'UTF-8 with BOM')",
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, refuse(
            _where(raw, exc.start),
            f"byte {raw[exc.start]:#04x} is not valid UTF-8; expected a UTF-8 text file",
        )
    for number, line in enumerate(text.splitlines(), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent and line.strip():
            return None, refuse(
                Position(number, indent.index("\t") + 1),
                "tab in indentation; YAML indents with spaces only",
            )
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        return None, refuse(Position(1, 1), "file is empty; expected a mapping of fields")
    try:
        doc = _Composer(path, text).compose()
    except _Refused as exc:
        return None, refuse(exc.position, exc.message, exc.field)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        position = _pos(mark) if mark is not None else Position(1, 1)
        what = exc.problem or exc.context or "cannot be read"
        return None, refuse(position, f"YAML syntax error: {what}")
    except yaml.YAMLError as exc:
        return None, refuse(Position(1, 1), f"YAML error: {exc}")
    return doc, []


@dataclass
class _Frame:
    """A mapping or list being composed, and the mapping key waiting for its value."""

    container: dict[str, Any] | list[Any]
    path: FieldPath
    anchor: str | None
    size: int = 1
    key: str | None = None
    key_position: tuple[int, int] | None = None
    seen: dict[str, tuple[int, int]] = field(default_factory=dict)


class _Composer:
    """Builds plain Python data from parser events, iteratively (no recursion)."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.loader = _Loader(text)
        self.doc = YamlDocument(path, None)
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.count = 0

    def compose(self) -> YamlDocument:
        loader = self.loader
        try:
            loader.get_event()  # StreamStart
            if loader.check_event(yaml.StreamEndEvent):
                raise _Refused(Position(1, 1), (), "file is empty; expected a mapping of fields")
            loader.get_event()  # DocumentStart
            self.doc.data = self._node()
            loader.get_event()  # DocumentEnd
            if not loader.check_event(yaml.StreamEndEvent):
                event: Any = loader.get_event()
                raise _Refused(
                    _pos(event.start_mark), (), "a second YAML document ('---'); expected one"
                )
        finally:
            loader.dispose()
        return self.doc

    def _node(self) -> Any:
        # The hot loop of validation (hundreds of events a record): dispatch on the event's
        # type once, and keep positions as plain tuples.
        get_event = self.loader.get_event
        values, keys, anchors = self.doc.values, self.doc.keys, self.anchors
        stack: list[_Frame] = []
        path: FieldPath = ()
        while True:
            event: Any = get_event()
            kind = type(event)
            mark = event.start_mark
            where = (mark.line + 1, mark.column + 1)
            ends = kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent
            if stack:
                top = stack[-1]
                container: Any = top.container
                if type(container) is dict:
                    if top.key is None and kind is not yaml.MappingEndEvent:
                        self._take_key(top, event, where)
                        continue
                    if not ends:
                        path = (*top.path, top.key)  # type: ignore[arg-type]
                elif not ends:
                    path = (*top.path, len(container))
            if ends:
                frame = stack.pop()
                value, size = frame.container, frame.size
                if frame.anchor:
                    anchors[frame.anchor] = (value, size)
            elif kind is yaml.ScalarEvent:
                value, size = self._scalar(event, where, path), 1
                self._grow(1, where, path)
                values[path] = where
                if event.anchor:
                    anchors[event.anchor] = (value, size)
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                if event.tag is not None:
                    self._check_tag(event.tag, where, path)
                if len(stack) >= MAX_DEPTH:
                    raise _Refused(
                        Position(*where),
                        path[:3],
                        f"nested more than {MAX_DEPTH} levels deep; expected a "
                        "record a few levels deep",
                    )
                self._grow(1, where, path)
                values[path] = where
                new: Any = {} if kind is yaml.MappingStartEvent else []
                stack.append(_Frame(new, path, event.anchor))
                continue
            elif kind is yaml.AliasEvent:
                if event.anchor not in anchors:
                    raise _Refused(
                        Position(*where),
                        path,
                        f"unknown alias *{event.anchor}; expected an anchor "
                        f"&{event.anchor} defined above it",
                    )
                value, size = anchors[event.anchor]
                self._grow(size, where, path)
                values[path] = where
            else:  # pragma: no cover - the parser yields no other event inside a document
                raise _Refused(Position(*where), path, f"unexpected YAML event {kind.__name__}")
            if not stack:
                return value
            top = stack[-1]
            top.size += size
            container = top.container
            if type(container) is dict:
                key = top.key
                assert key is not None and top.key_position is not None
                container[key] = value
                keys[(*top.path, key)] = top.key_position
                top.key = None
            else:
                container.append(value)

    def _take_key(self, frame: _Frame, event: Any, where: tuple[int, int]) -> None:
        if type(event) is not yaml.ScalarEvent:
            raise _Refused(
                Position(*where),
                frame.path,
                "a key must be plain text; found a list, mapping or alias",
            )
        if event.tag is not None:
            self._check_tag(event.tag, where, frame.path)
        key = self._scalar(event, where, frame.path)
        if not isinstance(key, str):
            key = str(event.value)  # `yes:` or `2016:`: keep its text; the model reports it
        if key in frame.seen:
            raise _Refused(
                Position(*where),
                (*frame.path, key),
                f"duplicate key {key!r} (first at line {frame.seen[key][0]}); "
                "expected each key once in a mapping",
            )
        frame.seen[key] = where
        frame.key, frame.key_position = key, where

    def _grow(self, size: int, where: tuple[int, int], at: FieldPath) -> None:
        self.count += size
        if self.count > MAX_VALUES:
            raise _Refused(
                Position(*where),
                at,
                f"expands to more than {MAX_VALUES:,} values (an alias bomb?); "
                "expected a record of ordinary size",
            )

    def _check_tag(
        self, tag: str | None, where: tuple[int, int], at: FieldPath, *, scalar: bool = False
    ) -> None:
        if tag is None or tag == "!":
            return
        full = tag.replace("!!", "tag:yaml.org,2002:", 1) if tag.startswith("!!") else tag
        if full not in _PLAIN_TAGS or (scalar and full.endswith(("seq", "map"))):
            short = full.replace("tag:yaml.org,2002:", "!!", 1)
            raise _Refused(
                Position(*where),
                at,
                f"tag {short!r} is not allowed; expected plain data (text, numbers, dates, "
                "lists and mappings)",
            )

    def _scalar(self, event: Any, where: tuple[int, int], at: FieldPath) -> Any:
        tag, value = event.tag, event.value
        if tag is None or tag == "!":
            if tag == "!" or not event.implicit[0]:
                return value  # quoted or block text is always a string
            tag = _RESOLVED.get(value)
            if tag is None:
                tag = self.loader.resolve(  # type: ignore[no-untyped-call]
                    yaml.ScalarNode, value, event.implicit
                )
                if len(value) <= 40 and len(_RESOLVED) < 50_000:
                    _RESOLVED[value] = tag  # keys and short values recur in every record
            if tag == _STR:
                return value  # most values: no node to build
        else:
            self._check_tag(tag, where, at, scalar=True)
        if tag.startswith("!!"):
            tag = "tag:yaml.org,2002:" + tag[2:]
        node = yaml.ScalarNode(tag, value, event.start_mark, event.end_mark, event.style)
        constructor = yaml.SafeLoader.yaml_constructors.get(tag)
        if constructor is None:  # pragma: no cover - _check_tag admits only known tags
            raise _Refused(Position(*where), at, f"tag {tag!r} is not allowed")
        try:
            return constructor(self.loader, node)
        except (ValueError, yaml.YAMLError) as exc:
            raise _Refused(Position(*where), at, f"cannot read {value!r}: {exc}") from None
