"""Plural rules (``generator.translate.plurals``) and the plural interface strings of a
language: its PO file's Plural-Forms, hostile ones included, and the form each count takes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import cast

import pytest

from generator.catalog.catalog import load_catalog
from generator.commands.cli import main
from generator.load.project import Project
from generator.outputs import language as languages
from generator.outputs.language import speaking
from generator.outputs.render import environment
from generator.translate.catalogs import complete, forms, load_translations, po_path, read_po
from generator.translate.check import check_project
from generator.translate.interface import translations_from_po
from generator.translate.languages import CODES
from generator.translate.plurals import header_rule, language_rule
from generator.translate.reading import site_language
from generator.translate.units import Domain
from tests.conftest import ROOT, copy_project

PRACTICE = ("%(num)s practice", "%(num)s practices")
COUNTRY = ("%(num)s country", "%(num)s countries")
MODULE = ("%(num)s module", "%(num)s modules")
UK_RULE = language_rule("uk").header


def _uk() -> languages.Language:
    catalog, problems = load_catalog(Project(ROOT))
    assert not problems
    return site_language(catalog, "uk")


# --- the rules --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "count"), [("nb", 2), ("sv", 2), ("el", 2), ("nl", 2), ("es", 3), ("uk", 3)]
)
def test_each_language_has_babels_rule(code: str, count: int) -> None:
    rule = language_rule(code)
    assert rule.count == count
    assert rule.index(1) == 0
    used, why = header_rule(rule.header, code)  # the header the update writes
    assert why is None and (used.count, used.expression) == (rule.count, rule.expression)
    shipped = (ROOT / "translations" / code / "handbook.po").read_text("utf-8")
    assert f'"Plural-Forms: {rule.header}\\n"' in shipped


def test_ukrainian_takes_one_few_and_many() -> None:
    rule = language_rule("uk")
    assert [rule.index(n) for n in (1, 21, 101)] == [0, 0, 0]
    assert [rule.index(n) for n in (2, 3, 4, 22, 34)] == [1] * 5
    assert [rule.index(n) for n in (0, 5, 11, 12, 14, 20, 25, 111)] == [2] * 8
    assert [rule.example(i) for i in range(3)] == [1, 2, 0]


def test_a_header_written_differently_but_with_the_same_rule_is_used() -> None:
    value = (
        "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : "
        "n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"
    )
    rule, why = header_rule(value, "uk")
    assert why is None
    assert rule.expression != language_rule("uk").expression  # the file's own, compiled
    assert [rule.index(n) for n in (1, 3, 5, 21)] == [0, 1, 2, 0]


HOSTILE_HEADERS = [
    ("nplurals=2; plural=__import__('os')", "nplurals=2, but 'uk' has 3"),
    ("nplurals=3; plural=__import__('os').system('touch /tmp/pwned')", "cannot be used"),
    ("nplurals=3; plural=n/0;", "fails for n=0"),
    ("nplurals=3; plural=n%0;", "fails for n=0"),
    ("nplurals=99999; plural=n;", "nplurals='99999' is not a number of forms"),
    ("nplurals=-1; plural=0;", "is not a number of forms"),
    ("nplurals=x; plural=0;", "is not a number of forms"),
    ("nplurals=3; plural=n;", "gives form 3 for n=3"),
    ("nplurals=3; plural=(n != 1);", "where the rule of 'uk' gives form"),
    ("nplurals=3; plural=" + "(" * 150 + "n" + ")" * 150 + ";", "cannot be used"),
    ("nplurals=3; plural=" + "n+" * 500 + "n;", "characters long"),
    ("nplurals=3", "is not 'nplurals=N; plural=EXPRESSION;'"),
    ("", "is not 'nplurals=N; plural=EXPRESSION;'"),
    (None, "no Plural-Forms"),
]


@pytest.mark.parametrize(("value", "said"), HOSTILE_HEADERS)
def test_a_hostile_or_broken_header_falls_back_to_the_languages_rule(
    value: str | None, said: str
) -> None:
    rule, why = header_rule(value, "uk")
    assert rule == language_rule("uk")
    assert why is not None and said in why, why
    assert UK_RULE in why  # what it should say
    assert not Path("/tmp/pwned").exists()


# --- a language's PO file with plural entries -----------------------------------------------


def _po(header: str | None, *entries: str) -> str:
    lines = ['msgid ""', 'msgstr ""', '"Content-Type: text/plain; charset=UTF-8\\n"']
    if header is not None:
        lines.append('"Plural-Forms: ' + header.replace("\\", "\\\\").replace('"', '\\"') + '\\n"')
    return "\n".join(lines) + "\n\n" + "\n".join(entries)


def _plural_entry(forms: list[str], flags: str = "", source: tuple[str, str] = PRACTICE) -> str:
    lines = [f"#, {flags}"] if flags else []
    lines += ['msgctxt "ui"', f'msgid "{source[0]}"', f'msgid_plural "{source[1]}"']
    lines += [f'msgstr[{i}] "{form}"' for i, form in enumerate(forms)]
    return "\n".join(lines) + "\n"


UK_FORMS = ["%(num)s практика", "%(num)s практики", "%(num)s практик"]


def _uk_project(tmp_path: Path, text: str) -> Project:
    """A copy of the project whose Ukrainian handbook.po is ``text``."""
    project = Project(copy_project(tmp_path / "project", ["uk"], translations=False))
    po = po_path(project, "uk", Domain.HANDBOOK)
    po.parent.mkdir(parents=True)
    po.write_text(text, "utf-8")
    return project


def _shown(project: Project, n: int, source: tuple[str, str] = PRACTICE) -> str:
    catalog, _ = load_catalog(project)
    with speaking(site_language(catalog, "uk")):
        return languages.ngettext(source[0], source[1], n)


@pytest.mark.parametrize(("value", "said"), HOSTILE_HEADERS)
def test_a_hostile_header_is_a_located_problem_and_the_forms_follow_ukrainian(
    tmp_path: Path, value: str | None, said: str
) -> None:
    project = _uk_project(tmp_path, _po(value, _plural_entry(UK_FORMS)))
    po = po_path(project, "uk", Domain.HANDBOOK)
    read, problems = read_po(po, "uk")
    assert read is not None and read.rule == language_rule("uk")
    assert [(p.line, p.field) for p in problems] == [
        (4 if value is not None else 1, ("Plural-Forms",))
    ]
    assert said in problems[0].message
    found = check_project(project, languages=["uk"])
    assert [p.message for p in found] == [problems[0].message]
    assert [_shown(project, n) for n in (1, 3, 5, 21)] == [
        "1 практика",
        "3 практики",
        "5 практик",
        "21 практика",
    ]
    # The test helper's compiled translations never run the header either.
    compiled = translations_from_po(_po(value, _plural_entry(UK_FORMS)), "uk")
    assert compiled.npgettext("ui", *PRACTICE, 5) in ("%(num)s практик", PRACTICE[1])


def test_validate_reports_a_hostile_header_and_update_rewrites_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hostile = "nplurals=2; plural=__import__('os')"
    project = _uk_project(tmp_path, _po(hostile, _plural_entry(UK_FORMS)))
    assert main(["validate", "--root", str(project.root)]) == 1
    err = capsys.readouterr().err
    assert "translations/uk/handbook.po:4:1: Plural-Forms: nplurals=2, but 'uk' has 3" in err
    assert main(["translations", "update", "--root", str(project.root)]) == 0
    text = po_path(project, "uk", Domain.HANDBOOK).read_text("utf-8")
    assert f'"Plural-Forms: {UK_RULE}\\n"' in text and "__import__" not in text
    assert 'msgstr[1] "%(num)s практики"' in text
    assert main(["translations", "check", "--root", str(project.root)]) == 0


def test_more_forms_than_the_language_has_is_a_located_problem(tmp_path: Path) -> None:
    forms = [*UK_FORMS, "%(num)s x", "%(num)s y"]
    project = _uk_project(tmp_path, _po(UK_RULE, _plural_entry(forms)))
    read, problems = read_po(po_path(project, "uk", Domain.HANDBOOK), "uk")
    assert read is None
    assert [p.line for p in problems] == [7]  # the entry's msgid
    assert "more translations than num_plurals" in problems[0].message


def test_a_missing_empty_or_fuzzy_form_is_shown_in_english(tmp_path: Path) -> None:
    text = _po(
        UK_RULE,
        _plural_entry(["%(num)s практика", "", "%(num)s практик"]),
        _plural_entry(["%(num)s країна", "%(num)s країни", "%(num)s країн"], "fuzzy", COUNTRY),
        _plural_entry(["%(num)s модуль", "модулі", "%(num)s модулів"], "", MODULE),
    )
    project = _uk_project(tmp_path, text)
    assert _shown(project, 1) == "1 практика"
    assert _shown(project, 3) == "3 practices"  # the few form is empty
    assert _shown(project, 5) == "5 практик"
    assert _shown(project, 3, COUNTRY) == "3 countries"  # fuzzy: not used
    assert _shown(project, 3, MODULE) == "3 modules"  # the form drops %(num)s: refused
    assert _shown(project, 5, MODULE) == "5 модулів"


def test_an_entry_of_another_english_plural_is_not_used(tmp_path: Path) -> None:
    entry = _plural_entry(UK_FORMS, source=("%(num)s practice", "%(num)s practise"))
    project = _uk_project(tmp_path, _po(UK_RULE, entry))
    assert _shown(project, 5) == "5 practices"
    loaded = load_translations(project, "uk")
    assert loaded["ui\x04%(num)s practice"].plural == "%(num)s practise"


def test_hostile_forms_are_shown_as_text(tmp_path: Path) -> None:
    forms = ["%(num)s <script>x</script>", "%(num)s [a](javascript:x)", "%(num)s *b* `c`"]
    project = _uk_project(tmp_path, _po(UK_RULE, _plural_entry(forms)))
    for n in (1, 3, 5):
        shown = _shown(project, n)
        assert not any(c in shown for c in "<>[]*`"), shown


# --- the handbook's counts in Ukrainian ------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "practices", "countries", "modules"),
    [
        (1, "1 практика", "1 країни", "1 модуль"),
        (3, "3 практики", "3 країн", "3 модулі"),
        (5, "5 практик", "5 країн", "5 модулів"),
        (11, "11 практик", "11 країн", "11 модулів"),
        (21, "21 практика", "21 країни", "21 модуль"),
        (22, "22 практики", "22 країн", "22 модулі"),
        (1000, "1\u00a0000 практик", "1\u00a0000 країн", "1\u00a0000 модулів"),
    ],
)
def test_the_shipped_ukrainian_counts(n: int, practices: str, countries: str, modules: str) -> None:
    uk = _uk()
    ngettext = cast(Callable[..., str], environment(uk).globals["ngettext"])
    assert ngettext(*PRACTICE, n) == practices
    assert ngettext(*COUNTRY, n) == countries
    assert ngettext(*MODULE, n) == modules


def test_every_shipped_language_has_every_form_of_the_handbooks_plurals() -> None:
    for code in CODES:
        read, problems = read_po(ROOT / "translations" / code / "handbook.po", code)
        assert read is not None and problems == []
        plurals = [m for m in read.catalog if m.pluralizable]
        assert len(plurals) == 3
        for message in plurals:
            assert len(forms(message)) == language_rule(code).count
            assert complete(message) and "unreviewed" in message.flags


def test_a_ukrainian_build_writes_its_counts_in_their_forms(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", ["uk"])
    out = tmp_path / "uk"
    assert main(["generate", "--root", str(project), "--out", str(out), "--language", "uk"]) == 0
    docs = out / "docs"
    catalogue = (docs / "practices" / "index.md").read_text("utf-8")
    assert "3 практики з 1 країни." in catalogue
    assert "Норвегія&#58; 3 практики" in (docs / "countries" / "no.md").read_text("utf-8")
    summary = (docs / "compare" / "summary.md").read_text("utf-8")
    assert "3 практики з 1 країни." in summary
    assert "5 модулів, усього" in (docs / "training" / "path.md").read_text("utf-8")
    assert "практик " not in catalogue.split("\n\n")[1]  # not the old "3 практик"
