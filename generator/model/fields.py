"""The field types every model shares: strict, and each with the JSON Schema that says the same.

Values are taken exactly as YAML 1.2 reads them (``generator.load``): no text becomes a number,
a true/false or a date on the way (``"2007"`` is text, ``2007`` a year), and ids, codes,
vocabulary terms, dates and addresses are refused with spaces around them. Free text may begin
or end with spaces or line breaks (a ``>`` or ``|`` block ends with one): they are not part of
the text, and pages leave them out; text of nothing but spaces is refused.

So that ``handbook validate`` and an editor's YAML tools judge a file alike, each check here
is one the committed JSON Schema states too; the few it cannot state (a rule between two
fields, files or records) are said in the descriptions.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BeforeValidator,
    Field,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    StringConstraints,
    WithJsonSchema,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, core_schema

from generator.addresses import ID_MAX_LENGTH, SLUG_PATTERN
from generator.problems import shown

DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
URL_PATTERN = r'^(?:https?://[^\s<>"/?#]+[^\s<>"]*|mailto:[^\s<>"]+)$'
PLACEHOLDER_PATTERN = r"^\s*<[^<>\n]+>\s*$"  # a skeleton's "<what to write>", left unfilled
FIGURE_LIMIT = 10**15  # above it a figure is a typo; it also keeps .inf out


Text = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1),
    Field(json_schema_extra={"pattern": r"\S", "not": {"pattern": PLACEHOLDER_PATTERN}}),
]
Slug = Annotated[
    str,
    StringConstraints(pattern=SLUG_PATTERN, max_length=ID_MAX_LENGTH),
    Field(examples=["p1824-drammen"]),
]


def _whole(value: Any) -> Any:
    return int(value) if type(value) is float and value.is_integer() else value


# JSON Schema's integer is any number without a fraction, so 2007.0 is the year 2007. (The
# bounds come first: they then apply to the number, and the schema states them.)
WholeNumber = BeforeValidator(_whole)
Year = Annotated[int, Field(ge=1900, le=2100), WholeNumber]
Age = Annotated[int, Field(ge=0, le=120), WholeNumber]

# A figure's value: a whole or a decimal number, finite. ``not`` of a range no number is in
# refuses NaN, the one value that passes every comparison.
Figure = (
    Annotated[int, Field(ge=-FIGURE_LIMIT, le=FIGURE_LIMIT)]
    | Annotated[
        float,
        Field(
            ge=-FIGURE_LIMIT,
            le=FIGURE_LIMIT,
            allow_inf_nan=False,
            json_schema_extra={"not": {"minimum": 1, "maximum": 0}},
        ),
    ]
)


def _iso_date(value: Any) -> Any:
    if not isinstance(value, str):
        return value  # refused as "expected a date" by the date type itself, unless a date
    if not re.fullmatch(DATE_PATTERN[1:-1], value):
        raise ValueError(f"expected a date such as 2026-01-31; found {shown(value)}")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"expected a real date such as 2026-01-31; found {shown(value)}") from None


Date = Annotated[
    dt.date,
    BeforeValidator(_iso_date),
    WithJsonSchema(
        {
            "type": "string",
            "format": "date",
            "pattern": DATE_PATTERN,
            "description": "A date written as YYYY-MM-DD, such as 2026-01-31.",
        }
    ),
]

_URL = re.compile(URL_PATTERN[1:-1])


def _check_url(value: str) -> str:
    if _URL.fullmatch(value):
        return value
    if re.search(r'[\s<>"]', value):
        raise ValueError(f"expected an address without spaces, quotes or <>; found {shown(value)}")
    if not value.startswith(("http://", "https://", "mailto:")):
        raise ValueError(f"expected an http://, https:// or mailto: address; found {shown(value)}")
    if value.startswith("mailto:"):
        raise ValueError(f"expected an e-mail address after mailto:; found {shown(value)}")
    raise ValueError(f"expected a web address with a host name; found {shown(value)}")


Url = Annotated[str, AfterValidator(_check_url), Field(json_schema_extra={"pattern": URL_PATTERN})]


def _unique(values: list[Any]) -> list[Any]:
    seen = set()
    for value in values:
        if value in seen:
            raise ValueError(f"expected each value once; found {shown(value)} twice")
        seen.add(value)
    return values


@dataclass(frozen=True)
class Unique:
    """Annotation for a list whose items may not repeat (``uniqueItems`` in the schema)."""

    def __get_pydantic_core_schema__(
        self, source: type[Any], handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        return core_schema.no_info_after_validator_function(_unique, handler(source))

    def __get_pydantic_json_schema__(
        self, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {**handler(schema), "uniqueItems": True}


def present(name: str) -> dict[str, Any]:
    """JSON Schema for "the mapping has ``name`` with a value" (an empty value is none)."""
    return {"required": [name], "properties": {name: {"not": {"type": "null"}}}}
