"""The JSON Schemas of the files editors write, for editors' autocompletion and for tests.

Each is committed as ``schema/<kind>.schema.json`` and referenced from the first line of the
files of that kind; a test fails when a committed schema is stale. A schema accepts what
``handbook validate`` accepts, but for the rules between fields, files or records that its
descriptions state (``tests/test_schema_agreement.py`` holds both to it). Every text field's
description says what its kind of text may contain (``generator.text.subset``).
"""

from __future__ import annotations

import json
from typing import Any, get_args

from pydantic import BaseModel

from generator.model.checklist import Checklist
from generator.model.module import Module
from generator.model.practice import Practice
from generator.text.subset import DESCRIPTION, MAX_LENGTH, Kind, kind_of

MODELS: dict[str, type[BaseModel]] = {
    "practice": Practice,
    "checklist": Checklist,
    "module": Module,
}


def model_schema(kind: str) -> dict[str, Any]:
    model = MODELS[kind]
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **model.model_json_schema(),
    }
    _describe_text(model, schema, schema.get("$defs", {}), set())
    return _portable(schema)  # type: ignore[no-any-return]


def _portable(schema: Any) -> Any:
    """The schema with each pattern that ends at ``$`` saying so for every regex engine.

    In JSON Schema's (ECMA-262) patterns and the validator's, ``$`` is the end of the text;
    in Python's ``re``, which Python's JSON Schema validators use, it also matches before a
    final line break. ``$(?!\n)`` means the end of the text in both.
    """
    if isinstance(schema, dict):
        return {
            key: value + "(?!\\n)"
            if key == "pattern" and isinstance(value, str) and value.endswith("$")
            else _portable(value)
            for key, value in schema.items()
        }
    if isinstance(schema, list):
        return [_portable(item) for item in schema]
    return schema


def schema_text(kind: str = "practice") -> str:
    return json.dumps(model_schema(kind), indent=2, ensure_ascii=False) + "\n"


def _describe_text(
    model: type[BaseModel], target: dict[str, Any], defs: dict[str, Any], done: set[str]
) -> None:
    """Add the accepted text to the description of each text field of ``model``."""
    done.add(model.__name__)
    for name, field in model.model_fields.items():
        prop = target.get("properties", {}).get(name)
        if prop is None:
            continue
        kind = kind_of(field.annotation, field.metadata)
        if kind is not None:
            _note(prop, kind)
        for nested in _models_in(field.annotation):
            if nested.__name__ not in done and nested.__name__ in defs:
                _describe_text(nested, defs[nested.__name__], defs, done)


def _models_in(annotation: object) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in get_args(annotation) for m in _models_in(arg)]


def _note(prop: dict[str, Any], kind: Kind) -> None:
    each = "Each item: " if prop.get("type") == "array" else ""
    text = f"{each}{DESCRIPTION[kind]} At most {MAX_LENGTH[kind]:,} characters."
    prop["description"] = f"{prop['description']} {text}" if "description" in prop else text
    _limit(prop, MAX_LENGTH[kind])


def _limit(schema: dict[str, Any], length: int) -> None:
    """``maxLength`` on every string the property can hold."""
    if schema.get("type") == "string":
        schema["maxLength"] = length
    for key in ("anyOf", "oneOf"):
        for member in schema.get(key, []):
            _limit(member, length)
    if isinstance(schema.get("items"), dict):
        _limit(schema["items"], length)
