"""The scripts' own strings on the Norwegian site in Chromium: in Norwegian where translated,
in English marked lang="en" where not; a hostile translation of a string shows as text, from
file:// too, with no dialog and no element of its own, whether the checks let it through
(the site) or not (a tree whose mkdocs.yml carries it, built by MkDocs and by Zensical)."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from babel.numbers import format_decimal

from generator.catalog.catalog import load_catalog
from generator.commands.cli import main
from generator.load.project import Project
from generator.outputs.script_strings import EXTRA
from generator.site.engines import ENGINES
from generator.translate.catalogs import kept_headers, po_bytes, read_po
from tests.browser.conftest import dialogs_of
from tests.conftest import ROOT, copy_project, serving

pytestmark = pytest.mark.browser

# Hostile translations that the checks let through (no tag is complete), each keeping its
# source's placeholders; "Right." gets one the checks refuse: it is shown in English.
PASSING = {
    "Choose an answer first.": "</script <img src=x onerror=alert(1) & 'x' \" \\ $& $1 <!--",
    "Modules shown: %(shown)s of %(total)s.": "</script\t%(shown)s/%(total)s "
    "&lt;img src=x onerror=alert(2)&gt;",
    "Practices shown: %(shown)s of %(total)s.": "%(total)s<svg onload=alert(3) %(shown)s $&",
    "The table is wider than the screen: scroll it sideways.": "<img src=x onerror=alert(4)",
}
REFUSED = {"Right.": "</script><img src=x onerror=alert(5)>"}
# What no check sees: written into a generated tree's mkdocs.yml as it is.
UNCHECKED = {
    "Choose an answer first.": "</script><img src=x onerror=alert(6)>",
    "Not quite.": "</SCRIPT><script>alert(7)</script><!--",
    "Right.": "\u2028]]></script>&amp;\u2029",
}
INJECTED = "img[src=x], svg[onload]"


def injected(page: Any) -> int:
    """Elements a translation would have made: its images and any script that alerts."""
    scripts = page.evaluate(
        "() => [...document.scripts].filter(s => s.textContent.includes('alert(')"
        " && s.type !== 'application/json').length"
    )
    return int(page.locator(INJECTED).count()) + int(scripts)


def one_line(text: str) -> str:
    return " ".join(text.split())


def _translate(project: Path, translations: dict[str, str]) -> None:
    """Write ``translations`` into ``project``'s Norwegian handbook.po, as a translator could."""
    path = project / "translations" / "nb" / "handbook.po"
    po, problems = read_po(path, "nb")
    assert po is not None, problems
    for message in po.catalog:
        if message.context == "ui" and message.id in translations:
            message.string = translations[str(message.id)]
            message.flags.discard("fuzzy")
    path.write_bytes(po_bytes(po.catalog, "nb", kept_headers(po.catalog)))


@pytest.fixture(scope="module")
def hostile_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("strings") / "project", ["nb"])
    _translate(project, {**PASSING, **REFUSED})
    assert main(["build", "--root", str(project)]) == 0
    return project


@pytest.fixture(scope="module")
def hostile_url(hostile_project: Path) -> Iterator[str]:
    with serving(hostile_project / "site") as url:
        yield url


@pytest.fixture(scope="module")
def module_id() -> str:
    catalog, _ = load_catalog(Project(ROOT))
    return next(m.id for m in catalog.modules if m.self_check)


class Watch:
    """A page's dialogs and script errors."""

    def __init__(self, page: Any) -> None:
        self.dialogs = dialogs_of(page)
        self.errors: list[str] = []
        page.on("pageerror", lambda error: self.errors.append(str(error)))


def _self_check(page: Any) -> tuple[Any, Any]:
    form = page.locator("form.ih-selfcheck").first
    return form, form.locator(".ih-feedback")


def test_a_hostile_translation_of_a_script_string_shows_as_text(
    page: Any, hostile_url: str, hostile_project: Path, module_id: str
) -> None:
    watch = Watch(page)
    for base in (hostile_url, (hostile_project / "site").as_uri() + "/"):
        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto(base + f"nb/training/{module_id}/index.html")
        assert page.evaluate("document.documentElement.lang") == "nb"
        form, feedback = _self_check(page)
        form.locator("button.ih-check").click()
        assert feedback.inner_text() == one_line(PASSING["Choose an answer first."])
        assert feedback.locator("[lang=en]").count() == 0  # translated: no marker
        right = form.locator("input[type=radio][data-correct=true]")
        right.check()
        form.locator("button.ih-check").click()
        verdict = feedback.locator("span[lang=en].ih-en")  # refused by the checks: English
        assert verdict.count() == 1 and verdict.inner_text() == "Right."

        page.goto(base + "nb/training/index.html")
        status = page.locator(".ih-filter-status").inner_text()
        assert status.startswith("</script ") and "&lt;img src=x onerror=alert(2)&gt;" in status

        page.goto(base + "nb/compare/finder.html")
        status = page.locator("#ih-finder-status").inner_text()
        assert "<svg onload=alert(3) " in status and status.endswith(" $&")

        page.set_viewport_size({"width": 375, "height": 900})
        page.goto(base + "nb/practices/p1824-drammen.html")
        hint = page.locator(".ih-scroll-hint:visible").first
        assert (
            hint.inner_text() == PASSING["The table is wider than the screen: scroll it sideways."]
        )
        assert injected(page) == 0
    page.wait_for_timeout(300)
    assert watch.dialogs == [] and watch.errors == []


def test_an_untranslated_string_is_english_and_marked(
    page: Any, hostile_url: str, module_id: str
) -> None:
    """Norwegian's strings in Norwegian; with no translation, the English string in an
    element with lang="en" and the EN marker (the Norwegian "Not quite." is shipped)."""
    page.goto(hostile_url + f"nb/training/{module_id}/index.html")
    form, feedback = _self_check(page)
    form.locator("input[type=radio][data-correct=false]").first.check()
    form.locator("button.ih-check").click()
    assert feedback.inner_text().startswith("Ikke helt. ")
    page.goto(hostile_url + "nb/compare/side-by-side.html")
    status = page.locator("#ih-side-status")
    assert status.inner_text() == "Velg to til fire praksiser å sammenligne."
    assert status.locator("[lang=en]").count() == 0
    page.goto(hostile_url + f"nb/training/{module_id}/index.html")
    form, feedback = _self_check(page)
    form.locator("input[type=radio][data-correct=true]").check()
    form.locator("button.ih-check").click()
    english = feedback.locator("span[lang=en].ih-en")
    assert english.inner_text() == "Right."
    marker = english.evaluate("e => getComputedStyle(e, '::after').content")
    assert "EN" in str(marker)


def test_counts_are_written_as_the_language_writes_them(page: Any, hostile_url: str) -> None:
    """As the pages' own counts (``generator.outputs.language.count``): 12 345 in nb, with a
    no-break space; 12345 in English."""
    page.goto(hostile_url + "nb/training/index.html")
    assert page.evaluate("window.inclusionHandbook.number(12345)") == format_decimal(
        12345, locale="nb"
    )
    assert page.evaluate("window.inclusionHandbook.number(12345)") == "12\u00a0345"
    page.goto(hostile_url + "training/index.html")
    assert page.evaluate("window.inclusionHandbook.number(12345)") == "12345"


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_an_unchecked_hostile_string_cannot_leave_its_block(
    page: Any, hostile_project: Path, tmp_path: Path, module_id: str, engine: str
) -> None:
    """The theme's block escapes what no check saw: a tree of nb whose mkdocs.yml holds
    translations that end the script element, built by an engine that runs no plugins."""
    out = tmp_path / "nb"
    assert (
        main(["generate", "--root", str(hostile_project), "--out", str(out), "--language", "nb"])
        == 0
    )
    config_file = out / "mkdocs.yml"
    config = yaml.safe_load(config_file.read_text("utf-8"))
    config["extra"][EXTRA]["strings"].update(UNCHECKED)
    config_file.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), "utf-8")
    chosen = ENGINES[engine]
    done = subprocess.run(
        chosen.command(config_file, "build", *chosen.build_options(out / "site")),
        cwd=out,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    hand_written = (out / "site" / "glossary.html").read_text("utf-8")
    assert '<script type="application/json" id="ih-strings">' in hand_written  # every page
    html = (out / "site" / "training" / module_id / "index.html").read_text("utf-8")
    assert "</script><img" not in html and "alert(7)</script>" not in html
    watch = Watch(page)
    page.goto((out / "site" / "training" / module_id / "index.html").as_uri())
    form, feedback = _self_check(page)
    form.locator("button.ih-check").click()
    assert feedback.inner_text() == UNCHECKED["Choose an answer first."]
    form.locator("input[type=radio][data-correct=false]").first.check()
    form.locator("button.ih-check").click()
    assert feedback.inner_text().startswith(UNCHECKED["Not quite."])
    form.locator("input[type=radio][data-correct=true]").check()
    form.locator("button.ih-check").click()
    assert feedback.evaluate("e => e.firstChild.textContent") == UNCHECKED["Right."]
    assert injected(page) == 0
    page.wait_for_timeout(300)
    assert watch.dialogs == [] and watch.errors == []
