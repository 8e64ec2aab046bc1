"""The site engines that build the handbook: MkDocs, ProperDocs and Zensical.

MkDocs and ProperDocs (which continues MkDocs 1.x and loads MkDocs plugins) run the
``handbook`` plugin: ``handbook build`` starts them first and hands them the pages through a
pipe (``generator.site.build.Build``). Zensical runs no MkDocs plugins: it builds the tree that
``handbook generate`` writes (``generator.site.tree_build``), whose ``mkdocs.yml`` this module
makes from the project's. Any of the three builds that tree as well.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator.load.project import Project
from generator.load.settings import read_mkdocs_yml
from generator.outputs import safety_extension
from generator.site.alternates import alternates
from generator.translate.languages import SOURCE, language
from generator.translate.status import coverage

DOCS, SITE, THEME = "docs", "site", "overrides"  # the generated tree's folders


@dataclass(frozen=True)
class Engine:
    name: str
    module: str  # what ``python -m`` runs; installed when it can be imported
    extra: str | None  # the optional dependency that installs it; None: a dependency
    runs_plugins: bool  # runs the handbook plugin; else it builds the generated tree

    def installed(self) -> bool:
        try:
            return importlib.util.find_spec(self.module) is not None
        except (ImportError, ValueError):  # a broken install counts as none
            return False

    def missing(self) -> str:
        """What to tell an editor who asked for this engine when it is not installed."""
        package = f"inclusion-handbook[{self.extra}]" if self.extra else "inclusion-handbook"
        return (
            f"handbook: error: --engine {self.name}: {self.name} is not installed; "
            f"install it with: pip install '{package}'"
        )

    def command(self, config: Path, action: str, *options: str) -> list[str]:
        """The command line that runs ``action`` (build, serve) on the ``config`` file."""
        # -P: a module in the project folder (its working folder) is never imported by mistake.
        command = [sys.executable, "-P", "-m", self.module, action]
        return [*command, "--config-file", str(config), *options]

    def build_options(self, staging: Path) -> list[str]:
        """Options of a strict build into ``staging``; Zensical takes its folder from the
        configuration (the tree's ``site/``) and starts from an empty cache."""
        if self.runs_plugins:
            # No --quiet: it hides the warnings that --strict counts.
            return ["--strict", "--site-dir", str(staging)]
        return ["--strict", "--clean"]


MKDOCS = Engine("mkdocs", "mkdocs", None, runs_plugins=True)
PROPERDOCS = Engine("properdocs", "properdocs", "properdocs", runs_plugins=True)
ZENSICAL = Engine("zensical", "zensical", "zensical", runs_plugins=False)
ENGINES = {e.name: e for e in (MKDOCS, PROPERDOCS, ZENSICAL)}


def tree_config(
    project: Project,
    language: str = SOURCE,
    languages: Sequence[str] = (),
    nav: list[Any] | None = None,
    extra: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The project's mkdocs.yml for the generated tree: the same theme, overrides, Markdown
    extensions, search and offline settings and navigation, without the handbook plugin.

    The tree of ``language`` (a site of ``languages``, English at the root, each under
    ``<code>/``) has that language's theme and search language and its language menu, as
    the plugin gives them to a build of that language, ``nav`` (default: mkdocs.yml's)
    with its titles in that language, and ``extra``, the theme's settings of the language
    (``generator.outputs.registry.SiteOutput``)."""
    config = read_mkdocs_yml(project.mkdocs_yml)
    if nav is not None:
        config["nav"] = nav
    docs_dir = str(config.get("docs_dir") or "docs")
    config["docs_dir"], config["site_dir"] = DOCS, SITE
    config["plugins"] = [p for p in config.get("plugins") or [] if not _is_handbook(p)]
    theme = config.get("theme")
    if isinstance(theme, str):
        theme = config["theme"] = {"name": theme}
    if isinstance(theme, dict):
        if theme.get("custom_dir"):
            theme["custom_dir"] = THEME
        # Zensical's look closest to Material for MkDocs; MkDocs and ProperDocs ignore it.
        theme.setdefault("variant", "classic")
    extensions = list(config.get("markdown_extensions") or [])
    for extension in extensions:
        snippets = extension.get("pymdownx.snippets") if isinstance(extension, dict) else None
        if isinstance(snippets, dict) and "base_path" in snippets:
            paths = snippets["base_path"]
            paths = [paths] if isinstance(paths, str) else list(paths)
            snippets["base_path"] = [DOCS if p in (docs_dir, f"{docs_dir}/") else p for p in paths]
    if not any(_names(e, safety_extension.NAME) for e in extensions):
        extensions.append(safety_extension.NAME)
    config["markdown_extensions"] = extensions
    shares = coverage(project, tuple(languages)) if language == SOURCE and languages else None
    _set_language(config, language, languages, shares)
    if extra:
        current = config.get("extra")
        config["extra"] = {**(current if isinstance(current, dict) else {}), **extra}
    return config


def _set_language(
    config: dict[str, Any],
    built: str,
    languages: Sequence[str],
    shares: dict[str, str] | None = None,
) -> None:
    """The settings of the site in ``built`` (see ``generator.site.plugin._set_language``)."""
    menu = alternates(built, languages, shares)
    if menu is not None:
        extra = config.get("extra")
        config["extra"] = {**(extra if isinstance(extra, dict) else {}), **menu.extra()}
    if built == SOURCE:
        return
    theme = config.get("theme")
    if isinstance(theme, dict):
        theme["language"] = language(built).theme
    plugins = list(config.get("plugins") or [])
    for index, plugin in enumerate(plugins):
        if plugin in ("search", "material/search"):
            plugins[index] = {plugin: {"lang": [language(built).search]}}
        elif isinstance(plugin, dict):
            for name in ("search", "material/search"):
                if isinstance(plugin.get(name), dict):
                    plugin[name] = {**plugin[name], "lang": [language(built).search]}
                elif name in plugin and plugin[name] is None:
                    plugin[name] = {"lang": [language(built).search]}
    config["plugins"] = plugins


def tree_clash(project: Project, out_dir: Path) -> str | None:
    """Why ``out_dir`` cannot hold a generated tree of ``project``, or None: the tree's
    ``mkdocs.yml`` and ``overrides/`` replace what is there."""
    out, root = out_dir.resolve(), project.root.resolve()
    if out == root or root.is_relative_to(out):
        return "it holds the project itself, whose mkdocs.yml and overrides/ it would replace"
    custom_dir = _custom_dir(project)
    sources = [project.content_dir, *([custom_dir] if custom_dir is not None else [])]
    if any(out.is_relative_to(folder.resolve()) for folder in sources):
        return "it is inside the project's content or theme, which the tree is copied from"
    return None


def write_tree_config(
    project: Project,
    out_dir: Path,
    language: str = SOURCE,
    languages: Sequence[str] = (),
    nav: list[Any] | None = None,
    extra: Mapping[str, Any] | None = None,
) -> list[Path]:
    """Write ``mkdocs.yml`` and a copy of the theme overrides into the generated tree (of
    ``language``, as in ``tree_config``)."""
    clash = tree_clash(project, out_dir)
    if clash is not None:  # the command line refuses such a folder before anything is written
        raise ValueError(f"{out_dir}: {clash}")
    written = []
    custom_dir = _custom_dir(project)
    if custom_dir is not None:
        theme = out_dir / THEME
        if theme.exists():
            shutil.rmtree(theme)
        shutil.copytree(custom_dir, theme)
        written += sorted(p for p in theme.rglob("*") if p.is_file())
    config = out_dir / "mkdocs.yml"
    text = yaml.safe_dump(
        tree_config(project, language, languages, nav, extra),
        sort_keys=False,
        allow_unicode=True,
    )
    config.write_text(text, encoding="utf-8", newline="\n")
    return [*written, config]


def _custom_dir(project: Project) -> Path | None:
    theme = read_mkdocs_yml(project.mkdocs_yml).get("theme")
    custom = theme.get("custom_dir") if isinstance(theme, dict) else None
    if not isinstance(custom, str) or not custom:
        return None
    folder = project.root / custom
    return folder if folder.is_dir() else None


def _is_handbook(plugin: object) -> bool:
    return plugin == "handbook" or (isinstance(plugin, dict) and "handbook" in plugin)


def _names(extension: object, name: str) -> bool:
    return extension == name or (isinstance(extension, dict) and name in extension)


_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
_ZENSICAL_PROGRESS = ("Build started", "No issues found", "Build finished")


def zensical_log(log: str) -> str:
    """Zensical's output without colours, progress lines or a traceback: a failed build
    ends in a Python traceback whose last line holds the reason."""
    kept: list[str] = []
    lines = _ANSI.sub("", log).splitlines()
    index = 0
    while index < len(lines):
        line = lines[index]
        index += 1
        if line.startswith("Traceback (most recent call last):"):
            while index < len(lines) and (lines[index][:1].isspace() or not lines[index]):
                index += 1  # the frames
            if index < len(lines):  # "RuntimeError: Search field ... exceeds ..."
                kept.append("zensical: " + lines[index].split(": ", 1)[-1])
                index += 1
        elif line.strip() and not line.startswith(_ZENSICAL_PROGRESS):
            kept.append(line.rstrip())
    return "\n".join(kept)
