"""Values derived from records, kept between the builds of one process (``handbook serve``).

A record that did not change comes back from ``RecordCache`` as the same object, so what was
derived from it alone (its replication checklist, its row of the exports, its data for the
side-by-side view) can be reused by identity: ``reused(kind, inputs, make)`` makes the value
once per set of inputs. Inputs are compared by identity, except strings, numbers and tuples
of them, which are compared by value; the inputs are held, so an identity stays theirs.

Outside ``reusing`` (every other command) nothing is kept: ``make`` runs each time. A forked
worker fills its own copy, and sends back what it made (``entries``, ``take``). ``handbook
build`` keeps the table in a file between builds (``generator.build_cache``): the keys, which
name inputs by their ``id``, are made again when it is read.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Mapping
from contextvars import ContextVar
from typing import TypeVar

T = TypeVar("T")
_VALUES = (str, int, float, bool, type(None))


def _key(part: object) -> object:
    if isinstance(part, _VALUES):
        return (type(part).__name__, part)
    if isinstance(part, tuple):
        return tuple(_key(p) for p in part)
    return ("id", id(part))


_UNKNOWN = object()


def _inputs(key: object, objects: Mapping[int, object]) -> object:
    """The inputs that ``_key`` gave ``key`` for, or ``_UNKNOWN``."""
    if isinstance(key, tuple) and len(key) == 2 and key[0] == "id":
        return objects.get(key[1], _UNKNOWN)
    if isinstance(key, tuple) and len(key) == 2 and isinstance(key[0], str):
        return key[1]  # a value: (its type's name, itself)
    if isinstance(key, tuple):
        parts = tuple(_inputs(part, objects) for part in key)
        return _UNKNOWN if any(part is _UNKNOWN for part in parts) else parts
    return _UNKNOWN


def _same(one: object, two: object) -> bool:
    if isinstance(one, (*_VALUES, tuple)):
        return type(one) is type(two) and one == two
    return one is two


class Reuse:
    """The values one build derived, for the next build to take."""

    def __init__(self) -> None:
        self._kept: dict[tuple[str, object], tuple[tuple[object, ...], object]] = {}
        self._used: dict[tuple[str, object], tuple[tuple[object, ...], object]] = {}
        self.made = 0  # values made (not reused) since the build started
        self._complete = True

    def get(self, kind: str, inputs: tuple[object, ...], make: Callable[[], T]) -> T:
        key = (kind, _key(inputs))
        found = self._used.get(key) or self._kept.get(key)
        if found is not None and all(_same(a, b) for a, b in zip(found[0], inputs, strict=True)):
            value = found[1]
        else:
            value = make()
            self.made += 1
        self._used[key] = (inputs, value)
        return value  # type: ignore[return-value]  # stored under its kind, made by make

    def __getstate__(self) -> dict[str, object]:
        """Kept in a file (``generator.build_cache``): the values and their inputs; the keys,
        which name inputs by their ``id``, are made again when read."""
        return {
            "kept": [(kind, inputs, value) for (kind, _), (inputs, value) in self._kept.items()]
        }

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__init__()  # type: ignore[misc]
        kept = state["kept"]
        assert isinstance(kept, list)
        self._kept = {(kind, _key(inputs)): (inputs, value) for kind, inputs, value in kept}

    def for_next_build(self) -> Reuse:
        """The values the build under way used (or, between builds, those the last one
        used): what the next build starts from."""
        reuse = Reuse()
        reuse._kept = dict(self._used or self._kept)
        return reuse

    def used_keys(self) -> set[tuple[str, object]]:
        """The keys of the values the build under way made or took so far."""
        return set(self._used)

    def entries(self, known: set[tuple[str, object]]) -> list[tuple[str, object, object]]:
        """The values made or taken by the build under way, with their keys, but for the
        ``known`` ones (for a forked worker to send back what it added: ``take``)."""
        return [
            (kind, key, value)
            for (kind, key), (_, value) in self._used.items()
            if (kind, key) not in known
        ]

    def take(self, made: list[tuple[str, object, object]], objects: Mapping[int, object]) -> None:
        """Count ``made`` (a forked worker's values) as made by this build. A worker's copy of
        an object has the ``id`` of the object here: ``objects`` are the inputs by their
        ``id``; a value whose inputs are not among them is left out."""
        for kind, key, value in made:
            inputs = _inputs(key, objects)
            if isinstance(inputs, tuple):
                self._used.setdefault((kind, key), (inputs, value))

    def abandon(self) -> None:
        """The build stops short (invalid records): keep everything for the next one."""
        self._complete = False

    def next_build(self) -> None:
        """Keep what the build that ended used, and forget the rest (all, if it was
        abandoned)."""
        if self._complete:
            self._kept = self._used
        else:
            self._kept.update(self._used)
        self._used, self.made, self._complete = {}, 0, True


_CURRENT: ContextVar[Reuse | None] = ContextVar("reuse", default=None)


@contextlib.contextmanager
def reusing(reuse: Reuse) -> Iterator[Reuse]:
    token = _CURRENT.set(reuse)
    try:
        yield reuse
    finally:
        _CURRENT.reset(token)
        reuse.next_build()


def current_reuse() -> Reuse | None:
    """The reuse table of the build under way, if any (``reusing``)."""
    return _CURRENT.get()


def reused(kind: str, inputs: tuple[object, ...], make: Callable[[], T]) -> T:
    """``make()``, or the value it gave for the same ``inputs`` in the build before."""
    reuse = _CURRENT.get()
    return make() if reuse is None else reuse.get(kind, inputs, make)
