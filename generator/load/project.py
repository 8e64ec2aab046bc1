"""Where a handbook project keeps its inputs, relative to its root folder.

Inputs are read only from inside the project: a file or folder reached through a link that
leaves the project folder (or points nowhere, or back at a folder holding it) is not read,
and ``refused_inputs`` names it, so that a record linked to ``/etc/shadow`` is refused without
a line of it being read. Records may sit in subfolders of ``practices/`` (grouped by country,
say); names starting with ``.`` are hidden and are not inputs, as MkDocs ignores them too.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import generator
from generator.load.settings import Settings, read_mkdocs_yml, read_settings
from generator.problems import Problem

_RECORD_SUFFIXES = (".yaml", ".yml")
_PACKAGE = "the handbook's own code and data"


@dataclass(frozen=True)
class InputFolder:
    """A folder the handbook reads: nothing may be written over, into or around it."""

    path: Path  # resolved
    what: str  # as messages name it: "the records' folder"


@dataclass(frozen=True)
class Project:
    root: Path

    @property
    def practices_dir(self) -> Path:
        return self.root / "practices"

    @property
    def content_dir(self) -> Path:
        return self.root / "content"

    @property
    def glossary_file(self) -> Path:
        """The abbreviations every page explains (appended to each page by mkdocs.yml)."""
        return self.content_dir / "includes" / "abbreviations.md"

    @property
    def checklists_dir(self) -> Path:
        return self.content_dir / "checklists"

    @property
    def overrides_dir(self) -> Path:
        return self.root / "overrides"

    @property
    def translations_dir(self) -> Path:
        return self.root / "translations"

    @property
    def site_dir(self) -> Path:
        """mkdocs.yml's ``site_dir`` (as ``mkdocs build`` reads it), else ``site/``."""
        configured = read_mkdocs_yml(self.mkdocs_yml).get("site_dir")
        return self.root / (configured if isinstance(configured, str) else "site")

    @property
    def mkdocs_yml(self) -> Path:
        return self.root / "mkdocs.yml"

    def settings(self) -> Settings:
        return read_settings(self.mkdocs_yml)

    def practice_files(self) -> list[Path]:
        """Every file under ``practices/`` that should be a record, in path order."""
        return self._yaml_files(self.practices_dir)

    def module_files(self) -> list[Path]:
        """Every training module under ``content/modules/``, in path order."""
        return self._yaml_files(self.content_dir / "modules")

    def checklist_files(self) -> list[Path]:
        """Every hand-written checklist under ``content/checklists/``, in path order."""
        return self._yaml_files(self.checklists_dir)

    def input_folders(self) -> list[InputFolder]:
        """The project folder first, then every folder the handbook or MkDocs reads."""
        folders: dict[Path, InputFolder] = {}
        package = Path(generator.__file__).parent
        named = [(self.root, "the project folder"), *self._read_folders(), (package, _PACKAGE)]
        for path, what in named:
            resolved = path.resolve()
            folders.setdefault(resolved, InputFolder(resolved, what))
        return list(folders.values())

    def refused_inputs(self) -> list[Problem]:
        """A problem for every input reached through a link that is not read (see above)."""
        root = self.root.resolve()
        problems: set[Problem] = set()
        walked: set[Path] = set()
        for folder, _ in self._read_folders():
            if not _within(_normal(folder), _normal(self.root)):
                continue  # mkdocs.yml names a folder elsewhere: the editor's own setting
            why = _why(folder, root) if folder.is_symlink() else None
            if why is not None:
                problems.add(_refused(folder, why))
            elif folder.is_dir() and folder.resolve() not in walked:
                walked.add(folder.resolve())
                problems.update(_refused(path, why) for path, why in _walk(folder, root) if why)
        return sorted(problems)

    def _read_folders(self) -> list[tuple[Path, str]]:
        """The folders whose files are inputs, as the project names them (not resolved)."""
        config = read_mkdocs_yml(self.mkdocs_yml)
        theme = config.get("theme")
        custom_dir = theme.get("custom_dir") if isinstance(theme, dict) else None
        docs_dir = config.get("docs_dir", "docs") if self.mkdocs_yml.is_file() else None
        folders = [
            (self.practices_dir, "the records' folder"),
            (self.content_dir, "the pages' folder"),
            (self.overrides_dir, "the theme overrides' folder"),
            (self.translations_dir, "the translations' folder"),
        ]
        if isinstance(docs_dir, str):
            folders.append((self.root / docs_dir, "mkdocs.yml's docs_dir"))
        if isinstance(custom_dir, str):
            folders.append((self.root / custom_dir, "mkdocs.yml's theme.custom_dir"))
        return folders

    def _yaml_files(self, folder: Path) -> list[Path]:
        root = self.root.resolve()
        if not folder.is_dir() or not _within(folder.resolve(), root):
            return []
        return sorted(
            (p for p, why in _walk(folder, root) if why is None and p.suffix in _RECORD_SUFFIXES),
            key=lambda p: p.relative_to(folder).parts,
        )


def _walk(folder: Path, root: Path) -> Iterator[tuple[Path, str | None]]:
    """Every visible file under ``folder``, following links that stay in ``root``, each with
    the reason it is not read (None: it is read). Folders that are refused come too."""
    for here, folders, files in os.walk(folder, followlinks=True):
        kept = []
        for name in sorted(folders):
            path = Path(here, name)
            if name.startswith("."):
                continue
            why = _why(path, root)
            if why is None and path.is_symlink():
                real = path.resolve()
                if _within(Path(here).resolve(), real):
                    why = f"a link to {real}, a folder that holds it; expected no loop"
            if why is None:
                kept.append(name)
            else:
                yield path, why
        folders[:] = kept
        for name in sorted(files):
            path = Path(here, name)
            if not name.startswith("."):
                yield path, _why(path, root)


def _why(path: Path, root: Path) -> str | None:
    """Why the file or folder at ``path`` is not read, or None."""
    if path.is_symlink():
        real = Path(os.path.realpath(path))
        if not _within(real, root):
            return (
                f"a link to {real}, outside the project folder; not read: inputs are read "
                "only from inside the project (copy the file in, or link to one inside it)"
            )
        if not real.exists():
            return f"a link to {real}, which does not exist; expected a file or folder there"
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        return f"cannot read it: {exc.strerror}"
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        return "not a regular file (a pipe, socket or device); expected a file"
    return None


def _refused(path: Path, why: str) -> Problem:
    return Problem(path, 1, 1, (), why)


def _normal(path: Path) -> Path:
    """``path`` made absolute, with ``..`` taken away but links not followed."""
    return Path(os.path.normpath(path.absolute()))


def _within(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents
