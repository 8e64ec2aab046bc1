"""The language a page is rendered in: numbers, dates and interface strings, hostile
translations included."""

from __future__ import annotations

import datetime as dt
import gettext
import html
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.outputs import language as languages
from generator.outputs.language import CONTEXT, ENGLISH, Language, speaking
from generator.outputs.render import environment, period_text
from generator.translate.interface import translations_from_po


def po(entries: dict[str, str]) -> str:
    """A handbook.po text with ``entries`` (English -> translation) in the ui context."""
    lines = ['msgid ""', 'msgstr ""', '"Content-Type: text/plain; charset=UTF-8\\n"', ""]
    for source, target in entries.items():
        lines += [f'msgctxt "{CONTEXT}"', f"msgid {quoted(source)}", f"msgstr {quoted(target)}"]
        lines.append("")
    return "\n".join(lines)


def quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def norwegian(entries: dict[str, str]) -> Language:
    return Language("nb", translations_from_po(po(entries), "nb"))


NUMBERS = [0, 7, 310, 6000, 12500, 1234567, 2.5, 0.125, 12.75, 1000000.5, 6000.0]


def test_english_numbers_are_written_as_before() -> None:
    assert languages.number(6000) == "6\u00a0000"
    assert languages.number(6000.0) == "6\u00a0000"
    assert languages.number(2.5) == "2.5"
    assert languages.number(1234567, thousands="") == "1234567"
    assert languages.count(1234) == "1234"
    assert languages.day(dt.date(2026, 11, 1)) == "2026-11-01"
    assert period_text(2019, None) == "since 2019"
    assert period_text(2019, 2022) == "2019\u20132022"


@pytest.mark.parametrize(
    ("code", "thousands", "decimal"),
    [("nb", "\u00a0", ","), ("uk", "\u00a0", ","), ("el", ".", ",")],
)
def test_numbers_take_the_languages_cldr_separators_and_keep_their_digits(
    code: str, thousands: str, decimal: str
) -> None:
    with speaking(Language(code)):
        assert languages.number(12500) == f"12{thousands}500"
        assert languages.number(2.5) == f"2{decimal}5"
        assert languages.count(1234) == f"1{thousands}234"
        for value in NUMBERS:
            shown = languages.number(value)
            exact = repr(int(value) if float(value).is_integer() else value)
            assert re.sub(r"\D", "", shown) == re.sub(r"\D", "", exact), (value, shown)


def test_a_csv_export_asks_for_no_grouping_in_every_language() -> None:
    with speaking(Language("el")):
        assert languages.number(12500.5, thousands="") == "12500,5"
        assert languages.number(12500) == "12.500"


def test_a_translation_is_one_line_without_indentation() -> None:
    with speaking(norwegian({"Guiding questions:": "    kode\n\n    blokk  ", "Goal": "\tMål"})):
        assert languages.gettext("Guiding questions:") == "kode blokk"
        assert languages.gettext("Goal") == "Mål"


def test_dates_and_periods_in_norwegian() -> None:
    with speaking(norwegian({"since %(year)s": "siden %(year)s"})):
        assert languages.day(dt.date(2026, 11, 1)) == "1. november 2026"
        assert period_text(2019, None) == "siden 2019"  # the year is not a number: no separator
        assert period_text(2019, 2022) == "2019\u20132022"


def test_an_untranslated_string_stays_english() -> None:
    with speaking(norwegian({"Country": "Land"})):
        assert languages.gettext("Country") == "Land"
        assert languages.gettext("Scope") == "Scope"
        assert languages.gettext("Source %(number)s", number=3) == "Source 3"


def test_plural_forms_fall_back_to_the_form_units() -> None:
    forms = {"%(num)s practice": "%(num)s praksis", "%(num)s practices": "%(num)s praksiser"}
    with speaking(norwegian(forms)):
        assert languages.ngettext("%(num)s practice", "%(num)s practices", 1) == "1 praksis"
        assert languages.ngettext("%(num)s practice", "%(num)s practices", 1200) == (
            "1\u00a0200 praksiser"
        )


HOSTILE = [
    "<script>alert(1)</script>",
    "{{ 7*7 }}",
    "{%% raw %%}x{%% endraw %%}",
    "[click](javascript:alert(1))",
    "![pixel](https://tracker.example/p.png)",
    '" onmouseover="alert(1)',
    "<img src=x onerror=alert(1)>",
    "*emphasis* `code` **bold** # heading",
    "- a list\n\n# a heading",
    "&lt;script&gt;",
]


@pytest.mark.parametrize("translation", HOSTILE)
def test_a_hostile_translation_is_shown_as_text(translation: str) -> None:
    with speaking(norwegian({"Goal": translation})):
        shown = languages.gettext("Goal")
    assert shown != "Goal"  # it is used, as text
    assert not re.search(r"[<>\[\]`*{}\"#!]", re.sub(r"&#?\w+;", "", shown)), shown
    assert "\n" not in shown
    seen = " ".join(translation.split()).replace("%%", "%")
    assert html.unescape(shown) == seen  # what the reader sees


@pytest.mark.parametrize(
    "translation",
    [
        "Kilde",  # the placeholder dropped
        "Kilde %(number)s %(x)s",  # one added
        "Kilde %(nummer)s",  # renamed
        "Kilde %s",  # not named
        "Kilde %(number)d",  # another conversion
        "100 % Kilde %(number)s",  # a lone percent sign
        "   ",  # empty
    ],
)
def test_a_translation_with_other_placeholders_falls_back_to_english(translation: str) -> None:
    with speaking(norwegian({"Source %(number)s": translation})):
        assert languages.gettext("Source %(number)s", number=3) == "Source 3"


def test_a_placeholders_value_is_inserted_as_the_template_made_it() -> None:
    with speaking(norwegian({"Source %(number)s": "%(number)s. kilde <b>"})):
        shown = languages.gettext("Source %(number)s", number="[3](#source-a)")
    assert shown == "[3](#source-a). kilde &lt;b&gt;"


def test_a_translation_is_never_read_as_a_template() -> None:
    # A lone % is not a translation of a string without placeholders; %% is a percent sign.
    template = environment(norwegian({"Goal": "{{ 7*7 }} {%% raw %%}"})).from_string(
        '## {{ _("Goal") }}\n'
    )
    shown = template.render()
    assert "49" not in shown
    assert shown == "## &#123;&#123; 7&#42;7 &#125;&#125; &#123;% raw %&#125;\n"


def test_the_english_environment_is_the_cached_default() -> None:
    assert environment() is environment(ENGLISH)
    assert environment(Language("nb", gettext.NullTranslations())) is not environment()


@given(st.text(max_size=80))
def test_any_translation_is_shown_as_text_or_not_at_all(translation: str) -> None:
    source = "Source %(number)s"
    translations = gettext.NullTranslations()
    translations.pgettext = lambda context, message: translation  # type: ignore[method-assign]
    with speaking(Language("nb", translations)):
        shown = languages.gettext(source, number="[1](#s)")
    if shown == "Source [1](#s)":
        return  # not used: English
    literal = shown.replace("[1](#s)", "")  # the value, as often as the translation has it
    assert not re.search(r"[<>\[\]`*{}\"#!_\\\\|]", re.sub(r"&#?\w+;", "", literal)), shown
    assert "\n" not in shown and not shown.startswith((" ", "\t"))
