"""The last stage: a built site, swapped in only when the whole build succeeded.

MkDocs runs as a child process (the core never imports it) into a temporary folder beside the
site folder; on success the two folders are exchanged atomically, so a failed or killed build
leaves the last good site exactly as it was.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import datetime as dt
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from generator.catalog import Catalog
from generator.pages import all_pages, write_pages
from generator.project import Project
from generator.settings import read_mkdocs_yml

_RENAME_EXCHANGE = 2  # renameat2 flag (Linux): swap two paths in one step
_AT_FDCWD = -100


def build_epoch(catalog: Catalog) -> str:
    """The build's timestamp: $SOURCE_DATE_EPOCH, else the newest review date of a record.

    A date taken from the inputs keeps two builds of the same inputs byte-identical (the
    sitemap carries a date) without pretending to know when the site was built.
    """
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return os.environ["SOURCE_DATE_EPOCH"]
    newest = max((p.last_reviewed for p in catalog.practices), default=dt.date(2026, 1, 1))
    midnight = dt.datetime.combine(newest, dt.time(), tzinfo=dt.UTC)
    return str(int(midnight.timestamp()))


def mkdocs_environment(catalog: Catalog) -> dict[str, str]:
    env = dict(os.environ)
    env["SOURCE_DATE_EPOCH"] = build_epoch(catalog)
    env.setdefault("NO_MKDOCS_2_WARNING", "1")  # a notice for theme authors, not for editors
    env.setdefault("PYTHONHASHSEED", "0")
    return env


@dataclass(frozen=True)
class BuildResult:
    ok: bool
    output: str


def build_site(project: Project, catalog: Catalog, site_dir: Path) -> BuildResult:
    """Build into a sibling temporary folder and swap it in only on success."""
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    for stale in site_dir.parent.glob(f".{site_dir.name}-*"):
        shutil.rmtree(stale, ignore_errors=True)  # left by a build that was killed
    staging = site_dir.parent / f".{site_dir.name}-build-{os.getpid()}"
    command = [
        # No --quiet: it hides the warnings that --strict counts.
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "--strict",
        "--config-file",
        str(project.mkdocs_yml.resolve()),
        "--site-dir",
        str(staging),
    ]
    done = subprocess.run(
        command,
        cwd=project.root,
        env=mkdocs_environment(catalog),
        capture_output=True,
        text=True,
        check=False,
    )
    output = _warnings_and_errors(done.stdout + done.stderr)
    if done.returncode != 0 or not (staging / "index.html").is_file():
        shutil.rmtree(staging, ignore_errors=True)
        return BuildResult(False, output)
    _swap_in(staging, site_dir)
    return BuildResult(True, output)


def _warnings_and_errors(log: str) -> str:
    """MkDocs' log without its INFO and DEBUG records (a record may span several lines)."""
    kept: list[str] = []
    keep = True
    for line in log.splitlines():
        if line[:1].isalpha():  # a new record: "INFO    -  ...", "WARNING -  ..."
            keep = not line.startswith(("INFO", "DEBUG"))
        if keep and line.strip():
            kept.append(line)
    return "\n".join(kept)


def _swap_in(staging: Path, site_dir: Path) -> None:
    if not site_dir.exists():
        staging.rename(site_dir)
        return
    if not _exchange(staging, site_dir):
        old = site_dir.parent / f".{site_dir.name}-old-{os.getpid()}"
        site_dir.rename(old)
        staging.rename(site_dir)
        staging = old
    shutil.rmtree(staging, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders atomically where the system can (Linux renameat2); else False."""
    if not sys.platform.startswith("linux"):
        return False
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        result = libc.renameat2(
            _AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE
        )
        return bool(result == 0)
    return False


def generate_tree(project: Project, catalog: Catalog, out_dir: Path) -> list[Path]:
    """Write the full Markdown tree (content plus generated pages) and ``nav.yml``.

    This is the handbook for engines without plugins: point their docs folder at
    ``OUT/docs`` and their navigation at ``OUT/nav.yml``.
    """
    import yaml

    docs = out_dir / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    shutil.copytree(project.content_dir, docs)
    written = write_pages(all_pages(catalog), docs)
    nav = _mkdocs_nav(project)
    nav_file = out_dir / "nav.yml"
    nav_file.write_text(
        yaml.safe_dump({"nav": nav}, sort_keys=False, allow_unicode=True), encoding="utf-8"
    )
    return [*written, nav_file]


def _mkdocs_nav(project: Project) -> list[object]:
    """The ``nav`` of mkdocs.yml, read as plain data."""
    return list(read_mkdocs_yml(project.mkdocs_yml).get("nav") or [])


def serve(project: Project, catalog: Catalog, address: str) -> int:
    """Become MkDocs' live preview; the plugin rebuilds when a record changes.

    The process is replaced rather than given a child, so that stopping it (Ctrl+C, a
    signal from a test or a service manager) stops the server too.
    """
    command = [
        sys.executable,
        "-m",
        "mkdocs",
        "serve",
        "--config-file",
        str(project.mkdocs_yml.resolve()),
        "--dev-addr",
        address,
    ]
    os.chdir(project.root)
    sys.stdout.flush()
    sys.stderr.flush()
    os.execve(sys.executable, command, mkdocs_environment(catalog))
