"""The outputs' registry: every output, run over the catalog, gives the pages of the site."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable

from generator.catalog.catalog import Catalog
from generator.outputs import checklists, comparison, handbook, training
from generator.outputs.page import Page
from generator.parallel import ordered_map, workers_for

Output = Callable[[Catalog], Iterable[Page]]

# In an order that splits the work about evenly between two workers.
OUTPUTS: tuple[Output, ...] = (handbook.pages, training.pages, comparison.pages, checklists.pages)


def all_pages(catalog: Catalog, workers: int | None = None) -> list[Page]:
    """Every generated page of every output, in a stable order.

    With many practices the outputs run in forked workers (``workers``: None decides from
    the catalog's size and the cores; 1 runs them all here).
    """
    if workers is None:  # four outputs, whose work grows with the number of practices
        workers = workers_for(len(catalog.practice_files))
    parts = ordered_map(lambda output: list(output(catalog)), OUTPUTS, workers)
    pages = [page for part in parts for page in part]
    paths = [p.path for p in pages]
    duplicates = sorted(p for p, n in Counter(paths).items() if n > 1)  # linear: 1000s of pages
    if duplicates:  # a bug in an output, not an editor's mistake
        raise RuntimeError(f"two outputs generate the same page: {', '.join(duplicates)}")
    return sorted(pages, key=lambda p: p.path)


def pages_for(catalog: Catalog, language: str) -> list[Page]:
    """The generated pages of the site in ``language`` (``en`` or a code of
    ``generator.translate.languages``): for now the English pages in every language, until
    the translated pages arrive; every build of a language takes its pages from here."""
    return all_pages(catalog)
