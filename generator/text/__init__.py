"""Record text: what the text fields of records, modules and checklists may contain, and how
it becomes HTML that no site engine can read as anything else.

``subset`` parses a text with the one parser both validation and rendering use and names
every construct outside the accepted subset; ``html`` renders the accepted constructs and
writes them so that Markdown cannot re-read them; ``glossary`` adds the project's own
abbreviation tooltips.
"""
