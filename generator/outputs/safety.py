"""A last line of defence for pages made from record text: an allowlist HTML sanitizer.

Safety rests on the core: record text is validated against its subset and rendered, through
a tight allowlist of its own, into HTML that Markdown cannot re-read (``generator.text``), so
nothing here should ever change a page. It runs anyway, from the MkDocs adapter, on the
rendered HTML of every page built from records; other site engines build the same pages
without it. It also drops any id or reference to an id of the theme's own (``__config``,
``__search`` ...), which no template sets.
"""

from __future__ import annotations

import nh3

_TAG_NAMES = (
    "a abbr blockquote br caption code dd details div dl dt em h1 h2 h3 h4 h5 h6 hr li ol p "
    "pre span strong sub summary sup table tbody td tfoot th thead tr ul "
    # the checklists' and the module index's form controls
    "button fieldset form input label legend option progress select textarea"
)
_TAGS = set(_TAG_NAMES.split())
_ATTRIBUTES = {
    "*": {"id", "class", "title", "lang", "dir", "role", "hidden"},
    "a": {"href", "download"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "ol": {"start"},
    "input": {"type", "name", "value", "autocomplete", "checked"},
    "label": {"for"},
    "textarea": {"rows", "readonly"},
    "button": {"type"},
    "progress": {"max", "value"},
    "option": {"value"},
}
# Set by the templates, never by records (whose text is escaped before it gets here).
_ATTRIBUTE_PREFIXES = {"aria-", "data-"}
_SCHEMES = {"http", "https", "mailto"}


_ID_REFERENCES = {"id", "for", "aria-describedby", "aria-labelledby", "aria-controls"}


def _not_the_themes(element: str, attribute: str, value: str) -> str | None:
    if attribute in _ID_REFERENCES and value.lstrip().startswith("__"):
        return None
    return value


def clean_html(html: str) -> str:
    """``html`` with every tag, attribute and link scheme outside the allowlist removed."""
    return nh3.clean(
        html,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        attribute_filter=_not_the_themes,
        url_schemes=_SCHEMES,
        link_rel=None,
        generic_attribute_prefixes=_ATTRIBUTE_PREFIXES,
        strip_comments=True,
    )
