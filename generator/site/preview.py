"""``handbook serve``: a live preview that, after a save, rebuilds only what the save changed.

A module of the MkDocs adapter (with ``generator.site.plugin`` and ``generator.site.warm``):
it keeps MkDocs warm between saves. One process holds the records read (``RecordCache``: a
save re-reads the file saved), the pages made of them (``RenderMemo``: a record's page is
rendered again only when its inputs changed), and MkDocs' configuration, theme and rendered
pages (``generator.site.warm.WarmSite``, which reads and writes again only the pages whose
Markdown changed). So the served files are the ones a clean ``handbook build`` of the same
files writes, byte for byte (tests/site/test_preview.py). A change to mkdocs.yml, the theme
overrides or the translations starts MkDocs afresh.

Invalid records are reported in the terminal and as a banner on every served page, and the
last good pages stay served. The banner's text is escaped: it quotes what a record holds.

    python -P -m generator.site.preview --root DIR --dev-addr HOST:PORT
"""

from __future__ import annotations

import argparse
import html
import shutil
import signal
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from mkdocs.livereload import LiveReloadServer

from generator.catalog.catalog import RecordCache, load_catalog
from generator.load.project import Project
from generator.outputs.registry import site_output
from generator.outputs.render import RenderMemo, remembering
from generator.problems import errors, report_lines
from generator.reuse import Reuse, reusing
from generator.site.build import build_epoch
from generator.site.warm import Built, WarmSite, settings_digest
from generator.translate.languages import SOURCE


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
        settings = settings_digest(self.project)
        if self.site is None or settings != self._settings:
            self.site, self._settings = WarmSite(self.project, self.site_dir), settings
        with remembering(self.memo):
            pages = site_output(catalog, SOURCE, workers=1).pages  # forks would fill a copy
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
