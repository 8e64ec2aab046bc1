"""Read one YAML file into plain data, keeping the line and column of every key and value.

Built on PyYAML's safe parser (the C one when present), but composed here from its events, so
that hostile or broken files are refused in bounded time and memory with a located message:
non-UTF-8 bytes, byte-order marks, tabs in indentation, oversized files, deep nesting, alias
bombs, duplicate keys and any tag beyond plain data (``!!python/object`` and friends).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.problems import FieldPath, Problem, Severity

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_BYTES = 1_000_000
MAX_DEPTH = 40
MAX_VALUES = 50_000

_PLAIN_TAGS = {
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
}


@dataclass(frozen=True)
class Position:
    line: int
    column: int


@dataclass
class YamlDocument:
    """The data of one file, and where each value (and each mapping key) stands in it."""

    path: Path
    data: Any
    values: dict[FieldPath, Position] = field(default_factory=dict)
    keys: dict[FieldPath, Position] = field(default_factory=dict)

    def position(self, path: FieldPath, *, key: bool = False) -> Position:
        """The position of ``path``, or of its nearest ancestor that has one."""
        table = self.keys if key else self.values
        while path:
            if path in table:
                return table[path]
            if key and path in self.values:
                return self.values[path]
            path = path[:-1]
        return self.values.get((), Position(1, 1))

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
    key_position: Position | None = None
    seen: dict[str, Position] = field(default_factory=dict)


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
        stack: list[_Frame] = []
        path: FieldPath = ()
        while True:
            event: Any = self.loader.get_event()
            if stack:
                top = stack[-1]
                if (
                    isinstance(top.container, dict)
                    and top.key is None
                    and not isinstance(event, yaml.MappingEndEvent)
                ):
                    self._take_key(top, event)
                    continue
                if not isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                    index = top.key if isinstance(top.container, dict) else len(top.container)
                    assert index is not None
                    path = (*top.path, index)
            position = _pos(event.start_mark)
            if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                frame = stack.pop()
                value, size = frame.container, frame.size
                if frame.anchor:
                    self.anchors[frame.anchor] = (value, size)
            elif isinstance(event, yaml.AliasEvent):
                if event.anchor not in self.anchors:
                    raise _Refused(
                        position,
                        path,
                        f"unknown alias *{event.anchor}; expected an anchor "
                        f"&{event.anchor} defined above it",
                    )
                value, size = self.anchors[event.anchor]
                self._grow(size, position, path)
                self.doc.values[path] = position
            elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                self._check_tag(event.tag, position, path)
                if len(stack) >= MAX_DEPTH:
                    raise _Refused(
                        position,
                        path[:3],
                        f"nested more than {MAX_DEPTH} levels deep; expected a "
                        "record a few levels deep",
                    )
                self._grow(1, position, path)
                self.doc.values[path] = position
                container: Any = {} if isinstance(event, yaml.MappingStartEvent) else []
                stack.append(_Frame(container, path, event.anchor))
                continue
            elif isinstance(event, yaml.ScalarEvent):
                value, size = self._scalar(event, position, path), 1
                self._grow(1, position, path)
                self.doc.values[path] = position
                if event.anchor:
                    self.anchors[event.anchor] = (value, size)
            else:  # pragma: no cover - the parser yields no other event inside a document
                raise _Refused(position, path, f"unexpected YAML event {type(event).__name__}")
            if not stack:
                return value
            top = stack[-1]
            top.size += size
            if isinstance(top.container, dict):
                assert top.key is not None and top.key_position is not None
                top.container[top.key] = value
                self.doc.keys[(*top.path, top.key)] = top.key_position
                top.key = None
            else:
                top.container.append(value)

    def _take_key(self, frame: _Frame, event: Any) -> None:
        key, position = self._key(event, frame.path), _pos(event.start_mark)
        if key in frame.seen:
            raise _Refused(
                position,
                (*frame.path, key),
                f"duplicate key {key!r} (first at line {frame.seen[key].line}); "
                "expected each key once in a mapping",
            )
        frame.seen[key] = position
        frame.key, frame.key_position = key, position

    def _key(self, event: Any, at: FieldPath) -> str:
        position = _pos(event.start_mark)
        if not isinstance(event, yaml.ScalarEvent):
            raise _Refused(position, at, "a key must be plain text; found a list, mapping or alias")
        self._check_tag(event.tag, position, at)
        value = self._scalar(event, position, at)
        if not isinstance(value, str):
            # `yes:` or `2016:` as a key: keep its text, the model reports it as unknown.
            return str(event.value)
        return value

    def _grow(self, size: int, position: Position, at: FieldPath) -> None:
        self.count += size
        if self.count > MAX_VALUES:
            raise _Refused(
                position,
                at,
                f"expands to more than {MAX_VALUES:,} values (an alias bomb?); "
                "expected a record of ordinary size",
            )

    def _check_tag(
        self, tag: str | None, position: Position, at: FieldPath, *, scalar: bool = False
    ) -> None:
        if tag is None or tag == "!":
            return
        full = tag.replace("!!", "tag:yaml.org,2002:", 1) if tag.startswith("!!") else tag
        if full not in _PLAIN_TAGS or (scalar and full.endswith(("seq", "map"))):
            short = full.replace("tag:yaml.org,2002:", "!!", 1)
            raise _Refused(
                position,
                at,
                f"tag {short!r} is not allowed; expected plain data (text, numbers, dates, "
                "lists and mappings)",
            )

    def _scalar(self, event: Any, position: Position, at: FieldPath) -> Any:
        self._check_tag(event.tag, position, at, scalar=True)
        tag = event.tag
        if tag is None or tag == "!":
            tag = self.loader.resolve(  # type: ignore[no-untyped-call]
                yaml.ScalarNode, event.value, event.implicit
            )
        elif tag.startswith("!!"):
            tag = "tag:yaml.org,2002:" + tag[2:]
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        constructor = yaml.SafeLoader.yaml_constructors.get(tag)
        if constructor is None:  # pragma: no cover - _check_tag admits only known tags
            raise _Refused(position, at, f"tag {tag!r} is not allowed")
        try:
            return constructor(self.loader, node)
        except (ValueError, yaml.YAMLError) as exc:
            raise _Refused(position, at, f"cannot read {event.value!r}: {exc}") from None
