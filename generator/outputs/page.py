"""Pages: what every output produces, and what the site adapters consume.

A page is a path under the docs tree, its title and its text. A ``.md`` path is Markdown that
becomes an HTML page; any other path (a data script, a CSV or ``.md.txt`` download) is copied
as it is by every engine. The MkDocs plugin adds pages as in-memory files; ``handbook
generate`` writes them to disk.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from generator.outputs.safety_extension import mark


@dataclass(frozen=True)
class Page:
    path: str  # POSIX path under the docs tree, e.g. "practices/p1824-drammen.md"
    title: str
    text: str  # Markdown for a .md path, else the file's content
    # Made from record text: its rendered HTML also passes the allowlist sanitizer.
    from_records: bool = False

    @property
    def source(self) -> str:
        """The text an engine reads: Markdown made from records carries the sanitizer's mark
        (``generator.outputs.safety_extension``)."""
        return mark(self.text) if self.from_records and self.path.endswith(".md") else self.text


def write_pages(pages: Iterable[Page], docs_dir: Path) -> list[Path]:
    written = []
    for page in pages:
        target = docs_dir / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.source, encoding="utf-8", newline="\n")
        written.append(target)
    return written
