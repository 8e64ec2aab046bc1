"""The MkDocs adapter: with the live preview (``generator.site.preview``), the only module
that imports MkDocs.

When MkDocs reads its config it takes the pages ``handbook build`` hands over, or else loads
the catalog itself and refuses to build on invalid records; it adds the generated pages as
in-memory files, and makes ``mkdocs serve`` watch the records. Nothing a reader sees depends
on it: engines without plugins read the same pages from ``handbook generate``, and the
sanitizer of pages made from records is a Markdown extension, which every engine runs.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from jinja2 import Environment, FileSystemBytecodeCache
from jinja2.bccache import Bucket
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files

from generator.catalog.catalog import load_catalog
from generator.load.project import Project
from generator.load.settings import DEFAULT_REVIEW_AFTER_DAYS, read_settings
from generator.load.writable import refused_folder
from generator.outputs import safety_extension
from generator.outputs.page import Page
from generator.outputs.registry import pages_for
from generator.problems import errors, report_lines
from generator.site import handoff
from generator.site.alternates import alternates
from generator.site.build import build_epoch
from generator.translate.languages import SOURCE, language
from generator.translate.status import coverage

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer


class _TemplateCache(FileSystemBytecodeCache):
    """Jinja's cache of compiled templates; a write that fails (a full disk) is skipped."""

    def dump_bytecode(self, bucket: Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


class HandbookConfig(Config):  # type: ignore[no-untyped-call]
    enabled = c.Type(bool, default=True)
    # The project folder holding practices/; default: the folder of mkdocs.yml.
    root = c.Optional(c.Dir(exists=True))
    # Accepted here so that MkDocs knows the option; its one reader is generator.load.settings,
    # which the core uses without MkDocs (the plugin's own copy of the value is never read).
    review_after_days = c.Type(int, default=DEFAULT_REVIEW_AFTER_DAYS)
    languages = c.Type(list, default=[])  # the translations' languages (default: all)


class HandbookPlugin(BasePlugin[HandbookConfig]):  # type: ignore[no-untyped-call]
    def __init__(self) -> None:
        self.pages: list[Page] = []
        # Set by ``handbook serve`` (generator.site.preview), which makes the pages itself and
        # sets ``pages`` before each build: the English site, the records not read here.
        self.given = False
        self.project: Project | None = None
        self.snippets: Path | None = None  # the translated abbreviations' folder, if any

    # Before the search plugin's: it takes its defaults from the theme's language.
    @event_priority(50)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return config
        root = Path(self.config.root or Path(config.config_file_path).parent)
        self.project = Project(root)
        refused = refused_folder(self.project, Path(config.site_dir), "site_dir", "site/")
        if refused is not None:  # before MkDocs empties the folder
            raise PluginError(refused)
        try:
            sent = handoff.receive()  # the pages, when `handbook build` started this process
        except handoff.HandoffError as exc:
            raise PluginError(str(exc)) from None
        if sent is not None:
            self.pages = sent.pages
            os.environ["SOURCE_DATE_EPOCH"] = sent.epoch
            built, languages = sent.language, sent.languages
            if sent.nav is not None:  # its titles in the language built
                config.nav = sent.nav
            config.extra.update(sent.extra)  # the scripts' strings in the language built
        elif self.given:
            built, languages = SOURCE, read_settings(Path(config.config_file_path)).languages
        else:
            # A plain `mkdocs build`: the English site, with the menu of the configured languages.
            built, languages = SOURCE, read_settings(Path(config.config_file_path)).languages
            catalog, problems = load_catalog(self.project)
            failed = errors(problems)
            if failed:
                lines = "\n".join(report_lines(failed, root))
                raise PluginError(f"invalid records ({len(failed)} error(s)):\n{lines}")
            self.pages = pages_for(catalog, SOURCE)
            # The same date as `handbook build`, so that both give the same files.
            os.environ.setdefault("SOURCE_DATE_EPOCH", build_epoch(catalog))
        # The English home page lists the languages with how much of each is translated.
        shares = coverage(self.project, languages) if built == SOURCE and languages else None
        _set_language(config, built, languages, shares)
        self._translated_snippets(config)
        if safety_extension.NAME not in config.markdown_extensions:  # an older mkdocs.yml
            config.markdown_extensions.append(safety_extension.NAME)
        return config

    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
        # The theme's templates compiled once per user, not on every build (Jinja's own cache:
        # keyed by template and source checksum, in a private folder of the system's temp dir).
        # Without a usable folder (not ours, or not writable) they are compiled as before.
        if env.bytecode_cache is None:
            with contextlib.suppress(OSError, RuntimeError):
                env.bytecode_cache = _TemplateCache()
        return env

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        for page in self.pages:
            # In another language the hand-written pages come translated: they replace
            # content/'s own (generator.outputs.registry.pages_for).
            written = files.get_file_from_path(page.path)
            if written is not None:
                files.remove(written)
            files.append(File.generated(config, page.path, content=page.source))
        return files

    def _translated_snippets(self, config: MkDocsConfig) -> None:
        """pymdownx.snippets appends the abbreviations to every page from content/ on disk:
        in another language, its translation is written to a private temporary folder that
        snippets looks in first (``handbook generate`` writes it into its tree instead)."""
        self._remove_snippets()
        if self.project is None:
            return
        glossary = self.project.glossary_file.relative_to(self.project.content_dir).as_posix()
        translated = next((p for p in self.pages if p.path == glossary), None)
        options = config.mdx_configs.get("pymdownx.snippets")
        if translated is None or not isinstance(options, dict):
            return
        self.snippets = Path(tempfile.mkdtemp(prefix="handbook-snippets-"))
        target = self.snippets / glossary
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(translated.source, encoding="utf-8", newline="\n")
        bases = options.get("base_path", ["."])
        bases = [bases] if isinstance(bases, str) else list(bases)
        options["base_path"] = [str(self.snippets), *bases]

    def _remove_snippets(self) -> None:
        if self.snippets is not None:
            shutil.rmtree(self.snippets, ignore_errors=True)
            self.snippets = None

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self._remove_snippets()

    def on_build_error(self, *, error: Exception) -> None:
        self._remove_snippets()

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: object
    ) -> LiveReloadServer:
        if self.project is not None and self.project.practices_dir.is_dir():
            server.watch(str(self.project.practices_dir))
        return server


def _set_language(
    config: MkDocsConfig,
    built: str,
    languages: tuple[str, ...],
    shares: dict[str, str] | None = None,
) -> None:
    """Make this run build the site in ``built``: Material's interface language and the
    search's language (read by the search plugin's on_config, which runs after this one),
    and the language menu (``extra.alternate``, see ``generator.site.alternates``)."""
    menu = alternates(built, languages, shares)
    if menu is not None:
        config.extra.update(menu.extra())
    if built == SOURCE:
        return  # English as mkdocs.yml configures it
    config.theme["language"] = language(built).theme
    search = config.plugins.get("material/search") or config.plugins.get("search")
    if search is not None:
        search.config["lang"] = [language(built).search]
