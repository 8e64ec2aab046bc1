"""MkDocs kept warm: a build that reads and writes again only the pages that changed.

The third module of the MkDocs adapter (with ``generator.site.plugin`` and
``generator.site.preview``). ``WarmSite`` runs the steps of ``mkdocs build`` in their order,
and keeps each page as it was read and rendered. The next build reads again only the pages
whose Markdown changed, and writes again only those, unless the navigation, the set of
files or the build's date changed (then every page is written again, still from the
Markdown rendered before). The search index gets each unchanged page's entries as they
were. The files are the ones a clean ``mkdocs build`` writes, byte for byte.

``handbook serve`` keeps one in memory (``generator.site.preview``). ``handbook build`` runs
this module as its MkDocs child, which builds into an empty folder and keeps its state in
the user's cache (``generator.build_cache``): a page that did not change is then linked
from the previous site rather than written again, once the state is known to describe that
site (the same folder, and each file as it was written)::

    python -P -m generator.site.warm --root DIR --site-dir STAGING \
        [--previous SITE --state FILE [--fresh]]
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import logging
import os
import shutil
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs import utils
from mkdocs.commands.build import (
    _build_extra_template,
    _build_page,
    _build_theme_template,
    _populate_page,
)
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, BuildError, ConfigurationError
from mkdocs.structure.files import Files, InclusionLevel, get_files, set_exclusions
from mkdocs.structure.nav import Navigation, Section, get_navigation
from mkdocs.structure.pages import Page as MkDocsPage

from generator.build_cache import code_key, read_kept, write_kept
from generator.load.project import Project
from generator.outputs.page import Page
from generator.site.plugin import HandbookPlugin

_LOG = logging.getLogger("mkdocs")


def _included(file: Any) -> bool:
    return bool(InclusionLevel.is_included(file.inclusion))  # type: ignore[no-untyped-call]


# A page that includes another file (pymdownx.snippets) is read again at every build: what it
# includes may be another page, whose change would not show in its own Markdown.
_SNIPPET = "--8<--"

# What a page keeps from being read and rendered (mkdocs.structure.pages.Page.render).
_STATE = ("markdown", "meta", "content", "toc", "_title_from_render", "present_anchor_ids")


class _Warnings(logging.Handler):
    """The warnings and errors MkDocs logs during a build, in order."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(f"{record.levelname}: {record.getMessage()}")

    def since(self, mark: int) -> list[str]:
        return self.lines[mark:]


@dataclass
class _Kept:
    """One page as the last build left it."""

    source: str  # its Markdown
    state: dict[str, Any]  # what reading and rendering it set (``_STATE``)
    anchors: dict[str, dict[str, str]]  # its links to anchors, by the page they go to
    read_warnings: list[str]
    built_warnings: list[str] = field(default_factory=list)
    entries: list[Any] = field(default_factory=list)  # its search index entries
    written: tuple[int, int] | None = None  # its file's size and time, as last written


@dataclass(frozen=True)
class Built:
    pages: int  # documentation pages of the site
    written: int  # of them, written again (the others: as they were, or linked)
    problems: list[str]  # MkDocs' warnings and errors (in strict mode, each one fails)
    failed: bool = False  # the build stopped on an error


# What a kept state holds, and the version of that shape.
_STATE_FORMAT = 1


class WarmSite:
    """The site of a project built into ``site_dir``, kept warm for the next build."""

    def __init__(
        self, project: Project, site_dir: Path, *, given: bool = True, strict: bool | None = None
    ) -> None:
        """``given``: the pages come from ``build`` (``handbook serve``); else the plugin takes
        them from ``handbook build``'s pipe (see ``generator.site.handoff``)."""
        self.config = load_config(str(project.mkdocs_yml), site_dir=str(site_dir), strict=strict)
        self.handbook = next(
            p for p in self.config.plugins.values() if isinstance(p, HandbookPlugin)
        )
        self.handbook.given = given
        _snippets_from(project.root, self.config.mdx_configs)
        self.config.plugins.on_startup(command="build", dirty=False)
        self.config = self.config.plugins.on_config(self.config)
        self.search = self.config.plugins.get("material/search") or self.config.plugins.get(
            "search"
        )
        self.env = self.config.theme.get_env()
        self._kept: dict[str, _Kept] = {}
        # The files that are not pages, by path: what each was made from (a generated one's
        # digest, a file's size and time on disk) and its copy's size and time.
        self._static: dict[str, tuple[object, tuple[int, int] | None]] = {}
        self._files: tuple[object, ...] | None = None  # the last build's set of files
        self._shape: tuple[object, ...] | None = None  # its navigation and date
        # Where unchanged pages are linked from: the site the kept state was built into
        # (``handbook build``); None: they are in place already (``handbook serve``).
        self.previous: Path | None = None
        self.linked = 0  # pages the last build linked from ``previous``

    def build(self, pages: list[Page], epoch: str) -> Built:
        """Build the site of ``pages``, dated ``epoch`` (MkDocs reads $SOURCE_DATE_EPOCH: it
        is set while the build runs, then put back as it was)."""
        before = os.environ.get("SOURCE_DATE_EPOCH")
        os.environ["SOURCE_DATE_EPOCH"] = epoch
        try:
            return self._dated_build(pages, epoch)
        finally:
            if before is None:
                os.environ.pop("SOURCE_DATE_EPOCH", None)
            else:
                os.environ["SOURCE_DATE_EPOCH"] = before

    def _dated_build(self, pages: list[Page], epoch: str) -> Built:
        config = self.config
        self.handbook.pages = pages
        if self.search is not None:  # a fresh index, as a new MkDocs run would start with
            self.search.search_index = type(self.search.search_index)(**self.search.config)
        warnings = _Warnings()
        _LOG.addHandler(warnings)
        try:
            return self._build(config, epoch, warnings)
        except Exception as exc:
            config.plugins.on_build_error(error=exc)
            self._files = None  # the next build starts from a clean folder
            problem = exc if isinstance(exc, BuildError) else f"the site could not be built: {exc}"
            return Built(0, 0, [*warnings.lines, f"ERROR: {problem}"], failed=True)
        finally:
            _LOG.removeHandler(warnings)

    def _build(self, config: Any, epoch: str, warnings: _Warnings) -> Built:
        config.plugins.on_pre_build(config=config)
        files = get_files(config)
        files.add_files_from_theme(self.env, config)
        files = config.plugins.on_files(files, config=config)
        set_exclusions(files, config)
        nav = get_navigation(files, config)
        nav = config.plugins.on_nav(nav, config=config, files=files)
        listing = (
            tuple(f.src_uri for f in files if _included(f)),
            _docs_assets(files, config.docs_dir),
        )
        fresh = listing != self._files
        if fresh:  # a page or file came or went: everything anew, as a clean build
            utils.clean_directory(config.site_dir)
            self._kept.clear()
            self._static.clear()
        doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)
        changed: set[str] = set()
        for file in doc_files:
            if file.page is None:
                MkDocsPage(None, file, config)
            assert file.page is not None
            source = file.content_string
            kept = self._kept.get(file.src_uri)
            if kept is not None and kept.source == source and _SNIPPET not in source:
                _restore(file.page, kept, files)
                warnings.lines.extend(kept.read_warnings)
                continue
            mark = len(warnings.lines)
            _populate_page(file.page, config, files)
            self._kept[file.src_uri] = _kept(file.page, source, warnings.since(mark))
            changed.add(file.src_uri)
        shape = (epoch, _nav_shape(nav))
        everything = fresh or shape != self._shape
        self.env = config.plugins.on_env(self.env, config=config, files=files)
        self._copy_static(files, fresh)
        for template in config.theme.static_templates:
            _build_theme_template(template, self.env, files, config, nav)
        for template in config.extra_templates:
            _build_extra_template(template, files, config, nav)
        entries: list[Any] = self.search.search_index.entries if self.search is not None else []
        written = self.linked = 0
        for file in doc_files:
            assert file.page is not None
            kept = self._kept[file.src_uri]
            if everything or file.src_uri in changed or not self._in_place(file, kept):
                mark, first = len(warnings.lines), len(entries)
                _build_page(file.page, config, doc_files, nav, self.env)
                kept.built_warnings, kept.entries = warnings.since(mark), entries[first:]
                kept.written = _stat(Path(file.abs_dest_path))
                written += 1
            else:
                warnings.lines.extend(kept.built_warnings)
                entries.extend(kept.entries)
        for file in doc_files:
            assert file.page is not None
            file.page.validate_anchor_links(files=files, log_level=config.validation.links.anchors)
        config.plugins.on_post_build(config=config)
        self._files, self._shape = listing, shape
        return Built(len(doc_files), written, list(warnings.lines))

    def _in_place(self, file: Any, kept: _Kept) -> bool:
        """The page's file, unchanged, is in the site: there already, or taken from the
        previous site, whose file must be the one this state wrote."""
        return self.previous is None or self._taken(file, kept.written)

    def _taken(self, file: Any, written: tuple[int, int] | None) -> bool:
        """Link (or copy) ``file``'s output from the previous site, if it is there as it was
        ``written``; False otherwise (it is then made anew)."""
        assert self.previous is not None
        source = self.previous / file.dest_uri
        if written is None or _stat(source) != written:
            return False
        target = Path(file.abs_dest_path)
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(source, target)
        except OSError:  # another disk, a system without links: a copy, with its time
            try:
                shutil.copy2(source, target)
            except OSError:
                return False
        self.linked += 1
        return True

    def state(self) -> dict[str, Any]:
        """What the next build in another process needs to reuse this one's pages."""
        return {
            "format": _STATE_FORMAT,
            "kept": self._kept,
            "files": self._files,
            "shape": self._shape,
            "static": self._static,
        }

    def restore(self, state: Any, previous: Path) -> bool:
        """Take ``state`` (``state()`` of the build of ``previous``); False if it is not one."""
        if not isinstance(state, dict) or state.get("format") != _STATE_FORMAT:
            return False
        self._kept, self._files, self._shape = state["kept"], state["files"], state["shape"]
        self._static = state["static"]
        self.previous = previous
        return True

    def _copy_static(self, files: Files, fresh: bool) -> None:
        """Copy the files that are not pages, as MkDocs does; a generated one only when its
        bytes changed, a file from disk only when it is newer than its copy (from the
        previous site, when it is unchanged there)."""
        for file in files:
            if file.is_documentation_page() or not _included(file):
                continue
            made_from: object
            if file.abs_src_path is not None:
                made_from = _stat(Path(file.abs_src_path))
                if self.previous is None:
                    file.copy_file(dirty=not fresh)
                    continue
            else:
                made_from = hashlib.sha256(file.content_bytes).digest()
            kept, written = self._static.get(file.src_uri, (None, None))
            unchanged = not fresh and kept is not None and kept == made_from
            if unchanged and (self.previous is None or self._taken(file, written)):
                continue
            file.copy_file()
            self._static[file.src_uri] = (made_from, _stat(Path(file.abs_dest_path)))


def _stat(path: Path) -> tuple[int, int] | None:
    try:
        found = path.stat()
    except OSError:
        return None
    return found.st_size, found.st_mtime_ns


def _snippets_from(root: Path, mdx_configs: dict[str, Any]) -> None:
    """pymdownx.snippets reads its folders from the working directory: make them the
    project's, as ``handbook build`` does, wherever the preview was started from."""
    options = mdx_configs.get("pymdownx.snippets")
    if isinstance(options, dict):
        bases = options.get("base_path", ["."])
        bases = [bases] if isinstance(bases, str) else list(bases)
        options["base_path"] = [str(root / base) for base in bases]


def _kept(page: MkDocsPage, source: str, warnings: list[str]) -> _Kept:
    state = {name: getattr(page, name) for name in _STATE}
    anchors = {target.src_uri: links for target, links in (page.links_to_anchors or {}).items()}
    return _Kept(source, state, anchors, warnings)


def _restore(page: MkDocsPage, kept: _Kept, files: Files) -> None:
    for name, value in kept.state.items():
        setattr(page, name, value)
    targets = {uri: files.get_file_from_path(uri) for uri in kept.anchors}
    page.links_to_anchors = {
        target: kept.anchors[uri] for uri, target in targets.items() if target is not None
    }


def _nav_shape(nav: Navigation) -> tuple[object, ...]:
    """What every page shows of the navigation: its items' kinds, titles and addresses."""

    def shape(items: Sequence[Any]) -> tuple[object, ...]:
        return tuple(
            ("section", item.title, shape(item.children))
            if isinstance(item, Section)
            else (type(item).__name__, item.title, getattr(item, "url", None))
            for item in items
        )

    return shape(nav.items)


def _docs_assets(files: Files, docs_dir: str) -> bytes:
    """A digest of what a page can include: the docs folder's files that are not pages
    (images) and the files left out of the site, such as the abbreviations appended to every
    page. A change to one rebuilds every page."""
    digest = hashlib.sha256()
    for file in files:
        path = file.abs_src_path
        if _included(file):
            if path is None or file.is_documentation_page() or not path.startswith(docs_dir):
                continue
            with open(path, "rb") as opened:
                content = opened.read()
        else:
            content = file.content_bytes
        digest.update(file.src_uri.encode("utf-8") + b"\0" + hashlib.sha256(content).digest())
    return digest.digest()


def settings_digest(project: Project) -> bytes:
    """mkdocs.yml, the theme overrides and the translations: a change starts MkDocs afresh."""
    digest = hashlib.sha256()
    folders = [project.root / "overrides", project.root / "translations"]
    paths = [project.mkdocs_yml, *sorted(p for f in folders if f.is_dir() for p in f.rglob("*"))]
    for path in paths:
        if path.is_file():
            digest.update(str(path).encode("utf-8") + b"\0" + path.read_bytes())
    return digest.digest()


class _Printed(logging.Handler):
    """MkDocs' log as ``mkdocs build`` prints it (``WARNING -  ...``), while the
    configuration loads; the build's own problems are printed once it ends."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)

    def emit(self, record: logging.LogRecord) -> None:
        print(_as_logged(f"{record.levelname}: {record.getMessage()}"), flush=True)


def _as_logged(line: str) -> str:
    level, _, message = line.partition(": ")
    return f"{level:<8}-  {message}"


def _folder_id(folder: Path) -> tuple[int, int] | None:
    """Which folder ``folder`` is: a site swapped in keeps the identity it was built with."""
    try:
        found = folder.stat()
    except OSError:
        return None
    return found.st_dev, found.st_ino


def state_key(project: Project) -> bytes:
    """The key of a kept state: this package's and the libraries' versions, and the
    project's settings, theme overrides and translations."""
    return hashlib.sha256(code_key() + settings_digest(project)).digest()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator.site.warm")
    parser.add_argument("--root", type=Path, required=True, help="the project folder")
    parser.add_argument("--site-dir", type=Path, required=True, help="an empty folder")
    parser.add_argument("--previous", type=Path, help="the site built before, if any")
    parser.add_argument("--state", type=Path, help="where the state of the build is kept")
    parser.add_argument("--fresh", action="store_true", help="do not read the state kept")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    project = Project(args.root)
    key = state_key(project)
    kept = None  # read while ``handbook build`` makes the pages
    if args.state is not None and args.previous is not None and not args.fresh:
        kept = read_kept(args.state, key)
    printed = _Printed()
    _LOG.addHandler(printed)
    try:
        site = WarmSite(project, args.site_dir, given=False, strict=True)
    except BuildError as exc:  # the plugin refused: a folder, pages that did not arrive
        print(_as_logged(f"ERROR: {exc}"), "Aborted with a BuildError!", sep="\n")
        return 1
    except (Abort, ConfigurationError) as exc:  # mkdocs.yml: its errors are logged above
        print(exc)
        return 1
    finally:
        _LOG.removeHandler(printed)
    received = time.perf_counter()
    if isinstance(kept, dict) and kept.get("site") == _folder_id(args.previous):
        site.restore(kept, args.previous)
    built = site.build(site.handbook.pages, os.environ.get("SOURCE_DATE_EPOCH", "0"))
    done = time.perf_counter()
    for line in built.problems:
        print(_as_logged(line))
    if built.failed:
        print("Aborted with a BuildError!")
        return 1
    if built.problems:  # strict, as `handbook build` builds
        print(f"Aborted with {len(built.problems)} warnings in strict mode!")
        return 1
    site.config.plugins.on_shutdown()
    if args.state is not None:
        state = {**site.state(), "site": _folder_id(args.site_dir)}
        with contextlib.suppress(OSError):
            write_kept(args.state, key, state)
    print(
        f"INFO    -  handbook: {built.written} of {built.pages} pages written, "
        f"{site.linked} taken unchanged from the previous site; seconds: "
        f"{received - started:.2f} to start and receive the pages, "
        f"{done - received:.2f} to build, "
        f"{time.perf_counter() - done:.2f} to keep the state",
        flush=True,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
