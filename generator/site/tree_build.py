"""A site built from the generated tree, for engines that run no MkDocs plugins (Zensical).

The promises of ``handbook build`` hold as they do for MkDocs: the tree (``handbook
generate``'s ``docs/``, ``mkdocs.yml`` and theme) is written into a temporary folder beside
the site folder, the engine builds it into that folder's ``site/``, and only a build that
succeeded is swapped in, in one step; the last good site is untouched otherwise. One build
of a site runs at a time (``generator.site.lock``), and the engine dies with the build
(``generator.site.child``).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from generator.catalog.catalog import Catalog
from generator.load.project import Project
from generator.site.build import Build, BuildResult, _swap_in, generate_tree, mkdocs_environment
from generator.site.child import tethered
from generator.site.engines import SITE, Engine, zensical_log
from generator.site.lock import lock_site, remove_leftovers, staging_folder


class TreeBuild:
    """The same shape as ``generator.site.build.Build``: ``finish`` builds and swaps, ``cancel``
    (or leaving the ``with`` block without finishing) removes what was written."""

    def __init__(
        self,
        project: Project,
        site_dir: Path,
        engine: Engine,
        on_wait: Callable[[str], None] | None = None,
    ) -> None:
        self.project = project
        self.engine = engine
        self.site_dir = site_dir.resolve()
        self.site_dir.parent.mkdir(parents=True, exist_ok=True)
        self._lock = lock_site(self.site_dir, on_wait)
        remove_leftovers(self.site_dir)  # only those of builds whose process is gone
        self.tree = staging_folder(self.site_dir)

    def __enter__(self) -> TreeBuild:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.cancel()

    def finish(self, catalog: Catalog) -> BuildResult:
        """Write the tree, build it, and swap the new site in on success."""
        try:
            generate_tree(self.project, catalog, self.tree)
            config = self.tree / "mkdocs.yml"
            command = self.engine.command(config, "build", *self.engine.build_options(self.tree))
            with tempfile.TemporaryFile() as log:
                returncode = subprocess.run(
                    tethered(command),
                    cwd=self.tree,
                    env=mkdocs_environment(catalog),
                    stdin=subprocess.DEVNULL,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    check=False,
                ).returncode
                log.seek(0)
                output = zensical_log(log.read().decode("utf-8", "replace"))
            built = self.tree / SITE
            if returncode != 0 or not (built / "index.html").is_file():
                return BuildResult(False, output)
            _swap_in(built, self.site_dir)
            return BuildResult(True, output)
        finally:
            self.cancel()

    def cancel(self) -> None:
        shutil.rmtree(self.tree, ignore_errors=True)
        if self._lock >= 0:
            os.close(self._lock)
            self._lock = -1


def start_build(
    project: Project,
    site_dir: Path,
    engine: Engine,
    on_wait: Callable[[str], None] | None = None,
    languages: Sequence[str] = (),
    only: str | None = None,
) -> Build | TreeBuild:
    """A build of the site with ``engine``: through the plugin where the engine runs it
    (MkDocs starts at once, while the records are read), else from the generated tree.

    ``languages`` and ``only`` as in ``Build``; a tree build makes the English site only."""
    if engine.runs_plugins:
        return Build(project, site_dir, on_wait, engine, languages, only)
    return TreeBuild(project, site_dir, engine, on_wait)
