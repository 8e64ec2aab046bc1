"""The JSON Schema of the records, for editors' autocompletion and for tests."""

from __future__ import annotations

import json
from typing import Any

from generator.model.practice import Practice


def practice_schema() -> dict[str, Any]:
    schema = Practice.model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **schema,
    }


def schema_text() -> str:
    return json.dumps(practice_schema(), indent=2, ensure_ascii=False, sort_keys=False) + "\n"
