from __future__ import annotations

import json

import pytest

from generator.commands.cli import main
from generator.load.project import Project
from generator.translate.catalogs import po_path
from generator.translate.status import owner
from generator.translate.units import Domain
from tests.translate.conftest import set_translation


def test_owner_of_a_unit() -> None:
    assert owner("practice:p1824-drammen:steps[2].text") == "practice:p1824-drammen"
    assert owner("page:methodology/good-practice:top.1") == "page:methodology/good-practice"
    assert owner("vocabulary:scopes:pilot") == "vocabulary:scopes"
    assert owner("ui") == "ui"


def test_status_counts_translated_fuzzy_untranslated_and_unreviewed(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    po = po_path(project, "nb", Domain.PRACTICES)
    set_translation(po, "practice:p1824-drammen:title_en", "Prosjekt P1824", "unreviewed")
    set_translation(po, "practice:p1824-drammen:summary", "Sammendrag", "fuzzy")
    argv = ["translations", "status", "--root", str(project.root), "--language", "nb"]
    assert main([*argv, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert list(data["languages"]) == ["nb"]
    p1824 = data["languages"]["nb"]["items"]["practice:p1824-drammen"]
    assert p1824["translated"] == 1 and p1824["fuzzy"] == 1 and p1824["unreviewed"] == 1
    assert p1824["untranslated"] == p1824["total"] - 2
    assert p1824["translated_percent"] == 100 // p1824["total"]
    practices = data["languages"]["nb"]["domains"]["practices"]
    assert (practices["translated"], practices["fuzzy"]) == (1, 1)
    assert set(data["languages"]["nb"]["domains"]) == {d.value for d in Domain}
    assert data["languages"]["nb"]["outdated"] == ["practice:p1824-drammen:summary"]
    assert data["languages"]["nb"]["unreviewed"] == ["practice:p1824-drammen:title_en"]
    assert main(argv) == 0
    text = capsys.readouterr().out
    assert text.startswith("nb (Norwegian Bokmål, norsk bokmål)\n")
    row = next(line for line in text.splitlines() if "practice:p1824-drammen" in line)
    assert row.split()[1:4] == [str(p1824["total"]), "1", "1%"]


def test_status_of_every_language_and_a_missing_file(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    po_path(project, "uk", Domain.PAGES).unlink()  # counts the template: untranslated
    assert main(["translations", "status", "--root", str(project.root), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)["languages"]
    assert list(data) == ["nb", "sv", "el", "nl", "es", "uk"]
    assert data["uk"]["all"] == data["nb"]["all"]
    assert data["uk"]["all"]["untranslated_percent"] == 100


def test_status_usage_errors(project: Project) -> None:
    root = str(project.root)
    assert main(["translations", "status", "--root", root, "--language", "de"]) == 2
    assert main(["translations", "frobnicate", "--root", root]) == 2


def test_the_translations_page_lists_what_is_outdated_and_nothing_a_po_file_adds(
    project: Project,
) -> None:
    from generator.catalog.catalog import load_catalog
    from generator.outputs.registry import pages_for

    po = po_path(project, "nb", Domain.PRACTICES)
    set_translation(po, "practice:p1824-drammen:summary", "Sammendrag", "fuzzy")
    hostile = "<script>alert(1)</script>](javascript:alert(1)) **x**"
    with po.open("a", encoding="utf-8") as file:  # an entry no unit has, as a hand edit adds
        file.write(f'\n#, fuzzy\nmsgctxt "{hostile}"\nmsgid "x"\nmsgstr "y"\n')
    catalog, _ = load_catalog(project)
    page = next(p for p in pages_for(catalog, "nb") if p.path == "about/translations.md")
    outdated = page.text.split("\n## ")[-1]
    assert "practice&#58;p1824-drammen&#58;summary" in outdated.replace(":", "&#58;")
    assert "<script" not in page.text and "javascript" not in page.text
    assert "alert" not in page.text


def test_a_plural_entry_is_one_unit_translated_only_with_all_its_forms(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    def ui(code: str) -> dict[str, int]:
        argv = ["translations", "status", "--root", str(project.root), "--format", "json"]
        assert main([*argv, "--language", code]) == 0
        counts: dict[str, int] = json.loads(capsys.readouterr().out)["languages"][code]["items"][
            "ui"
        ]
        return counts

    before = ui("uk")
    po = po_path(project, "uk", Domain.HANDBOOK)
    empty = 'msgid_plural "%(num)s practices"\nmsgstr[0] ""\nmsgstr[1] ""\nmsgstr[2] ""'
    partly = (
        'msgid_plural "%(num)s practices"\nmsgstr[0] "%(num)s практика"\nmsgstr[1] ""\n'
        'msgstr[2] "%(num)s практик"'
    )
    text = po.read_text("utf-8")
    po.write_text(text.replace(empty, partly), "utf-8")
    assert ui("uk")["translated"] == before["translated"] == 0
    assert ui("uk")["total"] == before["total"]  # one unit, not one per form
    po.write_text(
        text.replace(empty, partly.replace('msgstr[1] ""', 'msgstr[1] "%(num)s практики"')), "utf-8"
    )
    after = ui("uk")
    assert (after["translated"], after["untranslated"]) == (1, before["total"] - 1)
