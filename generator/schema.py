"""The JSON Schemas of the files editors write, for editors' autocompletion and for tests.

Each is committed as ``schema/<kind>.schema.json`` and referenced from the first line of the
files of that kind; a test fails when a committed schema is stale.
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
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **MODELS[kind].model_json_schema(),
    }


def schema_text(kind: str = "practice") -> str:
    return json.dumps(model_schema(kind), indent=2, ensure_ascii=False) + "\n"
