"""Values derived from records, kept between the builds of one process (``handbook serve``).

A record that did not change comes back from ``RecordCache`` as the same object, so what was
derived from it alone (its replication checklist, its row of the exports, its data for the
side-by-side view) can be reused by identity: ``reused(kind, inputs, make)`` makes the value
once per set of inputs. Inputs are compared by identity, except strings, numbers and tuples
of them, which are compared by value; the inputs are held, so an identity stays theirs.

Outside ``reusing`` (every other command, and forked workers' own copies) nothing is kept:
``make`` runs each time.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
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


def reused(kind: str, inputs: tuple[object, ...], make: Callable[[], T]) -> T:
    """``make()``, or the value it gave for the same ``inputs`` in the build before."""
    reuse = _CURRENT.get()
    return make() if reuse is None else reuse.get(kind, inputs, make)
