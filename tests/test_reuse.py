"""What one process keeps between builds (``handbook serve``): the records read
(generator.catalog.catalog.RecordCache), the pages rendered (generator.outputs.render.RenderMemo)
and the values derived from records (generator.reuse). Each must give what a first build gives."""

from __future__ import annotations

from pathlib import Path

from generator.catalog.catalog import RecordCache, load_catalog
from generator.load.project import Project
from generator.outputs.registry import site_output
from generator.outputs.render import RenderMemo, remembering
from generator.reuse import Reuse, reused, reusing
from generator.translate.languages import SOURCE
from tests.conftest import copy_project


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


def test_the_record_cache_reads_again_only_the_file_saved(tmp_path: Path) -> None:
    project = Project(copy_project(tmp_path / "project"))
    cache = RecordCache()
    first, _ = load_catalog(project, cache=cache)
    assert cache.reread == len(first.practices) == 3
    _edit(project.practices_dir / "p1824-drammen.yaml", "summary: >-\n", "summary: >-\n  New.")
    second, problems = load_catalog(project, cache=cache)
    assert cache.reread == 1 and problems == []
    unchanged = {p.id: p for p in first.practices if p.id != "p1824-drammen"}
    for practice in second.practices:
        if practice.id in unchanged:
            assert practice is unchanged[practice.id]  # the same object: derived values reuse
        else:
            assert practice.summary.startswith("New.")
    fresh, _ = load_catalog(project)
    assert [p.model_dump() for p in second.practices] == [p.model_dump() for p in fresh.practices]


def test_a_glossary_change_is_read_again(tmp_path: Path) -> None:
    project = Project(copy_project(tmp_path / "project"))
    cache = RecordCache()
    first, _ = load_catalog(project, cache=cache)
    _edit(project.glossary_file, "Active labour market policy", "ALM policy")
    second, _ = load_catalog(project, cache=cache)
    assert second.glossary is not first.glossary
    assert "ALM policy" in second.glossary.definitions.values()


def test_pages_from_the_memo_are_the_pages_of_a_first_build(tmp_path: Path) -> None:
    project = Project(copy_project(tmp_path / "project"))
    cache, memo, reuse = RecordCache(), RenderMemo(), Reuse()

    def build() -> dict[str, str]:
        with reusing(reuse), remembering(memo):
            catalog, _ = load_catalog(project, cache=cache)
            return {p.path: p.source for p in site_output(catalog, SOURCE, workers=1).pages}

    build()
    _edit(project.practices_dir / "p1824-drammen.yaml", "title: Prosjekt P1824", "title: P 1824")
    again = build()
    catalog, _ = load_catalog(project)
    clean = {p.path: p.source for p in site_output(catalog, SOURCE, workers=1).pages}
    assert again == clean
    assert "P 1824" in again["practices/p1824-drammen.md"]


def test_reuse_compares_objects_by_identity_and_values_by_value() -> None:
    reuse = Reuse()
    made: list[str] = []

    def make(label: str) -> str:
        made.append(label)
        return label

    one, two = object(), object()
    with reusing(reuse):
        assert reused("k", (one, "a"), lambda: make("1a")) == "1a"
    with reusing(reuse):
        assert reused("k", (one, "a"), lambda: make("again")) == "1a"  # same object, same str
        assert reused("k", (two, "a"), lambda: make("2a")) == "2a"  # another object
        assert reused("k", (one, "b"), lambda: make("1b")) == "1b"  # another value
    assert made == ["1a", "2a", "1b"]
    assert reused("k", (one, "a"), lambda: make("outside")) == "outside"  # nothing kept


def test_an_abandoned_build_keeps_what_the_build_before_made() -> None:
    reuse = Reuse()
    kept = object()
    with reusing(reuse):
        reused("k", (kept,), lambda: "first")
    with reusing(reuse):  # stops short: uses nothing, but must not forget
        reuse.abandon()
    with reusing(reuse):
        assert reused("k", (kept,), lambda: "made again") == "first"
