"""A site built from the generated tree, for engines that run no MkDocs plugins (Zensical).

The promises of ``handbook build`` hold as they do for MkDocs: the tree (``handbook
generate``'s ``docs/``, ``mkdocs.yml`` and theme) is written into a temporary folder beside
the site folder, the engine builds it into that folder's ``site/``, and only a build that
succeeded is swapped in, in one step; the last good site is untouched otherwise. One build
of a site runs at a time (``generator.site.lock``), and the engine dies with the build
(``generator.site.child``).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from generator.catalog.catalog import Catalog
from generator.load.project import Project
from generator.site.build import (
    Build,
    BuildResult,
    _cores,
    _swap_in,
    generate_tree,
    mkdocs_environment,
)
from generator.site.child import tethered
from generator.site.engines import SITE, Engine, zensical_log
from generator.site.lock import lock_site, remove_leftovers, staging_folder
from generator.translate.languages import SOURCE


class TreeBuild:
    """The same shape as ``generator.site.build.Build``: ``finish`` builds and swaps, ``cancel``
    (or leaving the ``with`` block without finishing) removes what was written.

    English and each of ``languages`` is a tree of its own (``handbook generate --language``),
    each built by its own engine process, side by side; the languages' sites go under
    ``<code>/`` of the English one, and the whole is swapped in once every tree built. With
    ``only``, that language alone is built and swapped in as ``<site>/<only>/``."""

    def __init__(
        self,
        project: Project,
        site_dir: Path,
        engine: Engine,
        on_wait: Callable[[str], None] | None = None,
        languages: Sequence[str] = (),
        only: str | None = None,
    ) -> None:
        self.project = project
        self.engine = engine
        self.site_dir = site_dir.resolve()
        self.site_dir.parent.mkdir(parents=True, exist_ok=True)
        self._languages = tuple(languages)
        self._only = only
        self._lock = lock_site(self.site_dir, on_wait)
        remove_leftovers(self.site_dir)  # only those of builds whose process is gone
        self.tree = staging_folder(self.site_dir)
        built = [only] if only is not None else [SOURCE, *self._languages]
        self._trees = {
            code: self.tree if code == SOURCE else staging_folder(self.site_dir, "build", code)
            for code in built
        }

    def __enter__(self) -> TreeBuild:
        return self

    # The engine builds every page from the tree: nothing is kept between builds.
    records = None

    def remembering(self) -> contextlib.AbstractContextManager[None]:
        return contextlib.nullcontext()

    def __exit__(self, *exc_info: object) -> None:
        self.cancel()

    def finish(self, catalog: Catalog) -> BuildResult:
        """Write the trees, build them, and swap the new site in on success."""
        try:
            outputs = []
            # Each tree is written here, one after the other, and built by the engine in its
            # own process as soon as it is written, as many at a time as there are cores.
            with ThreadPoolExecutor(max_workers=_cores()) as pool:
                runs = {}
                for code, tree in self._trees.items():
                    generate_tree(self.project, catalog, tree, code, self._languages)
                    runs[code] = pool.submit(self._build_tree, catalog, tree)
                results = {code: run.result() for code, run in runs.items()}
            failed = False
            for code, (ok, output) in results.items():  # in the languages' order
                if output:
                    outputs.append(
                        output if code == SOURCE else f"handbook: the {code} site:\n{output}"
                    )
                failed = failed or not ok
            if failed:
                return BuildResult(False, "\n".join(outputs))
            if self._only is not None:
                self.site_dir.mkdir(exist_ok=True)
                _swap_in(self._trees[self._only] / SITE, self.site_dir / self._only)
                return BuildResult(True, "\n".join(outputs))
            english = self.tree / SITE
            for code in self._languages:
                if (english / code).exists():
                    outputs.append(f"handbook: error: the English site has a folder {code}/")
                    return BuildResult(False, "\n".join(outputs))
                (self._trees[code] / SITE).rename(english / code)
            _swap_in(english, self.site_dir)
            return BuildResult(True, "\n".join(outputs))
        finally:
            self.cancel()

    def _build_tree(self, catalog: Catalog, tree: Path) -> tuple[bool, str]:
        """The engine's build of the written ``tree``: whether it built, and its warnings."""
        config = tree / "mkdocs.yml"
        command = self.engine.command(config, "build", *self.engine.build_options(tree))
        with tempfile.TemporaryFile() as log:
            returncode = subprocess.run(
                tethered(command),
                cwd=tree,
                env=mkdocs_environment(catalog),
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                check=False,
            ).returncode
            log.seek(0)
            output = zensical_log(log.read().decode("utf-8", "replace"))
        return returncode == 0 and (tree / SITE / "index.html").is_file(), output

    def cancel(self) -> None:
        for tree in self._trees.values():
            shutil.rmtree(tree, ignore_errors=True)
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
    fresh: bool = False,
) -> Build | TreeBuild:
    """A build of the site with ``engine``: through the plugin where the engine runs it
    (MkDocs starts at once, while the records are read), else from the generated tree.

    ``languages``, ``only`` and ``fresh`` as in ``Build``."""
    if engine.runs_plugins:
        return Build(project, site_dir, on_wait, engine, languages, only, fresh=fresh)
    return TreeBuild(project, site_dir, engine, on_wait, languages, only)
