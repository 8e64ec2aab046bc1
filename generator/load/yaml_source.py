"""Read one YAML file into plain data, keeping the line and column of every key and value.

Built on PyYAML's safe parser (the C one when present), but composed here from its events, so
that hostile or broken files are refused in bounded time and memory with a located message:
non-UTF-8 bytes, byte-order marks, control characters, tabs in indentation, oversized files,
deep nesting, alias bombs, duplicate keys and any tag beyond plain data (``!!python/object``
and friends).

Files are read as editors' YAML tools read them: scalars resolve by the YAML 1.2 core schema
(only ``true``/``false`` are booleans, so ``NO``, ``yes`` and ``10:30`` are text; no dates, no
sexagesimal numbers, ``017`` is seventeen), and lines are counted as editors count them (a
line ends only at ``\n``, ``\r\n`` or ``\r``; U+0085, U+2028 and U+2029 are characters of
the text, as in YAML 1.2, not line breaks as in the YAML 1.1 that PyYAML reads).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from generator.problems import FieldPath, Problem, Severity, shown

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_BYTES = 1_000_000
MAX_DEPTH = 40
MAX_VALUES = 50_000

_TAG = "tag:yaml.org,2002:"
_STR = _TAG + "str"
_PLAIN_TAGS = {_TAG + name for name in ("str", "int", "float", "bool", "null", "seq", "map")}

# The YAML 1.2 core schema (spec 1.2.2, section 10.3.2): how a plain scalar resolves.
_CORE: tuple[tuple[str, re.Pattern[str]], ...] = (
    (_TAG + "null", re.compile(r"~|null|Null|NULL|")),
    (_TAG + "bool", re.compile(r"true|True|TRUE|false|False|FALSE")),
    (_TAG + "int", re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")),
    (
        _TAG + "float",
        re.compile(
            r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
            r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
        ),
    ),
)
_RESOLVED: dict[str, str] = {}  # plain scalar text -> its core-schema tag (values recur)
_NOT_ONLY_TEXT = set("~nNtTfF0123456789+-.") | {""}  # how the patterns above can start

# YAML 1.2's printable characters (c-printable); anything else cannot be in a YAML file.
_NOT_PRINTABLE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_CONTROL_NAMES = {
    0x00: "NUL",
    0x07: "BEL",
    0x08: "BS",
    0x0B: "VT",
    0x0C: "FF",
    0x1B: "ESC",
    0x7F: "DEL",
}
# Line breaks to PyYAML (YAML 1.1), plain characters to YAML 1.2 and to editors.
_NOT_BREAKS = "\x85\u2028\u2029"
_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})|\\U([0-9a-fA-F]{8})")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


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


def lines(text: str) -> list[str]:
    """The lines of ``text`` as editors show them: split at ``\n``, ``\r\n`` and ``\r`` only."""
    return _LINE_BREAK.split(text)


def where(text: str, index: int) -> Position:
    """The line and column editors show for the character at ``index`` of ``text``."""
    before = lines(text[:index])
    return Position(len(before), len(before[-1]) + 1)


def _control(char: str) -> str:
    name = _CONTROL_NAMES.get(ord(char)) or unicodedata.name(char, "")
    return f"U+{ord(char):04X}" + (f" ({name})" if name else "")


def _stand_ins(text: str) -> dict[str, str] | None:
    """Characters that stand for U+0085, U+2028 and U+2029 while PyYAML reads ``text``.

    PyYAML would break lines there (YAML 1.1); a private-use character that neither the text
    nor any of its escapes holds reads as the plain character YAML 1.2 and editors see.
    """
    if not any(char in text for char in _NOT_BREAKS):
        return None
    taken = set(text)
    if "\\" in text:
        taken.update(
            chr(int(a or b, 16)) for a, b in _ESCAPE.findall(text) if int(a or b, 16) < 0x110000
        )
    free = (chr(code) for code in range(0xE000, 0xF900) if chr(code) not in taken)
    stand_ins: dict[str, str] = {}
    for char in _NOT_BREAKS:
        stand_in = next(free, None)
        if stand_in is None:
            return {}
        stand_ins[char] = stand_in
    return stand_ins


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
            where(good := raw[: exc.start].decode("utf-8"), len(good)),
            f"byte {raw[exc.start]:#04x} is not valid UTF-8; expected a UTF-8 text file",
        )
    if bad := _NOT_PRINTABLE.search(text):
        return None, refuse(
            where(text, bad.start()),
            f"control character {_control(bad.group())} is not allowed in YAML; expected "
            "text without it (most editors do not show it: delete the character there)",
        )
    for number, line in enumerate(lines(text) if "\t" in text else (), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent and line.strip():
            return None, refuse(
                Position(number, indent.index("\t") + 1),
                "tab in indentation; YAML indents with spaces only",
            )
    stand_ins = _stand_ins(text)
    if stand_ins == {}:  # pragma: no cover - a file that holds every private-use character
        return None, refuse(
            Position(1, 1), "cannot read U+2028 in a file that holds every private-use character"
        )
    if stand_ins:
        text = text.translate({ord(char): stand_in for char, stand_in in stand_ins.items()})
    try:
        doc = _Composer(path, text, stand_ins).compose()
    except _Refused as exc:
        return None, refuse(exc.position, exc.message, exc.field)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        position = _pos(mark) if mark is not None else Position(1, 1)
        what = exc.problem or exc.context or "cannot be read"
        return None, refuse(position, f"YAML syntax error: {what}")
    except yaml.YAMLError as exc:  # pragma: no cover - the checks above leave only marked errors
        return None, refuse(Position(1, 1), f"YAML error: {' '.join(str(exc).split())}")
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

    def __init__(self, path: Path, text: str, stand_ins: dict[str, str] | None = None) -> None:
        self.path = path
        self.loader = _Loader(text)
        # restores the characters that ``_stand_ins`` replaced, in every text read
        self.restore = {ord(v): k for k, v in stand_ins.items()} if stand_ins else None
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
                f"tag {short!r} is not allowed; expected plain data (text, numbers, true or false, "
                "lists and mappings)",
            )

    def _scalar(self, event: Any, where: tuple[int, int], at: FieldPath) -> Any:
        tag, value = event.tag, event.value
        if self.restore is not None:
            value = value.translate(self.restore)
        if tag is None or tag == "!":
            if tag == "!" or not event.implicit[0]:
                return value  # quoted or block text is always a string
            tag = _RESOLVED.get(value)
            if tag is None:
                tag = resolve(value)
                if len(value) <= 40 and len(_RESOLVED) < 50_000:
                    _RESOLVED[value] = tag  # keys and short values recur in every record
            if tag == _STR:
                return value  # most values: text
        else:
            self._check_tag(tag, where, at, scalar=True)
            if tag.startswith("!!"):
                tag = _TAG + tag[2:]
        try:
            return construct(tag, value)
        except ValueError:  # a tag its text does not fit, or an integer of 4,300 digits
            short = tag.replace(_TAG, "!!", 1)
            raise _Refused(Position(*where), at, f"cannot read {shown(value)} as {short}") from None


def resolve(text: str) -> str:
    """The tag of a plain (unquoted) scalar by the YAML 1.2 core schema."""
    if text[:1] not in _NOT_ONLY_TEXT:
        return _STR  # most text: no pattern to try
    for tag, pattern in _CORE:
        if pattern.fullmatch(text):
            return tag
    return _STR


def construct(tag: str, text: str) -> Any:
    """The value of scalar ``text`` with core-schema ``tag``; ValueError if it has no such value."""
    if tag == _STR:
        return text
    if resolve(text) != tag and not (tag == _TAG + "float" and resolve(text) == _TAG + "int"):
        raise ValueError(text)
    return _value(tag, text)


def _value(tag: str, text: str) -> Any:
    if tag == _TAG + "null":
        return None
    if tag == _TAG + "bool":
        return text.lower() == "true"
    if tag == _TAG + "int":
        if text.startswith(("0o", "0x")):
            return int(text[2:], 8 if text[1] == "o" else 16)
        return int(text, 10)
    if ".inf" in text.lower() or ".nan" in text.lower():
        return float(text.replace(".", ""))
    return float(text)
