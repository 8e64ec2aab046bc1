"""The JSON Schemas of the files editors write, for editors' autocompletion and for tests.

Each is committed as ``schema/<kind>.schema.json`` and referenced from the first line of the
files of that kind; a test fails when a committed schema is stale. A schema accepts what
``handbook validate`` accepts, but for the rules between fields, files or records that its
descriptions state (``tests/test_schema_agreement.py`` holds both to it).
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

from generator.model.checklist import Checklist
from generator.model.module import Module
from generator.model.practice import Practice

MODELS: dict[str, type[BaseModel]] = {
    "practice": Practice,
    "checklist": Checklist,
    "module": Module,
}


def model_schema(kind: str) -> dict[str, Any]:
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **MODELS[kind].model_json_schema(),
    }
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
