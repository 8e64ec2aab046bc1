from __future__ import annotations

from pathlib import Path

import pytest

from generator.commands.cli import main
from generator.load.project import Project
from generator.translate.catalogs import MAX_PO_BYTES, po_path, read_po
from generator.translate.check import translation_problems
from generator.translate.units import Domain, Kind
from tests.translate.conftest import set_translation

GOAL = "practice:p1824-drammen:goal"  # "... was to fall by 50% over the project period ..."
GOAL_START = "Prosjektet skulle redusere antallet mellom 18 og 24 år"


def _check(project: Project, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    code = main(["translations", "check", "--root", str(project.root)])
    return code, capsys.readouterr().err.strip().splitlines()


def _line_of(po: Path, context: str) -> int:
    lines = po.read_text("utf-8").split("\n")
    return lines.index(f'msgctxt "{context}"') + 2  # the msgid's line


def test_an_untranslated_project_passes(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["translations", "check", "--root", str(project.root)]) == 0
    assert "keep what their sources need" in capsys.readouterr().out


@pytest.mark.parametrize(
    "translation",
    [
        f"{GOAL_START}, med 40% færre søkere.",  # a number changed
        f"{GOAL_START}, med færre søkere.",  # a number dropped
    ],
)
def test_acceptance_check_fails_on_a_changed_or_dropped_number(
    project: Project, capsys: pytest.CaptureFixture[str], translation: str
) -> None:
    po = po_path(project, "nb", Domain.PRACTICES)
    set_translation(po, GOAL, translation)
    code, lines = _check(project, capsys)
    assert code == 1
    where = f"translations/nb/practices.po:{_line_of(po, GOAL)}:1: '{GOAL}': "
    assert f"{where}a number of the source is missing or changed" in "\n".join(lines)
    assert lines[-1] == "handbook: 1 error(s) in 1 file(s)"


def test_a_translation_keeping_every_number_passes(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    source = next(
        line
        for line in po_path(project, "nb", Domain.PRACTICES).read_text("utf-8").split("\n")
        if line.startswith('msgid "The project aimed')
    )
    numbers = " ".join(w for w in source.split() if any(c.isdigit() for c in w))
    set_translation(po_path(project, "nb", Domain.PRACTICES), GOAL, f"Tall: {numbers}")
    assert _check(project, capsys)[0] == 0


HOSTILE = [
    ("[les mer](javascript:alert(1))", "link to 'javascript:alert(1)' is not allowed"),
    ("tekst <script>alert(1)</script>", "adds raw HTML '<script>'"),
    ("![bilde](https://example.org/x.png)", "adds image 'https://example.org/x.png'"),
    ("tekst {: onclick=alert(1) }", "attribute list"),
    ("**fet** tekst", "adds bold text"),
]


@pytest.mark.parametrize(("translation", "message"), HOSTILE)
def test_a_translation_cannot_bring_markup_into_a_record_field(
    project: Project, capsys: pytest.CaptureFixture[str], translation: str, message: str
) -> None:
    context = "practice:p1824-drammen:success_factors[8].text"  # inline, no number
    po = po_path(project, "nb", Domain.PRACTICES)
    set_translation(po, context, translation.replace('"', '\\"'))
    code, lines = _check(project, capsys)
    assert code == 1
    assert any(
        line.startswith(f"translations/nb/practices.po:{_line_of(po, context)}:1:")
        and message in line
        for line in lines
    ), lines


def test_a_page_translation_keeps_the_links_and_code_and_brings_none(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    context = "page:index:what-counts-as-a-good-practice.1"
    po = po_path(project, "sv", Domain.PAGES)
    set_translation(po, context, "Läs mer i [vad som gör](javascript:alert(1)).")
    code, lines = _check(project, capsys)
    assert code == 1
    text = "\n".join(lines)
    assert "drops the source's link target 'methodology/good-practice.md'" in text
    assert "adds link target 'javascript:alert(1)'" in text


def test_markup_kept_and_changed() -> None:
    source = "See **this** and `code` at [NAV](https://www.nav.no), 12 people."
    kept = "Se **dette** og `code` på [NAV](https://www.nav.no), 12 personer."
    assert list(translation_problems(source, kept, Kind.INLINE)) == []
    changed = "Se dette og `kode` på [NAV](https://nav.no), 12 personer."
    found = list(translation_problems(source, changed, Kind.INLINE))
    assert any("drops the source's code span 'code'" in f for f in found)
    assert any("drops the source's bold text" in f for f in found)
    assert any("link target 'https://www.nav.no'" in f for f in found)
    assert any("pofilter test 'urls'" in f for f in found)
    email = list(translation_problems("Write to a@b.no", "Skriv til oss", Kind.PLAIN))
    assert any("e-mail address" in f for f in email)


@pytest.mark.parametrize(
    ("content", "line", "message"),
    [
        (b'msgid ""\nmsgstr ""\n\nmsgctxt "a"\nmsgid "x"\nmsgstr "\xe6\xf8"\n', 6, "not UTF-8"),
        (b'msgid ""\nmsgstr ""\n\nmsgctxt "a"\nmsgid "x"\nmsgstr "y"\nbogus line\n', 7, "not PO"),
        (b'msgctxt "a"\nmsgid "x"\nmsgstr "y"\n\nmsgctxt "a"\nmsgid "z"\nmsgstr ""\n', 6, "twice"),
        (b'msgid ""\nmsgstr ""\n\nmsgid "x"\n', 4, "missing msgstr"),
        (b'msgid "x"\nmsgstr "\x00"\n', 2, "NUL"),
        (b"<<<<<<< HEAD\n", 1, "not PO"),
        (b'#-#-#-#-#  x  #-#-#-#-#\nmsgid "x"\nmsgstr ""\n', 1, "conflicts"),
        (
            b'msgid ""\nmsgstr "Content-Type: text/plain; charset=ISO-8859-1\\n"\n',
            1,
            "charset",
        ),
    ],
)
def test_a_bad_po_file_is_a_located_problem(
    project: Project,
    capsys: pytest.CaptureFixture[str],
    content: bytes,
    line: int,
    message: str,
) -> None:
    po = po_path(project, "uk", Domain.PAGES)
    po.write_bytes(content)
    code, lines = _check(project, capsys)
    assert code == 1
    assert "Traceback" not in "\n".join(lines)
    (problem,) = [item for item in lines if item.startswith("translations/uk/pages.po:")]
    assert problem.startswith(f"translations/uk/pages.po:{line}:") and message in problem
    assert main(["validate", "--root", str(project.root)]) == 1
    assert "translations/uk/pages.po" in capsys.readouterr().err


def test_a_huge_po_file_is_not_read(tmp_path: Path) -> None:
    po = tmp_path / "big.po"
    with po.open("wb") as out:
        out.truncate(MAX_PO_BYTES + 1)
    read, (problem,) = read_po(po, "nb")
    assert read is None and "too big for a PO file" in problem.message


def test_validate_checks_the_translations(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    set_translation(po_path(project, "es", Domain.PRACTICES), GOAL, "Sin cifras.")
    assert main(["validate", "--root", str(project.root)]) == 1
    assert "translations/es/practices.po:" in capsys.readouterr().err


def test_a_fuzzy_translation_follows_the_source_it_was_made_from(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    po = po_path(project, "nb", Domain.PRACTICES)
    record = project.practices_dir / "p1824-drammen.yaml"
    text = record.read_text("utf-8")
    numbers = "50% 2007 18 24"  # the goal's numbers, kept by the translation
    source = next(line for line in po.read_text("utf-8").split("\n") if "The project aimed" in line)
    assert all(n in source for n in numbers.split())
    set_translation(po, GOAL, f"{GOAL_START}: {numbers}. Ingen andre tall?")
    first = _check(project, capsys)
    record.write_text(text.replace("fall by 50%", "fall by 60%"), "utf-8")
    assert main(["translations", "update", "--root", str(project.root)]) == 0
    capsys.readouterr()
    assert "#, fuzzy" in po.read_text("utf-8")
    assert _check(project, capsys)[0] == first[0]  # not a new error: it is fuzzy


def test_a_po_file_linked_from_outside_is_not_read(
    project: Project, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    secret = tmp_path / "secret.po"
    secret.write_text('msgctxt "a"\nmsgid "x"\nmsgstr "secret"\n', "utf-8")
    po = po_path(project, "nl", Domain.PAGES)
    po.unlink()
    po.symlink_to(secret)
    code, lines = _check(project, capsys)
    assert code == 1
    assert any("outside the project folder; not read" in line for line in lines)
    assert main(["translations", "update", "--root", str(project.root)]) == 1
    assert secret.read_text("utf-8") == 'msgctxt "a"\nmsgid "x"\nmsgstr "secret"\n'


def test_footnotes_and_heading_ids_are_kept() -> None:
    found = list(translation_problems("Section one {#one}", "Del en", Kind.MARKDOWN))
    assert any("drops the source's attribute list (a heading's {#id}) '{#one}'" in f for f in found)
    found = list(translation_problems("A note.[^f]", "En merknad.", Kind.MARKDOWN))
    assert any("footnote reference '[^f]'" in f for f in found)
    assert list(translation_problems("A note.[^f]", "En merknad.[^f]", Kind.MARKDOWN)) == []


def test_check_one_language(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    set_translation(po_path(project, "es", Domain.PRACTICES), GOAL, "Sin cifras.")
    root = str(project.root)
    assert main(["translations", "check", "--root", root, "--language", "nb"]) == 0
    assert main(["translations", "check", "--root", root, "--language", "es"]) == 1
    assert "translations/es/practices.po:" in capsys.readouterr().err


UK_PRACTICES = (
    'msgctxt "ui"\nmsgid "%(num)s practice"\nmsgid_plural "%(num)s practices"\n'
    'msgstr[0] ""\nmsgstr[1] ""\nmsgstr[2] ""'
)


def _uk_forms(project: Project, *forms: str) -> Path:
    po = po_path(project, "uk", Domain.HANDBOOK)
    written = UK_PRACTICES.split("msgstr[0]")[0] + "\n".join(
        f'msgstr[{i}] "{form}"' for i, form in enumerate(forms)
    )
    po.write_text(po.read_text("utf-8").replace(UK_PRACTICES, written), "utf-8")
    return po


def test_every_form_of_a_plural_entry_is_checked_at_its_line(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    original = po_path(project, "uk", Domain.HANDBOOK).read_text("utf-8")
    po = _uk_forms(project, "%(num)s практика", "%(num)s практики", "практик")
    code, lines = _check(project, capsys)
    assert code == 1
    line = po.read_text("utf-8").split("\n").index('msgstr[2] "практик"') + 1
    assert lines[0].startswith(
        f"translations/uk/handbook.po:{line}:1: ui: msgstr[2]: a printf placeholder of the "
        "source is missing or changed (Missing printf variable: %(num)s"
    )
    assert lines[-1] == "handbook: 1 error(s) in 1 file(s)"
    po.write_text(original, "utf-8")
    _uk_forms(project, "%(num)s практика", "%(num)s практики", "%(num)s практик")
    assert main(["translations", "check", "--root", str(project.root)]) == 0


def test_a_plural_form_cannot_bring_markup(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    _uk_forms(project, "%(num)s [практика](javascript:x)", "", "%(num)s <b>практик</b>")
    code, lines = _check(project, capsys)
    assert code == 1
    text = "\n".join(lines)
    assert "msgstr[0]: the translation adds link target 'javascript:x'" in text
    assert "msgstr[2]: the translation adds raw HTML" in text
    assert "msgstr[1]" not in text  # an empty form is untranslated, not wrong
