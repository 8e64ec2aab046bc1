"""What one ``handbook build`` keeps for the next one, so that it redoes only what changed.

Two kinds of things are kept, in a folder of the user's cache (``$XDG_CACHE_HOME``, else
``~/.cache``) named after the site folder:

- ``records.pickle``: this process's ``Memory``: the records as read, by the bytes of their
  files (``RecordCache``), the pages rendered from them, by their inputs (``RenderMemo``),
  and the values derived from them (``Reuse``). Each is valid whatever the site folder
  holds: it only says what given inputs give.
- ``site-<language>.pickle``: the MkDocs run's state (``generator.site.warm``): each page as
  read and rendered, and which file of the built site holds it; that run checks the site it
  reuses pages from is the one it built.

Every file starts with a key: the versions of Python, of this package's code and templates,
and of the libraries that shape a page. Another key, a damaged file or one that cannot be
read is ignored: the build starts from scratch, and gives the same site.

The files are pickles, which can run code when read: they are only read from a folder that
is the user's own and no one else's (mode 0700, owned by the user, not a link), as Jinja
keeps its compiled templates. They live outside the project: no file of a project (a record,
a pull request) is ever read as one of them.
"""

from __future__ import annotations

import contextlib
import copyreg
import hashlib
import importlib.metadata
import os
import pickle
import stat
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from generator.atomic import staged
from generator.catalog.catalog import RecordCache
from generator.outputs.language import ENGLISH, Language
from generator.outputs.render import RenderMemo, remembering
from generator.reuse import Reuse, reusing

FORMAT = 1
_PACKAGE = Path(__file__).resolve().parent
# The libraries whose version changes what a page holds or how MkDocs keeps it.
_LIBRARIES = (
    "mkdocs",
    "mkdocs-material",
    "pymdown-extensions",
    "Markdown",
    "Jinja2",
    "pydantic",
    "PyYAML",
    "nh3",
    "Babel",
)


@cache
def code_key() -> bytes:
    """The versions a kept file must have been made with: Python, the libraries, and every
    file of this package (its code, templates and data), by their bytes."""
    digest = hashlib.sha256(f"{FORMAT}\n{sys.version}\n".encode())
    for name in _LIBRARIES:
        try:
            version = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            version = "-"
        digest.update(f"{name}={version}\n".encode())
    for path in sorted(
        p for p in _PACKAGE.rglob("*") if p.is_file() and "__pycache__" not in p.parts
    ):
        digest.update(path.relative_to(_PACKAGE).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.digest()


def _private(folder: Path) -> bool:
    """``folder`` is a real folder of this user's alone."""
    try:
        found = os.lstat(folder)
    except OSError:
        return False
    return (
        stat.S_ISDIR(found.st_mode)
        and found.st_uid == os.getuid()
        and stat.S_IMODE(found.st_mode) == stat.S_IRWXU
    )


def cache_folder(site_dir: Path) -> Path | None:
    """The private folder that keeps the builds of ``site_dir``, made if need be; None when
    there is none to use (no home, a read-only disk, a folder that is not the user's own)."""
    if not hasattr(os, "getuid"):  # pragma: no cover - not on a POSIX system
        return None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    name = hashlib.sha256(str(site_dir.resolve()).encode("utf-8")).hexdigest()[:24]
    folder = Path(base) / "inclusion-handbook" / name
    try:
        folder.parent.parent.mkdir(parents=True, exist_ok=True)
        for part in (folder.parent, folder):
            with contextlib.suppress(FileExistsError):
                part.mkdir(mode=stat.S_IRWXU)
    except (OSError, RuntimeError):
        return None
    return folder if _private(folder.parent) and _private(folder) else None


def read_kept(path: Path, key: bytes) -> Any:
    """What ``write_kept`` stored at ``path`` under ``key``; None when it is not there, not
    readable, not the user's own or stored under another key."""
    if not _private(path.parent):
        return None
    try:
        with open(path, "rb") as opened:
            found = os.fstat(opened.fileno())
            if found.st_uid != os.getuid() or not stat.S_ISREG(found.st_mode):
                return None
            if opened.read(len(key)) != key:
                return None
            return pickle.load(opened)
    except Exception:  # a damaged cache is no cache: the build starts afresh
        return None


def write_kept(path: Path, key: bytes, value: object) -> bool:
    """Store ``value`` under ``key`` at ``path`` (whole or not at all); False when it cannot
    be stored (the build goes on: the next one starts from scratch)."""
    if not _private(path.parent):
        return False
    try:
        with staged(path) as temporary, open(temporary, "wb") as file:
            file.write(key)
            _Pickler(file, protocol=5).dump(value)  # straight to the file: no copy in memory
    except Exception:  # a value that cannot be kept, a full disk: not kept
        return False
    return True


class _Gone:
    """What a kept language other than English comes back as: an object nothing else is,
    so that no value derived from that language is taken for another build's."""


def _english() -> Language:
    return ENGLISH


def _language(language: Language) -> tuple[Any, tuple[()]]:
    # ENGLISH is one object, compared by identity. A language with translations is another
    # object in the next build anyway (and gettext's plural rule, a function, is not kept).
    return (_english, ()) if language is ENGLISH else (_Gone, ())


class _Pickler(pickle.Pickler):
    dispatch_table = copyreg.dispatch_table.copy()
    dispatch_table[Language] = _language


@dataclass
class Memory:
    """What the records of one site gave in the last build: read by the next."""

    records: RecordCache = field(default_factory=RecordCache)
    memo: RenderMemo = field(default_factory=RenderMemo)
    reuse: Reuse = field(default_factory=Reuse)

    def for_next_build(self) -> Memory:
        """What the build under way read and made, without what it did not use."""
        return Memory(self.records, self.memo.for_next_build(), self.reuse.for_next_build())

    @contextlib.contextmanager
    def active(self) -> Iterator[Memory]:
        """Reuse and remember while the block loads the records and renders the pages."""
        with reusing(self.reuse), remembering(self.memo):
            yield self


def read_memory(folder: Path | None) -> Memory:
    """The memory kept in ``folder``, or an empty one."""
    kept = None if folder is None else read_kept(folder / "records.pickle", code_key())
    return kept if isinstance(kept, Memory) else Memory()


def write_memory(folder: Path | None, memory: Memory) -> None:
    """Keep what the build under way read and made, for the next build of the site."""
    if folder is not None:
        write_kept(folder / "records.pickle", code_key(), memory.for_next_build())
