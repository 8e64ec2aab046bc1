from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml

from generator.catalog.catalog import Catalog, load_catalog
from generator.load.project import Project
from generator.translate.catalogs import key
from generator.translate.extract import markdown_units, units, yaml_path
from generator.translate.units import Domain, Kind, Unit
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    loaded, _ = load_catalog(Project(ROOT))
    return loaded


@pytest.fixture(scope="module")
def found(catalog: Catalog) -> list[Unit]:
    return units(catalog)


def _by_context(found: list[Unit]) -> dict[str, Unit]:
    return {u.context: u for u in found}


def test_every_context_is_unique_and_every_domain_has_units(found: list[Unit]) -> None:
    """Each unit has its own address: its context, or for an interface string (context
    ``ui``) the context and its English text, as gettext keys them."""
    keys = Counter(key(u.context, u.source) for u in found)
    assert [k for k, n in keys.items() if n > 1] == []
    assert {u.domain for u in found} == set(Domain)
    assert any(u.context == "ui" for u in found), "the interface strings are units too"


def test_the_yaml_path_of_a_field() -> None:
    assert yaml_path(("steps", 2, "text")) == "steps[2].text"
    assert yaml_path(("criteria", "effective", "evidence")) == "criteria.effective.evidence"
    assert yaml_path(("questions", 0)) == "questions[0]"


def test_record_fields_by_their_yaml_path_kind_and_position(found: list[Unit]) -> None:
    units_ = _by_context(found)
    step = units_["practice:p1824-drammen:steps[2].text"]
    assert (step.domain, step.kind, step.file) == (
        Domain.PRACTICES,
        Kind.INLINE,
        "practices/p1824-drammen.yaml",
    )
    record = yaml.safe_load((ROOT / step.file).read_text("utf-8"))
    assert step.source == record["steps"][2]["text"].strip()
    assert units_["practice:p1824-drammen:summary"].kind is Kind.INLINE
    assert units_["practice:p1824-drammen:title_en"].source == "Project P1824"
    assert units_["practice:p1824-drammen:title_en"].label.startswith("title_en: English title")
    lines = (ROOT / step.file).read_text("utf-8").splitlines()
    assert lines[step.line - 1].lstrip().startswith("text:")
    evidence = units_["practice:p1824-drammen:criteria.effective.evidence"]
    assert evidence.kind is Kind.INLINE


def test_what_is_not_translated(found: list[Unit]) -> None:
    practice = [u.context.split(":", 2)[2] for u in found if u.context.startswith("practice:")]
    assert "title" not in practice  # the programme's own name
    assert not [p for p in practice if p.startswith(("contacts", "sources", "links[0].url"))]
    assert not [p for p in practice if p.endswith((".name", ".url", ".source", ".id"))]
    assert not [p for p in practice if p.startswith(("id", "country", "scope", "template"))]
    assert not [u for u in found if u.context.startswith("module:") and ":sources" in u.context]


def test_modules_checklists_criteria_and_vocabularies(found: list[Unit]) -> None:
    units_ = _by_context(found)
    assert units_["module:individual-follow-up:title"].domain is Domain.MODULES
    assert units_["checklist:network-coordination:title"].domain is Domain.CHECKLISTS
    name = units_["criterion:effective:name"]
    assert (name.source, name.domain, name.file) == (
        "Effective and successful",
        Domain.HANDBOOK,
        "generator/data/criteria.yaml",
    )
    assert units_["criterion:effective:questions[0]"].kind is Kind.INLINE
    assert units_["rating:met:label"].source == "Met"
    assert units_["vocabulary:scopes:pilot"].source == "Pilot"
    assert units_["vocabulary:scopes:pilot"].line == 7


def test_page_blocks_and_abbreviations(found: list[Unit]) -> None:
    units_ = _by_context(found)
    heading = units_["page:methodology/place-then-train:the-five-stages"]
    assert (heading.source, heading.line, heading.kind) == ("The five stages", 22, Kind.MARKDOWN)
    item = units_["page:methodology/place-then-train:norways-national-frame.6"]
    assert (item.source, item.label) == (
        "wage subsidies;",
        "list item under #norways-national-frame",
    )
    abbreviation = units_["page:includes/abbreviations:abbr.NAV"]
    assert abbreviation.source == "Norwegian Labour and Welfare Administration"
    assert abbreviation.kind is Kind.PLAIN


PAGE = """\
# Title

First paragraph.

## Section one {#one}

- item *one*
- item two

```
code is not a unit
```

<div>raw HTML is not a unit</div>

--8<-- "includes/snippet.md"

## Section two

| A | B |
| --- | --- |
| cell | `code` |

Term
:   Its definition.

!!! note "Admonition title"
    Inside the admonition.

Text with a footnote.[^f]

[^f]: The footnote.

*[PES]: Public employment service
"""


def _page(text: str) -> dict[str, tuple[str, int, str]]:
    return {
        u.context.removeprefix("page:p:"): (u.source, u.line, u.label)
        for u in markdown_units(text, "p", "content/p.md")
    }


def test_the_units_of_a_page() -> None:
    assert {k: v[0] for k, v in _page(PAGE).items()} == {
        "title": "Title",
        "title.1": "First paragraph.",
        "one": "Section one {#one}",
        "one.1": "item *one*",
        "one.2": "item two",
        "section-two": "Section two",
        "section-two.1": "A",
        "section-two.2": "B",
        "section-two.3": "cell",
        "section-two.4": "`code`",
        "section-two.5": "Term",
        "section-two.6": "Its definition.",
        "section-two.7": "Admonition title",
        "section-two.8": "Inside the admonition.",
        "section-two.9": "Text with a footnote.[^f]",
        "fn.f": "The footnote.",
        "abbr.PES": "Public employment service",
    }
    assert _page(PAGE)["one.2"][1:] == (8, "list item under #one")
    assert _page(PAGE)["abbr.PES"][1] == 34


def test_an_address_stays_when_a_block_is_inserted_under_another_heading() -> None:
    before = _page(PAGE)
    after = _page(PAGE.replace("First paragraph.\n", "First paragraph.\n\nA new one.\n"))
    assert after["title.2"][0] == "A new one."
    for address in ("one.1", "one.2", "section-two.4", "fn.f", "abbr.PES"):
        assert after[address][0] == before[address][0]


def test_a_repeated_heading_gets_the_next_anchor() -> None:
    assert list(_page("## Notes\n\na\n\n## Notes\n\nb\n")) == [
        "notes",
        "notes.1",
        "notes_1",
        "notes_1.1",
    ]


def test_a_hostile_page_is_cut_without_a_crash(tmp_path: Path) -> None:
    text = "[x](javascript:alert(1)) <script>alert(1)</script>\n\n" + "*" * 50_000 + "\n"
    found = markdown_units(text, "p", "content/p.md")
    assert found[0].source.startswith("[x](javascript:")  # a unit; check.py refuses its like
