"""Which fields hold text for readers: one list for the tests that look for a record's text
on its page and for those that check every text field of a model has a kind."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

# Text fields of records, modules and checklists that hold no text for readers: ids,
# addresses, terms of a vocabulary, references to other documents, a time.
NOT_TEXT = frozenset(
    {
        "id",
        "template",
        "country",
        "scope",
        "placement_phase",
        "target_groups",
        "themes",
        "source",
        "cited_in",
        "url",
        "rating",
        "related_practices",
        "kind",
        "audience",
        "level",
        "start_time",
        "prerequisites",
        "practice",
        "focus",
        "handouts",
        "field",
        "page",
        "phase",
        "qualifier",
    }
)
# And the fields a practice page shows formatted (figures, periods, ages) or not at all.
NOT_SHOWN_AS_TEXT = NOT_TEXT | {
    "last_reviewed",
    "publish",
    "value",
    "value_max",
    "year",
    "unit",
    "min",
    "max",
    "started",
    "ended",
}
PERSONAL = ("name", "email", "phone", "address")


def normal(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


def shown_strings(data: Any, key: str = "") -> Iterator[str]:
    """Every text value of a record that its page must show word for word."""
    if isinstance(data, dict):
        published = data.get("publish", True)
        for k, v in data.items():
            if k in NOT_SHOWN_AS_TEXT or (k in PERSONAL and not published):
                continue
            yield from shown_strings(v, k)
    elif isinstance(data, list):
        for item in data:
            yield from shown_strings(item, key)
    elif isinstance(data, str):
        yield data
