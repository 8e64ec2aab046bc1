"""One build of a site folder at a time, and the folders that dead builds left beside it.

A build writes into ``.NAME-build-PID`` beside the site folder ``NAME`` (each language into
``.NAME-build-PID-CODE``) and swaps it in at the end. Two builds of one site at once would
fight over these folders, so a build first takes a lock (``flock`` on ``.NAME.lock`` beside
the site). The second build waits: an editor who starts a build while one runs wants the
newest files built, not an error to retry by hand; after ``WAIT_SECONDS`` it gives up with
a message naming the other build.

The lock file is passed on to MkDocs, so the lock is held until the last process of a build
is gone, even one that outlived its parent. Once it holds the lock, a build removes the
staging folders of builds whose process is dead, and only those: a folder whose process
still runs is left alone even then.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import shutil
import time
from collections.abc import Callable
from pathlib import Path

WAIT_SECONDS = 600.0  # ten minutes: longer than a build of a thousand practices takes
_POLL_SECONDS = 0.1
# ``-build-PID`` (the English site), ``-build-PID-nb`` (one language's site), ``-old-PID``.
_LEFTOVER = re.compile(r"-(?:build|old)-([1-9][0-9]*)(?:-[a-z]{2,3})?")


class SiteBusy(Exception):
    """Another build of the same site still holds its lock after ``WAIT_SECONDS``."""


def staging_folder(site_dir: Path, kind: str = "build", language: str | None = None) -> Path:
    """Where this process builds the site (``build``; one language's site: ``language``) or
    parks the old one (``old``)."""
    suffix = f"-{language}" if language else ""
    return site_dir.parent / f".{site_dir.name}-{kind}-{os.getpid()}{suffix}"


def lock_site(site_dir: Path, on_wait: Callable[[str], None] | None = None) -> int:
    """Take the site's lock, waiting for another build if need be; return the lock's file.

    The file stays open (and the lock held) until it is closed; it is not inherited by
    children unless passed on explicitly. Raises ``SiteBusy`` after ``WAIT_SECONDS``.
    """
    path = site_dir.parent / f".{site_dir.name}.lock"
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
    try:
        deadline = time.monotonic() + WAIT_SECONDS
        told = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise SiteBusy(
                        f"another build of {site_dir}{_holder(fd)} is still running after "
                        f"{_duration(WAIT_SECONDS)}; expected it to finish first: let it "
                        "finish or stop it, then build again"
                    ) from None
                if not told and on_wait is not None:
                    on_wait(f"another build of {site_dir}{_holder(fd)} is running; waiting")
                    told = True
                time.sleep(_POLL_SECONDS)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)  # for the message of a build that waits
        return fd
    except BaseException:
        os.close(fd)
        raise


def remove_leftovers(site_dir: Path) -> None:
    """Remove the staging folders of dead builds of ``site_dir``; call with the lock held."""
    prefix = f".{site_dir.name}"
    for path in site_dir.parent.iterdir():
        match = _LEFTOVER.fullmatch(path.name[len(prefix) :])
        if not path.name.startswith(prefix) or match is None:
            continue
        pid = int(match[1])
        # This process's own pid here was an earlier process's: it is dead.
        if (pid == os.getpid() or not _alive(pid)) and path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    with contextlib.suppress(OSError, IndexError):
        state = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
        return state not in ("Z", "X")  # a zombie has finished: nobody writes for it
    return True


def _holder(fd: int) -> str:
    with contextlib.suppress(OSError, ValueError):
        return f" (process {int(os.pread(fd, 32, 0).decode().strip())})"
    return ""


def _duration(seconds: float) -> str:
    return f"{seconds / 60:g} minute(s)" if seconds >= 60 else f"{seconds:g} second(s)"
