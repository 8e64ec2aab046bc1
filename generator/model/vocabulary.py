"""The controlled vocabularies, read once from ``generator/data/vocabularies.yaml``.

Each vocabulary is a mapping from the id written in records to the label shown on pages; the
model turns each into a validated string type whose JSON Schema lists the allowed ids.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Annotated, Any

import pycountry
import yaml
from pydantic import AfterValidator, GetCoreSchemaHandler, GetJsonSchemaHandler, WithJsonSchema
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, core_schema

from generator.problems import did_you_mean, shown


@cache
def vocabularies() -> dict[str, dict[str, str]]:
    text = resources.files("generator.data").joinpath("vocabularies.yaml").read_text("utf-8")
    data: dict[str, dict[str, str]] = yaml.safe_load(text)
    return data


def label(vocabulary: str, term: str) -> str:
    return vocabularies()[vocabulary].get(term, term)


@dataclass(frozen=True)
class OneOf:
    """Annotation for a ``str`` that admits only ``terms``, naming them all when it refuses."""

    terms: tuple[str, ...]
    description: str
    notes: tuple[tuple[str, str], ...] = ()  # a refused term -> why it is refused here

    def check(self, value: str) -> str:
        if value not in self.terms:
            hint = dict(self.notes).get(value)
            hint = f" ({hint})" if hint else did_you_mean(value, self.terms)
            raise ValueError(f"expected one of {', '.join(self.terms)}; found {shown(value)}{hint}")
        return value

    def __get_pydantic_core_schema__(
        self, source: type[Any], handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        return core_schema.no_info_after_validator_function(self.check, handler(source))

    def __get_pydantic_json_schema__(
        self, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {"type": "string", "enum": list(self.terms), "description": self.description}


def terms_of(vocabulary: str, description: str) -> OneOf:
    """The ``OneOf`` annotation for one vocabulary of ``vocabularies.yaml``."""
    return OneOf(tuple(vocabularies()[vocabulary]), description)


@cache
def country_codes() -> dict[str, str]:
    """ISO 3166-1 alpha-2 code -> common English name."""
    return {
        c.alpha_2: getattr(c, "common_name", None) or c.name
        for c in sorted(pycountry.countries, key=lambda c: c.alpha_2)
    }


def country_name(code: str) -> str:
    return country_codes().get(code, code)


def _check_country(value: str) -> str:
    codes = country_codes()
    if value not in codes:
        hint = f" (did you mean {value.upper()!r}?)" if value.upper() in codes else ""
        by_name = [code for code, name in codes.items() if name.lower() == value.lower()]
        if by_name:
            hint = f" (did you mean {by_name[0]!r}, the code for {value}?)"
        raise ValueError(
            f"expected an ISO 3166-1 alpha-2 code such as NO or SE; found {shown(value)}{hint}"
        )
    return value


CountryCode = Annotated[
    str,
    AfterValidator(_check_country),
    WithJsonSchema(
        {
            "type": "string",
            "enum": list(country_codes()),
            "description": "ISO 3166-1 alpha-2 country code, such as NO for Norway.",
        }
    ),
]
