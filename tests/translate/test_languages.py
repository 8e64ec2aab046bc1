from __future__ import annotations

from pathlib import Path

from generator.load.project import Project
from generator.load.settings import read_settings, settings_problems
from generator.translate.languages import CODES, LANGUAGES, language


def test_the_partner_languages_and_their_search() -> None:
    assert CODES == ("nb", "sv", "el", "nl", "es", "uk")
    assert {lang.code: lang.search for lang in LANGUAGES} == {
        "nb": "no",
        "sv": "sv",
        "el": "en",
        "nl": "nl",
        "es": "es",
        "uk": "en",  # Material turns uk into ru
    }
    assert all(lang.theme == lang.code for lang in LANGUAGES)
    assert language("nb").endonym == "norsk bokmål"


def _mkdocs(tmp_path: Path, options: str) -> Path:
    path = tmp_path / "mkdocs.yml"
    path.write_text(f"site_name: x\nplugins:\n  - search\n  - handbook:\n{options}", "utf-8")
    return path


def test_all_languages_by_default(tmp_path: Path) -> None:
    assert read_settings(tmp_path / "mkdocs.yml").languages == CODES
    assert read_settings(_mkdocs(tmp_path, "      review_after_days: 30\n")).languages == CODES


def test_a_project_chooses_its_languages_in_the_order_of_the_list(tmp_path: Path) -> None:
    path = _mkdocs(tmp_path, "      languages: [sv, nb]\n")
    assert read_settings(path).languages == ("nb", "sv")
    assert settings_problems(path) == []


def test_an_unknown_language_is_a_located_problem(tmp_path: Path) -> None:
    path = _mkdocs(tmp_path, "      languages:\n        - nb\n        - 'no'\n")
    (problem,) = settings_problems(path)
    assert (problem.line, problem.column) == (7, 11)
    assert problem.field == ("plugins", "handbook", "languages", 1)
    assert "unknown language 'no' (did you mean 'nb'? Norwegian Bokmål)" in problem.message
    assert read_settings(path).languages == ("nb",)


def test_validate_reports_it(tmp_path: Path) -> None:
    from generator.catalog.catalog import load_catalog
    from tests.conftest import copy_project

    root = copy_project(tmp_path / "p", languages=True)
    yml = root / "mkdocs.yml"
    text = yml.read_text("utf-8")
    shipped = "languages: [nb, sv, el, nl, es, uk]"
    assert shipped in text
    yml.write_text(text.replace(shipped, "languages: de"))
    _, problems = load_catalog(Project(root))
    assert [p.format(root) for p in problems if p.file == yml] == [
        "mkdocs.yml:52:18: plugins.handbook.languages: expected a list of language codes out "
        "of nb, sv, el, nl, es, uk; found 'de'"
    ]
