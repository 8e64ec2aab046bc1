from __future__ import annotations

import csv
import io
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from generator.addresses import checklist_download
from generator.catalog.catalog import Catalog, load_catalog
from generator.catalog.checklists import phase_checklist, replication_checklist
from generator.commands.cli import main
from generator.load.project import Project
from generator.text.html import plain_text
from tests.conftest import ROOT, copy_project


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(Project(ROOT))[0]


def test_replication_checklist_groups_the_record(catalog: Catalog) -> None:
    practice = catalog.practice("arbeid-med-bistand")
    checklist = replication_checklist(practice)
    assert checklist is not None
    # as readers see them: a title's punctuation is escaped so that it cannot be Markdown
    groups = {s.title: [plain_text(i.text) for i in s.items] for s in checklist.sections}
    assert list(groups) == ["Before you start", "Setting up", "During placement"]
    for factor in practice.success_factors:
        assert any(factor.text in text for text in groups["Before you start"])
    before = [s for s in practice.steps if s.phase == "before"]
    assert [t.split(":")[0] for t in groups["Setting up"]] == [s.title for s in before]
    assert groups["During placement"] == [
        f"{s.title}: {s.text}" for s in practice.steps if s.phase == "during"
    ]


def test_phase_checklists_gather_steps_by_practice(catalog: Catalog) -> None:
    before = phase_checklist("before", catalog.practices)
    assert before is not None
    assert [s.title for s in before.sections] == ["Arbeid med bistand", "Prosjekt P1824"]
    assert phase_checklist("after", catalog.practices) is None  # no record says so


def test_every_item_link_resolves(built_site: Path, catalog: Catalog) -> None:
    checked = 0
    ids: dict[Path, set[str]] = {}  # page -> its ids, each page read once
    for entry in catalog.checklist_pages:
        page = built_site / (entry.path.removesuffix(".md") + ".html")
        soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
        items = soup.select("li.ih-item")
        assert len(items) == len(entry.checklist.items)
        for link in soup.select(".ih-source a"):
            parts = urlsplit(str(link["href"]))
            target = (page.parent / parts.path).resolve()
            assert target.is_file(), f"{page.name}: {link['href']}"
            if parts.fragment:
                if target not in ids:
                    soup_of_target = BeautifulSoup(target.read_text("utf-8"), "html.parser")
                    ids[target] = {str(t.get("id")) for t in soup_of_target.select("[id]")}
                assert parts.fragment in ids[target], f"{page.name}: {link['href']}"
            checked += 1
    assert checked > 50


def test_downloads_hold_every_item(built_site: Path, catalog: Catalog) -> None:
    for entry in catalog.checklist_pages:
        download = built_site / checklist_download(entry.checklist.id, "csv")
        rows = list(csv.DictReader(io.StringIO(download.read_text("utf-8"))))
        assert [r["item"] for r in rows] == [
            " ".join(i.text.split()) for i in entry.checklist.items
        ]
        markdown = (built_site / checklist_download(entry.checklist.id, "md.txt")).read_text(
            "utf-8"
        )
        assert markdown.count("\n- [ ] ") == len(entry.checklist.items)


@pytest.mark.browser
def test_pdf_writes_one_file_per_checklist(tmp_path: Path, catalog: Catalog) -> None:
    flat = _printed(ROOT, tmp_path, catalog)
    checklist = replication_checklist(catalog.practice("p1824-drammen"))
    assert checklist is not None
    for item in checklist.items:
        assert " ".join(item.text.split())[:60] in flat
    assert "Skip to content" not in flat and "Reset this checklist" not in flat


NB = ("--language", "nb")


@pytest.mark.browser
def test_pdf_in_a_language_prints_the_checklists_of_that_site(
    tmp_path: Path, catalog: Catalog
) -> None:
    """``handbook pdf --language nb``: the checklist pages of the nb site (built alone for
    them), whose texts are in Norwegian where translated and which say how much is."""
    project = copy_project(tmp_path / "project", ["nb"])
    flat = _printed(project, tmp_path / "out", catalog, *NB)
    assert "tekstene på denne siden er oversatt" in flat  # a page of the nb site, in Norwegian
    assert not (project / "site").exists()  # the published site is left alone


def test_pdf_without_chromium_says_what_to_install(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("HANDBOOK_CHROMIUM", raising=False)
    assert main(["pdf", "--root", str(ROOT), "--out", str(tmp_path / "out")]) == 1
    assert "no Chromium found: install it" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_checklists_need_no_hand_written_pages(tmp_path: Path) -> None:
    from generator.addresses import CRITERIA_PAGE
    from generator.outputs.registry import all_pages

    shutil.copytree(ROOT / "practices", tmp_path / "practices")
    (tmp_path / "content").mkdir()
    catalog, _ = load_catalog(Project(tmp_path))
    pages = {p.path: p for p in all_pages(catalog)}
    assessment = pages["checklists/assessment.md"].text
    assert f'href="../{CRITERIA_PAGE.removesuffix(".md")}.html"' in assessment
    assert CRITERIA_PAGE in pages


def test_a_text_given_twice_is_one_item_with_one_id(catalog: Catalog) -> None:
    """Item ids come from the text: a repeated text would give two boxes with one id."""
    practice = catalog.practice("p1824-drammen")
    step = practice.steps[0].model_copy(update={"phase": "during"})
    practice = practice.model_copy(
        update={
            "lessons_learnt": [*practice.lessons_learnt, practice.success_factors[0].text],
            "success_factors": [practice.success_factors[0].model_copy(update={"title": None})],
            "steps": [*practice.steps, step, step],
        }
    )
    for checklist in (replication_checklist(practice), phase_checklist("during", [practice])):
        assert checklist is not None
        keys = [item.key for item in checklist.items]
        assert keys and len(keys) == len(set(keys))


def _printed(root: Path, out: Path, catalog: Catalog, *options: str) -> str:
    """``handbook pdf`` of the project at ``root`` into ``out``: one PDF per checklist; the
    text of P1824's replication checklist, its whitespace folded."""
    assert shutil.which("pdftotext"), "pdftotext (poppler-utils) is needed for this check"
    command = [sys.executable, "-m", "generator", "pdf", "--root", str(root), "--out", str(out)]
    done = subprocess.run(  # its own process: the tests' browser already runs Playwright here
        [*command, *options],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert {p.name for p in out.iterdir()} == {
        f"{e.checklist.id}.pdf" for e in catalog.checklist_pages
    }
    text = subprocess.run(
        ["pdftotext", "-layout", str(out / "replication-p1824-drammen.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return " ".join(text.split())
