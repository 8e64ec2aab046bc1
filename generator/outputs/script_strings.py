"""The interface strings that the handbook's own scripts (overrides/assets/javascripts/) show.

Each script writes its English strings itself, by their English text, through
``window.inclusionHandbook`` (handbook.js): ``say(node, "Choose an answer first.")``. Here
they are listed once more, marked with ``script_text`` so that ``handbook translations
update`` extracts them as interface units (context ``ui``, the translator comment above each
saying where it appears); ``tests/outputs/test_script_strings.py`` fails when this list and
the scripts disagree.

A site in another language gets its translations as data (``script_strings``): the theme
writes them into every page as a ``<script type="application/json">`` block (escaped with
``tojson``, so a translation cannot end the block), which handbook.js reads with
``JSON.parse`` and the scripts write only as text. A string without a usable translation is
left out of the block and shown in English, in an element with ``lang="en"``. The English
site has no block: its pages stay as they were.

Counted strings are written so that one form fits every count ("Modules shown: 3 of 5"): the
scripts choose no plural forms.
"""

from __future__ import annotations

from typing import Any

from generator.outputs.language import current, translated_text

EXTRA = "script_strings"  # the key of the strings in the theme's ``extra``


def script_text(message: str) -> str:
    """Marks ``message`` as a string of a script (for extraction); it is returned as is."""
    return message


SCRIPT_STRINGS: tuple[str, ...] = (
    # Translators: the name of the button that opens the site's menu on a phone (access.js)
    script_text("Menu"),
    # Translators: the name of the button that opens the search on a phone, where the theme
    # gives it none (access.js)
    script_text("Search"),
    # Translators: a line above a table that is wider than the screen (access.js, every page)
    script_text("The table is wider than the screen: scroll it sideways."),
    # Translators: the name a screen reader gives a table that scrolls sideways; %(name)s is
    # the table's caption or the heading above it (access.js, every page)
    script_text("Table: %(name)s (scrolls sideways)"),
    # Translators: added to a record's "last reviewed" line once it is due for review;
    # %(days)s is a number of days, more than a year (handbook.js, a practice's page)
    script_text(
        "Due for review (days since the last check: %(days)s); some facts may be out of date."
    ),
    # Translators: the assessment checklist, after "Show the criteria block"; %(criteria)s
    # is the list of the criteria whose evidence is missing, joined by "; " (checklists.js)
    script_text("Evidence is still needed for: %(criteria)s."),
    # Translators: the assessment checklist, after "Show the criteria block" (checklists.js)
    script_text("The criteria block is ready to copy."),
    # Translators: a module's self-check question, "Check my answer" pressed with no answer
    # chosen (training.js)
    script_text("Choose an answer first."),
    # Translators: a module's self-check question, before the feedback of a right answer
    # (training.js)
    script_text("Right."),
    # Translators: a module's self-check question, before the feedback of a wrong answer
    # (training.js)
    script_text("Not quite."),
    # Translators: the training index, under the audience filter; %(shown)s and %(total)s
    # are numbers of modules (training.js)
    script_text("Modules shown: %(shown)s of %(total)s."),
    # Translators: the practice finder's result line; %(shown)s and %(total)s are numbers of
    # practices (compare.js)
    script_text("Practices shown: %(shown)s of %(total)s."),
    # Translators: the practice finder's result line when no practice is left (compare.js)
    script_text("No practice matches these filters."),
    # Translators: the practice finder's button under a long list of results; %(more)s is
    # how many it adds, %(listed)s how many are listed, %(total)s how many match (compare.js)
    script_text("Show %(more)s more (listed: %(listed)s of %(total)s)"),
    # Translators: the practice finder's link to the side-by-side view (compare.js)
    script_text("Compare the ticked practices side by side"),
    # Translators: the practice finder, when more than four practices are ticked; %(count)s
    # is how many (compare.js)
    script_text("Tick at most four practices to compare (ticked: %(count)s)."),
    # Translators: the practice finder, when no practice is ticked for comparison; %(compare)s
    # is the label of the box ticked beside each practice, "Compare" (compare.js)
    script_text("Tick %(compare)s on two to four practices to see them side by side."),
    # Translators: the practice finder, when one practice is ticked for comparison;
    # %(compare)s is the label of the box ticked beside each practice, "Compare" (compare.js)
    script_text(
        "Tick %(compare)s on two to four practices to see them side by side (one is ticked)."
    ),
    # Translators: the label of the box beside each of the practice finder's results that
    # picks it for the side-by-side view (compare.js)
    script_text("Compare"),
    # Translators: the side-by-side view, in a cell whose practice's details are loading
    # (compare.js)
    script_text("Loading…"),
    # Translators: the side-by-side view, in a cell of a field the practice does not state
    # (compare.js)
    script_text("Not stated"),
    # Translators: the marker of a side-by-side row whose practices differ (compare.js)
    script_text("Differs"),
    # Translators: the side-by-side table's corner cell, above the rows' names (compare.js)
    script_text("Field"),
    # Translators: a row of the side-by-side table (compare.js)
    script_text("Country"),
    # Translators: a row of the side-by-side table (compare.js)
    script_text("Scope"),
    # Translators: a row of the side-by-side table (compare.js)
    script_text("Period"),
    # Translators: a row of the side-by-side table (compare.js)
    script_text("Placement phase"),
    # Translators: a row of the side-by-side table (compare.js)
    script_text("Target groups"),
    # Translators: a row of the side-by-side table (compare.js)
    script_text("Themes"),
    # Translators: a row of the side-by-side table (compare.js)
    script_text("Organisations"),
    # Translators: a row of the side-by-side table (compare.js)
    script_text("Goal"),
    # Translators: a row of the side-by-side table (compare.js)
    script_text("Steps or activities"),
    # Translators: a row of the side-by-side table; %(unit)s is the unit the key figures of
    # the row count in, as a record writes it (compare.js)
    script_text("Key figures in %(unit)s"),
    # Translators: a row of the side-by-side table, after the rows "Key figures in ..."
    # (compare.js)
    script_text("Other key figures"),
    # Translators: a row of the side-by-side table (compare.js)
    script_text("Key figures"),
    # Translators: a row of the side-by-side table (compare.js)
    script_text("Success factors"),
    # Translators: a row of the side-by-side table (compare.js)
    script_text("Funding"),
    # Translators: the side-by-side view's status line; %(titles)s is the practices' names,
    # joined by ", " (compare.js)
    script_text("Practices compared: %(titles)s."),
    # Translators: the side-by-side view's status line, when a practice's details could not
    # be read; %(titles)s is their names, joined by ", " (compare.js)
    script_text("Details that could not be loaded: %(titles)s."),
    # Translators: the side-by-side view's status line, with one practice chosen (compare.js)
    script_text("Choose at least one more practice; one is chosen."),
    # Translators: the side-by-side view's status line, with no practice chosen (compare.js)
    script_text("Choose two to four practices to compare."),
    # Translators: the side-by-side table's caption, for screen readers; %(titles)s is the
    # practices' names, joined by ", " (compare.js)
    script_text("Comparison of %(titles)s"),
)


def script_strings() -> dict[str, Any] | None:
    """The theme's ``extra`` setting of the site in the current language: its language and
    each script string that has a usable translation, by its English text; None in English
    (the scripts' own strings are the English ones)."""
    language = current()
    if language.is_source:
        return None
    strings: dict[str, str] = {}
    for message in SCRIPT_STRINGS:
        translation = translated_text(message)
        if translation is not None:
            strings[message] = translation
    return {EXTRA: {"language": language.code, "strings": strings}}
