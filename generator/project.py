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
        if not self.practices_dir.is_dir():
            return []
        return sorted(
            p for p in self.practices_dir.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file()
        )
