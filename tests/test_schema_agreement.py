"""``handbook validate`` and the committed JSON Schemas accept the same files.

Editors' YAML tools (any editor with the YAML language server) check a file against
``schema/*.json`` as it is typed; ``handbook validate`` checks it with the models. Each case
below changes one thing in a valid practice, checklist or module
(``tests/fixtures/agreement/``), and both judge the result, read as YAML 1.2 by the loader:
they must agree, but for the rules between fields, files or records that a JSON Schema cannot
state. Those are listed in ``RULES`` with the words the schema's descriptions use for them,
and a case that meets one names it. The checks of the Markdown in text fields (links, markup)
are the other exception: the schema's descriptions point to the editors' guide for them.
"""

from __future__ import annotations

import json
import math
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from generator.catalog.catalog import load_catalog
from generator.load.project import Project
from generator.load.yaml_source import read_yaml
from generator.problems import FieldPath, Problem, errors
from generator.validate.documents import text_problems
from generator.validate.schema import MODELS
from tests.conftest import FIXTURES, ROOT

BASE = FIXTURES / "agreement"
FILES = {
    "practice": "practices/agreement.yaml",
    "checklist": "content/checklists/agreement-checklist.yaml",
    "module": "content/modules/agreement-module.yaml",
}

# Rules a JSON Schema cannot state: what validate says when one is broken, and the words of
# the committed schema's descriptions that state it.
RULES: dict[str, tuple[str, str]] = {
    "file-name": ("expected the file name without '.yaml'", "'id' is the file name"),
    "ended-before-started": ("not before 'started'", "'ended' is not before 'started'"),
    "min-above-max": ("not above 'max'", "'min' is not above 'max'"),
    "value-max-above-value": ("expected a value_max above value", "'value_max' is above"),
    "unknown-source": ("unknown source", "every 'source' names one of them"),
    "duplicate-source-id": ("duplicate source id", "the ids of 'sources' differ"),
    "unknown-practice": ("unknown practice", "records in practices/"),
    "related-to-itself": ("cannot be related to itself", "ids of other records"),
    "duration": ("the episodes add up to", "'duration' equals the sum of the episodes"),
    "midnight": ("the agenda runs from", "ends by midnight"),
    "unknown-module": ("unknown module", "ids of other modules"),
    "own-prerequisite": ("cannot be its own prerequisite", "ids of other modules"),
    "unknown-checklist": ("unknown checklist", "'handouts' are ids of checklists"),
    "section-not-filled": ("expected a field the record fills in", "fill in"),
    "duplicate-item": ("duplicate item", "each item is there once"),
    "reserved-id": ("' would ", "not the id of a generated checklist"),
    "unknown-page": ("expected a Markdown page under content/", "a page under content/"),
    "markdown": ("", "handbook validate also checks the links and the markup"),
}

CASES: list[tuple[str, str, str, str, bool | tuple[str, ...]]] = [
    # (name, kind, text to replace, replacement, valid? or the rules it breaks)
    ("as-shipped", "practice", "", "", True),
    ("country-no-unquoted-is-norway", "practice", "country: NO", "country: NO", True),
    ("country-quoted", "practice", "country: NO", 'country: "NO"', True),
    ("country-lowercase", "practice", "country: NO", "country: no", False),
    ("country-padded", "practice", "country: NO", 'country: " NO"', False),
    ("country-number", "practice", "country: NO", "country: 47", False),
    ("year-quoted", "practice", "started: 2016", 'started: "2016"', False),
    ("year-without-fraction", "practice", "started: 2016", "started: 2016.0", True),
    ("year-with-fraction", "practice", "started: 2016", "started: 2016.5", False),
    ("year-leading-zero-is-decimal", "practice", "started: 2016", "started: 02016", True),
    ("year-sexagesimal-is-text", "practice", "started: 2016", "started: 20:16", False),
    ("year-too-early", "practice", "started: 2016", "started: 1899", False),
    ("year-true", "practice", "started: 2016", "started: true", False),
    ("ended-before-started", "practice", "ended: 2020", "ended: 2010", ("ended-before-started",)),
    ("ended-empty", "practice", "ended: 2020", "ended:", True),
    ("figure-quoted", "practice", "value: 428", 'value: "428"', False),
    ("figure-exponent", "practice", "value: 428", "value: 4.28e2", True),
    ("figure-octal", "practice", "value: 428", "value: 0o644", True),
    ("figure-underscore-is-text", "practice", "value: 428", "value: 1_000", False),
    ("figure-infinite", "practice", "value: 428", "value: .inf", False),
    ("figure-not-a-number", "practice", "value: 428", "value: .nan", False),
    ("figure-too-large", "practice", "value: 428", "value: 1e16", False),
    ("figure-boolean", "practice", "value: 428", "value: true", False),
    (
        "figure-range-upside-down",
        "practice",
        "value_max: 500",
        "value_max: 400",
        ("value-max-above-value",),
    ),
    ("figure-year-empty", "practice", "year: 2019", "year:", True),
    (
        "figure-unknown-source",
        "practice",
        "source: report\n  - value",
        "source: nowhere\n  - value",
        ("unknown-source",),
    ),
    ("figure-unknown-qualifier", "practice", "qualifier: about", "qualifier: roughly", False),
    ("publish-no-is-text", "practice", "publish: false", "publish: no", False),
    ("publish-quoted", "practice", "publish: false", 'publish: "false"', False),
    ("publish-capitalised", "practice", "publish: false", "publish: False", True),
    ("publish-true", "practice", "publish: false", "publish: true", True),
    ("publish-one", "practice", "publish: false", "publish: 1", False),
    ("scope-padded", "practice", "scope: local", 'scope: " local "', False),
    ("scope-block-ends-in-a-line-break", "practice", "scope: local", "scope: |\n  local", False),
    ("scope-unknown", "practice", "scope: local", "scope: citywide", False),
    ("title-padded", "practice", "title: Arbeid først", 'title: "  Arbeid først  "', True),
    ("title-spaces-only", "practice", "title: Arbeid først", 'title: "   "', False),
    ("title-empty", "practice", "title: Arbeid først", 'title: ""', False),
    ("title-number", "practice", "title: Arbeid først", "title: 2016", False),
    ("title-yes-is-text", "practice", "title: Arbeid først", "title: yes", True),
    ("title-line-separator", "practice", "title: Arbeid først", "title: Arbeid\u2028først", True),
    ("title-placeholder", "practice", "title: Arbeid først", "title: <the practice's name>", False),
    (
        "title-placeholder-in-a-block",
        "practice",
        "title: Arbeid først",
        "title: |\n  <the practice's name>",
        False,
    ),
    ("title-angle-brackets", "practice", "title: Arbeid først", "title: Ages <16 and >29", True),
    ("phases-repeated", "practice", "[before, during]", "[before, before]", False),
    ("phases-empty", "practice", "[before, during]", "[]", False),
    ("phases-not-a-list", "practice", "[before, during]", "before", False),
    ("themes-repeated", "practice", "individual-follow-up]", "supported-employment]", False),
    ("related-repeated", "practice", "[other]", "[other, other]", False),
    ("related-to-itself", "practice", "[other]", "[agreement]", ("related-to-itself",)),
    ("related-unknown", "practice", "[other]", "[nowhere]", ("unknown-practice",)),
    (
        "not-applicable-elsewhere",
        "practice",
        "gender_sensitive: {rating: not_evidenced}",
        "gender_sensitive: {rating: not_applicable}",
        False,
    ),
    (
        "met-without-evidence",
        "practice",
        "participatory: {rating: not_evidenced}",
        "participatory: {rating: met, source: report}",
        False,
    ),
    (
        "met-with-empty-evidence",
        "practice",
        "participatory: {rating: not_evidenced}",
        "participatory: {rating: met, evidence: null, source: report}",
        False,
    ),
    (
        "partly-without-source",
        "practice",
        "participatory: {rating: not_evidenced}",
        "participatory: {rating: partly, evidence: Some.}",
        False,
    ),
    (
        "not-evidenced-with-evidence",
        "practice",
        "participatory: {rating: not_evidenced}",
        "participatory: {rating: not_evidenced, evidence: Some.}",
        True,
    ),
    ("criterion-missing", "practice", "  participatory: {rating: not_evidenced}\n", "", False),
    ("criterion-unknown-rating", "practice", "{rating: not_evidenced}", "{rating: unknown}", False),
    (
        "age-range-upside-down",
        "practice",
        "min: 16\n  max: 29",
        "min: 30\n  max: 24",
        ("min-above-max",),
    ),
    ("age-without-fraction", "practice", "min: 16", "min: 16.0", True),
    ("age-too-high", "practice", "max: 29", "max: 121", False),
    (
        "date-not-in-calendar",
        "practice",
        "last_reviewed: 2026-01-31",
        "last_reviewed: 2026-02-30",
        False,
    ),
    ("date-quoted", "practice", "last_reviewed: 2026-01-31", 'last_reviewed: "2026-01-31"', True),
    (
        "date-with-time",
        "practice",
        "last_reviewed: 2026-01-31",
        "last_reviewed: 2026-01-31 10:00:00",
        False,
    ),
    ("date-short", "practice", "last_reviewed: 2026-01-31", "last_reviewed: 2026-1-31", False),
    ("date-number", "practice", "last_reviewed: 2026-01-31", "last_reviewed: 20260131", False),
    (
        "date-line-break",
        "practice",
        "last_reviewed: 2026-01-31",
        'last_reviewed: "2026-01-31\\n"',
        False,
    ),
    (
        "url-padded",
        "practice",
        "url: https://example.org/practice",
        'url: " https://example.org/practice"',
        False,
    ),
    (
        "url-line-break",
        "practice",
        "url: https://example.org/practice",
        'url: "https://example.org/practice\\n"',
        False,
    ),
    (
        "url-javascript",
        "practice",
        "url: https://example.org/practice",
        "url: javascript:alert(1)",
        False,
    ),
    (
        "url-capital-scheme",
        "practice",
        "url: https://example.org/practice",
        "url: HTTPS://example.org/",
        False,
    ),
    ("url-without-host", "practice", "url: https://example.org/practice", "url: https:///p", False),
    (
        "url-mailto-without-address",
        "practice",
        "url: mailto:post@example.org",
        'url: "mailto:"',
        False,
    ),
    (
        "url-with-quote",
        "practice",
        "url: https://example.org/practice",
        "url: 'https://example.org/\"x'",
        False,
    ),
    ("id-with-line-break", "practice", "id: agreement", 'id: "agreement\\n"', False),
    ("id-capitals", "practice", "id: agreement", "id: Agreement", False),
    ("id-not-the-file-name", "practice", "id: agreement", "id: agreement-two", ("file-name",)),
    (
        "source-id-repeated",
        "practice",
        "id: review",
        "id: report",
        ("duplicate-source-id", "unknown-source"),
    ),
    (
        "source-cited-in-unknown",
        "practice",
        "cited_in: report",
        "cited_in: nowhere",
        ("unknown-source",),
    ),
    ("field-unknown", "practice", "goal:", "gaol:", False),
    ("step-phase-unknown", "practice", "phase: before", "phase: first", False),
    ("organisations-empty", "practice", "  - name: The local PES office\n", "", True),
    (
        "link-to-script-in-text",
        "practice",
        "goal: To place young people in ordinary work.",
        "goal: See [this](javascript:alert(1)).",
        ("markdown",),
    ),
    ("html-in-text-is-a-warning", "practice", "goal: To place", "goal: <b>To</b> place", True),
    ("summary-not-text", "practice", "summary: >\n  A record", "summary:\n  - A record", False),
    # checklists
    ("as-shipped", "checklist", "", "", True),
    (
        "intro-no-is-text",
        "checklist",
        "intro: Each case changes one thing in it.",
        "intro: NO",
        True,
    ),
    ("item-id-capitals", "checklist", "id: meet-first", "id: Meet_First", False),
    ("item-id-line-break", "checklist", "id: meet-first", 'id: "meet-first\\n"', False),
    ("item-id-number", "checklist", "id: meet-first", "id: 12", False),
    ("hint-padded", "checklist", "hint: Before anything else.", 'hint: " Before. "', True),
    (
        "source-practice-and-page",
        "checklist",
        "{practice: agreement, field: steps}",
        "{practice: agreement, field: steps, page: guide/page.md}",
        False,
    ),
    ("source-neither", "checklist", "{page: guide/page.md}", "{}", False),
    (
        "source-page-with-field",
        "checklist",
        "{page: guide/page.md}",
        "{page: guide/page.md, field: steps}",
        False,
    ),
    (
        "source-empty-practice-and-page",
        "checklist",
        "{page: guide/page.md}",
        "{practice: null, page: guide/page.md}",
        True,
    ),
    ("source-field-only", "checklist", "{page: guide/page.md}", "{field: steps}", False),
    ("source-field-unknown", "checklist", "field: steps}", "field: summary}", False),
    (
        "source-field-not-filled-in",
        "checklist",
        "field: steps}",
        "field: funding}",
        ("section-not-filled",),
    ),
    (
        "source-practice-unknown",
        "checklist",
        "{practice: agreement, field: steps}",
        "{practice: nowhere, field: steps}",
        ("unknown-practice",),
    ),
    (
        "source-page-unknown",
        "checklist",
        "{page: guide/page.md}",
        "{page: guide/none.md}",
        ("unknown-page",),
    ),
    ("one-item-fewer", "checklist", "      - text: An item without a source.\n", "", True),
    (
        "section-without-items",
        "checklist",
        "    items:\n      - text: Read the page.\n        source: {page: guide/page.md}\n"
        "      - text: An item without a source.\n",
        "    items: []\n",
        False,
    ),
    (
        "item-repeated",
        "checklist",
        "Keep trust.",
        "Meet the young person first.",
        ("duplicate-item",),
    ),
    (
        "item-repeated-in-other-words",
        "checklist",
        "Keep trust.",
        "MEET the  young person first.",
        ("duplicate-item",),
    ),
    (
        "reserved-id",
        "checklist",
        "id: agreement-checklist",
        "id: assessment",
        ("file-name", "reserved-id"),
    ),
    ("title-empty", "checklist", "title: A checklist", "title:", False),
    ("audience-a-list", "checklist", "audience: Editors", "audience: [Editors]", False),
    # modules
    ("as-shipped", "module", "", "", True),
    ("start-time-unquoted-is-text", "module", "start_time: 10:30", "start_time: 10:30", True),
    ("start-time-quoted", "module", "start_time: 10:30", 'start_time: "10:30"', True),
    ("start-time-one-digit", "module", "start_time: 10:30", "start_time: 9:30", False),
    ("start-time-24", "module", "start_time: 10:30", "start_time: 24:00", False),
    ("start-time-line-break", "module", "start_time: 10:30", 'start_time: "10:30\\n"', False),
    ("start-time-number", "module", "start_time: 10:30", "start_time: 1030", False),
    ("ends-at-midnight", "module", "start_time: 10:30", "start_time: 23:00", True),
    ("runs-past-midnight", "module", "start_time: 10:30", "start_time: 23:30", ("midnight",)),
    ("duration-not-the-sum", "module", "duration: 60", "duration: 61", ("duration",)),
    ("duration-quoted", "module", "duration: 60", 'duration: "60"', False),
    ("duration-longer-than-a-day", "module", "duration: 60", "duration: 1441", False),
    ("minutes-without-fraction", "module", "teaching: 20", "teaching: 20.0", True),
    ("minutes-negative", "module", "exercises_minutes: 10", "exercises_minutes: -10", False),
    (
        "audience-repeated",
        "module",
        "[new-pes-staff, employers]",
        "[new-pes-staff, new-pes-staff]",
        False,
    ),
    ("audience-empty", "module", "[new-pes-staff, employers]", "[]", False),
    ("level-unknown", "module", "level: introductory", "level: beginner", False),
    ("episode-kind-unknown", "module", "kind: input", "kind: lecture", False),
    ("correct-yes-is-text", "module", "correct: true", "correct: yes", False),
    ("correct-capitalised", "module", "correct: true", "correct: True", True),
    (
        "two-right-answers",
        "module",
        "feedback: Not here.",
        "feedback: Not here.\n        correct: true",
        False,
    ),
    ("no-right-answer", "module", "        correct: true\n", "", False),
    ("one-option", "module", "      - text: Training.\n        feedback: Not here.\n", "", False),
    ("key-figures-no-is-text", "module", "key_figures: true", "key_figures: no", False),
    (
        "handout-unknown",
        "module",
        "[agreement-checklist, replication-agreement]",
        "[agreement-checklist, nowhere]",
        ("unknown-checklist",),
    ),
    (
        "handout-repeated",
        "module",
        "[agreement-checklist, replication-agreement]",
        "[agreement-checklist, agreement-checklist]",
        False,
    ),
    (
        "prerequisite-itself",
        "module",
        "[second-module]",
        "[agreement-module]",
        ("own-prerequisite",),
    ),
    ("prerequisite-unknown", "module", "[second-module]", "[nowhere]", ("unknown-module",)),
    ("prerequisite-repeated", "module", "[second-module]", "[second-module, second-module]", False),
    ("focus-repeated", "module", "[steps, success_factors]", "[steps, steps]", False),
    (
        "focus-not-filled-in",
        "module",
        "[steps, success_factors]",
        "[steps, funding]",
        ("section-not-filled",),
    ),
    (
        "case-practice-unknown",
        "module",
        "  - practice: agreement",
        "  - practice: nowhere",
        ("unknown-practice",),
    ),
    ("objectives-placeholder", "module", "  - Name the first step.", "  - <an objective>", False),
    ("field-unknown", "module", "materials:", "material:", False),
]


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("agreement") / "project"
    shutil.copytree(BASE, project)
    return project


def schema(kind: str) -> Draft202012Validator:
    committed = json.loads((ROOT / "schema" / f"{kind}.schema.json").read_text("utf-8"))
    return Draft202012Validator(committed, format_checker=Draft202012Validator.FORMAT_CHECKER)


def judge(project: Path, kind: str, text: str) -> tuple[list[Problem], list[str], list[str]]:
    """validate's errors for the file, the schema's errors, and the text rules' messages."""
    target = project / FILES[kind]
    original = target.read_bytes()
    target.write_text(text, encoding="utf-8")
    try:
        _, problems = load_catalog(Project(project), workers=1)
        doc, refused = read_yaml(target)
    finally:
        target.write_bytes(original)
    assert doc is not None, f"the case is a YAML error, not a question for the schema: {refused}"
    mine = [p for p in errors(problems) if p.file.name == target.name]
    in_text = [p.message for p in text_problems(doc, MODELS[kind])]
    return mine, [e.message for e in schema(kind).iter_errors(doc.data)], in_text


def broken_rules(problems: list[Problem], in_text: list[str]) -> Iterator[str | None]:
    """The documented rule each error of validate reports; None for any other error."""
    for problem in problems:
        if problem.message in in_text and not problem.message.startswith("placeholder "):
            yield "markdown"  # of the text checks, the schema states the placeholders only
            continue
        yield next(
            (name for name, (said, _) in RULES.items() if said and said in problem.message),
            None,
        )


@pytest.mark.parametrize(
    ("kind", "old", "new", "verdict"),
    [case[1:] for case in CASES],
    ids=[f"{case[1]}-{case[0]}" for case in CASES],
)
def test_validate_and_the_schema_agree(
    project: Path, kind: str, old: str, new: str, verdict: bool | tuple[str, ...]
) -> None:
    text = (BASE / FILES[kind]).read_text("utf-8")
    assert old in text, f"{old!r} is not in the base {kind}"
    problems, schema_errors, in_text = judge(project, kind, text.replace(old, new, 1))
    shown = [p.format(relative_to=project) for p in problems]
    if verdict is True:
        assert (shown, schema_errors) == ([], [])
    elif verdict is False:
        assert shown and schema_errors, f"validate: {shown}; schema: {schema_errors}"
        assert None in set(broken_rules(problems, in_text)), "an error the schema states too"
    else:
        assert schema_errors == [], "a rule the schema cannot state passes the schema"
        assert set(broken_rules(problems, in_text)) == set(verdict), shown


def test_the_corpus_is_large_and_covers_every_kind() -> None:
    assert len(CASES) >= 30
    for kind in FILES:
        verdicts = [case[4] for case in CASES if case[1] == kind]
        assert True in verdicts and False in verdicts and len(verdicts) >= 20
    names = [(case[1], case[0]) for case in CASES]
    assert len(names) == len(set(names))


@pytest.mark.parametrize("name", sorted(RULES))
def test_each_rule_the_schema_cannot_state_is_in_its_descriptions(name: str) -> None:
    committed = " ".join(
        " ".join((ROOT / "schema" / f"{kind}.schema.json").read_text("utf-8").split())
        for kind in FILES
    )
    assert RULES[name][1] in committed.replace("\\n", " ")
    assert any(isinstance(case[4], tuple) and name in case[4] for case in CASES), (
        f"no case breaks {name}"
    )


# The property: anything put in place of any value of the three files, or any key left out.
VALUES: list[Any] = [
    None,
    True,
    False,
    0,
    -1,
    7,
    16,
    60,
    121,
    1900,
    2016,
    2016.0,
    2016.5,
    1e16,
    math.inf,
    math.nan,
    "",
    " ",
    "NO",
    "no",
    "yes",
    "True",
    "10:30",
    "9:30",
    "2016",
    " local ",
    "local",
    "met",
    "not_applicable",
    "before",
    "steps",
    "agreement",
    "other",
    "nowhere",
    "Agreement",
    "agreement\n",
    "report",
    "2026-01-31",
    "2026-02-30",
    "https://example.org/x",
    "mailto:a@example.org",
    "javascript:alert(1)",
    "<to fill in>",
    "Some text.",
    "x\u2028y",
    [],
    ["before", "before"],
    ["before"],
    ["steps"],
    {},
    {"rating": "met"},
]
DROP = object()


def yaml_text(value: Any) -> str:
    """``value`` as YAML 1.2 flow text, so that the loader reads back exactly ``value``."""
    if isinstance(value, float) and not math.isfinite(value):
        return ".nan" if math.isnan(value) else (".inf" if value > 0 else "-.inf")
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(k)}: {yaml_text(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(yaml_text(v) for v in value) + "]"
    return json.dumps(value)


def paths(data: Any, path: FieldPath = ()) -> Iterator[FieldPath]:
    if path:
        yield path
    items = (
        data.items()
        if isinstance(data, dict)
        else enumerate(data)
        if isinstance(data, list)
        else ()
    )
    for key, value in items:
        yield from paths(value, (*path, key))


def replaced(data: Any, path: FieldPath, value: Any) -> Any:
    if not path:
        return value
    head, rest = path[0], path[1:]
    if isinstance(data, dict):
        if rest or value is not DROP:
            return {**data, head: replaced(data[head], rest, value)}
        return {k: v for k, v in data.items() if k != head}
    copy = list(data)
    if rest or value is not DROP:
        copy[head] = replaced(copy[head], rest, value)  # type: ignore[index]
    else:
        del copy[head]  # type: ignore[arg-type]
    return copy


def base_data(kind: str) -> Any:
    doc, _ = read_yaml(BASE / FILES[kind])
    assert doc is not None
    return doc.data


def value_at(data: Any, path: FieldPath) -> Any:
    for part in path:
        data = data[part]
    return data


@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_any_change_gets_the_same_verdict_from_both(project: Path, data: st.DataObject) -> None:
    kind = data.draw(st.sampled_from(sorted(FILES)))
    base = base_data(kind)
    every = list(paths(base))
    path = data.draw(st.sampled_from(every))
    here = value_at(base, path)
    value = data.draw(
        st.sampled_from([DROP, *VALUES])  # a value of any kind, or none
        | st.sampled_from(every).map(lambda other: value_at(base, other))  # one from elsewhere
        | st.just([*here, here[0]] if isinstance(here, list) and here else here)  # one twice
    )
    problems, schema_errors, in_text = judge(project, kind, yaml_text(replaced(base, path, value)))
    shown = [p.format(relative_to=project) for p in problems]
    rules = set(broken_rules(problems, in_text))
    if schema_errors:
        assert problems, f"only the schema refuses it: {schema_errors}"
        assert None in rules, f"the schema refuses what validate puts to a rule: {shown}"
    else:
        assert None not in rules, f"only validate refuses it: {shown}"
