"""Where a handbook project keeps its inputs, relative to its root folder."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.settings import Settings, read_settings


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
    def schema_dir(self) -> Path:
        return self.root / "schema"

    @property
    def site_dir(self) -> Path:
        return self.root / "site"

    @property
    def mkdocs_yml(self) -> Path:
        return self.root / "mkdocs.yml"

    def settings(self) -> Settings:
        return read_settings(self.mkdocs_yml)

    def practice_files(self) -> list[Path]:
        """Every file in ``practices/`` that should be a record, in name order."""
        return _yaml_files(self.practices_dir)

    def module_files(self) -> list[Path]:
        """Every training module in ``content/modules/``, in name order."""
        return _yaml_files(self.content_dir / "modules")

    def checklist_files(self) -> list[Path]:
        """Every hand-written checklist in ``content/checklists/``, in name order."""
        return _yaml_files(self.checklists_dir)


def _yaml_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
