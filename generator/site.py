"""The last stage: a built site, swapped in only when the whole build succeeded.

MkDocs runs as a child process (the core never imports it) into a temporary folder beside the
site folder, and receives the generated pages through a pipe (``generator.handoff``); on
success the two folders are exchanged atomically, so a failed or killed build leaves the last
good site exactly as it was.
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
import tempfile
from dataclasses import dataclass
from pathlib import Path

from generator import handoff
from generator.catalog import Catalog
from generator.engines import MKDOCS, Engine, write_tree_config
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


def mkdocs_environment(catalog: Catalog | None = None) -> dict[str, str]:
    """The environment MkDocs runs in; the build's epoch is set once the records are read."""
    env = dict(os.environ)
    if catalog is not None:
        env["SOURCE_DATE_EPOCH"] = build_epoch(catalog)
    env.setdefault("NO_MKDOCS_2_WARNING", "1")  # a notice for theme authors, not for editors
    env.setdefault("PYTHONHASHSEED", "0")
    return env


@dataclass(frozen=True)
class BuildResult:
    ok: bool
    output: str


class Build:
    """A site build under way: MkDocs runs in a child, waiting for the pages.

    MkDocs starts (imports, theme, configuration) while this process reads the records;
    ``finish`` then hands it the pages and waits, ``cancel`` (or leaving the ``with`` block
    without finishing) stops it. Either way the site folder changes only on success.
    """

    def __init__(self, project: Project, site_dir: Path, engine: Engine = MKDOCS) -> None:
        self.site_dir = site_dir.resolve()
        self.site_dir.parent.mkdir(parents=True, exist_ok=True)
        for stale in self.site_dir.parent.glob(f".{self.site_dir.name}-*"):
            shutil.rmtree(stale, ignore_errors=True)  # left by a build that was killed
        self.staging = self.site_dir.parent / f".{self.site_dir.name}-build-{os.getpid()}"
        config = project.mkdocs_yml.resolve()  # MkDocs or ProperDocs, with the handbook plugin
        command = engine.command(config, "build", *engine.build_options(self.staging))
        read_end, self._pipe = os.pipe()
        env = mkdocs_environment()
        env[handoff.ENV] = str(read_end)
        # A file, not a pipe: the child never blocks on its log while this process is busy.
        self._log = tempfile.TemporaryFile()  # noqa: SIM115 - closed by finish or cancel
        try:
            self._child: subprocess.Popen[bytes] | None = subprocess.Popen(
                command,
                cwd=project.root,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=self._log,
                stderr=subprocess.STDOUT,
                pass_fds=(read_end,),
            )
        except BaseException:
            os.close(self._pipe)
            self._log.close()
            raise
        finally:
            os.close(read_end)

    def __enter__(self) -> Build:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.cancel()

    def finish(self, catalog: Catalog) -> BuildResult:
        """Generate the pages, hand them over, wait, and swap the new site in on success."""
        assert self._child is not None, "the build was already finished or cancelled"
        payload = handoff.encode(handoff.Handoff(all_pages(catalog), build_epoch(catalog)))
        pipe, self._pipe = open(self._pipe, "wb"), -1  # noqa: SIM115 - closed just below
        with contextlib.suppress(BrokenPipeError), pipe:  # MkDocs stopped early: see its log
            pipe.write(payload)
        del payload  # tens of MB at a thousand practices: not held while MkDocs runs
        returncode = self._child.wait()
        self._child = None
        self._log.seek(0)
        output = _warnings_and_errors(self._log.read().decode("utf-8", "replace"))
        self._log.close()
        if returncode != 0 or not (self.staging / "index.html").is_file():
            shutil.rmtree(self.staging, ignore_errors=True)
            return BuildResult(False, output)
        _swap_in(self.staging, self.site_dir)
        return BuildResult(True, output)

    def cancel(self) -> None:
        """Stop MkDocs if it is still running and remove what it wrote."""
        if self._pipe >= 0:
            os.close(self._pipe)
            self._pipe = -1
        if self._child is not None:
            self._child.kill()
            self._child.wait()
            self._child = None
            self._log.close()
            shutil.rmtree(self.staging, ignore_errors=True)


def build_site(project: Project, catalog: Catalog, site_dir: Path) -> BuildResult:
    """Build into a sibling temporary folder and swap it in only on success."""
    with Build(project, site_dir) as build:
        return build.finish(catalog)


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
    """Write the full Markdown tree (content plus generated pages), ``nav.yml``, and the
    ``mkdocs.yml`` and theme overrides that MkDocs, ProperDocs and Zensical build it with.

    This is the handbook for engines without plugins: ``zensical build`` (or ``mkdocs
    build``, ``properdocs build``) run in ``OUT`` builds it into ``OUT/site``; other engines
    point their docs folder at ``OUT/docs`` and their navigation at ``OUT/nav.yml``.
    """
    import yaml

    docs = out_dir / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    shutil.copytree(project.content_dir, docs)
    written = write_pages(all_pages(catalog), docs) + write_tree_config(project, out_dir)
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
    command = _mkdocs(project, "serve", "--dev-addr", address)
    os.chdir(project.root)
    sys.stdout.flush()
    sys.stderr.flush()
    os.execve(sys.executable, command, mkdocs_environment(catalog))


def _mkdocs(project: Project, command: str, *options: str) -> list[str]:
    """The command line that runs MkDocs' ``command`` on the project's mkdocs.yml."""
    return MKDOCS.command(project.mkdocs_yml.resolve(), command, *options)
