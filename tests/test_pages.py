"""Every output's pages, together: the same whether made in one process or in several."""

from __future__ import annotations

import hashlib
import json

from generator.catalog.catalog import load_catalog
from generator.load.project import Project
from generator.outputs.registry import all_pages
from tests.conftest import ROOT, in_fresh_python


def test_pages_made_in_workers_are_the_pages_made_here() -> None:
    pages = all_pages(load_catalog(Project(ROOT))[0], workers=1)
    serial = {p.path: hashlib.sha256(repr(p).encode()).hexdigest() for p in pages}
    forked = in_fresh_python(
        f"""
        import hashlib, json
        from pathlib import Path
        from generator import parallel
        from generator.catalog.catalog import load_catalog
        from generator.outputs.registry import all_pages
        from generator.load.project import Project
        assert parallel.can_fork()
        pages = all_pages(load_catalog(Project(Path({str(ROOT)!r})))[0], workers=2)
        print(json.dumps({{p.path: hashlib.sha256(repr(p).encode()).hexdigest() for p in pages}}))
        """
    )
    assert json.loads(forked) == serial
    assert list(serial) == sorted(serial)  # in path order
    assert "practices/p1824-drammen.md" in serial
