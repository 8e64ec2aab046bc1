"""``handbook serve``: a live preview that, after a save, rebuilds only what the save changed.

The second module of the MkDocs adapter (with ``generator.site.plugin``): it keeps MkDocs warm
between saves. One process holds the records read (``RecordCache``: a save re-reads the file
saved), the pages made of them (``RenderMemo``: a record's page is rendered again only when
its inputs changed), and MkDocs' configuration, theme and rendered pages (``WarmSite``).

A rebuild runs the steps of ``mkdocs build`` in their order, but reads again only the pages
whose Markdown changed, and writes again only those, unless the navigation, the set of files
or the build's date changed (then every page is written again, still from the Markdown
rendered before). The search index gets each unchanged page's entries as they were. So the
served files are the ones a clean ``handbook build`` of the same files writes, byte for byte
(tests/site/test_preview.py). A change to mkdocs.yml, the theme overrides or the translations
starts MkDocs afresh.

Invalid records are reported in the terminal and as a banner on every served page, and the
last good pages stay served. The banner's text is escaped: it quotes what a record holds.

    python -P -m generator.site.preview --root DIR --dev-addr HOST:PORT
"""

from __future__ import annotations

import argparse
import hashlib
import html
import logging
import os
import shutil
import signal
import sys
import tempfile
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
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import Files, InclusionLevel, get_files, set_exclusions
from mkdocs.structure.nav import Navigation, Section, get_navigation
from mkdocs.structure.pages import Page as MkDocsPage

from generator.catalog.catalog import RecordCache, load_catalog
from generator.load.project import Project
from generator.outputs.page import Page
from generator.outputs.registry import site_output
from generator.outputs.render import RenderMemo, remembering
from generator.problems import errors, report_lines
from generator.reuse import Reuse, reusing
from generator.site.build import build_epoch
from generator.site.plugin import HandbookPlugin
from generator.translate.languages import SOURCE

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


@dataclass(frozen=True)
class Built:
    pages: int  # documentation pages of the site
    written: int  # of them, written again
    problems: list[str]  # MkDocs' warnings and errors (in strict mode, each one fails)


class WarmSite:
    """The site of a project built into ``site_dir``, kept warm for the next build."""

    def __init__(self, project: Project, site_dir: Path) -> None:
        self.config = load_config(str(project.mkdocs_yml), site_dir=str(site_dir))
        self.handbook = next(
            p for p in self.config.plugins.values() if isinstance(p, HandbookPlugin)
        )
        self.handbook.given = True
        _snippets_from(project.root, self.config.mdx_configs)
        self.config.plugins.on_startup(command="build", dirty=False)
        self.config = self.config.plugins.on_config(self.config)
        self.search = self.config.plugins.get("material/search") or self.config.plugins.get(
            "search"
        )
        self.env = self.config.theme.get_env()
        self._kept: dict[str, _Kept] = {}
        self._static: dict[str, bytes] = {}  # generated files' digests, by path
        self._files: tuple[object, ...] | None = None  # the last build's set of files
        self._shape: tuple[object, ...] | None = None  # its navigation and date

    def build(self, pages: list[Page], epoch: str) -> Built:
        os.environ["SOURCE_DATE_EPOCH"] = epoch
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
            return Built(0, 0, [*warnings.lines, f"ERROR: the site could not be built: {exc}"])
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
        written = 0
        for file in doc_files:
            assert file.page is not None
            kept = self._kept[file.src_uri]
            if everything or file.src_uri in changed:
                mark, first = len(warnings.lines), len(entries)
                _build_page(file.page, config, doc_files, nav, self.env)
                kept.built_warnings, kept.entries = warnings.since(mark), entries[first:]
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

    def _copy_static(self, files: Files, fresh: bool) -> None:
        """Copy the files that are not pages, as MkDocs does; a generated one only when its
        bytes changed, a file from disk only when it is newer than its copy."""
        for file in files:
            if file.is_documentation_page() or not _included(file):
                continue
            if file.abs_src_path is not None:
                file.copy_file(dirty=not fresh)
                continue
            content = file.content_bytes
            digest = hashlib.sha256(content).digest()
            if fresh or self._static.get(file.src_uri) != digest:
                file.copy_file()
                self._static[file.src_uri] = digest


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


def _settings_digest(project: Project) -> bytes:
    """mkdocs.yml, the theme overrides and the translations: a change starts MkDocs afresh."""
    digest = hashlib.sha256()
    folders = [project.root / "overrides", project.root / "translations"]
    paths = [project.mkdocs_yml, *sorted(p for f in folders if f.is_dir() for p in f.rglob("*"))]
    for path in paths:
        if path.is_file():
            digest.update(str(path).encode("utf-8") + b"\0" + path.read_bytes())
    return digest.digest()


class _Server(LiveReloadServer):
    """MkDocs' live-reload server, which also shows the build's problems on every page."""

    banner = ""

    def _inject_js_into_html(self, content: bytes, epoch: int) -> bytes:
        content = super()._inject_js_into_html(content, epoch)  # type: ignore[no-untyped-call]
        if not self.banner:
            return content
        start = content.find(b"<body")
        end = content.find(b">", start) + 1 if start >= 0 else 0
        return content[:end] + self.banner.encode("utf-8") + content[end:]


def banner(lines: Sequence[str]) -> str:
    """The problems as a block at the top of a page; their text escaped."""
    text = html.escape("\n".join(lines), quote=True)
    return (
        '<div role="alert" id="handbook-preview-problems" style="position:sticky;top:0;'
        "z-index:10;margin:0;padding:1em;background:#b00020;color:#fff;white-space:pre-wrap;"
        'font:0.8rem/1.4 monospace">'
        "The last change was not published in this preview; the pages are as they were.\n\n"
        f"{text}</div>"
    )


class Preview:
    """The records, pages and site of ``project``, rebuilt into ``site_dir`` after saves."""

    def __init__(self, project: Project, site_dir: Path) -> None:
        self.project = project
        self.site_dir = site_dir
        self.records = RecordCache()
        self.memo = RenderMemo()
        self.reuse = Reuse()
        self.site: WarmSite | None = None
        self._settings = b""
        self._epoch = os.environ.get("SOURCE_DATE_EPOCH")  # the editor's, if set
        self.problems: list[str] = []  # what the last rebuild found wrong, for the banner

    def rebuild(self) -> Built | None:
        """Read the changes and build; None when the records are invalid (nothing written)."""
        with reusing(self.reuse):
            return self._rebuild()

    def _rebuild(self) -> Built | None:
        catalog, found = load_catalog(self.project, cache=self.records)
        failed = errors(found)
        if failed:
            self.reuse.abandon()
            self.problems = [f"{len(failed)} error(s):", *report_lines(failed, self.project.root)]
            return None
        settings = _settings_digest(self.project)
        if self.site is None or settings != self._settings:
            self.site, self._settings = WarmSite(self.project, self.site_dir), settings
        with remembering(self.memo):
            pages = site_output(catalog, SOURCE, workers=1).pages  # forks would fill a copy
        if self._epoch is None:  # a build sets it: the date comes from the records again
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        built = self.site.build(pages, build_epoch(catalog))
        self.problems = built.problems if self.site.config.strict else []
        return built


def serve(project: Project, address: str) -> int:
    host, _, port = address.rpartition(":")
    site_dir = Path(tempfile.mkdtemp(prefix="handbook-preview-"))
    preview = Preview(project, site_dir)
    server: _Server | None = None

    def rebuild() -> None:
        start = time.perf_counter()
        built = preview.rebuild()
        seconds = time.perf_counter() - start
        if server is not None:
            server.banner = banner(preview.problems) if preview.problems else ""
        if preview.problems:
            print("\n".join(preview.problems), file=sys.stderr, flush=True)
        if built is not None:
            print(
                f"handbook: {built.written} of {built.pages} pages written in {seconds:.2f} s",
                file=sys.stderr,
                flush=True,
            )

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGHUP, _stop)
    try:
        server = _Server(
            builder=rebuild, host=host, port=int(port), root=str(site_dir), polling_interval=0.2
        )
        rebuild()
        for watched in (project.practices_dir, project.content_dir, project.root / "overrides"):
            if watched.is_dir():
                server.watch(str(watched))
        server.watch(str(project.mkdocs_yml))
        if (project.root / "translations").is_dir():
            server.watch(str(project.root / "translations"))
        server.serve()  # type: ignore[no-untyped-call]
    except KeyboardInterrupt:
        pass
    finally:
        if server is not None:
            server.shutdown()
        shutil.rmtree(site_dir, ignore_errors=True)
    return 0


def _stop(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="handbook serve")
    parser.add_argument("--root", type=Path, required=True)
    parser.add_argument("--dev-addr", default="127.0.0.1:8000")
    args = parser.parse_args(argv)
    return serve(Project(args.root.resolve()), args.dev_addr)


if __name__ == "__main__":
    sys.exit(main())
