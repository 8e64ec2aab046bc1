"""Files written whole or not at all.

Every output a command writes (an export, a schema, a cartridge, a PDF) is first written to a
temporary file beside its target and then renamed over it in one step: a command that fails
or is killed half-way leaves the previous file as it was, and at most a temporary file of
its own (``.NAME.*.tmp``, named so that nobody takes it for an output).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def staged(path: Path) -> Iterator[Path]:
    """A temporary path beside ``path`` to write; renamed to ``path`` when the block ends
    without an error, removed otherwise. The file gets the mode a new file would get."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    temporary = Path(name)
    try:
        os.fchmod(fd, 0o666 & ~_umask())
        os.close(fd)
        yield temporary
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise


def write_file(path: Path, data: str | bytes) -> None:
    """Write ``data`` (text as UTF-8, line ends as given) to ``path`` in one step."""
    with staged(path) as temporary:
        temporary.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
