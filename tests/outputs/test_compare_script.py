"""compare.js and the data scripts it reads agree on the data's shape.

``comparison.DATA_SHAPE`` spells every field of the finder's and the side-by-side view's data.
compare.js reads a field by name through a variable named after its kind (``practice.title``,
``figure.unit``, ``data.facets``); these tests read the script for those names and fail when it
reads a field the data does not have, when the data has a field nobody reads, when a data field
is read past a subscript or a call (``rows[id].title``) where its kind cannot be told, or when a
practice is read by position. ``tests/browser/test_finder.py`` watches the same reads at run time.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from generator.catalog.catalog import load_catalog
from generator.load.project import Project
from generator.outputs import comparison
from generator.outputs.language import ENGLISH, speaking
from generator.translate.reading import site_language
from tests.conftest import ROOT
from tests.outputs.test_comparison import script_value

SCRIPT = ROOT / "overrides" / "assets" / "javascripts" / "compare.js"
SHAPE = comparison.DATA_SHAPE
# compare.js names the finder's data ``data``, and every other kind by its own name.
VARIABLES = {("data" if kind == "finder" else kind): kind for kind in SHAPE}
FIELDS = {field for fields in SHAPE.values() for field in fields}
_STRING = re.compile(r""""(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'""")
_COMMENT = re.compile(r"/\*.*?\*/|//[^\n]*", re.DOTALL)


def code_of(text: str) -> str:
    """The script without its comments and with every string literal emptied."""
    return _COMMENT.sub(" ", _STRING.sub('""', text))


def kind_reads(code: str) -> set[tuple[str, str]]:
    """(kind, field) for every ``kind.field`` in ``code``, also as a property (``view.data.x``).

    ``value`` counts only as a variable: ``input.value`` is the DOM's.
    """
    found: set[tuple[str, str]] = set()
    for variable, kind in VARIABLES.items():
        before = r"[\w$.]" if variable == "value" else r"[\w$]"
        pattern = rf"(?<!{before}){variable}\.([A-Za-z_$][\w$]*)"
        found |= {(kind, field) for field in re.findall(pattern, code)}
    return found


def blind_reads(code: str) -> list[str]:
    """Data field names read after a subscript or a call, where the kind is not named."""
    return [m for m in re.findall(r"[\])]\.([A-Za-z_$][\w$]*)", code) if m in FIELDS]


def positional_reads(code: str) -> list[str]:
    """A practice or any other data object read by a literal position."""
    kinds = "|".join([*VARIABLES, "row"])
    return re.findall(rf"(?<![\w$.])(?:{kinds})\s*\[\s*\d", code)


def test_the_script_reads_only_fields_the_data_has() -> None:
    code = code_of(SCRIPT.read_text("utf-8"))
    reads = kind_reads(code)
    assert reads, "no data read found: the naming convention has changed"
    unknown = sorted((k, f) for k, f in reads if f not in SHAPE[k])
    assert unknown == []
    assert blind_reads(code) == []
    assert positional_reads(code) == []


def test_the_data_has_no_field_the_script_does_not_read() -> None:
    reads = kind_reads(code_of(SCRIPT.read_text("utf-8")))
    unread = sorted(
        (kind, field)
        for kind, fields in SHAPE.items()
        for field in fields
        if (kind, field) not in reads and field not in comparison.FOR_OTHER_READERS.get(kind, ())
    )
    assert unread == []


@pytest.mark.parametrize(
    ("script", "problem"),
    [
        ("var t = practice.titel;", "unknown"),
        ("var u = view.data.practice_link;", "unknown"),
        ("var t = view.practices[id].title;", "blind"),
        ("var t = detailsOf(id).goal;", "blind"),
        ("var t = row[1];", "positional"),
        ("var t = figure [2];", "positional"),
    ],
)
def test_the_checks_catch_each_kind_of_disagreement(script: str, problem: str) -> None:
    code = code_of(script)
    found = {
        "unknown": any(f not in SHAPE[k] for k, f in kind_reads(code)),
        "blind": bool(blind_reads(code)),
        "positional": bool(positional_reads(code)),
    }
    assert found == {p: p == problem for p in found}


def test_strings_and_comments_are_not_read_as_code() -> None:
    code = code_of('/* practice.titel */ var s = "value.nope figure.x"; // data.none\n')
    assert kind_reads(code) == set()


def conforms(value: Any, kind: str, where: str, english: bool = True) -> list[str]:
    """Where ``value`` departs from ``DATA_SHAPE[kind]``: missing or extra fields, wrong rows;
    ``english``: the data of the English site, without the fields of another language's."""
    shape = {
        f: of for f, of in SHAPE[kind].items() if not (english and f in comparison.LANGUAGE_FIELDS)
    }
    if kind == "practice":
        assert isinstance(value, list), where
        if len(value) != len(shape):
            return [f"{where}: {len(value)} fields, not {len(shape)}"]
        value = dict(zip(shape, value, strict=True))
    assert isinstance(value, dict), where
    problems = [f"{where}: fields {sorted(value)} are not {sorted(shape)}"] * (
        set(value) != set(shape)
    )
    for field, of in shape.items():
        if of is not None and field in value:
            for n, item in enumerate(value[field]):
                problems += conforms(item, of, f"{where}.{field}[{n}]", english)
    return problems


@pytest.mark.parametrize("code", ["en", "nb"])
def test_the_data_scripts_have_the_shape_python_declares(code: str) -> None:
    catalog, _ = load_catalog(Project(ROOT))
    language = ENGLISH if code == "en" else site_language(catalog, code)
    with speaking(language):
        pages = {p.path: p for p in comparison.pages(catalog)}
    english = language.is_source
    finder = script_value(pages["compare/practices.js"].text, "window.IH_FINDER")
    fields = [f for f in SHAPE["practice"] if not (english and f in comparison.LANGUAGE_FIELDS)]
    assert list(SHAPE["practice"]) == list(comparison.PRACTICE_FIELDS)
    assert finder["practice_fields"] == fields
    assert conforms(finder, "finder", "finder", english) == []
    assert len(finder["practices"]) == len(catalog.practices) > 0
    for practice in catalog.practices:
        text = pages[f"compare/data/{practice.id}.js"].text
        details = script_value(text, f'window.IH_DETAILS["{practice.id}"]')
        assert conforms(details, "details", practice.id, english) == []


def test_the_shape_check_finds_a_missing_field() -> None:
    broken = {"title": "t"}
    assert conforms(broken, "step", "s") != []
    assert conforms(["too", "short"], "practice", "p") != []
    # A language's data without the names of its English texts, or English data with them.
    assert conforms({"title": "t", "text": "x"}, "step", "s", english=False) != []
    assert conforms({"title": "t", "text": "x", "en": []}, "step", "s") != []
