"""Every page ``all_pages()`` makes of a small fixture project, kept as expected output in
``tests/fixtures/pages/expected``: a change to a template or an output shows as a diff.

Refresh with ``pytest tests/test_golden_pages.py --update-golden`` and review the diff.
"""

from __future__ import annotations

import datetime as dt

from generator.catalog.catalog import load_catalog
from generator.load.project import Project
from generator.outputs.registry import all_pages
from generator.problems import errors
from tests import golden
from tests.conftest import FIXTURES

PAGES = FIXTURES / "pages"
TODAY = dt.date(2026, 12, 1)  # the records' review dates are checked against a fixed day


def test_pages_of_the_fixture_project_are_as_expected(update_golden: bool) -> None:
    catalog, problems = load_catalog(Project(PAGES / "project"), today=TODAY)
    assert errors(problems) == []
    pages = {page.path: page.text for page in all_pages(catalog)}
    kinds = {path.rsplit(".", 1)[-1] for path in pages}
    assert {"md", "js", "json", "csv", "txt"} <= kinds
    golden.check_tree(PAGES / "expected", pages, update_golden)


def test_pages_are_the_same_made_twice() -> None:
    catalog, _ = load_catalog(Project(PAGES / "project"), today=TODAY)
    first = [(p.path, p.text) for p in all_pages(catalog)]
    again, _ = load_catalog(Project(PAGES / "project"), today=TODAY)
    assert [(p.path, p.text) for p in all_pages(again)] == first
