"""The language menu of each build: every language's root, relative to the built one's."""

from __future__ import annotations

from generator.site.alternates import alternates
from generator.site.handoff import Handoff, decode, encode


def _prefixes(current: str) -> dict[str, str]:
    menu = alternates(current, ("nb", "uk"))
    assert menu is not None and menu
    return {alt.code: alt.prefix for alt in menu.entries}


def test_an_english_only_site_has_no_menu() -> None:
    assert alternates("en", ()) is None


def test_each_language_is_reached_from_each_build() -> None:
    assert _prefixes("en") == {"en": "", "nb": "nb/", "uk": "uk/"}
    assert _prefixes("nb") == {"en": "../", "nb": "", "uk": "../uk/"}
    assert _prefixes("uk") == {"en": "../", "nb": "../nb/", "uk": ""}


def test_the_menu_names_each_language_in_itself_and_marks_the_current_one() -> None:
    menu = alternates("nb", ("nb", "el"))
    assert menu is not None
    assert [(a.code, a.name, a.english_name, a.current) for a in menu.entries] == [
        ("en", "English", "English", False),
        ("nb", "norsk bokmål", "Norwegian Bokmål", True),
        ("el", "Ελληνικά", "Greek", False),
    ]
    assert all(a.coverage is None for a in menu.entries)  # until the translations' status


def test_the_menu_is_plain_data_and_alternate_no_list() -> None:
    """Material writes site-wide hreflang links for a list; the handbook's are per page."""
    menu = alternates("en", ("nb",))
    assert menu is not None
    extra = menu.extra()
    assert extra["alternate"] is True
    assert extra["site_languages"]["entries"][1] == {
        "code": "nb",
        "name": "norsk bokmål",
        "english_name": "Norwegian Bokmål",
        "prefix": "nb/",
        "current": False,
        "coverage": None,
    }


def test_the_handoff_carries_the_language_of_the_run() -> None:
    sent = Handoff([], "0", "nb", ("nb", "uk"))
    assert decode(encode(sent)) == sent
    assert Handoff([], "0").language == "en"
