"""The comparison output: finder data, side-by-side details, matrices, downloads."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import yaml
from bs4 import BeautifulSoup, Tag

from generator.catalog.catalog import Catalog, load_catalog
from generator.load.project import Project
from generator.model.criteria import criteria_set
from generator.model.vocabulary import vocabularies
from generator.outputs import comparison
from generator.outputs.export import export_rows, export_text
from generator.outputs.registry import all_pages
from tests.conftest import FIXTURES, ROOT, records_with_contacts_published

CRITERIA = [c.id for c in criteria_set().criteria]


def catalog_of(root: Path) -> Catalog:
    catalog, _ = load_catalog(Project(root))
    return catalog


def script_value(text: str, name: str) -> Any:
    """The JSON literal assigned to ``name`` in a generated data script."""
    match = re.search(rf"^{re.escape(name)} = (.*);$", text, re.MULTILINE)
    assert match is not None, f"no assignment to {name}"
    return json.loads(match.group(1))


def finder_data(catalog: Catalog) -> dict[str, Any]:
    page = next(p for p in comparison.pages(catalog) if p.path == "compare/practices.js")
    data: dict[str, Any] = script_value(page.text, "window.IH_FINDER")
    return data


def practices_of(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The finder's practices by id, each with its fields named by ``practice_fields``."""
    named = [dict(zip(data["practice_fields"], row, strict=True)) for row in data["practices"]]
    return {row["id"]: row for row in named}


def practice_of(cell: Tag) -> str:
    """The id of the practice a matrix cell links to."""
    link = cell.find("a")
    assert isinstance(link, Tag)
    return str(link["href"]).split("/")[-1].split("#")[0].removesuffix(".html")


def test_teaser_cuts_at_a_word_boundary() -> None:
    assert comparison.teaser("Short text.") == "Short text."
    text = "word " * 60
    cut = comparison.teaser(text, 40)
    assert len(cut) <= 40 and cut.endswith("word\u2026")


def test_finder_data_holds_every_practice_with_its_facet_values() -> None:
    catalog = catalog_of(ROOT)
    data = finder_data(catalog)
    facets = data["facets"]
    keys = [f["key"] for f in facets]
    assert keys == ["country", "scope", "phase", "group", "theme", *CRITERIA]
    rows = practices_of(data)
    assert sorted(rows) == sorted(p.id for p in catalog.practices)
    for practice in catalog.practices:
        row = rows[practice.id]
        values = {
            f["key"]: {f["values"][i]["id"] for i in ([at] if f["single"] else at)}
            for f, at in zip(facets, row["facets"], strict=True)
        }
        assert row["title"] == practice.title
        assert values["country"] == {practice.country}
        assert values["scope"] == {practice.scope}
        assert values["phase"] == set(practice.placement_phase)
        assert values["group"] == set(practice.target_groups)
        assert values["theme"] == set(practice.themes)
        for criterion in CRITERIA:
            assert values[criterion] == {practice.assessments[criterion].rating}


def test_facets_count_the_practices_of_each_value() -> None:
    catalog = catalog_of(ROOT)
    rows = export_rows(catalog)
    for facet in comparison.facets(rows):
        for value in facet.values:
            assert value.count == sum(value.id in facet.of(r) for r in rows), (facet.key, value)
            assert value.count > 0
    finder = next(p for p in comparison.pages(catalog) if p.path == "compare/finder.md")
    for practice in catalog.practices:
        assert f'name="country" value="{practice.country}"' in finder.text


def test_details_scripts_hold_what_side_by_side_shows() -> None:
    catalog = catalog_of(ROOT)
    pages = {p.path: p for p in comparison.pages(catalog)}
    for practice in catalog.practices:
        page = pages[f"compare/data/{practice.id}.js"]
        details = script_value(page.text, f'window.IH_DETAILS["{practice.id}"]')
        assert details["goal"] == practice.goal
        assert [s["title"] for s in details["steps"]] == [s.title for s in practice.steps]
        assert [f["what"] for f in details["figures"]] == [k.what for k in practice.key_figures]
        assert details["funding"] == practice.funding
        assert set(details["evidence"]) == set(CRITERIA)


def test_comparison_pages_hold_no_personal_data_even_when_published(tmp_path: Path) -> None:
    project = records_with_contacts_published(tmp_path / "project")
    catalog = catalog_of(project)
    personal = [
        value
        for p in catalog.practices
        for c in p.contacts
        if c.publish
        for value in (c.name, c.email, c.phone)
        if value
    ]
    assert len(personal) >= 6
    for page in comparison.pages(catalog):
        leaked = [value for value in personal if value in page.text]
        assert leaked == [], f"{page.path} leaks {leaked}"


def test_data_scripts_escape_what_javascript_5_refuses(tmp_path: Path) -> None:
    (tmp_path / "practices").mkdir()
    record = yaml.safe_load((FIXTURES / "valid" / "minimal.yaml").read_text("utf-8"))
    record["title"] = "Line\u2028separator </script><script>alert(1)</script>"
    (tmp_path / "practices" / "minimal.yaml").write_text(
        # escaped: PyYAML writes a raw U+2028 as a YAML 1.1 line break, which YAML 1.2 reads
        # (as editors and the loader do) with the next line's indentation in the text
        yaml.safe_dump(record, allow_unicode=False),
        encoding="utf-8",
    )
    catalog = catalog_of(tmp_path)
    assert catalog.practices, "the record must stay valid"
    script = next(p for p in comparison.pages(catalog) if p.path == "compare/practices.js")
    assert "\u2028" not in script.text and "\\u2028" in script.text
    [row] = practices_of(finder_data(catalog)).values()
    assert row["title"] == record["title"]


def test_all_pages_include_the_comparison_pages() -> None:
    paths = {p.path for p in all_pages(catalog_of(ROOT))}
    assert {
        "compare/finder.md",
        "compare/matrix.md",
        "compare/side-by-side.md",
        "compare/summary.md",
        "compare/practices.js",
        "compare/practices.csv",
        "compare/practices.json",
        "compare/practices.schema.json",
    } <= paths


def test_downloads_are_the_export_files(built_site: Path) -> None:
    catalog = catalog_of(ROOT)
    for kind in ("csv", "json"):
        written = (built_site / "compare" / f"practices.{kind}").read_bytes()
        assert written == export_text(catalog, "csv" if kind == "csv" else "json").encode()
    finder = BeautifulSoup(
        (built_site / "compare" / "finder.html").read_text("utf-8"), "html.parser"
    )
    hrefs = {a.get("href") for a in finder.select("article a[download]")}
    assert {"practices.csv", "practices.json", "practices.schema.json"} <= hrefs


def test_every_matrix_rating_links_to_its_evidence(built_site: Path) -> None:
    catalog = catalog_of(ROOT)
    soup = BeautifulSoup((built_site / "compare" / "matrix.html").read_text("utf-8"), "html.parser")
    table = soup.select("article table")[0]
    rows = table.select("tbody tr")
    assert len(rows) == len(catalog.practices)
    anchors: dict[str, set[str]] = {}
    for row in rows:
        cells = row.select("td")
        practice_id = practice_of(cells[0])
        practice = catalog.practice(practice_id)
        for criterion, cell in zip(CRITERIA, cells[2:], strict=True):
            rating = practice.assessments[criterion].rating
            badge = cell.select_one(f"a .ih-rating.ih-rating--{rating}")
            assert badge is not None, (practice_id, criterion)
            assert badge.get_text() == criteria_set().rating(rating).label  # text, not colour
            link = cell.find("a")
            assert isinstance(link, Tag)
            assert link["href"] == f"../practices/{practice_id}.html#criterion-{criterion}"
            if practice_id not in anchors:
                page = (built_site / "practices" / f"{practice_id}.html").read_text("utf-8")
                anchors[practice_id] = set(re.findall(r'id="([^"]+)"', page))
            assert f"criterion-{criterion}" in anchors[practice_id]


def test_phase_and_group_matrices_say_yes_or_no(built_site: Path) -> None:
    catalog = catalog_of(ROOT)
    soup = BeautifulSoup((built_site / "compare" / "matrix.html").read_text("utf-8"), "html.parser")
    phases = soup.select("article table")[1]
    labels = [th.get_text(strip=True) for th in phases.select("thead th")][2:]
    for row in phases.select("tbody tr"):
        cells = row.select("td")
        practice = catalog.practice(practice_of(cells[0]))
        said = {label for label, cell in zip(labels, cells[2:], strict=True) if cell.text == "Yes"}
        assert {c.text for c in cells[2:]} <= {"Yes", "No"}
        assert said == {vocabularies()["placement_phases"][p] for p in practice.placement_phase}


def test_compare_section_is_in_the_navigation(built_site: Path) -> None:
    soup = BeautifulSoup((built_site / "index.html").read_text("utf-8"), "html.parser")
    nav = soup.select_one(".md-sidebar--primary")
    assert nav is not None
    hrefs = [str(a.get("href")) for a in nav.select("a")]
    for page in ("finder", "matrix", "side-by-side", "summary"):
        assert f"compare/{page}.html" in hrefs
    assert not any("compare/data/" in h or h.endswith(".js") for h in hrefs)
