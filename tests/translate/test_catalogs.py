from __future__ import annotations

import gettext
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from babel.messages.pofile import read_po as babel_read_po

from generator.catalog.catalog import load_catalog
from generator.commands.cli import main
from generator.load.project import Project
from generator.translate.catalogs import (
    load_translations,
    messages,
    po_bytes,
    po_path,
    previous_id,
    read_po,
    read_po_for_reading,
    template,
    template_path,
    update,
)
from generator.translate.extract import units
from generator.translate.languages import CODES
from generator.translate.units import Domain, Kind, Unit
from tests import golden
from tests.conftest import FIXTURES, copy_project
from tests.translate.conftest import set_translation

SUMMARY = "practice:p1824-drammen:summary"
OLD = "running from 2007/2008 to 2010, that set out to"
NEW = "running from 2007/2008 to 2010, that tried to"


def _entry(po: Path, context: str) -> str:
    """The lines of the entry of ``context``: its comments up to its msgstr."""
    text = po.read_text("utf-8")
    at = text.index(f'msgctxt "{context}"')
    start = text.rfind("\n\n", 0, at) + 2
    return text[start : text.index("\n\n", at)]


def test_the_template_of_a_record(update_golden: bool) -> None:
    catalog, _ = load_catalog(Project(FIXTURES.parent.parent))
    found = [u for u in units(catalog) if u.context.startswith("practice:p1824-drammen:")]
    pot = po_bytes(template(Domain.PRACTICES, found), None).decode("utf-8")
    golden.check(FIXTURES / "translate" / "p1824-drammen.pot", pot, update_golden)


def test_gettext_reads_what_update_writes(project: Project) -> None:
    for path in [template_path(project, Domain.PAGES), po_path(project, "uk", Domain.MODULES)]:
        checked = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)], check=False)
        assert checked.returncode == 0


def test_an_update_again_writes_nothing_and_the_bytes_stay(project: Project) -> None:
    before = {p: p.read_bytes() for p in project.translations_dir.rglob("*.po*")}
    assert len(before) == 35
    again = update(project)
    assert again.written == [] and again.files == 35
    assert {p: p.read_bytes() for p in project.translations_dir.rglob("*.po*")} == before
    text = po_path(project, "nb", Domain.PRACTICES).read_text("utf-8")
    assert "Date" not in text.split("\n\n")[0] and "Generated-By" not in text


def test_acceptance_a_changed_english_sentence_is_fuzzy_in_every_language(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    for lang in CODES:
        set_translation(po_path(project, lang, Domain.PRACTICES), SUMMARY, f"Oversatt ({lang})")
    record = project.practices_dir / "p1824-drammen.yaml"
    text = record.read_text("utf-8")
    assert OLD in text
    record.write_text(text.replace(OLD, NEW), "utf-8")
    assert main(["translations", "update", "--root", str(project.root)]) == 0
    assert "7 of 35 translation file(s) changed" in capsys.readouterr().out
    for lang in CODES:
        entry = _entry(po_path(project, lang, Domain.PRACTICES), SUMMARY)
        assert "#, fuzzy" in entry
        assert f'#| msgid "P1824 was a project of Drammen municipality, {OLD}' in entry
        assert f'\nmsgid "P1824 was a project of Drammen municipality, {NEW}' in entry
        assert entry.endswith(f'msgstr "Oversatt ({lang})"')
        found = load_translations(project, lang)[SUMMARY]
        assert found.fuzzy and found.text == f"Oversatt ({lang})" and NEW in found.source
    # Changed once more: the translation was made from the first source, which stays.
    record.write_text(text.replace(OLD, "running from 2007/2008 to 2010, that wanted to"))
    update(project)
    entry = _entry(po_path(project, "nb", Domain.PRACTICES), SUMMARY)
    assert f'#| msgid "P1824 was a project of Drammen municipality, {OLD}' in entry


def test_an_unchanged_translation_is_kept_with_its_flags_and_comments(project: Project) -> None:
    po = po_path(project, "nb", Domain.PRACTICES)
    set_translation(po, SUMMARY, "Oversatt", flags="unreviewed")
    text = po.read_text("utf-8").replace(
        f'#, unreviewed\nmsgctxt "{SUMMARY}"',
        f'# Kari: sjekk tallene\n#, unreviewed\nmsgctxt "{SUMMARY}"',
    )
    po.write_text(text, "utf-8")
    update(project)
    entry = _entry(po, SUMMARY)
    assert entry.startswith("# Kari: sjekk tallene\n#. summary\n#: practices/p1824-drammen.yaml:")
    assert "#, unreviewed\n" in entry and "fuzzy" not in entry
    found = load_translations(project, "nb")[SUMMARY]
    assert (found.text, found.fuzzy, found.reviewed) == ("Oversatt", False, False)


def test_a_unit_gone_is_kept_obsolete_and_comes_back(project: Project) -> None:
    po = po_path(project, "sv", Domain.PRACTICES)
    context = "practice:p1824-drammen:title_en"
    set_translation(po, context, "Projekt P1824")
    record = project.practices_dir / "p1824-drammen.yaml"
    text = record.read_text("utf-8")
    record.write_text(text.replace("title_en: Project P1824\n", ""), "utf-8")
    update(project)
    written = po.read_text("utf-8")
    assert f'#~ msgctxt "{context}"\n#~ msgid "Project P1824"\n#~ msgstr "Projekt P1824"' in written
    assert context not in load_translations(project, "sv")
    record.write_text(text, "utf-8")
    update(project)
    assert "#~" not in po.read_text("utf-8")
    assert load_translations(project, "sv")[context].text == "Projekt P1824"


def test_interface_strings_are_found_by_context_and_msgid(project: Project) -> None:
    def ui(source: str) -> Unit:
        return Unit(Domain.HANDBOOK, "ui", source, Kind.MARKDOWN, "template", "x.j2", 1)

    catalog, _ = load_catalog(project)
    found = units(catalog)
    assert update(project, [*found, ui("Next"), ui("Back"), ui("Next")]).problems == []
    po = po_path(project, "es", Domain.HANDBOOK)
    lines = po.read_text("utf-8").split("\n")
    at = lines.index('msgid "Next"')
    assert lines[at + 1] == 'msgstr ""'
    lines[at + 1] = 'msgstr "Siguiente"'
    po.write_text("\n".join(lines), "utf-8")
    assert load_translations(project, "es")["ui\x04Next"].text == "Siguiente"
    update(project, [*found, ui("Next page"), ui("Back")])
    text = po.read_text("utf-8")
    assert 'msgid "Next page"\nmsgstr ""' in text  # a new unit, not a fuzzy "Next"
    assert '#~ msgctxt "ui"\n#~ msgid "Next"\n#~ msgstr "Siguiente"' in text


def test_nothing_is_written_while_a_record_is_invalid(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    before = {p: p.read_bytes() for p in project.translations_dir.rglob("*.po*")}
    record = project.practices_dir / "p1824-drammen.yaml"
    record.write_text(
        record.read_text("utf-8").replace(OLD, NEW).replace("scope: local", "scope: x")
    )
    assert main(["translations", "update", "--root", str(project.root)]) == 1
    assert "nothing was written to translations/" in capsys.readouterr().err
    assert {p: p.read_bytes() for p in project.translations_dir.rglob("*.po*")} == before


def test_nothing_is_written_while_a_po_file_is_broken(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    po = po_path(project, "el", Domain.PAGES)
    po.write_bytes(po.read_bytes() + b'\nmsgctxt "x"\nmsgid "y"\nbogus\n')
    before = {p: p.read_bytes() for p in project.translations_dir.rglob("*.po*")}
    record = project.practices_dir / "p1824-drammen.yaml"
    record.write_text(record.read_text("utf-8").replace(OLD, NEW))
    assert main(["translations", "update", "--root", str(project.root)]) == 1
    err = capsys.readouterr().err
    assert "translations/el/pages.po:" in err and "not PO syntax" in err
    assert {p: p.read_bytes() for p in project.translations_dir.rglob("*.po*")} == before


def test_only_the_chosen_languages(project: Project) -> None:
    yml = project.mkdocs_yml
    shipped = "languages: [nb, sv, el, nl, es, uk]"
    yml.write_text(yml.read_text("utf-8").replace(shipped, "languages: [nb]"))
    assert update(project).files == 5 + 5


def test_a_po_file_read_back_keeps_the_previous_msgid(tmp_path: Path) -> None:
    po = tmp_path / "x.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n\n#, fuzzy\n#| msgid ""\n#| "old "\n#| "text"\n'
        'msgctxt "a"\nmsgid "new"\nmsgstr "ny"\n',
        "utf-8",
    )
    read, problems = read_po(po, "nb")
    assert problems == [] and read is not None
    (message,) = [m for m in read.catalog if m.id]
    assert previous_id(message) == "old text" and read.lines == {"a": 9}


def test_every_source_reads_back_exactly_even_a_hostile_page(project: Project) -> None:
    hostile = (
        '# Heading "quoted" \\ back\\slash\n\nA line\twith a tab\nmsgstr "injected"\n'
        '#~ msgid "x"\n\n- `code "with" quotes`\n- \u202eright-to-left \U0001f600\n'
    )
    (project.content_dir / "hostile.md").write_text(hostile, "utf-8")
    assert update(project).problems == []
    catalog, _ = load_catalog(project)
    sources = {u.context: u.source for u in units(catalog)}
    assert sources["page:hostile:heading-quoted-backslash.1"].endswith(
        'msgstr "injected"\n#~ msgid "x"'
    )
    read: dict[str, str] = {}
    for domain in Domain:
        pot, problems = read_po(template_path(project, domain))
        assert problems == [] and pot is not None
        read.update({str(m.context): str(m.id) for m in pot.catalog if m.id})
    assert read == sources


def test_a_translation_that_fails_its_checks_is_not_loaded(project: Project) -> None:
    po = po_path(project, "nb", Domain.PRACTICES)
    catalog, _ = load_catalog(project)
    found = units(catalog)
    context = "practice:p1824-drammen:success_factors[8].text"
    set_translation(po, context, "[Klikk](javascript:alert(1))")
    set_translation(po, "practice:p1824-drammen:title_en", "Prosjekt P1824")
    loaded = load_translations(project, "nb", found)
    assert context not in loaded and loaded["practice:p1824-drammen:title_en"].text


def test_a_write_is_whole_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    from generator.translate.catalogs import write_atomic

    target = tmp_path / "t" / "x.po"
    assert write_atomic(target, b"one") and target.read_bytes() == b"one"
    assert not write_atomic(target, b"one")
    assert write_atomic(target, b"two") and target.read_bytes() == b"two"
    assert [p.name for p in target.parent.iterdir()] == ["x.po"]


def test_the_shipped_catalogs_are_up_to_date_with_their_sources(tmp_path: Path) -> None:
    """What translators receive matches the English of this commit: after a change to a
    record, a page or a template, `handbook translations update` must be run and its files
    committed (this test names them)."""
    shipped = Project(copy_project(tmp_path / "project", languages=True))
    result = update(shipped)
    assert result.problems == []
    changed = [p.relative_to(shipped.root).as_posix() for p in result.written]
    assert changed == [], f"run `handbook translations update`; it changes {changed}"


# --- plural entries ------------------------------------------------------------------------

PLURAL_ENTRY = 'msgctxt "ui"\nmsgid "%(num)s practice"\nmsgid_plural "%(num)s practices"\n'


def _plural_block(po: Path, msgid: str = "%(num)s practice") -> str:
    """The lines of the entry of the interface string ``msgid``, comments included."""
    text = po.read_text("utf-8")
    at = text.index(f'msgctxt "ui"\nmsgid "{msgid}"')
    start = text.rfind("\n\n", 0, at) + 2
    return text[start : text.index("\n\n", at)]


def _old_units(po: Path, singular: str, plural: str, flags: str = "unreviewed") -> None:
    """Make ``po``'s practice(s) entry the two units it was before plural entries."""
    block = _plural_block(po)
    comments = "\n".join(line for line in block.split("\n") if line.startswith("#"))
    comments = "\n".join(line for line in comments.split("\n") if not line.startswith("#,"))
    old = "\n\n".join(
        f'{comments}\n#, {flags}\nmsgctxt "ui"\nmsgid "{source}"\nmsgstr "{text}"'
        for source, text in (("%(num)s practice", singular), ("%(num)s practices", plural))
    )
    po.write_text(po.read_text("utf-8").replace(block, old), "utf-8")


def test_a_plural_is_one_entry_with_a_form_per_plural_form_of_the_language(
    project: Project,
) -> None:
    pot = _plural_block(template_path(project, Domain.HANDBOOK))
    assert pot.endswith(PLURAL_ENTRY + 'msgstr[0] ""\nmsgstr[1] ""')
    assert '"%(num)s practices"' not in pot.replace(PLURAL_ENTRY, "")
    for lang, count in (("nb", 2), ("sv", 2), ("el", 2), ("nl", 2), ("es", 3), ("uk", 3)):
        po = po_path(project, lang, Domain.HANDBOOK)
        forms = "\n".join(f'msgstr[{i}] ""' for i in range(count))
        assert _plural_block(po).endswith(PLURAL_ENTRY + forms)
        assert f'"Plural-Forms: nplurals={count}; plural=' in po.read_text("utf-8")
        assert 'msgid "%(num)s practices"' not in po.read_text("utf-8")


def test_the_two_old_units_become_the_forms_of_the_plural_entry(project: Project) -> None:
    uk, nb = po_path(project, "uk", Domain.HANDBOOK), po_path(project, "nb", Domain.HANDBOOK)
    _old_units(uk, "%(num)s практика", "%(num)s практик")
    _old_units(nb, "%(num)s praksis", "%(num)s praksiser", flags="fuzzy, unreviewed")
    assert update(project).problems == []
    assert _plural_block(uk).endswith(
        "#, unreviewed\n"
        + PLURAL_ENTRY
        + 'msgstr[0] "%(num)s практика"\nmsgstr[1] ""\nmsgstr[2] "%(num)s практик"'
    )  # the few form, which the old units did not have, is left to translate
    nb_entry = _plural_block(nb)
    assert '#, fuzzy, unreviewed\n#| msgid "%(num)s practice"\n#| msgid_plural ' in nb_entry
    assert nb_entry.endswith('msgstr[0] "%(num)s praksis"\nmsgstr[1] "%(num)s praksiser"')
    for po in (uk, nb):
        assert "#~" not in po.read_text("utf-8")  # the old plural unit is not obsolete
    assert update(project).written == []


def test_a_plural_entry_reads_back_with_babel_and_gettext(project: Project) -> None:
    po = po_path(project, "uk", Domain.HANDBOOK)
    text = po.read_text("utf-8").replace(
        PLURAL_ENTRY + 'msgstr[0] ""\nmsgstr[1] ""\nmsgstr[2] ""',
        PLURAL_ENTRY + 'msgstr[0] "%(num)s практика"\nmsgstr[1] "%(num)s практики"\n'
        'msgstr[2] "%(num)s \\"практик\\""',
    )
    po.write_text(
        text.replace(
            "#: generator/templates/catalogue.md.j2:5\nmsgctxt", "#: x\n#, unreviewed\nmsgctxt", 1
        ),
        "utf-8",
    )
    update(project)
    with po.open("rb") as data:
        catalog = babel_read_po(data, locale="uk")
    message = catalog.get(("%(num)s practice", "%(num)s practices"), "ui")
    assert message is not None and message.pluralizable
    assert message.string == ("%(num)s практика", "%(num)s практики", '%(num)s "практик"')
    assert catalog.num_plurals == 3
    if shutil.which("msgfmt"):
        mo = project.root / "uk.mo"
        checked = subprocess.run(["msgfmt", "--check", "-o", str(mo), str(po)], check=False)
        assert checked.returncode == 0
        with mo.open("rb") as compiled:
            translations = gettext.GNUTranslations(compiled)
        shown = [
            translations.npgettext("ui", "%(num)s practice", "%(num)s practices", n)
            for n in (1, 3, 5, 21)
        ]
        assert shown == [
            "%(num)s практика",
            "%(num)s практики",
            '%(num)s "практик"',
            "%(num)s практика",
        ]


def test_a_changed_english_form_makes_the_plural_entry_fuzzy(project: Project) -> None:
    po = po_path(project, "uk", Domain.HANDBOOK)
    forms = (
        'msgstr[0] "%(num)s практика"\nmsgstr[1] "%(num)s практики"\nmsgstr[2] "%(num)s практик"'
    )
    text = po.read_text("utf-8")
    po.write_text(
        text.replace(
            PLURAL_ENTRY + 'msgstr[0] ""\nmsgstr[1] ""\nmsgstr[2] ""', PLURAL_ENTRY + forms
        ),
        "utf-8",
    )
    catalog, _ = load_catalog(project)
    found = units(catalog)

    def changed(singular: str, plural: str) -> list[Unit]:
        return [
            replace(u, source=singular, plural=plural) if u.source == "%(num)s practice" else u
            for u in found
        ]

    # The plural changed: found by the singular, fuzzy, both old forms as the previous msgid.
    assert update(project, changed("%(num)s practice", "%(num)s good practices")).problems == []
    entry = _plural_block(po)
    assert '#, fuzzy\n#| msgid "%(num)s practice"\n#| msgid_plural "%(num)s practices"\n' in entry
    assert entry.endswith('msgid_plural "%(num)s good practices"\n' + forms)
    loaded = load_translations(project, "uk")["ui\x04%(num)s practice"]
    assert loaded.fuzzy and loaded.forms[1] == "%(num)s практики"
    # Then the singular: found by the plural, still fuzzy from the first source.
    assert (
        update(project, changed("%(num)s good practice", "%(num)s good practices")).problems == []
    )
    entry = _plural_block(po, "%(num)s good practice")
    assert '#, fuzzy\n#| msgid "%(num)s practice"\n#| msgid_plural "%(num)s practices"\n' in entry
    assert entry.endswith(forms)
    assert "#~" not in po.read_text("utf-8")
    # Gone: kept obsolete, with its forms.
    update(project, [u for u in found if u.source != "%(num)s practice"])
    text = po.read_text("utf-8")
    assert '#~ msgid_plural "%(num)s good practices"\n#~ msgstr[0] "%(num)s практика"\n' in text
    update(project, changed("%(num)s good practice", "%(num)s good practices"))  # back
    assert "#~" not in po.read_text("utf-8")
    assert _plural_block(po, "%(num)s good practice").endswith(forms)


def test_a_file_read_again_for_reading_is_read_anew_once_its_bytes_change(
    tmp_path: Path,
) -> None:
    path = tmp_path / "handbook.po"
    entry = 'msgctxt "ui"\nmsgid "Goal"\nmsgstr "{}"\n'
    path.write_text(entry.format("Mål"), encoding="utf-8")
    first, _ = read_po_for_reading(path, "nb")
    assert first is not None
    again, _ = read_po_for_reading(path, "nb")
    assert again is first  # the same bytes: not parsed twice
    path.write_text(entry.format("Mæl"), encoding="utf-8")  # the same size, maybe mtime
    changed, _ = read_po_for_reading(path, "nb")
    assert changed is not None and changed is not first
    assert [m.string for m in messages(changed.catalog)] == ["Mæl"]
    path.write_bytes(b"\xff")
    broken, problems = read_po_for_reading(path, "nb")
    assert broken is None and problems
