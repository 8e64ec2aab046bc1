"""The interface strings as units (``interface_units``) and a handbook.po read back."""

from __future__ import annotations

import gettext
import re
from pathlib import Path

from generator.outputs.language import CONTEXT, placeholders
from generator.translate.interface import LABEL, interface_units, translations_from_po
from generator.translate.units import Domain, Kind

PACKAGE_PARENT = Path(__file__).resolve().parents[2]


def test_every_unit_is_a_ui_string_of_the_handbook_domain() -> None:
    units = interface_units()
    assert len(units) > 200
    assert {u.context for u in units} == {CONTEXT}
    assert {u.domain for u in units} == {Domain.HANDBOOK}
    assert {u.kind for u in units} == {Kind.MARKDOWN}
    assert all(u.label for u in units)


def test_the_same_string_is_one_unit_at_its_first_place() -> None:
    units = interface_units()
    sources = [u.source for u in units]
    assert len(sources) == len(set(sources))
    country = next(u for u in units if u.source == "Country")
    assert (country.file, country.line) == ("generator/templates/catalogue.md.j2", 9)


def test_units_come_in_a_stable_order_templates_then_python() -> None:
    units = interface_units()
    assert units == interface_units()
    files = [u.file for u in units]
    templates = [f for f in files if f.startswith("generator/templates/")]
    assert files[: len(templates)] == templates  # the templates first, by name
    assert templates == sorted(templates)
    assert files[len(templates) :] == sorted(files[len(templates) :])
    assert all(f.startswith("generator/outputs/") for f in files[len(templates) :])


def test_units_name_their_file_and_line() -> None:
    for unit in interface_units():
        path = PACKAGE_PARENT / unit.file
        lines = path.read_text(encoding="utf-8").splitlines()
        assert 1 <= unit.line <= len(lines), unit
        assert unit.file.endswith((".md.j2", ".py"))


def test_the_strings_the_issue_names_are_units() -> None:
    sources = {u.source for u in interface_units()}
    assert {
        "Country",
        "Organisations",
        "Placement phase",
        "aged %(min)s and over",
        "Figure",
        "What it measures",
        "since %(year)s",  # built in Python (render.period_text)
        "Practice finder data",  # a page title of comparison.py
        "%(num)s practice",  # a plural: its singular is the source
        "Schedule",  # a cartridge's overview (templates/cartridge)
    } <= sources


def test_a_plural_is_one_unit_of_its_two_english_forms() -> None:
    units = interface_units()
    plurals = {u.source: u.plural for u in units if u.plural is not None}
    assert plurals == {
        "%(num)s practice": "%(num)s practices",
        "%(num)s country": "%(num)s countries",
        "%(num)s module": "%(num)s modules",
    }
    sources = {u.source for u in units}
    assert not sources & set(plurals.values())  # the plural form is no unit of its own
    practice = next(u for u in units if u.source == "%(num)s practice")
    assert (practice.file, practice.line) == ("generator/templates/catalogue.md.j2", 5)


def test_criteria_and_vocabularies_are_not_interface_units() -> None:
    sources = {u.source for u in interface_units()}
    assert not {"Met", "Partly met", "Gender sensitive"} & sources


def test_a_translator_comment_is_the_label() -> None:
    by_source = {u.source: u for u in interface_units()}
    assert by_source["Source template"].label.startswith("the template (record form)")
    assert by_source["since %(year)s"].label.startswith("the period of a practice")
    assert by_source["Differs"].label.startswith("the marker")
    assert by_source["Goal"].label == LABEL


def test_every_source_has_only_named_placeholders_on_one_line() -> None:
    for unit in interface_units():
        assert unit.source == " ".join(unit.source.split()), unit
        assert placeholders(unit.source) is not None, unit
        assert not re.search(r"\{\{|\{%", unit.source), unit


PO = """\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"

msgctxt "ui"
msgid "Country"
msgstr "Land"

#, fuzzy
msgctxt "ui"
msgid "Scope"
msgstr "Omfang"

msgctxt "ui"
msgid "%(num)s practice"
msgid_plural "%(num)s practices"
msgstr[0] "%(num)s praksis"
msgstr[1] "%(num)s praksiser"
"""


def test_a_po_text_is_compiled_in_memory_without_its_fuzzy_entries() -> None:
    translations = translations_from_po(PO, "nb")
    assert translations.pgettext(CONTEXT, "Country") == "Land"
    assert translations.pgettext(CONTEXT, "Scope") == "Scope"  # fuzzy: not used
    assert translations.pgettext(CONTEXT, "Period") == "Period"
    assert translations.npgettext(CONTEXT, "%(num)s practice", "%(num)s practices", 3) == (
        "%(num)s praksiser"
    )


def test_a_po_text_babel_cannot_read_gives_no_translations() -> None:
    for text in ("", 'msgid "unterminated\n', "\x00\x01 garbage", 'msgstr[99] "x"\n'):
        translations = translations_from_po(text, "nb")
        assert isinstance(translations, gettext.NullTranslations)
        assert translations.pgettext(CONTEXT, "Country") == "Country"
