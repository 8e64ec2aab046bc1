"""Run a command as a child that dies with the process that started it.

``handbook build`` runs MkDocs as a child process. Were the build killed (SIGKILL cannot be
caught), MkDocs would go on for minutes, writing into a folder nobody will swap in. On Linux
the kernel can end a child when its parent dies (``prctl(PR_SET_PDEATHSIG)``); this small
program asks for that, checks that its parent is still the one that started it (it may have
died in between), then becomes the command, which keeps the setting::

    python -P -m generator.site.child PARENT_PID COMMAND [ARG ...]

A separate program rather than a ``preexec_fn``: that runs between fork and exec, where a
parent with threads can deadlock the child.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import sys
from collections.abc import Sequence

_PR_SET_PDEATHSIG = 1


def tethered(command: Sequence[str]) -> list[str]:
    """``command`` run so that it dies with this process (see above)."""
    return [sys.executable, "-P", "-m", "generator.site.child", str(os.getpid()), *command]


def main(argv: Sequence[str]) -> int:
    parent, command = int(argv[0]), list(argv[1:])
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
            print(f"handbook: prctl failed: {os.strerror(ctypes.get_errno())}", file=sys.stderr)
            return 1
    if os.getppid() != parent:
        return 1  # the parent died before the setting took hold: nobody waits for this
    os.execv(command[0], command)
    return 1  # pragma: no cover - execv does not return


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
