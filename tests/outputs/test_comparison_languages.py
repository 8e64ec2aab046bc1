"""The Compare section's data in a language: the finder's and the side-by-side view's texts
in their translation where one is usable, every text left in English named (``en``) so that
compare.js marks it, the downloads in the language, and the English site as before.

The expected translations are read from the shipped PO files here, not through the code.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Literal

from babel.messages.pofile import read_po

from generator.catalog.catalog import Catalog, load_catalog
from generator.load.project import Project
from generator.model.criteria import criteria_set
from generator.outputs import comparison
from generator.outputs.export import export_text
from generator.outputs.language import Language, speaking
from generator.text.html import plain_text
from generator.translate.reading import site_language
from tests.conftest import ROOT
from tests.outputs.test_comparison import practices_of, script_value

TRANSLATED = "p1824-drammen"  # its summary, goal and steps are translated into Norwegian
UNTRANSLATED = "arbeid-med-bistand"  # nothing of it is
FINDER_PREFIX = "window.IH_FINDER = "


def translation(domain: str, context: str, source: str) -> str:
    """The Norwegian translation of ``source`` in ``translations/nb/DOMAIN.po``."""
    with (ROOT / "translations" / "nb" / f"{domain}.po").open("rb") as file:
        messages = read_po(file)
    message = messages.get(source, context=context)
    assert message is not None and message.string, (context, source)
    return str(message.string)


def finder_of(site: Path) -> dict[str, Any]:
    """The finder's data in ``site``: its script without the assignment around it."""
    text = (site / "compare" / "practices.js").read_text("utf-8")
    line = next(line for line in text.splitlines() if line.startswith(FINDER_PREFIX))
    data: dict[str, Any] = json.loads(line.removeprefix(FINDER_PREFIX).removesuffix(";"))
    return data


def details_of(site: Path, practice: str) -> dict[str, Any]:
    text = (site / "compare" / "data" / f"{practice}.js").read_text("utf-8")
    data: dict[str, Any] = script_value(text, f'window.IH_DETAILS["{practice}"]')
    return data


def catalog_of(root: Path) -> Catalog:
    catalog, _ = load_catalog(Project(root))
    return catalog


def test_the_norwegian_finder_shows_translations_and_names_its_english_texts(
    languages_project: Path,
) -> None:
    catalog = catalog_of(languages_project)
    record = {p.id: p for p in catalog.practices}
    data = finder_of(languages_project / "site" / "nb")
    rows = practices_of(data)

    norwegian = translation(
        "practices", f"practice:{TRANSLATED}:summary", record[TRANSLATED].summary
    )
    assert rows[TRANSLATED]["summary"] == comparison.teaser(plain_text(norwegian))
    assert "summary" not in rows[TRANSLATED]["en"]
    english = record[UNTRANSLATED].summary
    assert rows[UNTRANSLATED]["summary"] == comparison.teaser(plain_text(english))
    assert "summary" in rows[UNTRANSLATED]["en"]

    first = criteria_set().criteria[0]
    assert data["criteria"][0] == {
        "id": first.id,
        "name": translation("handbook", f"criterion:{first.id}:name", first.name),
        "en": [],
    }
    countries = {v["id"]: v for v in data["facets"][0]["values"]}
    assert countries["NO"] == {"id": "NO", "label": "Norge", "en": []}
    phases = {v["id"]: v["label"] for v in data["facets"][2]["values"]}
    assert phases["before"] != "Before placement"
    assert "en" in data["practice_fields"]

    # The English site's data is as it always was: no field for a language.
    english_data = finder_of(languages_project / "site")
    assert "en" not in english_data["practice_fields"]
    assert all("en" not in c for c in english_data["criteria"])
    assert practices_of(english_data)[TRANSLATED]["summary"] == comparison.teaser(
        plain_text(record[TRANSLATED].summary)
    )


def test_the_norwegian_details_are_translated_where_they_can_be(languages_project: Path) -> None:
    catalog = catalog_of(languages_project)
    record = {p.id: p for p in catalog.practices}
    site = languages_project / "site" / "nb"

    translated = details_of(site, TRANSLATED)
    practice = record[TRANSLATED]
    assert practice.goal is not None
    goal = translation("practices", f"practice:{TRANSLATED}:goal", practice.goal)
    assert translated["goal"] == plain_text(goal) and "goal" not in translated["en"]
    step = practice.steps[0]
    title = translation("practices", f"practice:{TRANSLATED}:steps[0].title", step.title)
    assert translated["steps"][0]["title"] == title
    assert "title" not in translated["steps"][0]["en"]

    untranslated = details_of(site, UNTRANSLATED)
    other = record[UNTRANSLATED]
    assert other.goal is not None
    assert untranslated["goal"] == plain_text(other.goal) and "goal" in untranslated["en"]
    assert all("what" in f["en"] for f in untranslated["figures"])
    assert {f"evidence.{c}" for c, a in other.assessments.items() if a.evidence} <= set(
        untranslated["en"]
    )

    english = details_of(languages_project / "site", UNTRANSLATED)
    assert "en" not in english and all("en" not in f for f in english["figures"])


def test_the_downloads_of_a_language_are_its_export(languages_project: Path) -> None:
    catalog = catalog_of(languages_project)
    language = site_language(catalog, "nb")
    kinds: tuple[Literal["csv", "json"], ...] = ("csv", "json")
    for kind in kinds:
        nb = languages_project / "site" / "nb" / "compare" / f"practices.{kind}"
        assert nb.read_bytes() == export_text(catalog, kind, language).encode()
        en = languages_project / "site" / "compare" / f"practices.{kind}"
        assert en.read_bytes() == export_text(catalog, kind).encode()
    document = json.loads(
        (languages_project / "site" / "nb" / "compare" / "practices.json").read_text("utf-8")
    )
    assert document["language"] == "nb"
    rows = {p["id"]: p for p in document["practices"]}
    assert rows[UNTRANSLATED]["languages"]["summary"] == "en"


HOSTILE = '<img src=x onerror="window.__ihHacked=1">\u2028</script><script>alert(1)</script>'


def hostile_language(catalog: Catalog) -> Language:
    """Norwegian whose translations of P1824's texts and of the criteria are all ``HOSTILE``:
    what a translation could hold if the checks of ``generator.translate.check`` (which refuse
    raw HTML in any translation) let it through."""
    language = site_language(catalog, "nb")
    practice = next(p for p in catalog.practices if p.id == TRANSLATED)
    texts = dict(language.texts)
    sources = [practice.summary, practice.goal, practice.steps[0].title, practice.steps[0].text]
    sources += [k.what for k in practice.key_figures] + [c.name for c in criteria_set().criteria]
    texts.update({source: HOSTILE for source in sources if source})
    return Language("nb", language.translations, texts, language.sources)


def hostile_pages(catalog: Catalog) -> dict[str, str]:
    with speaking(hostile_language(catalog)):
        return {page.path: page.text for page in comparison.pages(catalog)}


def test_a_hostile_translation_stays_data(tmp_path: Path) -> None:
    catalog = catalog_of(ROOT)
    pages = hostile_pages(catalog)
    finder = pages["compare/practices.js"]
    assert "\u2028" not in finder
    data = script_value(finder, "window.IH_FINDER")
    assert data["criteria"][0]["name"] == HOSTILE
    row = practices_of(data)[TRANSLATED]
    assert row["summary"].startswith("<img src=x onerror=") and row["en"] == []
    details = script_value(
        pages[f"compare/data/{TRANSLATED}.js"], f'window.IH_DETAILS["{TRANSLATED}"]'
    )
    assert details["steps"][0]["title"] == HOSTILE
    assert all(f["what"] == HOSTILE for f in details["figures"])
    # Each data script is its comment and its assignments, one a line: no text ends one.
    for path in (f"compare/data/{TRANSLATED}.js", "compare/practices.js"):
        lines = pages[path].splitlines()
        assert all(line.startswith("window.IH_") for line in lines[1:]), path
