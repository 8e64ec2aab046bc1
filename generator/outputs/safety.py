"""A last line of defence for pages made from record text: an allowlist HTML sanitizer.

Record text is escaped before it reaches Markdown and unsafe link addresses are validation
errors, so nothing here should ever change a page. It runs anyway, on the rendered HTML of
every page built from records, so that a gap in those two checks cannot reach a reader.
"""

from __future__ import annotations

import nh3

_TAG_NAMES = (
    "a abbr blockquote br caption code dd details div dl dt em h1 h2 h3 h4 h5 h6 hr li ol p "
    "pre span strong sub summary sup table tbody td tfoot th thead tr ul "
    # the checklists' form controls
    "button fieldset form input label legend progress textarea"
)
_TAGS = set(_TAG_NAMES.split())
_ATTRIBUTES = {
    "*": {"id", "class", "title", "lang", "dir"},
    "a": {"href", "download"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "ol": {"start"},
    "input": {"type", "name", "value", "autocomplete", "checked"},
    "label": {"for"},
    "textarea": {"rows", "readonly"},
    "button": {"type"},
    "progress": {"max", "value"},
}
# Set by the templates, never by records (whose text is escaped before it gets here).
_ATTRIBUTE_PREFIXES = {"aria-", "data-"}
_SCHEMES = {"http", "https", "mailto"}


def clean_html(html: str) -> str:
    """``html`` with every tag, attribute and link scheme outside the allowlist removed."""
    return nh3.clean(
        html,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes=_SCHEMES,
        link_rel=None,
        generic_attribute_prefixes=_ATTRIBUTE_PREFIXES,
        strip_comments=True,
    )
