"""The seven good-practice criteria and the ratings, read from ``generator/data/criteria.yaml``."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml


@dataclass(frozen=True)
class Criterion:
    id: str
    name: str
    short: str
    definition: str
    questions: tuple[str, ...]
    allows_not_applicable: bool


@dataclass(frozen=True)
class Rating:
    id: str
    label: str
    description: str


@dataclass(frozen=True)
class CriteriaSet:
    source: str
    criteria: tuple[Criterion, ...]
    ratings: tuple[Rating, ...]

    def criterion(self, criterion_id: str) -> Criterion:
        return next(c for c in self.criteria if c.id == criterion_id)

    def rating(self, rating_id: str) -> Rating:
        return next(r for r in self.ratings if r.id == rating_id)


@cache
def criteria_set() -> CriteriaSet:
    text = resources.files("generator.data").joinpath("criteria.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    return CriteriaSet(
        source=data["source"],
        criteria=tuple(
            Criterion(**{**c, "questions": tuple(c["questions"])}) for c in data["criteria"]
        ),
        ratings=tuple(Rating(**r) for r in data["ratings"]),
    )
