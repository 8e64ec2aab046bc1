"""The last stage: a built site, swapped in only when the whole build succeeded.

MkDocs runs as a child process (the core never imports it) into a temporary folder beside the
site folder, and receives the generated pages through a pipe (``generator.site.handoff``); on
success the two folders are exchanged atomically, so a failed or killed build leaves the last
good site exactly as it was. One build of a site runs at a time (``generator.site.lock``), and
MkDocs never outlives the build that started it (``generator.site.child``).
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import datetime as dt
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from generator.build_cache import Memory, cache_folder, read_memory, write_memory
from generator.catalog.catalog import Catalog, RecordCache
from generator.load.project import Project
from generator.load.settings import read_mkdocs_yml
from generator.outputs.page import write_pages
from generator.outputs.registry import site_output
from generator.site import handoff
from generator.site.child import tethered
from generator.site.engines import MKDOCS, Engine, write_tree_config
from generator.site.lock import lock_site, remove_leftovers, staging_folder
from generator.translate.languages import CODES, SOURCE

_RENAME_EXCHANGE = 2  # renameat2 flag (Linux): swap two paths in one step
_AT_FDCWD = -100
_ORDER = (SOURCE, *CODES)
_POLL_SECONDS = 0.05  # how often a build looks whether one of its MkDocs runs has ended
# What generator.site.warm says of its pages at the end of a build that succeeded.
_WRITTEN = re.compile(r"^INFO +-  handbook: (\d+) of (\d+) pages written", re.MULTILINE)


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
    # Of the pages of every run, how many were written anew (the others were taken from the
    # previous site, unchanged); None when the engine does not say (ProperDocs, Zensical).
    written: tuple[int, int] | None = None


class Stopped(BaseException):
    """The build was told to stop (SIGTERM, SIGHUP); MkDocs is stopped, nothing changed.

    A BaseException, like KeyboardInterrupt, so that no ``except Exception`` swallows it.
    """

    def __init__(self, signum: int) -> None:
        super().__init__(f"stopped by {signal.Signals(signum).name}")
        self.signum = signum


@dataclass
class _Run:
    """One MkDocs run of a build: the site in one language, into its own staging folder."""

    language: str  # "en" (the site's root) or a code of generator.translate.languages
    staging: Path
    child: subprocess.Popen[bytes] | None = None
    pipe: int = -1  # the writing end of the pipe that hands over the pages
    log: IO[bytes] | None = None


class Build:
    """A site build under way: MkDocs runs in a child per language, waiting for the pages.

    The build first takes the site's lock (``generator.site.lock``: a second build of the
    same site waits for the first) and removes what dead builds left. MkDocs then starts
    (imports, theme, configuration) while this process reads the records; ``finish`` hands
    it the pages and waits, ``cancel`` (or leaving the ``with`` block without finishing)
    stops it. Either way the site folder changes only on success.

    English is built at the site's root, each of ``languages`` by its own MkDocs run into a
    folder of its own, swapped in under ``<code>/`` with the English site once every run
    succeeded. The runs share the cores: at most ``workers`` at once (default: see
    ``_slots``), and the pages of the runs still waiting are prepared while the others build.
    With ``only``, just that language is built, and swapped in as ``<site>/<only>/``: the
    rest of the site stays as it is.

    With MkDocs (the default engine), each run is ``generator.site.warm``: it reuses the pages
    of the previous build of the site that did not change, and this process reuses the
    records it read and the pages it made (``generator.build_cache``); ``fresh`` makes them
    all anew. The site is the same either way.

    MkDocs dies with this process: SIGTERM and SIGHUP raise ``Stopped`` here, which stops
    MkDocs and removes its folder on the way out; after a SIGKILL the kernel ends MkDocs
    (``generator.site.child``) and the next build removes the folder.
    """

    def __init__(
        self,
        project: Project,
        site_dir: Path,
        on_wait: Callable[[str], None] | None = None,
        engine: Engine = MKDOCS,
        languages: Sequence[str] = (),
        only: str | None = None,
        workers: int | None = None,
        fresh: bool = False,
    ) -> None:
        self.site_dir = site_dir.resolve()
        self._engine = engine  # MkDocs or ProperDocs: an engine that runs the handbook plugin
        self._project = project
        self._languages = tuple(languages)
        self._only = only
        self.staging = staging_folder(self.site_dir)  # the English site's
        built = [only] if only is not None else [SOURCE, *self._languages]
        self._runs = [
            _Run(
                code,
                self.staging if code == SOURCE else staging_folder(self.site_dir, "build", code),
            )
            for code in built
        ]
        self._workers = max(1, workers or _slots(len(self._runs), _cores()))
        # With MkDocs, what the last build kept (generator.build_cache): each run reuses the
        # previous site's unchanged pages, and this process the records and pages it made.
        self._cache = cache_folder(self.site_dir) if engine is MKDOCS else None
        self._fresh = fresh
        self.memory: Memory | None = None
        self._memory_kept = False
        self._lock = -1
        self._stop_on_signals = _StopOnSignals()
        try:
            self.site_dir.parent.mkdir(parents=True, exist_ok=True)
            self._lock = lock_site(self.site_dir, on_wait)
            remove_leftovers(self.site_dir)
            for run in self._runs[: self._workers]:  # the others start as these finish
                self._start(run)
            if self._cache is not None:  # read while MkDocs starts
                self.memory = Memory() if fresh else read_memory(self._cache)
        except BaseException:
            self.cancel()
            raise

    @property
    def records(self) -> RecordCache | None:
        """The records the last build read, for this one to read again only those changed."""
        return None if self.memory is None else self.memory.records

    @contextlib.contextmanager
    def remembering(self) -> Iterator[None]:
        """Load the records and make the pages in this block, reusing what the last build
        read and made; what this one read and made is kept once its pages are made
        (``finish``), while MkDocs builds."""
        if self.memory is None:
            yield
            return
        with self.memory.active():
            yield

    def _keep_memory(self) -> None:
        """Once every run's pages are made: keep what they were made from and of (once)."""
        if self.memory is not None and not self._memory_kept:
            write_memory(self._cache, self.memory)
            self._memory_kept = True

    def _command(self, run: _Run) -> list[str]:
        engine = self._engine
        if engine is not MKDOCS:
            config = self._project.mkdocs_yml.resolve()
            return engine.command(config, "build", *engine.build_options(run.staging))
        # MkDocs' build steps, kept warm between builds (generator.site.warm).
        root = str(self._project.root.resolve())
        command = [sys.executable, "-P", "-m", "generator.site.warm", "--root", root]
        command += ["--site-dir", str(run.staging)]
        if self._cache is not None:
            previous = self.site_dir if run.language == SOURCE else self.site_dir / run.language
            state = self._cache / f"site-{run.language}.pickle"
            command += ["--previous", str(previous), "--state", str(state)]
            if self._fresh:
                command.append("--fresh")
        return command

    def _start(self, run: _Run) -> None:
        command = self._command(run)
        read_end, run.pipe = os.pipe()
        env = mkdocs_environment()
        env[handoff.ENV] = str(read_end)
        # A file, not a pipe: the child never blocks on its log while this process is busy.
        run.log = tempfile.TemporaryFile()  # noqa: SIM115 - closed by finish or cancel
        try:
            run.child = subprocess.Popen(
                tethered(command),
                cwd=self._project.root,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=run.log,
                stderr=subprocess.STDOUT,
                pass_fds=(read_end, self._lock),  # the lock lasts as long as MkDocs does
            )
        finally:
            os.close(read_end)

    def __enter__(self) -> Build:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.cancel()

    def finish(self, catalog: Catalog) -> BuildResult:
        """Generate the pages, hand them over, wait, and swap the new site in on success."""
        assert self._runs and self._runs[0].child is not None, "already finished or cancelled"
        epoch = build_epoch(catalog)
        pending = [run for run in self._runs if run.child is None]
        running = [run for run in self._runs if run.child is not None]
        # With the pages of the last build to take, making them is quick: here, leaving the
        # other core to MkDocs.
        warm = self.memory is not None and len(self.memory.memo) > 0
        for index, run in enumerate(running):
            # The first pages on every core; later ones here, while MkDocs runs use the cores.
            workers = None if index == 0 and not warm else 1
            self._hand_over(run, self._payload(run, catalog, epoch, workers))
        ready: dict[str, bytes] = {}  # the pages of waiting runs, prepared while others build
        outputs: dict[str, str] = {}
        written: list[tuple[int, int]] = []  # each run's pages written anew, of its pages
        while running:
            done = _one_done(running)
            if done is None:
                upcoming = next((run for run in pending if run.language not in ready), None)
                if upcoming is None:  # every run's pages are made: keep them while MkDocs builds
                    self._keep_memory()
                    time.sleep(_POLL_SECONDS)
                else:
                    ready[upcoming.language] = self._payload(upcoming, catalog, epoch, 1)
                continue
            running.remove(done)
            assert done.child is not None and done.log is not None
            returncode = done.child.wait()
            done.child = None
            done.log.seek(0)
            log = done.log.read().decode("utf-8", "replace")
            outputs[done.language] = _warnings_and_errors(log)
            counted = _WRITTEN.search(log)
            if counted is not None:
                written.append((int(counted[1]), int(counted[2])))
            if returncode != 0 or not (done.staging / "index.html").is_file():
                self.cancel()
                return BuildResult(False, _joined(outputs))
            if pending:
                run = pending.pop(0)
                self._start(run)
                payload = ready.pop(run.language, None)
                if payload is None:
                    payload = self._payload(run, catalog, epoch, 1)
                self._hand_over(run, payload)
                running.append(run)
        self._keep_memory()  # unless MkDocs ended before this process was idle once
        output = _joined(outputs)
        with _signals_held():  # a signal now waits until the new site is in place
            problem = self._swap_in_all()
            self.cancel()
        counts = (sum(w for w, _ in written), sum(p for _, p in written))
        return BuildResult(
            problem is None,
            output if problem is None else f"{output}\n{problem}".strip(),
            counts if len(written) == len(self._runs) else None,
        )

    def _payload(
        self, run: _Run, catalog: Catalog, epoch: str, workers: int | None = None
    ) -> bytes:
        """The pages of ``run``'s language, as its MkDocs run reads them from the pipe, made on
        ``workers`` processes (``generator.outputs.registry.all_pages``)."""
        output = site_output(catalog, run.language, workers)
        sent = handoff.Handoff(
            output.pages, epoch, run.language, self._languages, output.nav, output.extra
        )
        return handoff.encode(sent)

    def _hand_over(self, run: _Run, payload: bytes) -> None:
        pipe, run.pipe = open(run.pipe, "wb"), -1  # noqa: SIM115 - closed just below
        with contextlib.suppress(BrokenPipeError), pipe:  # MkDocs stopped early: see its log
            pipe.write(payload)

    def _swap_in_all(self) -> str | None:
        """Put the built sites in place, in one step; what went wrong, or None."""
        if self._only is not None:
            run = self._runs[0]
            self.site_dir.mkdir(exist_ok=True)
            _swap_in(run.staging, self.site_dir / run.language)
            return None
        for run in self._runs[1:]:
            target = self.staging / run.language
            if target.exists():
                return (
                    f"handbook: error: the English site has a folder {run.language}/, where "
                    f"the {run.language} site goes; expected no page folder of that name"
                )
            run.staging.rename(target)
        _swap_in(self.staging, self.site_dir)
        return None

    def cancel(self) -> None:
        """Stop MkDocs if it is still running, remove what it wrote, release the site."""
        for run in self._runs:
            if run.pipe >= 0:
                os.close(run.pipe)
                run.pipe = -1
            if run.child is not None:
                run.child.kill()
                run.child.wait()
                run.child = None
            if run.log is not None:
                run.log.close()
                run.log = None
        if self._lock >= 0:
            for run in self._runs:
                shutil.rmtree(run.staging, ignore_errors=True)  # gone already after a swap
            os.close(self._lock)
            self._lock = -1
        self._stop_on_signals.restore()


def _cores() -> int:
    """The cores this process may run on."""
    with contextlib.suppress(AttributeError, OSError):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _slots(runs: int, cores: int) -> int:
    """How many MkDocs runs to let run at once: one per core at least, and enough that the
    last ones do not end alone on one core while the others idle (seven runs on two cores:
    four at once, then three, rather than two, two, two and one), at most two per core,
    since each holds its pages in memory."""
    if runs <= cores:
        return runs
    for slots in range(cores, 2 * cores + 1):
        if runs % slots == 0 or runs % slots >= cores:
            return slots
    return cores


def _one_done(runs: Sequence[_Run]) -> _Run | None:
    """One of ``runs`` whose MkDocs has ended, or None while they all go on."""
    return next(
        (run for run in runs if run.child is not None and run.child.poll() is not None), None
    )


def _joined(outputs: dict[str, str]) -> str:
    """The runs' warnings and errors, English's as they are, each language's under its name,
    in the order of ``generator.translate.languages`` (not the order the runs ended in)."""
    parts = []
    for code, output in sorted(outputs.items(), key=lambda item: _ORDER.index(item[0])):
        if not output:
            continue
        parts.append(output if code == SOURCE else f"handbook: the {code} site:\n{output}")
    return "\n".join(parts)


class _StopOnSignals:
    """While a build runs, SIGTERM and SIGHUP raise ``Stopped`` (in the main thread only:
    Python runs signal handlers there)."""

    SIGNALS = (signal.SIGTERM, signal.SIGHUP)

    def __init__(self) -> None:
        self._previous: dict[int, Any] = {}
        if threading.current_thread() is threading.main_thread():
            for signum in self.SIGNALS:
                self._previous[signum] = signal.signal(signum, _stop)

    def restore(self) -> None:
        for signum, previous in self._previous.items():
            signal.signal(signum, signal.SIG_DFL if previous is None else previous)
        self._previous.clear()


def _stop(signum: int, frame: object) -> None:
    raise Stopped(signum)


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Hold back SIGTERM, SIGHUP and SIGINT: the swap and its clean-up are not cut short."""
    held = {signal.SIGTERM, signal.SIGHUP, signal.SIGINT}
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


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
        old = staging_folder(site_dir, "old")
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


def generate_tree(
    project: Project,
    catalog: Catalog,
    out_dir: Path,
    language: str = SOURCE,
    languages: Sequence[str] = (),
) -> list[Path]:
    """Write the full Markdown tree (content plus generated pages), ``nav.yml``, and the
    ``mkdocs.yml`` and theme overrides that MkDocs, ProperDocs and Zensical build it with.

    The tree is the site in ``language``, one of a site of ``languages`` (English at the
    root, each other language built from its own tree into ``<code>/``).

    This is the handbook for engines without plugins: ``zensical build`` (or ``mkdocs
    build``, ``properdocs build``) run in ``OUT`` builds it into ``OUT/site``; other engines
    point their docs folder at ``OUT/docs`` and their navigation at ``OUT/nav.yml``.
    """
    import yaml

    docs = out_dir / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    shutil.copytree(project.content_dir, docs)
    output = site_output(catalog, language)
    nav = _mkdocs_nav(project) if output.nav is None else output.nav
    written = write_pages(output.pages, docs)
    written += write_tree_config(project, out_dir, language, languages, nav, output.extra)
    nav_file = out_dir / "nav.yml"
    nav_file.write_text(
        yaml.safe_dump({"nav": nav}, sort_keys=False, allow_unicode=True), encoding="utf-8"
    )
    return [*written, nav_file]


def write_tree(
    project: Project,
    catalog: Catalog,
    out_dir: Path,
    language: str = SOURCE,
    languages: Sequence[str] = (),
) -> list[Path]:
    """``handbook generate``: the tree written beside its place, then swapped in.

    ``docs/``, the theme, ``mkdocs.yml`` and ``nav.yml`` are written into a staging folder in
    ``out_dir`` and each replaces its old self in one step (signals held meanwhile), so that
    a run that fails or is stopped leaves the previous tree as it was. One run at a time
    writes a folder (the lock of its ``docs/``); a dead run's staging folder is removed.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    docs = out_dir.resolve() / "docs"
    lock = lock_site(docs)
    staging = staging_folder(docs)
    try:
        remove_leftovers(docs)
        written = generate_tree(project, catalog, staging, language, languages)
        with _signals_held():
            for item in sorted(staging.iterdir()):
                if item.is_dir():
                    _swap_in(item, docs.parent / item.name)
                else:
                    os.replace(item, docs.parent / item.name)
        return [out_dir / path.relative_to(staging) for path in written]
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        os.close(lock)


def _mkdocs_nav(project: Project) -> list[object]:
    """The ``nav`` of mkdocs.yml, read as plain data."""
    return list(read_mkdocs_yml(project.mkdocs_yml).get("nav") or [])


def serve(project: Project, address: str) -> int:
    """Become the live preview (``generator.site.preview``), which rebuilds after a save only
    what the save changed.

    The process is replaced rather than given a child, so that stopping it (Ctrl+C, a
    signal from a test or a service manager) stops the server too. It runs in MkDocs'
    environment (``mkdocs_environment``), the one ``handbook build`` gives MkDocs.
    """
    command = [
        sys.executable,
        "-P",
        "-m",
        "generator.site.preview",
        "--root",
        str(project.root.resolve()),
        "--dev-addr",
        address,
    ]
    os.chdir(project.root)
    sys.stdout.flush()
    sys.stderr.flush()
    os.execve(sys.executable, command, mkdocs_environment())
