"""The Jinja2 environment of the ``.md.j2`` templates and the filters they share.

Templates write Markdown. Record text may hold Markdown but never raw HTML: the ``text``
filter escapes ``<``, ``>`` and ``&`` so that whatever a record contains is shown as text.
Values placed inside HTML attributes use the ``attr`` filter.
"""

from __future__ import annotations

from functools import cache
from html import escape
from typing import Any, Protocol

import jinja2

from generator.model.criteria import criteria_set
from generator.model.practice import KeyFigure
from generator.model.vocabulary import country_name, label


def text(value: object) -> str:
    """Record text as Markdown that cannot carry raw HTML."""
    return str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def inline(value: object) -> str:
    """Record text for a table cell or list item: escaped, on one line, pipes escaped."""
    return " ".join(text(value).split()).replace("|", "\\|")


def number(value: float, thousands: str = "\u00a0") -> str:
    """6000 -> '6 000' (no-break space), 2.5 -> '2.5'; years are not passed through here."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return f"{value:,}".replace(",", thousands)
    return f"{value:g}"


class FigureValue(Protocol):
    """What ``figure_text`` reads: a record's key figure or an exported one."""

    @property
    def value(self) -> float: ...
    @property
    def value_max(self) -> float | None: ...
    @property
    def qualifier(self) -> str | None: ...
    @property
    def unit(self) -> str: ...


def figure_text(kf: FigureValue, thousands: str = "\u00a0") -> str:
    """A key figure's value as plain text: 'over 80%', 'about 6 000 people', '12-20 ...'."""
    amount = number(kf.value, thousands)
    if kf.value_max is not None:
        amount += "\u2013" + number(kf.value_max, thousands)
    unit = kf.unit
    shown = f"{amount}{unit}" if unit == "%" else f"{amount} {unit}"
    if kf.qualifier:
        shown = f"{label('figure_qualifiers', kf.qualifier)} {shown}"
    return shown


def figure(kf: KeyFigure) -> str:
    """A key figure's value for a page: ``figure_text`` as escaped Markdown."""
    return inline(figure_text(kf))


def attr(value: object) -> str:
    return escape(str(value), quote=True)


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("generator", "templates"),
        autoescape=False,  # Markdown output; record text goes through `text`/`inline`
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters.update(
        text=text,
        inline=inline,
        number=number,
        figure=figure,
        attr=attr,
        country=country_name,
        label=lambda term, vocabulary: label(vocabulary, term),
        rating_label=lambda rating: criteria_set().rating(rating).label,
    )
    env.globals["criteria"] = criteria_set()
    return env


def render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)
