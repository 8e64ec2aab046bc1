"""The project's settings: the ``handbook`` plugin's options in mkdocs.yml.

The core reads them as plain YAML (MkDocs is not imported), so ``handbook validate`` and the
plugin agree on one source. Unknown Python tags in mkdocs.yml are ignored here.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator.problems import Problem, did_you_mean, shown
from generator.translate.languages import CODES

DEFAULT_REVIEW_AFTER_DAYS = 3 * 365


@dataclass(frozen=True)
class Settings:
    # A record whose last_reviewed is older than this is flagged as due for review.
    review_after_days: int = DEFAULT_REVIEW_AFTER_DAYS
    # The languages the handbook is translated into (``languages: [nb, sv]``), in the order
    # of generator.translate.languages; default: all of them. Unknown codes are left out here
    # and reported by ``settings_problems``.
    languages: tuple[str, ...] = CODES


class _Lenient(yaml.SafeLoader):
    """Reads mkdocs.yml as data, turning tags such as !!python/name into None."""


_Lenient.add_multi_constructor("", lambda loader, suffix, node: None)


def read_mkdocs_yml(path: Path) -> dict[str, Any]:
    if not path.is_file():
        return {}
    data = yaml.load(path.read_text("utf-8"), Loader=_Lenient)  # a SafeLoader subclass
    return data if isinstance(data, dict) else {}


def _options(mkdocs_yml: Path) -> dict[str, Any] | None:
    for plugin in read_mkdocs_yml(mkdocs_yml).get("plugins") or []:
        if isinstance(plugin, dict) and isinstance(plugin.get("handbook"), dict):
            options: dict[str, Any] = plugin["handbook"]
            return options
    return None


def read_settings(mkdocs_yml: Path) -> Settings:
    options = _options(mkdocs_yml)
    if options is None:
        return Settings()
    days = options.get("review_after_days", DEFAULT_REVIEW_AFTER_DAYS)
    if not (isinstance(days, int) and days > 0):
        days = DEFAULT_REVIEW_AFTER_DAYS
    chosen = options.get("languages", CODES)
    if isinstance(chosen, list):
        languages = tuple(code for code in CODES if code in chosen)
    else:
        languages = CODES
    return Settings(review_after_days=days, languages=languages)


def settings_problems(mkdocs_yml: Path) -> list[Problem]:
    """What is wrong with the ``languages`` option, located in mkdocs.yml."""
    options = _options(mkdocs_yml)
    if options is None or "languages" not in options:
        return []
    chosen = options["languages"]
    where = _positions(mkdocs_yml)
    field = ("plugins", "handbook", "languages")
    expected = "expected a list of language codes out of " + ", ".join(CODES)
    if not isinstance(chosen, list):
        line, column = where.get(("languages",), (1, 1))
        return [Problem(mkdocs_yml, line, column, field, f"{expected}; found {shown(chosen)}")]
    problems = []
    for index, code in enumerate(chosen):
        if isinstance(code, str) and code in CODES:
            continue
        line, column = where.get(("languages", index), where.get(("languages",), (1, 1)))
        hint = did_you_mean(code, CODES) if isinstance(code, str) else ""
        if code in ("no", "nn"):  # Material has Norwegian as nb
            hint = " (did you mean 'nb'? Norwegian Bokmål)"
        problems.append(
            Problem(
                mkdocs_yml,
                line,
                column,
                (*field, index),
                f"unknown language {shown(code)}{hint}; {expected}",
            )
        )
    return problems


def _positions(mkdocs_yml: Path) -> dict[tuple[str | int, ...], tuple[int, int]]:
    """(line, column) of the handbook plugin's ``languages`` value and of each of its items."""
    try:
        root = yaml.compose(mkdocs_yml.read_text("utf-8"), Loader=_Lenient)
    except (yaml.YAMLError, OSError, UnicodeDecodeError):
        return {}
    found: dict[tuple[str | int, ...], tuple[int, int]] = {}

    def at(node: yaml.Node) -> tuple[int, int]:
        return node.start_mark.line + 1, node.start_mark.column + 1

    plugins = _child(root, "plugins")
    for plugin in plugins.value if isinstance(plugins, yaml.SequenceNode) else []:
        handbook = _child(plugin, "handbook")
        languages = _child(handbook, "languages") if handbook is not None else None
        if languages is not None:
            found[("languages",)] = at(languages)
            if isinstance(languages, yaml.SequenceNode):
                for index, item in enumerate(languages.value):
                    found[("languages", index)] = at(item)
            break
    return found


def _child(node: yaml.Node | None, key: str) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode) and k.value == key:
                return v  # type: ignore[no-any-return]
    return None
