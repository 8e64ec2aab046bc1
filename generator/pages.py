"""Pages: what every output produces, and what the site adapters consume.

A page is a path under the docs tree, its title and its text. A ``.md`` path is Markdown that
becomes an HTML page; any other path (a data script, a CSV or ``.md.txt`` download) is copied
as it is by every engine. The MkDocs plugin adds pages as in-memory files; ``handbook
generate`` writes them to disk.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from generator.addresses import CRITERIA
from generator.catalog import Catalog
from generator.outputs.safety_extension import mark
from generator.parallel import ordered_map, workers_for


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


Output = Callable[[Catalog], Iterable[Page]]

# The criteria page, which several outputs link to.
CRITERIA_PAGE = CRITERIA.pattern
CRITERIA_TITLE = "The seven good-practice criteria"


def all_pages(catalog: Catalog, workers: int | None = None) -> list[Page]:
    """Every generated page of every output, in a stable order.

    With many practices the outputs run in forked workers (``workers``: None decides from
    the catalog's size and the cores; 1 runs them all here).
    """
    from generator.outputs import checklists, comparison, handbook, training

    # In an order that splits the work about evenly between two workers.
    outputs: list[Output] = [handbook.pages, training.pages, comparison.pages, checklists.pages]
    checklists.checklist_pages(catalog)  # several outputs use them: built before any fork
    if workers is None:  # four outputs, whose work grows with the number of practices
        workers = workers_for(len(catalog.entries))
    parts = ordered_map(lambda output: list(output(catalog)), outputs, workers)
    pages = [page for part in parts for page in part]
    paths = [p.path for p in pages]
    duplicates = sorted(p for p, n in Counter(paths).items() if n > 1)  # linear: 1000s of pages
    if duplicates:  # a bug in an output, not an editor's mistake
        raise RuntimeError(f"two outputs generate the same page: {', '.join(duplicates)}")
    return sorted(pages, key=lambda p: p.path)


def write_pages(pages: Iterable[Page], docs_dir: Path) -> list[Path]:
    written = []
    for page in pages:
        target = docs_dir / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.source, encoding="utf-8", newline="\n")
        written.append(target)
    return written
